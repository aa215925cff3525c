// The scan: at each capitalised token, the span of a name and its kind.
#include "recogniser_scanner.hpp"

#include <algorithm>
#include <unordered_set>

namespace depeche::recogniser_detail {

// "les Rangers de New York", "les Blue Jays de Toronto": a plural name that
// no lexicon knows, then "de" and a place, is a team. Returns its last token, or 0.
std::size_t Scanner::sports_team(std::size_t i, std::size_t r_last, std::size_t limit) const {
    const Word& w = words_[i];
    if (w.common || w.acronym || !w.particle.empty() || i == 0 || !joinable(i)) return 0;
    const std::string_view article = words_[i - 1].key;
    if (article != "les" && article != "des" && article != "aux") return 0;
    std::size_t p = r_last + 1;
    if (p >= limit || !joinable(p)) return 0;
    if (!words_[p].cap && (words_[p].key == "de" || words_[p].key == "du")) {
        ++p;
        if (p < limit && joinable(p) && !words_[p].cap && words_[p].key == "la") ++p;  // "de la Floride"
        if (p >= limit || !joinable(p) || (!words_[p].particle.empty() && words_[p].particle != "l")) return 0;
    } else if (!(words_[p].cap && words_[p].particle == "d")) {
        return 0;
    }
    if (lexicon_match(i, limit)) return 0;
    const LexiconMatch place = lexicon_match(p, limit);
    return place.place ? place.last : 0;
}

// A word of sport anywhere in the dispatch, found once and only when a
// nickname is in question (most dispatches never ask).
bool Scanner::sports_report() const {
    if (sports_ < 0) {
        sports_ = 0;
        for (std::size_t i = 0; i < n_ && !sports_; ++i) sports_ = sports_words().count(words_[i].key) != 0;
    }
    return sports_ != 0;
}

// "les Springboks", "des All Blacks": in a sports report, sides are called by a
// nickname, one or two capitalised words in the plural after a plural article,
// that no lexicon knows and that are no French word, first name or nationality
// ("les Bleus", "les Républicains", "les Japonais" are French words and stay
// what they were). Elsewhere such plurals are peoples or regions ("les Boers").
// Returns its last token, or 0.
std::size_t Scanner::team_nickname(std::size_t i, std::size_t r_last, std::size_t limit) const {
    if (i == 0 || !joinable(i) || r_last > i + 1 || r_last >= limit) return 0;
    const std::string_view article = words_[i - 1].key;
    if (words_[i - 1].cap && article != "les") return 0;  // "Les Springboks" opens a sentence
    if (article != "les" && article != "des" && article != "aux") return 0;
    for (std::size_t k = i; k <= r_last; ++k) {
        const Word& w = words_[k];
        if (!w.cap || w.common || w.acronym || tokens_[k].all_caps || !w.particle.empty() || first_name_start(k) ||
            is_demonym(w.key) || (k > i && !(w.gap == kSpace)))
            return 0;
    }
    // Nicknames are mostly English plurals ("Blacks", "Springboks", "Lions");
    // a French plural in -es or a vowel and -s is rather a range or an
    // archipelago the gazetteers lack ("les Carpates", "les Moluques", "les Visayas").
    const std::string_view last = words_[r_last].key;
    if (last.size() < 4 || last.back() != 's') return 0;
    const char before_s = last[last.size() - 2];
    if (std::string_view("aeiouy").find(before_s) != std::string_view::npos) return 0;
    // "les Tuileries de Paris": a complement makes it something else (sports_team reads "de" + a place).
    if (r_last + 1 < n_ && joinable(r_last + 1) &&
        (words_[r_last + 1].particle == "d" || words_[r_last + 1].key == "de" || words_[r_last + 1].key == "du"))
        return 0;
    if (lexicon_match(i, limit) || !sports_report()) return 0;
    return r_last;
}

// "le mouvement En marche !", "la liste Ensemble !": after an organisation
// noun, a capital that no lexicon knows, at most two lower-case words that are
// no function words, and an exclamation mark inside the sentence (a comma, a
// bracket or a lower-case word after it) is a name that ends with its "!":
// French parties write it as part of the name. "le groupe Renault !" at the
// end of a sentence is an exclamation. Returns the last token, or 0.
std::size_t Scanner::exclaimed_last(std::size_t i, std::size_t limit) const {
    auto skip_spaces = [](std::string_view g) {
        while (!g.empty()) {
            if (g.front() == ' ')
                g.remove_prefix(1);
            else if (g.substr(0, 2) == "\xC2\xA0")  // no-break space
                g.remove_prefix(2);
            else if (g.substr(0, 3) == "\xE2\x80\xAF")  // narrow no-break space
                g.remove_prefix(3);
            else
                break;
        }
        return g;
    };
    for (std::size_t j = i; j < limit && j <= i + 2; ++j) {
        if (j > i && (!joinable(j) || words_[j].cap || !words_[j].particle.empty() || tokens_[j].stop)) return 0;
        const std::size_t next = j + 1 < n_ ? tokens_[j + 1].elided_start : text_.size();
        std::string_view gap = skip_spaces(text_.substr(tokens_[j].end, next - tokens_[j].end));
        if (gap.empty() || gap.front() != '!') continue;
        gap = skip_spaces(gap.substr(1));
        const bool inside = gap.empty() ? j + 1 < n_ && !words_[j + 1].cap
                                        : gap.front() == ',' || gap.front() == ')' || gap.front() == ';' ||
                                              gap.substr(0, 2) == "\xC2\xBB";  // »
        return inside && !lexicon_match(i, limit) ? j : 0;
    }
    return 0;
}

// "le XV de France", "du XIII d'Angleterre": rugby writes a national side as
// its number of players and its country, one organisation. The article keeps
// kings out ("Louis XV de France"); a country the lexicons know ends the name.
// Returns its last token, or 0.
std::size_t Scanner::numbered_side(std::size_t i, std::size_t limit) const {
    if (i == 0 || !joinable(i) || !is_text(i, {"XV", "XIII"})) return 0;
    const std::string_view article = words_[i - 1].key;
    if (words_[i - 1].particle.size() || (article != "le" && article != "du" && article != "au")) return 0;
    std::size_t p = i + 1;
    if (p >= limit || !joinable(p)) return 0;
    if (!words_[p].cap && (words_[p].key == "de" || words_[p].key == "du")) {
        ++p;
        if (p >= limit || !joinable(p) || !words_[p].particle.empty()) return 0;
    } else if (!(words_[p].cap && words_[p].particle == "d")) {
        return 0;
    }
    const LexiconMatch country = lexicon_match(p, limit);
    return country.place && names_country(p, limit) ? country.last : 0;
}

// "Ligue nationale de hockey", "Organisation mondiale de la santé": a
// capitalised head of an organisation's name, adjectives in lower case, and up
// to two complements. Returns the last token, or `i` when no adjective follows.
std::size_t Scanner::org_phrase_last(std::size_t i, std::size_t limit) const {
    if (!org_heads().count(words_[i].key)) return i;
    // After a plural complement, a singular adjective agrees with the head:
    // it describes the body rather than naming it ("la Chambre des
    // représentants américaine", "un Conseil des ministres extraordinaire";
    // but "l'Association internationale du transport aérien").
    auto plural = [](std::string_view w) { return !w.empty() && (w.back() == 's' || w.back() == 'x'); };
    auto adjectives = [&](std::size_t j, std::string_view complement = {}) {
        while (j < limit && joinable(j) && !words_[j].cap && words_[j].particle.empty() &&
               is_org_adjective(words_[j].key) && !(plural(complement) && !plural(words_[j].key)))
            ++j;
        return j;  // one past the last adjective
    };
    std::size_t end = adjectives(i + 1);
    // Without an adjective, a complement alone ("Conseil de sécurité", "Cour
    // de cassation"), but not at a sentence start ("Bureau de vote fermé").
    const Word& h = words_[i];
    const bool sentence_start = i == 0 || (h.gap & (kStop | kQuote | kColon | kParagraph));
    if (end == i + 1 && sentence_start) return i;
    for (int complements = 0; complements < 2; ++complements) {
        std::size_t j = end;
        if (j >= limit || !joinable(j) || words_[j].cap) break;
        const std::string_view k = words_[j].key;
        if (k != "de" && k != "du" && k != "des") break;
        ++j;
        if (j < limit && joinable(j) && words_[j].key == "la" && !words_[j].cap) ++j;
        if (j < limit && joinable(j) && words_[j].cap && (words_[j].particle.empty() || words_[j].particle == "l") &&
            (!words_[j].acronym || end > i + 1)) {
            // "Conseil de sécurité des Nations unies", "Conseil de sécurité de
            // l'ONU": a body of a body the lexicons know is one name, as the
            // wire writes it. An acronym only after a phrase that is a name
            // already: "le Conseil de l'UE" may be any council.
            const LexiconMatch inner = lexicon_match(j, limit);
            if (inner.org && !inner.person) end = inner.last + 1;
            break;
        }
        if (j >= limit || !joinable(j) || words_[j].cap || tokens_[j].stop || tokens_[j].numeric) break;
        if (!words_[j].particle.empty() && words_[j].particle != "l") break;
        end = adjectives(j + 1, words_[j].key);
    }
    return end == i + 1 ? i : end - 1;
}

// A place name goes on with a compass point or a regional adjective:
// "Amérique du Nord", "Asie centrale", "Afrique de l'Ouest".
void Scanner::extend_place(Candidate& c, std::size_t limit) const {
    const std::size_t j = c.last + 1;
    if (j >= limit || !joinable(j)) return;
    const Word& w = words_[j];
    if (!w.cap && w.particle.empty() && is_geo_adjective(w.key)) {
        c.last = j;
    } else if (!w.cap && (w.key == "du" || w.key == "de") && j + 1 < limit && joinable(j + 1) && words_[j + 1].cap &&
               is_compass(words_[j + 1].key) && (w.key == "du") == words_[j + 1].particle.empty() &&
               (words_[j + 1].particle.empty() || words_[j + 1].particle == "l")) {
        c.last = j + 1;
        if (c.last + 1 < limit && hyphen_only(c.last + 1) && is_compass(words_[c.last + 1].key)) ++c.last;
    } else {
        return;
    }
    auto known = lex_.places.find(span_key(c.first, c.last));
    c.canonical = known != lex_.places.end() ? known->second : std::string();
}

// Decides the span starting at capitalised token `i`; returns where to go on.
std::size_t Scanner::scan_at(std::size_t i) {
    const Word& w = words_[i];
    const std::size_t limit = next_forced_[i + 1];
    // "le Japonais Yukiya Amano": the nationality is a cue for what follows, no name.
    if (const std::size_t d = demonym_last(i)) return d + 1;
    // "le XIXe siècle", "la note AAA", "le triple A": ranks and ratings.
    if (is_rating(i)) return i + 1;
    if (const std::size_t side = numbered_side(i, limit)) {
        found_.push_back(Candidate{i, side, Guess::org, {}, false, -1, false, {}});
        return side + 1;
    }
    if (is_roman_ordinal(tokens_[i].text))  // "la Ve République": the ordinal's noun is no name either
        return i + 1 < n_ && joinable(i + 1) && words_[i + 1].cap && words_[i + 1].common ? i + 2 : i + 1;
    const Before b = before(i);
    const bool first = first_name_start(i);
    const bool person_cue = b.title || b.role;
    const bool person_mode = first || person_cue;
    const bool org_head = !person_mode && org_heads().count(w.key) && i + 1 < limit && joinable(i + 1);
    std::size_t r_last = run_last(i, limit, person_mode, org_head);
    LexiconMatch m = lexicon_match(i, limit);
    // "la SPA", "LO/NPA": a word of three capitals or fewer is an acronym,
    // not the small town the gazetteers spell the same (Spa, Lo); countries
    // and regions keep their codes' readings through aliases ("USA", "RDC").
    if (m.place && !m.person && !m.org && m.last == i && tokens_[i].all_caps && w.key.size() <= 3 && town(*m.place))
        m = LexiconMatch{};
    const std::size_t span_end = std::max(r_last, m ? m.last : i);
    if (b.vehicle) return span_end + 1;  // "le porte-avions Charles-de-Gaulle"
    // "la rue Gaston-Gallimard", "le stade Maracana": a venue unless a gazetteer knows the name.
    // A person is still a person there ("le pionnier du cinéma Georges Méliès");
    // streets named after one are hyphenated ("la rue Gaston-Gallimard").
    const bool spaced_person = first && r_last > i && !hyphen_only(i + 1);
    // "la place de la Concorde", "le château de Versailles": one place, named
    // whole; not "à la place de Macron" (instead of a person).
    const std::size_t site = site_start(i);
    if (site != static_cast<std::size_t>(-1) && !spaced_person && !person_cue && !(m && m.person)) {
        Candidate c{site, span_end, Guess::place, {}, false, -1, false, {}};
        // "la cathédrale Notre-Dame", "l'église Saint-Sulpice": French calls a
        // church by its dedication alone ("à Notre-Dame"), so the dedication
        // names it, whether the noun is written or not. Not a dedication the
        // gazetteers know as a town ("la basilique Saint-Denis" is no Saint-Denis).
        const std::string_view dedication = w.key;
        if (site + 1 == i && is_church_noun(words_[site].key) && !(m && m.place) &&
            (dedication == "notre" || dedication == "saint" || dedication == "sainte") && i + 1 < n_ &&
            hyphen_only(i + 1))
            c.canonical = span_text(i, span_end);
        found_.push_back(std::move(c));
        return span_end + 1;
    }
    if (b.venue && !(m && m.place && m.last >= r_last) && !spaced_person) return span_end + 1;

    Candidate c{i, r_last, Guess::unknown, {}, false, -1, person_cue, {}};
    if (b.role && w.particle.empty() && joinable(i) && sovereign_titles().count(words_[i - 1].key))
        c.honorific = tokens_[i - 1].text;
    // "le président de la Fifa Sepp Blatter", "le patron de Tesla Elon Musk":
    // a function, "de" and the body or place it serves, then two capitals or
    // more that no lexicon knows: the person who holds it, whatever the first
    // name (one the lexicons know is found below, "person_follows").
    if (m && !m.person && (m.place != nullptr) != (m.org != nullptr) && !person_cue && function_of_before(i)) {
        const std::size_t p = m.last + 1;
        if (p < limit && joinable(p) && words_[p].cap && words_[p].particle.empty() && !words_[p].common &&
            !words_[p].acronym && !hyphen_only(p) && !lexicon_match(p, limit)) {
            const std::size_t p_last = run_last(p, limit, true, false);
            if (p_last > p && !hyphenated(p, p_last)) {
                c.last = m.last;
                c.kind = m.org ? Guess::org : Guess::place;
                c.canonical = m.org ? *m.org : *m.place;
                found_.push_back(std::move(c));
                found_.push_back(Candidate{p, p_last, Guess::person, {}, true, -1, true, {}});
                return p_last + 1;
            }
        }
    }
    // "la maire de Paris Anne Hidalgo", "l'archevêque de Canterbury Rowan
    // Williams": a gazetteer place, then a person.
    if (m && m.place && !m.person && !m.org && !person_cue && m.last < r_last && person_follows(m.last + 1, r_last)) {
        c.last = m.last;
        c.kind = Guess::place;
        c.canonical = *m.place;
        found_.push_back(std::move(c));
        return m.last + 1;
    }
    if (w.acronym || (!taught_.empty() && w.key.size() <= kSigleMax)) {
        // Sigles written as words ("Arcep") are taught too: see run().
        auto t = taught_.find(std::string(w.key));
        if (t != taught_.end()) {
            c.kind = t->second.kind;
            c.canonical = t->second.canonical;
            found_.push_back(std::move(c));
            return i + 1;
        }
    }
    if (w.acronym) {
        // "CFE-CGC", "l'AP-HP", "CGT-FO", "BFM-TV": sigles joined by hyphens
        // name one organisation, unless the lexicons know every one of them
        // (two sides or an alliance: "PSG-OM", "EELV-PS") or one is a place
        // ("USA-URSS", "RDC-ONU"). In a line set in capitals, French words
        // and names the lexicons know whole are no sigles ("SAINT-MALO",
        // "NOVI-SAD").
        std::size_t last = i;
        bool all_known = true, all_common = true, other = false;  // "CM1-CM2": common sigles
        for (std::size_t k = i;; ++k) {
            all_common = all_common && is_common_acronym(words_[k].key);
            const NameEntry* e = lex_.names.find(words_[k].key);
            if (e && !e->named()) e = nullptr;  // only the start of a longer name
            all_known = all_known && e;
            other = other || (e && e->place) || (words_[k].common && words_[k].key.size() > 3);
            if (!(k + 1 < limit && hyphen_only(k + 1) && words_[k + 1].acronym)) {
                last = k;
                break;
            }
        }
        if (last > i && !all_known && !all_common && !other && !(m && m.last >= last)) {
            c.last = last;
            c.kind = Guess::org;
            found_.push_back(std::move(c));
            return last + 1;
        }
    }
    const bool org_run = org_head && r_last > i;
    const std::size_t phrase_last = person_mode ? i : org_phrase_last(i, limit);
    const bool compound = i + 1 < limit && hyphen_only(i + 1) && words_[i + 1].cap;  // "Nouvelle-Guinée"
    if (phrase_last > i && (!m || m.last < phrase_last)) {
        // "un Conseil des ministres consacré à", "d'un Conseil des ministres":
        // a body is named with the definite article; an indefinite one makes
        // the phrase one of its sittings. (A bare "en", "en Conseil des
        // ministres", would too, but the rule cost WikiNEuRal organisations.)
        const std::string_view article = i > 0 && joinable(i) && w.particle.empty() ? words_[i - 1].key : "";
        if (article == "un" || article == "une") return phrase_last + 1;
        c.last = phrase_last;
        c.kind = Guess::org;
        found_.push_back(std::move(c));
        return phrase_last + 1;
    }
    if (b.org && b.org_direct && b.org_start >= i) {
        if (const std::size_t last = exclaimed_last(i, limit)) {
            c.last = last;
            c.kind = Guess::org;
            c.canonical = span_text(i, last) + " !";
            found_.push_back(std::move(c));
            return last + 1;
        }
    }
    if (w.common && !m && !(first && r_last > i) && !person_cue && !org_run && !b.org && !b.facility && !compound) {
        // "Les", "Ce", "Affaires": not a name unless a person of the text ends so.
        if (const std::size_t tail = known_tail(i)) {
            c.last = i + tail - 1;
            c.kind = Guess::person;
            c.corefable = true;
            found_.push_back(std::move(c));
            return i + tail;
        }
        return i + 1;
    }
    if (!person_mode) {
        // "à Londres Philip Hammond": a first name inside the run starts a new name,
        // also as the run's last word when a particle carries the name on to a
        // capital that is no place ("de Total Christophe de Margerie": the run
        // stopped at "de"; not "le Teatro San Carlo de Naples").
        auto name_goes_on = [&](std::size_t p) {
            if (p + 1 >= n_ || !joinable(p + 1) || words_[p + 1].cap) return false;  // "Aston Martin DB4"
            const std::size_t last = run_last(p, limit, true, false);
            std::size_t k = p + 1;  // the capital after the particle
            while (k < last && !words_[k].cap) ++k;
            return last > p && !lexicon_match(k, limit).place;
        };
        // Not a first name joined by a hyphen to the word before: "à
        // Sainte-Marie-Majeure", "Notre-Dame-de-Lorette" are one name.
        for (std::size_t p = i + 1; p <= r_last; ++p)
            if (first_name_start(p) && !hyphen_only(p) && (p < r_last ? words_[p + 1].cap : name_goes_on(p))) {
                r_last = p - 1;
                break;
            }
        c.last = r_last;
        std::size_t team_last = sports_team(i, r_last, limit);
        if (!team_last) team_last = team_nickname(i, r_last, limit);
        if (team_last) {
            c.last = team_last;
            c.kind = Guess::org;
            found_.push_back(std::move(c));
            return team_last + 1;
        }
    }
    if (org_run) {
        // "Haut-Commissariat des Nations unies": a name the lexicons know ends the run.
        for (std::size_t p = i + 1; p <= r_last; ++p)
            if (const LexiconMatch inner = lexicon_match(p, limit); inner && inner.last > r_last) r_last = inner.last;
        c.last = r_last;
    }
    const After a = after(std::max(r_last, m ? m.last : i));
    // "l'aéroport Charles-de-Gaulle", "le groupe Marcel Dassault"; not "le groupe Renault Carlos Ghosn",
    // nor "le secrétaire général du parti présidentiel Jean-François Copé".
    const bool thing_cue = (b.org && b.org_direct && b.org_start >= i && !b.role_over_org) || b.facility;
    // "Clarence House", "Downing Street": an English building or street.
    const std::string_view tail = words_[r_last].key;
    const bool building = r_last > i && words_[r_last].cap && is_building_noun(tail);
    const bool unknown_run = !m || m.last < r_last;
    // "la rédaction de Charlie Hebdo", "le Washington Post": a newspaper's title.
    const bool press = r_last > i && words_[r_last].cap && unknown_run && is_press_tail(tail);
    // "Kia Motors", "Tata Group", "Virgin Airlines": a company, whatever first name opens it.
    const bool company = r_last > i && words_[r_last].cap && unknown_run && is_company_tail(tail);
    // "depuis Newt Gingrich en 1997": "depuis" reads a time as often as a place;
    // capitals no lexicon knows after it are no place by that cue alone.
    const bool place_cue = b.place && !(!m && r_last > i && is_text(i - 1, {"depuis", "Depuis"}));
    // "la ligne Bordeaux-Marseille", "le match Turquie-France", "un vol
    // Paris-Londres": places joined by a hyphen are each a place
    // (lexicon_match stops at the first only when the next is a place too),
    // not one longer name no lexicon knows, nor a person because the first is
    // a first name too ("Pâris"). After a place cue the compound is one place
    // the gazetteers lack ("à Jérusalem-Est", "à Spa-Francorchamps"), and a
    // compass point makes a part of the first ("le Nord-Est").
    if (m && m.place && !m.person && !m.org && m.last < r_last && hyphen_only(m.last + 1) && !person_cue && !b.org &&
        !b.place && !b.facility && !is_compass(words_[m.last + 1].key) && !is_compass(w.key)) {
        c.last = m.last;
        c.kind = Guess::place;
        c.canonical = *m.place;
        found_.push_back(std::move(c));
        return m.last + 1;
    }
    if (b.title || (b.role && unknown_run) ||
        (first && !thing_cue && r_last > i && unknown_run && !building && !press && !company &&
         !joins_places(i, r_last, m)) ||
        town_then_surname(i, r_last, m, b)) {
        c.kind = Guess::person;
        c.corefable = true;
        // "M. d'Estaing", as "le duc d'Orléans" and "M. de Villepin": the
        // particle after a title is the name's.
        if (b.title && w.particle == "d") {
            c.elision_named = true;
            const std::size_t from = tokens_[i].elided_start;
            c.canonical = collapse_spaces(text_.substr(from, tokens_[c.last].end - from));
        }
    } else if (m && m.last >= r_last) {
        c.last = m.last;
        c.kind = resolve_lexicon(m, b, a, i, c);
    } else if (is_venue_tail(tail) && r_last > i && words_[r_last].cap) {
        c.kind = Guess::place;  // "le Groupama Stadium": a place, as "le stade Maracana"
    } else if (b.org || org_run || press || company || (r_last == i && !m && is_federal_body(w.key))) {
        c.kind = Guess::org;
        if (w.acronym) c.last = acronym_name_last(i, limit);  // "l'équipe UAE Emirates"
    } else if (building || b.facility || (place_cue && !b.place_article && !w.acronym)) {
        c.kind = Guess::place;
        // "en Prusse", "la ville de X": a cue seldom put before a person,
        // which names the word elsewhere in the dispatch (resolve_coreference).
        c.cued = b.place_strong || b.facility;
    } else if (w.acronym) {
        // Roman numerals and codes by numbers ("300 SL", "DS 19") are no organisations.
        const bool by_number = (i + 1 < n_ && joinable(i + 1) && tokens_[i + 1].numeric) ||
                               (i > 0 && joinable(i) && tokens_[i - 1].numeric);
        if (is_roman_numeral(w.key) || (w.key.size() == 2 && by_number) || is_common_acronym(w.key)) return i + 1;
        c.kind = Guess::org;
        c.last = acronym_name_last(i, limit);
    } else {
        // A run longer than the lexicon knows, with no cue, is another thing
        // ("London Business School", "Washington Post"): only weak cues remain.
        // "l'Elysée a indiqué": after an article, a speaker is an institution.
        c.corefable = true;
        // "Contacté par Franceinfo, le député a dit": after an article, the
        // function may open the next clause's subject; a full name before it
        // is still the person it describes ("Hashim Thaçi, le président du Kosovo").
        const bool described = a.role && (!a.role_article || (r_last > i && !hyphenated(i, r_last)));
        if ((b.speech || a.speech || described) && !after_article(i))
            c.kind = Guess::person;
        else if (a.business)
            c.kind = Guess::org;
        else if (r_last > i && lex_.surnames.count(std::string(words_[r_last].key)) && !words_[i].common &&
                 !hyphenated(i, r_last))
            c.kind = Guess::person;
        else if (r_last == i && !m && !w.common && lex_.surnames.count(std::string(w.key)))
            // "avec Churchill, Roosevelt et Staline": a surname of the lexicon
            // alone in a list of people (lone_surname_person). A person unless
            // another name of the dispatch says what it is (resolve_coreference).
            c.lone_surname = lone_surname_person(i, limit);
    }
    if (c.kind == Guess::org && c.first == c.last && c.last + 1 < limit && joinable(c.last + 1)) {
        // "le Sénat espagnol", "le Congrès américain": an institution every state
        // has, named by a capitalised common noun, then a nationality: that
        // state's body, one name (not the French Sénat of the lexicons).
        const Word& adj = words_[c.last + 1];
        if ((w.common || org_heads().count(w.key)) && !adj.cap && adj.particle.empty() &&
            is_nationality_adjective(adj.key)) {
            ++c.last;
            c.canonical.clear();
        }
    }
    if (c.kind == Guess::place) {
        // "la mer du Nord", "l'Europe du Nord" without the lexicons: not the département.
        if (c.first == c.last && is_compass(w.key) && b.weak_place && !b.place) return i + 1;
        if (b.geo_noun) c.first = i - 1;  // "la mer Noire"
        extend_place(c, limit);
    }
    if (c.kind == Guess::org && b.org_start < i) {
        // The name began at the first capital after the cue noun.
        while (!found_.empty() && found_.back().first >= b.org_start) found_.pop_back();
        c.first = b.org_start;
        c.canonical.clear();
    }
    // "la Commission", "le Conseil": a generic head alone names nothing the
    // lexicons could tell apart.
    if (c.kind == Guess::org && c.first == c.last && c.canonical.empty() && org_heads().count(words_[c.first].key))
        return c.last + 1;
    const std::size_t next = c.last + 1;
    if (c.kind != Guess::drop) found_.push_back(std::move(c));
    return next;
}

// "NOUVELLES DIVERSES BRUXELLES, 5 mai": in a line set in capitals a French
// word is no name, though a name the lexicons know may start at it ("LA
// CHAUX-DE-FONDS", "LE HAVRE") and the next word may be one. Words of
// acronym length stay acronyms ("la BAC", "l'ARS"), and so do the stop words
// a dispatch taught as acronyms ("Amnesty International (AI)") or that open
// a compound name ("SE-Unsa").
bool Scanner::caps_word(std::size_t i) const {
    const Word& w = words_[i];
    if (!tokens_[i].all_caps || !w.common || (w.acronym && !tokens_[i].stop)) return false;
    if (w.acronym && (taught_.count(std::string(w.key)) || (i + 1 < n_ && hyphen_only(i + 1) && words_[i + 1].cap)))
        return false;
    return !lexicon_match(i, next_forced_[i + 1]);
}

void Scanner::scan() {
    // People named with a first name, for short forms that are common words.
    for (std::size_t i = 0; i < n_; ++i) {
        if (!first_name_start(i)) continue;
        const std::size_t last = run_last(i, next_forced_[i + 1], true, false);
        if (last > i) first_name_runs_.emplace_back(i, last);
        i = last;
    }
    std::unordered_set<std::string> distinct;
    for (std::size_t r = 0; r < first_name_runs_.size(); ++r) {
        const auto [first, last] = first_name_runs_[r];
        if (!distinct.insert(span_key(first, last)).second) continue;
        for (std::size_t m = 1; m <= last - first; ++m) tails_by_word_[words_[last + 1 - m].key].emplace_back(r, m);
    }
    for (std::size_t i = 0; i < n_;) {
        if (forced_at_[i] >= 0) {
            const Candidate& f = forced_[static_cast<std::size_t>(forced_at_[i])];
            found_.push_back(f);
            i = f.last + 1;
        } else if (words_[i].title && i + 2 < n_ && !words_[i + 1].cap && is_name_particle(words_[i + 1].key) &&
                   words_[i + 1].particle.empty() && joinable(i + 2) && words_[i + 2].cap &&
                   words_[i + 2].particle.empty()) {
            const std::size_t found = found_.size();
            i = scan_at(i + 1);  // "M. de Villepin": the particle opens the name
            if (found_.size() > found) i = scan_list(i);
        } else if (const std::size_t next = scan_title_de(i)) {
            i = next;  // "le général de Gaulle"
        } else if (const std::size_t next = scan_name_opening(i)) {
            i = next;  // "Me Dupont", "L. Jalabert"
        } else if (const std::size_t last = lower_org_last(i)) {
            // "le ministère de l'Intérieur": the whole phrase, as written.
            found_.push_back(Candidate{i, last, Guess::org, {}, false, -1, false, {}});
            i = last + 1;
        } else if (!words_[i].cap || words_[i].title) {
            ++i;
        } else if (caps_word(i)) {
            ++i;
        } else {
            const std::size_t found = found_.size();
            i = scan_at(i);
            if (found_.size() > found) i = scan_list(i);  // "MM. Bertoni, Micheli et Tissières"
        }
    }
}

bool Scanner::tail_matches(const Candidate& shorter, const Candidate& longer) const {
    const std::size_t m = shorter.last - shorter.first + 1;
    if (longer.last - longer.first + 1 <= m) return false;
    for (std::size_t d = 0; d < m; ++d)
        if (words_[shorter.first + d].key != words_[longer.last + 1 - m + d].key) return false;
    return true;
}

std::vector<Entity> Scanner::run() {
    if (n_ == 0) return {};
    prepare_words();
    forced_at_.assign(n_, -1);
    teach_acronyms();
    next_forced_.assign(n_ + 1, n_);
    for (std::size_t i = n_; i-- > 0;) next_forced_[i] = forced_at_[i] >= 0 ? i : next_forced_[i + 1];
    scan();
    resolve_coreference();
    resolve_place_heads();
    return group();
}

}  // namespace depeche::recogniser_detail
