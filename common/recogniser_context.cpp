// The scanner's view of the tokens: Words, lexicon look-ups, the cues around a name
// (the words before it are read in recogniser_before.cpp).
#include "recogniser_scanner.hpp"

#include <algorithm>

namespace depeche::recogniser_detail {

namespace {

// The kind of place (Lexicons::place_kinds) of `place`, a canonical name of
// lex.places, from the name index: no key to fold. Other names take the
// folding way.
const std::string* place_kind(const Lexicons& lex, const std::string& place) {
    if (const std::string* kind = nullptr; lex.names.place_kind(place, kind)) return kind;
    const auto it = lex.place_kinds.find(entity_key(place));
    return it != lex.place_kinds.end() ? &it->second : nullptr;
}

}  // namespace

void Scanner::prepare_words() {
    words_.resize(n_);
    first_name_memo_.assign(n_, -1);
    for (std::size_t i = 0; i < n_; ++i) {
        const Token& t = tokens_[i];
        Word& w = words_[i];
        if (t.plain || plain_key(t.folded)) {  // the analyser knows it for nearly every token
            w.key = t.folded;
        } else {
            owned_keys_.push_back(entity_key(t.text));
            w.key = owned_keys_.back();
        }
        if (t.elided_start < t.start)
            w.particle = elided_particle(text_.substr(t.elided_start, t.start - t.elided_start));
        if (i > 0) {
            const std::size_t prev_end = tokens_[i - 1].end;
            const std::string_view gap = text_.substr(prev_end, t.elided_start - prev_end);
            w.gap = gap.size() == 1 && gap[0] == ' ' ? std::uint16_t{kSpace} : scan_gap(gap);  // most gaps: no call
        }
        w.cap = t.capitalised && !t.numeric;
        w.acronym = t.all_caps && t.folded.size() <= 6;
        // Only capitalised tokens ask (is_common answers for the others).
        w.common = t.stop || (w.cap && lex_.common_words.contains(w.key));
        if (w.cap && w.particle.empty()) {
            const std::size_t next_start = i + 1 < n_ ? tokens_[i + 1].elided_start : text_.size();
            const bool dot_after = t.end < next_start && text_[t.end] == '.';
            // French typography puts no dot after an abbreviation that ends with the
            // word's last letter: "Mme", "Mlle", "Mgr" (Monseigneur), but "M." (Monsieur).
            if (w.key == "mme" || w.key == "mmes" || w.key == "mlle" || w.key == "mlles" || w.key == "mgr" ||
                w.key == "mgrs")
                w.title = true;
            else if ((w.key == "m" || w.key == "mm" || w.key == "dr" || w.key == "pr" || w.key == "mr" ||
                      w.key == "mrs") &&
                     dot_after)
                w.title = true;  // "Mr." and "Mrs." are the older French spelling of "M." and "MM."
            // "St-Pétersbourg", "St. Gall", "Ste-Croix": the abbreviation of
            // "Saint" reads as the word, so the gazetteers' "Saint-" names match.
            if (i > 0 && (w.gap == kHyphen || w.gap == (kDot | kStop) || w.gap == (kDot | kStop | kSpace))) {
                Word& p = words_[i - 1];
                if (p.cap && p.particle.empty() && (p.key == "st" || p.key == "ste")) {
                    p.key = p.key == "st" ? "saint" : "sainte";
                    p.common = tokens_[i - 1].stop || lex_.common_words.contains(p.key);
                    w.gap = kHyphen;
                }
            }
        }
    }
}

std::string Scanner::span_key(std::size_t first, std::size_t last) const {
    std::string key(words_[first].key);
    for (std::size_t j = first + 1; j <= last; ++j) {
        if (!words_[j].particle.empty()) key.append(" ").append(words_[j].particle);
        key.append(" ").append(words_[j].key);
    }
    return key;
}

// "l'Agence internationale de l'énergie atomique (AIEA)": the acronym's
// letters are the initials of the words before the bracket, read backwards,
// function words skipped ("de", "l'"). A sigle written as a word, "(Arcep)",
// "(Nupes)", is read the same way: the initials test decides, so "Lyon
// (Rhône)" teaches nothing. Elsewhere a capitalised word is a name, not an acronym.
void Scanner::teach_acronyms() {
    for (std::size_t i = 1; i < n_; ++i) {
        const Word& acr = words_[i];
        // The bracket first: it rules out nearly every word before the sigle test reads its key.
        if (!(acr.gap & kParenOpen) || (acr.gap & (kNotJoinable & ~kParenOpen))) continue;
        const bool sigle =
            acr.cap && acr.particle.empty() && acr.key.size() >= 3 && acr.key.size() <= kSigleMax && plain_key(acr.key);
        if (!(acr.acronym || sigle)) continue;
        const std::size_t next = i + 1 < n_ ? tokens_[i + 1].elided_start : text_.size();
        const std::string_view closing = text_.substr(tokens_[i].end, next - tokens_[i].end);
        if (closing.empty() || closing.front() != ')') continue;
        const std::string_view letters = acr.key;
        // First try with function words never an initial, then allowing them.
        for (int stops_count = 0; stops_count < 2; ++stops_count) {
            int li = static_cast<int>(letters.size()) - 1;
            std::size_t k = i - 1;
            std::size_t skipped = 0;
            bool ok = true;
            while (true) {
                const Word& w = words_[k];
                const bool stop = tokens_[k].stop || is_name_particle(w.key);
                if (!w.key.empty() && w.key.front() == letters[static_cast<std::size_t>(li)] &&
                    !(stop && stops_count == 0)) {
                    if (--li < 0) break;
                } else if (stop && ++skipped <= letters.size()) {
                    // function word: not an initial
                } else {
                    ok = false;
                    break;
                }
                if (k == 0 || !joinable(k)) {
                    ok = false;
                    break;
                }
                --k;
            }
            if (!ok || !words_[k].cap) continue;
            Candidate c{k, i - 1, Guess::org, {}, false, -1, false, {}};
            const std::string acr_key(acr.key);
            const std::string long_key = span_key(k, i - 1);
            // The lexicons name it when they know the acronym or the long
            // form: as an organisation first, then a place, then a person.
            auto known = [&](std::string_view key) {
                const NameEntry* e = lex_.names.find(key);
                if (!e || !e->named()) return false;
                if (e->org) {
                    c.canonical = *e->org;
                } else if (e->place) {
                    c.kind = Guess::place;
                    c.canonical = *e->place;
                } else {
                    c.kind = Guess::person;
                    c.canonical = *e->person;
                }
                return true;
            };
            if (!known(acr_key) && !known(long_key)) c.canonical = span_text(k, i - 1);
            taught_[acr_key] = Taught{c.kind, c.canonical};
            forced_at_[k] = static_cast<int>(forced_.size());
            forced_.push_back(std::move(c));
            break;
        }
    }
}

bool Scanner::is_common(std::size_t i) const {
    const Word& w = words_[i];
    return w.common || (!w.cap && lex_.common_words.contains(w.key));
}

bool Scanner::first_name_start_uncached(std::size_t i) const {
    const Word& w = words_[i];
    if (!w.cap || w.title || after_article(i)) return false;
    if (w.acronym) return caps_first_name(i);
    if (lex_.first_names.contains(w.key)) return true;
    if (!(i + 1 < n_ && joinable(i + 1) && (words_[i + 1].gap & kHyphen))) return false;
    std::string& key = key_buffer_;  // "jean marc" for "Jean-Marc", in the reused buffer
    key.assign(w.key).append(" ").append(words_[i + 1].key);
    return lex_.first_names.contains(key);
}

// "PASCAL HOFER", "CLARA MARC": a byline or a caption sets a person's name in
// capitals, where a first name of six letters or fewer looks like an acronym.
// It opens a name when a word in capitals follows, joined by a space, that is
// no French word (or is a first name or a surname: "MARC", "PASCAL"), and
// neither is a sigle the dispatch taught nor a name the gazetteers know.
bool Scanner::caps_first_name(std::size_t i) const {
    if (!tokens_[i].all_caps || !words_[i].particle.empty() || i + 1 >= n_ || words_[i + 1].gap != kSpace) return false;
    const Word& next = words_[i + 1];
    if (!tokens_[i + 1].all_caps || !next.cap || !next.particle.empty() || next.key.size() < 2 ||
        !lex_.first_names.contains(words_[i].key))
        return false;
    if (next.common && !lex_.first_names.contains(next.key) && !lex_.surnames.contains(next.key)) return false;
    if (taught_.count(std::string(words_[i].key)) || taught_.count(std::string(next.key))) return false;
    const std::size_t limit = next_forced_[i + 1];
    const LexiconMatch m = lexicon_match(i, limit);
    if (m && (m.place || m.org)) return false;
    const LexiconMatch after = lexicon_match(i + 1, limit);
    return !(after && (after.place || after.org) && !after.person);
}

// The last token of the run of capitalised words from `i`. People's names
// take particles ("Charles de Gaulle", "Valéry Giscard d'Estaing"),
// organisations take "de" ("Banque de France"), other runs only capitals.
std::size_t Scanner::run_last(std::size_t i, std::size_t limit, bool person_mode, bool org_mode) const {
    std::size_t last = i;
    if (words_[i].acronym && !person_mode) return i;
    const std::size_t max = std::min(limit, i + 8);
    const bool particles = person_mode || org_mode;
    std::size_t j = i + 1;
    while (j < max && (joinable(j) || (person_mode && after_initial(j)))) {
        const Word& w = words_[j];
        if (w.title) break;
        // "a nommé Manuel Valls Premier ministre": a capitalised role noun with
        // a lower-case one after it opens a role, which ends the name.
        if (w.cap && j + 1 < max && joinable(j + 1) && !words_[j + 1].cap && role_nouns().count(w.key) &&
            role_nouns().count(words_[j + 1].key))
            break;
        if (w.cap) {
            // "LAUSANNE On nous prie", "BRUXELLES I 5 mai", "NOUVELLES DIVERSES
            // BRUXELLES": capitals are no sign of a name where a whole line is
            // in capitals, so a word in capitals joins neither a word in
            // another case nor a French word in capitals (names the lexicons
            // know are matched whole apart from the run). People keep
            // "Jean DUPONT".
            if (!person_mode && (tokens_[j].all_caps != tokens_[last].all_caps || (tokens_[j].all_caps && w.common)))
                break;
            // "ÉRIC CIOTTI AFFIRME AVOIR": a headline in capitals goes on after the name.
            if (person_mode && tokens_[j].all_caps && tokens_[last].all_caps && w.common &&
                !lex_.first_names.contains(w.key) && !lex_.surnames.contains(w.key))
                break;
            const bool elided_ok = particles && (w.particle == "d" || w.particle == "l");
            if (!w.particle.empty() && !elided_ok && !(w.particle == "d" && hyphen_only(j))) break;
            if (w.acronym && !person_mode) break;
            last = j++;
            continue;
        }
        // "Tsai Ing-wen", "Kim Jong-un", "Moon Jae-in": Korean and Chinese given
        // names romanised in two syllables keep the second in lower case after a
        // hyphen. A short lower-case word of letters, hyphen-joined to a capital
        // and to nothing after it (not the "-t-" of "a-t-il"), ends a person's name.
        if (person_mode && hyphen_only(j) && words_[j].particle.empty() && !is_hyphen_particle(w.key) &&
            words_[j - 1].cap && tokens_[j].text.size() >= 2 && tokens_[j].text.size() <= 4 &&
            std::all_of(tokens_[j].text.begin(), tokens_[j].text.end(),
                        [](char ch) { return ch >= 'a' && ch <= 'z'; }) &&
            !(j + 1 < n_ && hyphen_only(j + 1))) {
            last = j++;
            continue;
        }
        // Lower-case particles, kept only when a capital follows: "Charles de
        // Gaulle" in names of people and organisations, "Boulogne-sur-Mer"
        // between hyphens in any name.
        // "Save the Children", "Bank of America": English function words join
        // the capitals of an English name, which is then no French place ("Savé").
        std::size_t k = j;
        bool hyphens = true;
        bool english = true;
        while (k < max && k - j < 2 && !words_[k].cap && (k == j || joinable(k))) {
            const bool linked = hyphen_only(k) && words_[k].particle.empty() && is_hyphen_particle(words_[k].key);
            const bool english_word = !person_mode && words_[k].gap == kSpace && is_english_particle(words_[k].key);
            if (!linked && !english_word && !(particles && is_name_particle(words_[k].key))) break;
            hyphens = hyphens && linked;
            english = english && english_word;
            ++k;
        }
        if (k == j || k >= max || !joinable(k) || !words_[k].cap || words_[k].acronym) break;
        if (hyphens && !hyphen_only(k)) hyphens = false;
        if (!hyphens && !particles && !english) break;
        // "le roi Hassan II du Maroc": a country after the particle is no part of the name.
        if (!hyphens && person_mode && names_country(k, max)) break;
        // "l'équipe de France de Didier Deschamps": "de" and a person's full name
        // (a first name, then a capital) make a possessive, not an organisation's name.
        if (!hyphens && !person_mode && first_name_start(k) && k + 1 < max && joinable(k + 1) && words_[k + 1].cap)
            break;
        j = k;
    }
    return last;
}

bool Scanner::names_country(std::size_t k, std::size_t limit) const {
    const LexiconMatch m = lexicon_match(k, limit);
    if (!m.place) return false;
    const std::string* kind = place_kind(lex_, *m.place);
    return kind && (*kind == "country" || *kind == "region" || *kind == "continent");
}

LexiconMatch Scanner::lexicon_match(std::size_t i, std::size_t limit) const {
    LexiconMatch best;
    std::string& key = key_buffer_;  // reused: long keys would allocate at every call
    key.clear();
    const std::size_t max = std::min(limit, i + 8);
    for (std::size_t j = i; j < max; ++j) {
        if (j > i) {
            if (!joinable(j)) break;
            if (!words_[j].particle.empty()) key.append(" ").append(words_[j].particle);
            key.push_back(' ');
        }
        key.append(words_[j].key);
        // One look-up for every kind; every longer key starts with this one
        // and a space, so none can be a name once no name starts so.
        const NameEntry* e = lex_.names.find(key);
        if (!e) break;
        if (e->named()) {
            // "Sainte-Marie-Majeure", "Paris-Saint-Germain": a name cut inside a
            // compound is another name, unless the compound joins two places ("Paris-Lyon").
            const bool cut = j + 1 < n_ && hyphen_only(j + 1);
            const NameEntry* next = cut ? lex_.names.find(words_[j + 1].key) : nullptr;
            if (!cut || (next && next->place)) {
                best.last = j;
                best.person = e->person;
                best.place = e->place;
                best.org = e->org;
            }
        }
        if (!e->continues) break;
    }
    return best;
}

// "le Japonais", "l'Américaine", "le Franco-Vietnamien": a capitalised
// nationality after an article, the last token of which is returned (or 0).
// It names no one itself; the capitals after it are a person.
std::size_t Scanner::demonym_last(std::size_t i) const {
    if (i == 0 || !words_[i].cap || words_[i].acronym || !tokens_[i].text.size()) return 0;
    const bool article = words_[i].particle == "l" ||
                         (words_[i].particle.empty() && joinable(i) &&
                          (words_[i - 1].key == "le" || words_[i - 1].key == "la" || words_[i - 1].key == "les" ||
                           words_[i - 1].key == "un" || words_[i - 1].key == "une" || words_[i - 1].key == "au" ||
                           words_[i - 1].key == "aux" || words_[i - 1].key == "du" || words_[i - 1].key == "des"));
    if (!article) return 0;
    std::size_t j = i;
    while (j + 1 < n_ && j < i + 2 && hyphen_only(j + 1) && words_[j + 1].cap) ++j;
    if (!words_[j].common || !is_demonym(words_[j].key)) return 0;
    if (j + 1 >= n_ || !joinable(j + 1) || !words_[j + 1].cap || words_[j + 1].acronym) return 0;
    return j;
}

// "A", "AA", "AAA", "BBB": one capital letter, or one repeated ("le groupe
// A", "la note AAA"); never a name of its own. Initials ("George W. Bush")
// are read inside a person's run, not here.
bool Scanner::town(const std::string& place) const {
    const std::string* kind = place_kind(lex_, place);
    return kind && (*kind == "city" || *kind == "commune");
}

bool Scanner::is_rating(std::size_t i) const {
    const std::string_view t = tokens_[i].text;
    if (t.empty() || t.size() > 3 || !words_[i].cap) return false;
    for (char ch : t)
        if (ch != t.front()) return false;
    return true;
}

// "Nancy Pelosi ne viendra pas": a town of the gazetteer, then one capitalised
// word that no lexicon knows and that is no French word, with no place, venue
// or organisation cue before. A first name the packages lack, then a surname.
bool Scanner::town_then_surname(std::size_t i, std::size_t r_last, const LexiconMatch& m, const Before& b) const {
    if (r_last != i + 1 || !m || !m.place || m.person || m.org || m.last != i || !town(*m.place)) return false;
    if (b.place || b.weak_place || b.facility || b.org || b.venue || b.place_frame || words_[i].acronym) return false;
    const Word& s = words_[i + 1];
    if (s.common || s.acronym || !s.particle.empty() || hyphen_only(i + 1) || s.key.size() < 3) return false;
    if (is_building_noun(s.key) || is_venue_tail(s.key)) return false;
    return !lexicon_match(i + 1, i + 2) && !(i + 2 < n_ && joinable(i + 2) && words_[i + 2].cap);
}

// "le ministère de l'Intérieur", "le ministère des Affaires étrangères":
// a lower-case head noun of an organisation, "de" and a capitalised name with
// its adjectives. Returns the last token, or 0 when `i` opens none.
std::size_t Scanner::lower_org_last_at(std::size_t i) const {
    std::size_t j = i + 1;
    if (j >= n_ || !joinable(j) || words_[j].cap) return 0;
    const std::string_view de = words_[j].key;
    if (de == "de" || de == "du" || de == "des") {
        ++j;
        if (j < n_ && joinable(j) && !words_[j].cap && words_[j].key == "la") ++j;
    } else if (!(words_[j].particle == "d" && words_[j].cap)) {
        return 0;
    }
    if (j >= n_ || !joinable(j) || !words_[j].cap || words_[j].acronym) return 0;
    if (!words_[j].particle.empty() && words_[j].particle != "l" && words_[j].particle != "d") return 0;
    std::size_t last = run_last(j, std::min(n_, next_forced_[j]), false, true);
    while (last + 1 < n_ && joinable(last + 1) && !words_[last + 1].cap && words_[last + 1].particle.empty() &&
           (is_org_adjective(words_[last + 1].key) || ends_with_any(words_[last + 1].key, "ere eres")))
        ++last;  // "des Affaires étrangères", "de la Transition écologique"
    return last;
}

// Tokens first..last look like a person's name on their own: a first name
// then a capital, or two capitals or more ending with a known surname.
// "le président de la Fifa", "la maire de Paris", "le directeur général
// d'Airbus", "le secrétaire général de l'ONU": a function and "de" right
// before token i.
bool Scanner::function_of_before(std::size_t i) const {
    std::size_t k = i;  // the first token of "de ..."
    const std::string_view own = words_[i].particle;
    if (own == "d") {
        k = i;
    } else if (own == "l" && i >= 1 && joinable(i) && words_[i - 1].key == "de") {
        k = i - 1;
    } else if (own.empty() && i >= 1 && joinable(i) &&
               (words_[i - 1].key == "du" || words_[i - 1].key == "des" || words_[i - 1].key == "de")) {
        k = i - 1;
    } else if (own.empty() && i >= 2 && joinable(i) && joinable(i - 1) && words_[i - 1].key == "la" &&
               words_[i - 2].key == "de") {
        k = i - 2;
    } else {
        return false;
    }
    // The function, maybe with an adjective after it ("directeur général", "secrétaire d'État adjoint").
    for (std::size_t back = 1; back <= 2 && k >= back && joinable(k - back + 1); ++back) {
        const Word& f = words_[k - back];
        if (f.cap) return false;
        if (role_nouns().count(f.key)) return true;
    }
    return false;
}

bool Scanner::person_follows(std::size_t first, std::size_t last) const {
    if (first >= last) return false;
    // "Centre Pompidou-Metz": a compound is no person, unless it is a first
    // name ("à Paris Jean-Marc Ayrault").
    if (hyphen_only(first + 1) && !first_name_start(first)) return false;
    if (first_name_start(first) && words_[first + 1].cap) return true;
    return lex_.surnames.contains(words_[last].key) && !is_common(first);
}

// "FC Nantes", "SM Entertainment", "UAE Emirates": the capitals after an
// acronym that opens a name. Returns the last token.
std::size_t Scanner::acronym_name_last(std::size_t i, std::size_t limit) const {
    std::size_t j = i + 1;
    while (j < limit && j < i + 5 && joinable(j) && words_[j].cap && words_[j].particle.empty() && !words_[j].acronym &&
           !first_name_start(j))
        ++j;
    return j - 1;
}

bool Scanner::demonym_before(std::size_t i) const {
    if (i == 0 || !words_[i].particle.empty() || !joinable(i) || !words_[i - 1].cap) return false;
    for (std::size_t k = i - 1, steps = 0; steps < 3; --k, ++steps) {
        if (k > 0 && demonym_last(k) == i - 1) return true;
        if (k == 0 || !hyphen_only(k)) break;
    }
    return false;
}

// "la démocrate Nancy Pelosi", "l'écologiste Yannick Jadot": an article, a
// party noun, then at least two capitals. A first name in the gazetteer
// ("Nancy" the town) is then a person's; "le démocrate" alone before one
// capital ("le républicain Trump") names too little to outweigh the lexicons.
bool Scanner::party_before(std::size_t i) const {
    if (i == 0 || !joinable(i) || !words_[i].particle.empty() || words_[i].acronym) return false;
    const std::size_t k = i - 1;
    if (words_[k].cap || !party_nouns().count(words_[k].key)) return false;
    const bool article = words_[k].particle == "l" || (words_[k].particle.empty() && k > 0 && joinable(k) &&
                                                       (words_[k - 1].key == "le" || words_[k - 1].key == "la" ||
                                                        words_[k - 1].key == "un" || words_[k - 1].key == "une"));
    return article && i + 1 < n_ && joinable(i + 1) && words_[i + 1].cap && !words_[i + 1].acronym;
}

// "Dans le Vaucluse, X", "En Seine-Saint-Denis, X", "À Paris, X": the clause
// before the comma at `i` is a place preposition, perhaps an article, and a
// gazetteer place below a country; a town's name after it is the town
// ("Dans le Vaucluse, Orange reste..."). A country frame says nothing of the
// kind of what follows ("En France, Orange a lancé...").
bool Scanner::place_frame(std::size_t i) const {
    std::size_t c = i - 1;
    for (int steps = 0; c > 0 && joinable(c); ++steps, --c)
        if (steps == 5) return false;
    if (!is_text(c, {"à", "À", "A", "en", "En", "au", "Au", "aux", "Aux", "dans", "Dans"})) return false;
    std::size_t p = c + 1;
    if (p < i && words_[p].particle.empty() && !words_[p].cap &&
        (words_[p].key == "le" || words_[p].key == "la" || words_[p].key == "les"))
        ++p;
    if (p >= i || !words_[p].cap) return false;
    const LexiconMatch m = lexicon_match(p, i);
    if (!m.place || m.last != i - 1) return false;
    const std::string* kind = place_kind(lex_, *m.place);
    return kind && *kind != "country";
}

// "le secrétaire général du parti présidentiel X", "le président du comité
// d'organisation X": a role noun heads the phrase of the organisation noun at
// `k` (up to four lower-case words back), so X is more likely the person.
bool Scanner::role_heads(std::size_t k) const {
    for (int steps = 0; steps < 4 && k > 0 && joinable(k); ++steps) {
        --k;
        const std::string_view key = words_[k].key;
        if (role_nouns().count(key) && key != "porte" && key != "premier" && key != "premiere" && key != "vice")
            return true;
        if (words_[k].cap) return false;
    }
    return false;
}

After Scanner::after(std::size_t last) const {
    After a;
    std::size_t j = last + 1;
    if (j < n_ && joinable(j)) {
        const std::string_view k = words_[j].key;
        if (speech_verbs().count(k)) a.speech = true;
        if ((k == "a" || k == "avait" || k == "aurait") && j + 1 < n_ && joinable(j + 1) &&
            speech_verbs().count(words_[j + 1].key))
            a.speech = true;
    }
    for (std::size_t m = last + 1; m < n_ && m <= last + 5; ++m) {
        if (words_[m].gap & (kStop | kParagraph)) break;
        if (business_words().count(words_[m].key)) a.business = true;
    }
    a.role = role_apposition(last + 1, a.role_article);
    return a;
}

// "Sepp Blatter, président de la Fifa", "Jordan Bardella, le président du
// RN", "X, ancienne ministre": a comma, then a person's function, names a
// person before it, unless a name follows the function. Not the words that also rank firms and teams ("Total,
// leader du secteur", "Renault, premier constructeur", "X, champion du
// monde" of a club).
bool Scanner::role_apposition(std::size_t j, bool& article) const {
    if (j >= n_ || !(words_[j].gap & kComma) || (words_[j].gap & (kNotJoinable & ~kComma))) return false;
    static const WordSet kRanking = words_of("leader premier premiere vice champion championne monsieur madame");
    static const WordSet kBefore = words_of("le la ancien ancienne ex nouveau nouvelle actuel actuelle futur future");
    // Up to two words before the function: "le", "l'ancien", "la nouvelle", "ex-".
    std::size_t k = j;
    for (int steps = 0; steps < 2 && k + 1 < n_ && joinable(k + 1); ++steps) {
        if (role_nouns().count(words_[k].key) || !kBefore.count(words_[k].key)) break;
        ++k;
    }
    article = k > j || !words_[j].particle.empty();
    const Word& w = words_[k];
    if (w.cap || !role_nouns().count(w.key) || kRanking.count(w.key)) return false;
    // "Sur France Inter, le député LR Florian X a dit": the function opens
    // the next person's name, and the words before the comma are no person.
    for (std::size_t m = k + 1; m < n_ && m <= k + 2 && joinable(m); ++m) {
        if (words_[m].cap && !words_[m].acronym) return false;
        if (!words_[m].acronym) break;  // "le député LR Florian": a party sigle between
    }
    return true;
}

// At `i`, the last tokens of a person named with a first name elsewhere in
// the text ("Le Maire" after "Bruno Le Maire"): returns the span length, or 0.
std::size_t Scanner::known_tail(std::size_t i) const {
    constexpr std::size_t kReach = 256;  // look-ups per word: linear time on any text
    const auto tails = tails_by_word_.find(words_[i].key);
    if (tails == tails_by_word_.end()) return 0;
    std::size_t best = 0, looked = 0;
    for (const auto& [run, m] : tails->second) {
        if (++looked > kReach) break;
        const auto [first, last] = first_name_runs_[run];
        if (m <= best || i + m > n_ || (first <= i && i <= last)) continue;
        bool same = true;
        for (std::size_t d = 0; d < m && same; ++d) same = words_[i + d].key == words_[last + 1 - m + d].key;
        if (same && !(i + m < n_ && joinable(i + m) && words_[i + m].cap)) best = m;
    }
    return best;
}

// A function word that is also a place ("Eu", a commune) is the place only
// after a place cue ("à Eu"). Other common words are names when a gazetteer
// knows them: bare nouns seldom open a French sentence ("Bordeaux a gagné").
bool Scanner::function_word_place(const LexiconMatch& m, std::size_t i) const {
    return m.last == i && m.place && !m.org && !m.person && tokens_[i].stop;
}

// "le locataire de la Maison Blanche", "le porte-parole de l'Élysée", "les
// services du Kremlin": the noun before the "de" that introduces token `i`, or kNone.
std::size_t Scanner::noun_before_de(std::size_t i) const {
    std::size_t k = i;
    if (words_[i].particle == "l" || words_[i].particle == "d") {
        if (words_[i].particle == "l") {
            if (i == 0 || !joinable(i) || words_[i - 1].key != "de") return kNone;
            k = i - 1;
        }
    } else if (i > 0 && joinable(i) && words_[i - 1].key == "la" && !words_[i - 1].cap) {
        if (i < 2 || !joinable(i - 1) || words_[i - 2].key != "de") return kNone;
        k = i - 2;
    } else if (i > 0 && joinable(i) && (words_[i - 1].key == "du" || words_[i - 1].key == "de")) {
        k = i - 1;
    } else {
        return kNone;
    }
    // The token before the "de" ("d'Orange": the elision is the "de").
    if (k == 0 || !joinable(k)) return kNone;
    const std::size_t noun = k - 1;
    // "le secrétaire général adjoint de l'Élysée": a role noun up to two
    // lower-case adjectives back is the noun the complement belongs to.
    for (std::size_t k2 = noun, steps = 0;
         steps < 2 && k2 > 0 && joinable(k2) && !words_[k2].cap && words_[k2].particle.empty() &&
         (adjective_like(words_[k2].key) || is_org_adjective(words_[k2].key));
         ++steps) {
        --k2;
        if (role_nouns().count(words_[k2].key) && !words_[k2].cap) return k2;
    }
    return noun;
}

Guess Scanner::resolve_lexicon(const LexiconMatch& m, const Before& b, const After& a, std::size_t i,
                               Candidate& c) const {
    auto use = [&](Guess kind, const std::string* canonical) {
        c.canonical = canonical ? *canonical : std::string();
        return kind;
    };
    const bool single = m.last == i;
    if (b.title) return use(Guess::person, m.person);
    if ((b.org || a.business) && m.org) return use(Guess::org, m.org);
    // "Orange a vu son chiffre d'affaires baisser": a town's name is a
    // company's more often than a country's is.
    if (a.business && !b.place && !b.weak_place && m.place && !m.person && town(*m.place))
        return use(Guess::org, nullptr);
    // "Dans le Vaucluse, Orange reste aux mains de...": the frame makes the town.
    if (b.place_frame && single && m.place && town(*m.place) && !a.business) return use(Guess::place, m.place);
    // "l'agence japonaise Sanaa" is the firm; "la France a vu ses actions baisser" the country.
    if (b.org && b.org_direct && !b.role_over_org && m.place) return use(Guess::org, nullptr);
    if (b.facility && m.place) return use(Guess::place, m.place);
    if (b.role && single && !m.org) {
        c.corefable = true;
        return use(Guess::person, m.person);
    }
    if (b.place && m.place) return use(Guess::place, m.place);
    if (b.place_strong && !m.place && !m.org) return use(Guess::place, nullptr);  // "en Hollande"
    // "le maire d'Orange" is the town. A seat of power (no gazetteer kind)
    // acts, unless a place cue stands before it or it completes a noun that
    // is no role nor organisation: "le locataire de la Maison Blanche" is the
    // place, "le porte-parole de l'Élysée" the institution.
    if (m.org && m.place) {
        if (place_kind(lex_, *m.place)) return b.weak_place ? use(Guess::place, m.place) : use(Guess::org, m.org);
        const std::size_t noun = noun_before_de(i);
        const bool place_noun = noun != kNone && !role_nouns().count(words_[noun].key) &&
                                !org_nouns().count(words_[noun].key) && !words_[noun].cap;
        return place_noun ? use(Guess::place, m.place) : use(Guess::org, m.org);
    }
    if (m.org) return use(Guess::org, m.org);
    if (m.place) {
        if (function_word_place(m, i)) return Guess::drop;
        c.corefable = single && !b.place_strong && !b.weak_place;
        return use(Guess::place, m.place);
    }
    c.corefable = true;
    return use(Guess::person, m.person);
}

namespace {

// Determiners before a noun: a brand or a model takes them ("une Tesla", "sa
// Ford", "deux Renault"), a person's name seldom does.
const WordSet& determiners() {
    static const WordSet words = words_of(
        "le la les un une des du au aux ce cet cette ces son sa ses leur leurs mon ma mes ton ta tes notre nos "
        "votre vos deux trois quatre cinq six sept huit neuf dix plusieurs quelques chaque");
    return words;
}

// Words before a name that are a person's, after a determiner as a title is:
// "les époux Dupont", "le jeune Bach", "la veuve Durand", "les explorateurs".
bool person_noun(std::string_view key) {
    static const WordSet words = words_of(
        "epoux epouse veuve veuf sieur dame demoiselle jeune vieux vieil vieille grand grande petit petite pere "
        "mere fils fille frere soeur famille celebre fameux fameuse illustre defunt defunte feu citoyen citoyenne "
        "camarade compagnon ami amie explorateur navigateur heros heroine");
    if (words.count(key) || role_nouns().count(key) || is_plural_title(key)) return true;
    if (key.size() < 2 || key.back() != 's') return false;
    const std::string_view singular = key.substr(0, key.size() - 1);
    return words.count(singular) || role_nouns().count(singular);
}

}  // namespace

// "la Ford GT", "Ford 4 cylindres", "Giscard d'Estaing", "une Tesla", "les
// lignes Maginot": the words around the capitalised token `j` that make a
// model, another name's part or a thing of it.
bool Scanner::thing_context(std::size_t j) const {
    // The name goes on: a model's name or number, the rest of a name.
    if (j + 1 < n_ && joinable(j + 1) && (words_[j + 1].cap || tokens_[j + 1].numeric)) return true;
    if (j == 0 || !joinable(j) || !words_[j].particle.empty()) return false;
    const std::size_t k = j - 1;
    const Word& p = words_[k];
    if (tokens_[k].numeric || determiners().count(p.key)) return true;  // "la Ford", "deux Renault"
    // "les lignes Maginot", "aux éditions Flammarion": a noun after its
    // determiner, unless a person's ("les époux Dupont"); a verb takes none
    // ("a vu Hitler", "joué Shakespeare").
    const bool determined =
        p.particle == "l" || p.particle == "d" ||
        (k > 0 && joinable(k) && (determiners().count(words_[k - 1].key) || tokens_[k - 1].numeric));
    return determined && !tokens_[k].stop && !person_noun(p.key);
}

// "avec Churchill, Roosevelt et Staline", "autour de Bach, Beethoven et
// Mozart": a list of which every item is a person's name (a person the scan
// found, the lexicons' people, a first name and its surname, a surname of the
// lexicon alone and no thing by its context) names people. One other item
// suffices ("Verlaine et Rimbaud"); one that is none stops it ("Dior, Disney
// et Canon", "Lotus, Mercedes AMG, Tesla"). Items are joined by a comma, "et",
// "ou" or "ni"; two joined by a comma only are rather a name and its
// apposition ("John Hume, Nobel de la Paix").
bool Scanner::listed_with_people(std::size_t i, std::size_t limit) const {
    constexpr std::size_t kItems = 8;  // list items read each way
    auto comma = [&](std::size_t k) {
        return k < n_ && (words_[k].gap & kComma) && !(words_[k].gap & (kNotJoinable & ~kComma));
    };
    auto conjunction = [&](std::size_t k) {
        return k < n_ && joinable(k) && !words_[k].cap &&
               (words_[k].key == "et" || words_[k].key == "ou" || words_[k].key == "ni");
    };
    auto lone_name = [&](std::size_t k) {
        return words_[k].cap && !words_[k].common && !words_[k].acronym &&
               lex_.surnames.count(std::string(words_[k].key)) && !thing_context(k);
    };
    std::size_t items = 1;
    bool conjoined = false;
    // Backwards, the candidates the scan found: the list ends where no separator comes before.
    std::size_t first = i, f = found_.size();
    for (std::size_t read = 0; read < kItems; ++read) {
        std::size_t prev_last;
        if (comma(first)) {
            prev_last = first - 1;
        } else if (first >= 2 && joinable(first) && conjunction(first - 1)) {
            prev_last = first - 2;
            conjoined = true;
        } else {
            break;
        }
        if (f == 0 || found_[f - 1].last != prev_last) return false;  // an item no name: not a list of people
        const Candidate& p = found_[--f];
        if (p.kind != Guess::person && !(p.first == p.last && lone_name(p.first))) return false;
        ++items;
        first = p.first;
    }
    // Forwards, the words after.
    for (std::size_t last = i, read = 0; read < kItems; ++read) {
        std::size_t next;
        if (comma(last + 1))
            next = last + 1;
        else if (conjunction(last + 1) && joinable(last + 2))
            next = last + 2;
        else
            break;
        if (next >= limit || !words_[next].cap) break;  // "Renault, Tesla et plusieurs marques": the list ended
        conjoined = conjoined || next == last + 2;
        if (first_name_start(next)) {
            last = run_last(next, limit, true, false);
        } else if (const LexiconMatch m = lexicon_match(next, limit); m) {
            if (!m.person || m.place || m.org) return false;
            last = m.last;
        } else if (lone_name(next)) {
            last = next;
        } else {
            return false;
        }
        ++items;
    }
    return items >= 3 || (items == 2 && conjoined);
}

// A surname of the lexicon alone is as often a firm, a product or a thing named
// after someone ("la Ford GT", "Ford a rappelé", "l'échelle de Richter", "la
// maladie d'Alzheimer") as a person (measured on OrangeSum, bench/ACCURACY.md):
// only a list of people makes it one.
bool Scanner::lone_surname_person(std::size_t i, std::size_t limit) const {
    return !thing_context(i) && listed_with_people(i, limit);
}

}  // namespace depeche::recogniser_detail
