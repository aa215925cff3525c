#include "recogniser.hpp"

#include "cues.hpp"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <unordered_map>
#include <unordered_set>

// How names are found, in one pass over the tokens (see DESIGN.md, Entities):
//   1. `Nom Complet (ACR)` patterns are found first: the long form becomes a
//      fixed span and the acronym is taught for the whole dispatch;
//   2. at each capitalised token, the longest lexicon match (which may run
//      over lower-case words: "Union européenne") competes with the run of
//      capitalised tokens ("Lancaster House", "Jean-Yves Le Drian"); the
//      context before and after (cue words) picks the kind;
//   3. short person names ("M. Hammond", "Hammond") attach to a longer name of
//      the same dispatch that ends with them, else to a person alias.
// Cue words below are folded (lower case, no accents): they are the language
// of dispatches, not names, and a later issue measures them.

namespace depeche {
namespace {

using namespace cues;

// Everything the scan asks about one token, computed once.
struct Word {
    std::string_view key;       // entity key of the token ("qaida")
    std::string_view particle;  // folded elision before it ("d" in "d'Al-Qaïda"), or empty
    std::uint16_t gap = 0;      // GapFlags of the bytes before it (before its elision)
    bool cap = false;
    bool acronym = false;  // all capitals, 2 to 6 letters ("EI", "AIEA")
    bool common = false;   // stop word or common French word
    bool title = false;    // "M.", "Mme", "Dr" ...
};

enum class Guess : std::uint8_t { drop, unknown, person, place, org };

struct Candidate {
    std::size_t first = 0, last = 0;  // token indices, inclusive
    Guess kind = Guess::unknown;
    std::string canonical;   // from the lexicons or taught; empty: as written
    bool corefable = false;  // may be a short form of a person named in the text
    int target = -1;         // the candidate it is a short form of
    bool cued = false;       // a title, a role or a nationality before it ("le prince William")
};

struct Taught {
    Guess kind = Guess::org;
    std::string canonical;
};

struct LexiconMatch {
    std::size_t last = 0;
    const std::string* person = nullptr;
    const std::string* place = nullptr;
    const std::string* org = nullptr;
    explicit operator bool() const { return person || place || org; }
};

// What the words before a name say about it.
struct Before {
    bool title = false;          // M. Hammond
    bool role = false;           // le président (américain) Obama
    bool org = false;            // le groupe, l'opérateur, chez
    bool facility = false;       // l'aéroport, la capitale, la mer
    bool geo_noun = false;       // with `facility`: the noun just before is a natural feature
    bool vehicle = false;        // le porte-avions
    bool place = false;          // à, en, au, aux, dans, la ville de
    bool place_strong = false;   // en, au, aux, dans: rarely before a person
    bool weak_place = false;     // de, d'
    bool speech = false;         // a déclaré X
    bool venue = false;          // la rue, le stade, le prix: a venue or an event follows
    bool place_article = false;  // with `place`: "aux" before a singular name (awards, not places)
    bool org_direct = true;      // with `org`: no acronym between ("le groupe UMP Christian Jacob")
    bool role_over_org = false;  // with `org`: a role heads the phrase ("le secrétaire du parti X")
    bool place_frame = false;    // "Dans le Vaucluse, X": the clause before the comma sets a place
    // With `org`: where the name began when capitals lie between the cue
    // noun and the token ("l'agence sanitaire Santé publique France").
    std::size_t org_start = static_cast<std::size_t>(-1);
};

struct After {
    bool speech = false;    // X a déclaré
    bool business = false;  // X a racheté, le chiffre d'affaires
};

class Scanner {
public:
    Scanner(std::string_view text, const std::vector<Token>& tokens, const Lexicons& lexicons)
        : text_(text), tokens_(tokens), lex_(lexicons), n_(tokens.size()) {}

    std::vector<Entity> run();

private:
    std::string_view text_;
    const std::vector<Token>& tokens_;
    const Lexicons& lex_;
    std::size_t n_;
    std::vector<Word> words_;
    std::deque<std::string> owned_keys_;
    std::vector<Candidate> forced_;         // long forms of taught acronyms
    std::vector<std::size_t> next_forced_;  // first forced start at or after each token
    std::vector<int> forced_at_;            // forced span starting at each token, or -1
    std::unordered_map<std::string, Taught> taught_;
    std::vector<std::pair<std::size_t, std::size_t>> first_name_runs_;
    // Tails of those runs by the key of their first word: (run, tail length).
    // Distinct names only, so that a name repeated all along a text costs one entry.
    std::unordered_map<std::string_view, std::vector<std::pair<std::size_t, std::size_t>>> tails_by_word_;
    std::vector<Candidate> found_;

    bool joinable(std::size_t i) const { return i > 0 && i < n_ && !(words_[i].gap & kNotJoinable); }
    bool is_text(std::size_t i, std::initializer_list<std::string_view> forms) const {
        for (std::string_view f : forms)
            if (tokens_[i].text == f) return true;
        return false;
    }
    // Only a dot and spaces since a title: "M. Hammond", "Mme Merkel".
    bool after_title(std::size_t i) const {
        return i > 0 && words_[i - 1].title && !(words_[i].gap & ~(kDot | kStop | kSpace));
    }
    // "une Mercedes-Benz", "le Charles-de-Gaulle": an article seldom comes
    // right before a person's name in dispatches.
    bool after_article(std::size_t i) const {
        static const WordSet articles = words_of("le la les un une des du au aux");
        if (words_[i].particle == "l") return true;
        return i > 0 && joinable(i) && words_[i].particle.empty() && articles.count(words_[i - 1].key);
    }
    // "George W. Bush": a dot after a one-letter capital inside a name.
    bool after_initial(std::size_t j) const {
        return j > 0 && tokens_[j - 1].text.size() == 1 && words_[j - 1].cap && (words_[j].gap & kDot) &&
               !(words_[j].gap & ~(kDot | kStop | kSpace)) && words_[j].cap;
    }
    // Only hyphens between: "Boulogne-sur-Mer", "Val-d'Oise".
    bool hyphen_only(std::size_t i) const { return i > 0 && (words_[i].gap & kHyphen) && !(words_[i].gap & ~kHyphen); }
    bool first_names_has(std::string_view key) const { return lex_.first_names.count(std::string(key)) != 0; }
    std::string span_text(std::size_t first, std::size_t last) const {
        return collapse_spaces(text_.substr(tokens_[first].start, tokens_[last].end - tokens_[first].start));
    }
    std::string span_key(std::size_t first, std::size_t last) const;

    void prepare_words();
    void teach_acronyms();
    bool first_name_start(std::size_t i) const;
    std::size_t run_last(std::size_t i, std::size_t limit, bool person_mode, bool org_mode) const;
    bool names_country(std::size_t k, std::size_t limit) const;
    LexiconMatch lexicon_match(std::size_t i, std::size_t limit) const;
    Before before(std::size_t i) const;
    std::size_t demonym_last(std::size_t i) const;
    bool is_rating(std::size_t i) const;
    bool town(const std::string& place) const;
    bool person_follows(std::size_t first, std::size_t last) const;
    std::size_t acronym_name_last(std::size_t i, std::size_t limit) const;
    bool demonym_before(std::size_t i) const;
    bool party_before(std::size_t i) const;
    bool place_frame(std::size_t i) const;
    bool role_heads(std::size_t k) const;
    After after(std::size_t last) const;
    std::size_t known_tail(std::size_t i) const;
    bool function_word_place(const LexiconMatch& m, std::size_t i) const;
    void scan();
    std::size_t scan_at(std::size_t i);
    std::size_t sports_team(std::size_t i, std::size_t r_last, std::size_t limit) const;
    std::size_t org_phrase_last(std::size_t i, std::size_t limit) const;
    void extend_place(Candidate& c, std::size_t limit) const;
    Guess resolve_lexicon(const LexiconMatch& m, const Before& b, const After& a, std::size_t i, Candidate& c) const;
    void resolve_coreference();
    std::vector<Entity> group() const;
    bool tail_matches(const Candidate& shorter, const Candidate& longer) const;
};

void Scanner::prepare_words() {
    words_.resize(n_);
    for (std::size_t i = 0; i < n_; ++i) {
        const Token& t = tokens_[i];
        Word& w = words_[i];
        if (plain_key(t.folded)) {
            w.key = t.folded;
        } else {
            owned_keys_.push_back(entity_key(t.text));
            w.key = owned_keys_.back();
        }
        if (t.elided_start < t.start)
            w.particle = elided_particle(text_.substr(t.elided_start, t.start - t.elided_start));
        const std::size_t prev_end = i == 0 ? 0 : tokens_[i - 1].end;
        w.gap = i == 0 ? 0 : scan_gap(text_.substr(prev_end, t.elided_start - prev_end));
        w.cap = t.capitalised && !t.numeric;
        w.acronym = t.all_caps && t.folded.size() <= 6;
        w.common = t.stop || lex_.common_words.count(std::string(w.key)) != 0;
        const std::size_t next_start = i + 1 < n_ ? tokens_[i + 1].elided_start : text_.size();
        const bool dot_after = t.end < next_start && text_[t.end] == '.';
        if (w.cap && w.particle.empty()) {
            if (w.key == "mme" || w.key == "mmes" || w.key == "mlle" || w.key == "mlles")
                w.title = true;
            else if ((w.key == "m" || w.key == "mm" || w.key == "dr" || w.key == "pr" || w.key == "mgr") && dot_after)
                w.title = true;
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
// function words skipped ("de", "l'").
void Scanner::teach_acronyms() {
    for (std::size_t i = 1; i < n_; ++i) {
        const Word& acr = words_[i];
        if (!acr.acronym || !(acr.gap & kParenOpen) || (acr.gap & (kNotJoinable & ~kParenOpen))) continue;
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
            Candidate c{k, i - 1, Guess::org, {}, false, -1};
            const std::string acr_key(acr.key);
            const std::string long_key = span_key(k, i - 1);
            // The lexicons name it when they know the acronym or the long form.
            auto known = [&](const std::string& key) {
                if (auto it = lex_.orgs.find(key); it != lex_.orgs.end()) {
                    c.canonical = it->second;
                } else if (auto p = lex_.places.find(key); p != lex_.places.end()) {
                    c.kind = Guess::place;
                    c.canonical = p->second;
                } else if (auto q = lex_.persons.find(key); q != lex_.persons.end()) {
                    c.kind = Guess::person;
                    c.canonical = q->second;
                } else {
                    return false;
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

bool Scanner::first_name_start(std::size_t i) const {
    const Word& w = words_[i];
    if (!w.cap || w.acronym || w.title || after_article(i)) return false;
    if (first_names_has(w.key)) return true;
    return i + 1 < n_ && joinable(i + 1) && (words_[i + 1].gap & kHyphen) &&
           lex_.first_names.count(std::string(w.key) + " " + std::string(words_[i + 1].key)) != 0;
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
        if (w.cap) {
            const bool elided_ok = particles && (w.particle == "d" || w.particle == "l");
            if (!w.particle.empty() && !elided_ok && !(w.particle == "d" && hyphen_only(j))) break;
            if (w.acronym && !person_mode) break;
            last = j++;
            continue;
        }
        // Lower-case particles, kept only when a capital follows: "Charles de
        // Gaulle" in names of people and organisations, "Boulogne-sur-Mer"
        // between hyphens in any name.
        std::size_t k = j;
        bool hyphens = true;
        while (k < max && k - j < 2 && !words_[k].cap && (k == j || joinable(k))) {
            const bool linked = hyphen_only(k) && words_[k].particle.empty() && is_hyphen_particle(words_[k].key);
            if (!linked && !(particles && is_name_particle(words_[k].key))) break;
            hyphens = hyphens && linked;
            ++k;
        }
        if (k == j || k >= max || !joinable(k) || !words_[k].cap || words_[k].acronym) break;
        if (hyphens && !hyphen_only(k)) hyphens = false;
        if (!hyphens && !particles) break;
        // "le roi Hassan II du Maroc": a country after the particle is no part of the name.
        if (!hyphens && person_mode && names_country(k, max)) break;
        j = k;
    }
    return last;
}

bool Scanner::names_country(std::size_t k, std::size_t limit) const {
    const LexiconMatch m = lexicon_match(k, limit);
    if (!m.place) return false;
    auto kind = lex_.place_kinds.find(entity_key(*m.place));
    return kind != lex_.place_kinds.end() && (kind->second == "country" || kind->second == "region");
}

LexiconMatch Scanner::lexicon_match(std::size_t i, std::size_t limit) const {
    LexiconMatch best;
    std::string key;
    const std::size_t max = std::min(limit, i + 8);
    for (std::size_t j = i; j < max; ++j) {
        if (j > i) {
            if (!joinable(j)) break;
            if (!words_[j].particle.empty()) key.append(" ").append(words_[j].particle);
            key.push_back(' ');
        }
        key.append(words_[j].key);
        auto person = lex_.persons.find(key);
        auto place = lex_.places.find(key);
        auto org = lex_.orgs.find(key);
        if (person == lex_.persons.end() && place == lex_.places.end() && org == lex_.orgs.end()) continue;
        // "Sainte-Marie-Majeure", "Paris-Saint-Germain": a name cut inside a
        // compound is another name, unless the compound joins two places ("Paris-Lyon").
        if (j + 1 < n_ && hyphen_only(j + 1) && !lex_.places.count(std::string(words_[j + 1].key))) continue;
        best.last = j;
        best.person = person == lex_.persons.end() ? nullptr : &person->second;
        best.place = place == lex_.places.end() ? nullptr : &place->second;
        best.org = org == lex_.orgs.end() ? nullptr : &org->second;
    }
    return best;
}

Before Scanner::before(std::size_t i) const {
    Before b;
    const Word& w = words_[i];
    auto place_noun_at = [&](std::size_t k) { return place_nouns().count(words_[k].key) != 0; };
    auto venue_noun_at = [&](std::size_t k) { return venue_nouns().count(words_[k].key) != 0 && !words_[k].cap; };
    if (!w.particle.empty()) {
        // "d'Irak", "près d'Orange", "à l'Élysée": the elision is the word before.
        if (w.particle == "d" && after_title(i)) {
            b.title = true;  // M. d'Estaing
        } else if (w.particle == "d") {
            b.weak_place = true;
            if (i > 0 && joinable(i) && place_noun_at(i - 1)) b.place = true;
            if (i > 0 && joinable(i) && venue_noun_at(i - 1)) b.venue = true;
        } else if (w.particle == "l" && i > 0 && joinable(i) && is_text(i - 1, {"à", "À"})) {
            b.place = true;
        }
        return b;
    }
    if (i == 0) return b;
    const std::uint16_t gap = w.gap;
    std::size_t k = i - 1;
    if (after_title(i)) {
        b.title = true;  // "M. Hammond", "Mme Merkel"
        return b;
    }
    if (demonym_before(i)) {
        b.role = true;  // "le Japonais Yukiya Amano"
        return b;
    }
    const bool only_comma = (gap & kComma) && !(gap & (kNotJoinable & ~kComma));
    if (!joinable(i) && !only_comma) return b;
    if (only_comma) b.place_frame = place_frame(i);
    if (party_before(i)) {
        b.role = true;  // "la démocrate Nancy Pelosi"
        return b;
    }
    if (!only_comma) {
        // "A Athènes": dispatches often leave the capital À unaccented.
        if (is_text(k,
                    {"à", "À", "A", "en", "En", "au", "Au", "aux", "Aux", "dans", "Dans", "vers", "depuis", "via"})) {
            b.place = true;
            b.place_strong = !is_text(k, {"à", "À", "A", "vers", "depuis", "via"});
            // "aux Bafta", "aux César": a plural article before a singular name is an event.
            const std::string_view name = words_[i].key;
            b.place_article = is_text(k, {"aux", "Aux"}) && !name.empty() && name.back() != 's' && name.back() != 'x';
            return b;
        }
        if (words_[k].key == "chez") {
            b.org = true;
            return b;
        }
        if (words_[k].key == "de" || words_[k].key == "du" || words_[k].key == "des") {
            b.weak_place = true;
            // "la ville de X", "le site militaire de X": a place noun, perhaps with one adjective.
            const bool adjective = k > 1 && joinable(k - 1) && !words_[k - 1].cap &&
                                   (adjective_like(words_[k - 1].key) || is_org_adjective(words_[k - 1].key));
            if (k > 0 && joinable(k) && (place_noun_at(k - 1) || (adjective && place_noun_at(k - 2)))) b.place = true;
            if (k > 0 && joinable(k) && venue_noun_at(k - 1)) b.venue = true;
            return b;
        }
        if (speech_verbs().count(words_[k].key)) {
            b.speech = true;
            return b;
        }
        // "le champion de la Ligue": after an article the name heads its own
        // noun phrase; a cue noun before it names something else.
        if (is_name_particle(words_[k].key) || words_[k].key == "les" || words_[k].key == "un" ||
            words_[k].key == "une")
            return b;
    }
    // Back over adjectives and complements to the cue noun:
    // "le chef de la diplomatie britannique Philip Hammond".
    int unknown_budget = 1;
    bool direct = true;
    bool particle_seen = false;
    std::size_t cap_start = i;
    int acronyms_between = 0;
    // An apposition runs longer than a title: "la présidente de la Chambre des
    // représentants américaine, Nancy Pelosi" is seven words back to its role.
    const int max_steps = only_comma ? 8 : 6;
    for (int steps = 0; steps < max_steps; ++steps) {
        const Word& c = words_[k];
        const std::string_view key = c.key;
        const bool compound = k > 0 && joinable(k) && (c.gap & kHyphen);
        if (compound && (key == "avions" || key == "helicopteres" || key == "conteneurs") &&
            words_[k - 1].key == "porte") {
            b.vehicle = true;
            break;
        }
        if (compound && key == "marin" && words_[k - 1].key == "sous") {
            b.vehicle = true;
            break;
        }
        // "sud-africain", "Banque centrale": a noun joined to an adjective or
        // following a capital is an adjective here, not a cue.
        const bool adjectival = k + 1 < n_ && hyphen_only(k + 1);
        const bool after_name = k > 0 && joinable(k) && words_[k - 1].cap && place_nouns().count(key);
        if ((!c.cap || c.common) && !adjectival) {
            if (vehicle_nouns().count(key)) {
                b.vehicle = true;
                break;
            }
            if (role_nouns().count(key) &&
                !(key == "porte" || key == "premier" || key == "premiere" || key == "vice")) {
                b.role = true;
                break;
            }
            // "le patron du groupe, Carlos Ghosn": after a comma, the name is the apposition.
            if (org_nouns().count(key) && !only_comma) {
                b.org = true;
                b.org_direct = acronyms_between == 0;
                if (cap_start < i) b.org_start = cap_start;
                b.role_over_org = role_heads(k);
                break;
            }
            if (direct && !only_comma && venue_nouns().count(key)) {
                b.venue = true;
                break;
            }
            if (direct && !only_comma && !after_name && (place_nouns().count(key) || geo_nouns().count(key)) &&
                key != "pres" && key != "est") {
                b.facility = true;
                b.geo_noun = k + 1 == i && geo_nouns().count(key);
                break;
            }
        }
        const bool transparent = c.cap || adjectival || after_name || adjective_like(key) || is_name_particle(key) ||
                                 key == "premier" || key == "premiere" || key == "parole" || key == "porte" ||
                                 key == "vice" || (only_comma && org_nouns().count(key));
        if (!transparent) {
            if (tokens_[k].stop || tokens_[k].numeric || unknown_budget-- <= 0) break;
        }
        if (!transparent || is_name_particle(key)) direct = false;
        if (is_name_particle(key) || !c.particle.empty()) particle_seen = true;
        if (c.cap && !c.acronym && !particle_seen) cap_start = k;
        if (c.acronym) ++acronyms_between;
        if (!c.particle.empty() && c.particle != "d" && c.particle != "l") break;
        if (k == 0 || !joinable(k)) break;
        --k;
    }
    return b;
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
    auto kind = lex_.place_kinds.find(entity_key(place));
    return kind != lex_.place_kinds.end() && (kind->second == "city" || kind->second == "commune");
}

bool Scanner::is_rating(std::size_t i) const {
    const std::string_view t = tokens_[i].text;
    if (t.empty() || t.size() > 3 || !words_[i].cap) return false;
    for (char ch : t)
        if (ch != t.front()) return false;
    return true;
}

// Tokens first..last look like a person's name on their own: a first name
// then a capital, or two capitals or more ending with a known surname.
bool Scanner::person_follows(std::size_t first, std::size_t last) const {
    if (first >= last) return false;
    if (hyphen_only(first + 1)) return false;  // "Centre Pompidou-Metz": a compound is no person
    if (first_name_start(first) && words_[first + 1].cap) return true;
    return lex_.surnames.count(std::string(words_[last].key)) && !words_[first].common;
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
    auto kind = lex_.place_kinds.find(entity_key(*m.place));
    return kind != lex_.place_kinds.end() && kind->second != "country";
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
    return a;
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
    if (m.org && m.place) return b.weak_place ? use(Guess::place, m.place) : use(Guess::org, m.org);
    if (m.org) return use(Guess::org, m.org);
    if (m.place) {
        if (function_word_place(m, i)) return Guess::drop;
        c.corefable = single && !b.place_strong && !b.weak_place;
        return use(Guess::place, m.place);
    }
    c.corefable = true;
    return use(Guess::person, m.person);
}

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
    if (is_roman_ordinal(tokens_[i].text))  // "la Ve République": the ordinal's noun is no name either
        return i + 1 < n_ && joinable(i + 1) && words_[i + 1].cap && words_[i + 1].common ? i + 2 : i + 1;
    const Before b = before(i);
    const bool first = first_name_start(i);
    const bool person_cue = b.title || b.role;
    const bool person_mode = first || person_cue;
    const bool org_head = !person_mode && org_heads().count(w.key) && i + 1 < limit && joinable(i + 1);
    std::size_t r_last = run_last(i, limit, person_mode, org_head);
    const LexiconMatch m = lexicon_match(i, limit);
    const std::size_t span_end = std::max(r_last, m ? m.last : i);
    if (b.vehicle) return span_end + 1;  // "le porte-avions Charles-de-Gaulle"
    // "la rue Gaston-Gallimard", "le stade Maracana": a venue unless a gazetteer knows the name.
    // A person is still a person there ("le pionnier du cinéma Georges Méliès");
    // streets named after one are hyphenated ("la rue Gaston-Gallimard").
    const bool spaced_person = first && r_last > i && !hyphen_only(i + 1);
    if (b.venue && !(m && m.place && m.last >= r_last) && !spaced_person) return span_end + 1;

    Candidate c{i, r_last, Guess::unknown, {}, false, -1, person_cue};
    // "la maire de Paris Anne Hidalgo", "l'archevêque de Canterbury Rowan
    // Williams": a gazetteer place, then a person.
    if (m && m.place && !m.person && !m.org && !person_cue && m.last < r_last && person_follows(m.last + 1, r_last)) {
        c.last = m.last;
        c.kind = Guess::place;
        c.canonical = *m.place;
        found_.push_back(std::move(c));
        return m.last + 1;
    }
    if (w.acronym) {
        auto t = taught_.find(std::string(w.key));
        if (t != taught_.end()) {
            c.kind = t->second.kind;
            c.canonical = t->second.canonical;
            found_.push_back(std::move(c));
            return i + 1;
        }
    }
    const bool org_run = org_head && r_last > i;
    const std::size_t phrase_last = person_mode ? i : org_phrase_last(i, limit);
    const bool compound = i + 1 < limit && hyphen_only(i + 1) && words_[i + 1].cap;  // "Nouvelle-Guinée"
    if (phrase_last > i && (!m || m.last < phrase_last)) {
        c.last = phrase_last;
        c.kind = Guess::org;
        found_.push_back(std::move(c));
        return phrase_last + 1;
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
        // "à Londres Philip Hammond": a first name inside the run starts a new name.
        for (std::size_t p = i + 1; p < r_last; ++p)
            if (first_name_start(p) && words_[p + 1].cap) {
                r_last = p - 1;
                break;
            }
        c.last = r_last;
        if (const std::size_t team_last = sports_team(i, r_last, limit)) {
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
    if (b.title || (b.role && unknown_run) || (first && !thing_cue && r_last > i && unknown_run && !building)) {
        c.kind = Guess::person;
        c.corefable = true;
    } else if (m && m.last >= r_last) {
        c.last = m.last;
        c.kind = resolve_lexicon(m, b, a, i, c);
    } else if (is_venue_tail(tail) && r_last > i && words_[r_last].cap) {
        return r_last + 1;  // "le Groupama Stadium": a venue, as after "le stade"
    } else if (b.org || org_run) {
        c.kind = Guess::org;
        if (w.acronym) c.last = acronym_name_last(i, limit);  // "l'équipe UAE Emirates"
    } else if (building || b.facility || (b.place && !b.place_article && !w.acronym)) {
        c.kind = Guess::place;
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
        if ((b.speech || a.speech) && !after_article(i))
            c.kind = Guess::person;
        else if (a.business)
            c.kind = Guess::org;
        else if (r_last > i && lex_.surnames.count(std::string(words_[r_last].key)) && !words_[i].common)
            c.kind = Guess::person;
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
            i = scan_at(i + 1);  // "M. de Villepin": the particle opens the name
        } else if (!words_[i].cap || words_[i].title) {
            ++i;
        } else {
            i = scan_at(i);
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

// "M. Hammond" is "Philip Hammond" when the text names him so: the nearest
// longer name before it that ends with the same words, else the nearest after.
void Scanner::resolve_coreference() {
    // Names of two words or more by the key of their last word: a name can
    // only be a short form of a longer one, or repeat one, when both end with
    // the same word. Each look-up reads at most kReach of them, so that a text
    // naming one person thousands of times costs linear time, not quadratic.
    constexpr std::size_t kReach = 256;
    std::unordered_map<std::string_view, std::vector<std::size_t>> by_last;
    for (std::size_t i = 0; i < found_.size(); ++i)
        if (found_[i].last > found_[i].first) by_last[words_[found_[i].last].key].push_back(i);
    for (std::size_t ci = 0; ci < found_.size(); ++ci) {
        Candidate& c = found_[ci];
        if (!c.corefable) continue;
        const std::vector<std::size_t>& same_last = by_last[words_[c.last].key];
        const std::size_t here =
            static_cast<std::size_t>(std::lower_bound(same_last.begin(), same_last.end(), ci) - same_last.begin());
        // "À Taïwan, Nancy Pelosi défie Pékin" ... "la démocrate Nancy Pelosi":
        // a run of two capitals or more that is, word for word, a person of
        // the dispatch is that person, whatever the gazetteer said of it.
        if (c.kind != Guess::person && c.kind != Guess::org && c.last > c.first) {
            int same = -1;
            for (std::size_t k = 0; k < same_last.size() && k < kReach && same < 0; ++k) {
                const std::size_t pi = same_last[k];
                const Candidate& p = found_[pi];
                if (pi == ci || p.kind != Guess::person || p.target >= 0 || p.last - p.first != c.last - c.first)
                    continue;
                if (span_key(p.first, p.last) == span_key(c.first, c.last)) same = static_cast<int>(pi);
            }
            if (same >= 0) {
                c.kind = Guess::person;
                c.target = same;
                c.canonical.clear();
                continue;
            }
        }
        int best = -1;  // the last match before c, else the first after it
        for (std::size_t k = here, n = 0; k > 0 && n < kReach && best < 0; --k, ++n) {
            const std::size_t pi = same_last[k - 1];
            if (found_[pi].kind == Guess::person && tail_matches(c, found_[pi])) best = static_cast<int>(pi);
        }
        for (std::size_t k = here, n = 0; k < same_last.size() && n < kReach && best < 0; ++k, ++n) {
            const std::size_t pi = same_last[k];
            if (pi != ci && found_[pi].kind == Guess::person && tail_matches(c, found_[pi]))
                best = static_cast<int>(pi);
        }
        if (best >= 0) {
            c.kind = Guess::person;
            c.target = best;
            c.canonical.clear();
            continue;
        }
        if (c.kind == Guess::unknown || c.kind == Guess::person) {
            const std::string key = span_key(c.first, c.last);
            auto alias = lex_.persons.find(key);
            if (alias != lex_.persons.end()) {
                c.kind = Guess::person;
                c.canonical = alias->second;
            } else if (c.kind == Guess::person && !c.cued && lex_.first_names.count(key)) {
                c.kind = Guess::drop;  // "William" alone; "le prince William" keeps its cue
            }
        }
    }
}

EntityKind to_kind(Guess g) {
    switch (g) {
        case Guess::place:
            return EntityKind::place;
        case Guess::org:
            return EntityKind::org;
        default:
            return EntityKind::person;
    }
}

std::vector<Entity> Scanner::group() const {
    std::vector<Entity> entities;
    std::unordered_map<std::string, std::size_t> index;  // kind + key of canonical -> entity
    for (std::size_t ci = 0; ci < found_.size(); ++ci) {
        const Candidate& c = found_[ci];
        if (c.kind == Guess::unknown || c.kind == Guess::drop) continue;
        std::size_t root = ci;
        for (int hops = 0; found_[root].target >= 0 && hops < 8; ++hops)
            root = static_cast<std::size_t>(found_[root].target);
        const Candidate& r = found_[root];
        std::string name = !r.canonical.empty() ? r.canonical : span_text(r.first, r.last);
        if (r.kind == Guess::person && r.canonical.empty()) {
            if (auto alias = lex_.persons.find(span_key(r.first, r.last)); alias != lex_.persons.end())
                name = alias->second;
        }
        const EntityKind kind = to_kind(c.kind);
        const std::string id = std::string(kind_name(kind)) + ":" + entity_key(name);
        auto [it, added] = index.emplace(id, entities.size());
        if (added) entities.push_back(Entity{kind, name, {}});
        Entity& e = entities[it->second];
        const std::size_t start = tokens_[c.first].start, end = tokens_[c.last].end;
        e.mentions.push_back(Mention{std::string(text_.substr(start, end - start)), start, end});
    }
    return entities;
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
    return group();
}

int kind_rank(EntityKind k) {
    return static_cast<int>(k);
}

void sort_entities(std::vector<Entity>& entities) {
    std::stable_sort(entities.begin(), entities.end(), [](const Entity& a, const Entity& b) {
        if (a.kind != b.kind) return kind_rank(a.kind) < kind_rank(b.kind);
        return a.mentions.front().start < b.mentions.front().start;
    });
}

}  // namespace

std::vector<Entity> recognise_names(std::string_view text, const std::vector<Token>& tokens, const Lexicons& lexicons) {
    std::vector<Entity> entities = Scanner(text, tokens, lexicons).run();
    sort_entities(entities);
    return entities;
}

std::vector<Entity> recognise_entities(std::string_view text, const std::vector<Token>& tokens,
                                       const Lexicons& lexicons, const PartialDate& published) {
    std::vector<Entity> entities = recognise_names(text, tokens, lexicons);
    std::unordered_map<std::string, std::size_t> by_value;
    for (DateMention& d : find_dates(text, tokens, published)) {
        auto [it, added] = by_value.emplace(d.value, entities.size());
        if (added) entities.push_back(Entity{EntityKind::date, d.value, {}});
        entities[it->second].mentions.push_back(Mention{std::move(d.text), d.start, d.end});
    }
    // No two mentions overlap: the longer wins ("Pâques" the date over a name).
    struct Ref {
        std::size_t entity, mention, start, end;
    };
    std::vector<Ref> refs;
    for (std::size_t e = 0; e < entities.size(); ++e)
        for (std::size_t m = 0; m < entities[e].mentions.size(); ++m)
            refs.push_back(Ref{e, m, entities[e].mentions[m].start, entities[e].mentions[m].end});
    std::sort(refs.begin(), refs.end(), [](const Ref& a, const Ref& b) {
        return a.start != b.start ? a.start < b.start : a.end - a.start > b.end - b.start;
    });
    std::vector<std::vector<bool>> keep(entities.size());
    for (std::size_t e = 0; e < entities.size(); ++e) keep[e].assign(entities[e].mentions.size(), true);
    std::size_t kept = refs.size();  // the last kept mention
    for (std::size_t r = 0; r < refs.size(); ++r) {
        if (kept < refs.size() && refs[r].start < refs[kept].end) {
            if (refs[r].end - refs[r].start > refs[kept].end - refs[kept].start) {
                keep[refs[kept].entity][refs[kept].mention] = false;
                kept = r;
            } else {
                keep[refs[r].entity][refs[r].mention] = false;
            }
            continue;
        }
        kept = r;
    }
    std::vector<Entity> out;
    out.reserve(entities.size());
    for (std::size_t e = 0; e < entities.size(); ++e) {
        Entity entity{entities[e].kind, std::move(entities[e].name), {}};
        for (std::size_t m = 0; m < entities[e].mentions.size(); ++m)
            if (keep[e][m]) entity.mentions.push_back(std::move(entities[e].mentions[m]));
        if (!entity.mentions.empty()) out.push_back(std::move(entity));
    }
    sort_entities(out);
    return out;
}

}  // namespace depeche
