#pragma once
// The name scanner of recogniser.cpp, shared by its parts (not a public API):
//   recogniser_context.cpp  tokens as Words, lexicon look-ups, the cues around a name
//   recogniser_before.cpp   the words before a name (Before) and the venue noun opening one
//   recogniser_scan.cpp     the scan: spans and kinds at each capitalised token
//   recogniser_lists.cpp    lists after a plural title, a title + "de"/"d'" + a surname, initials
//   recogniser_coref.cpp    short forms, canonical names, grouping into entities
//
// How names are found, in one pass over the tokens (see DESIGN.md, Entities):
//   1. `Nom Complet (ACR)` patterns are found first: the long form becomes a
//      fixed span and the acronym is taught for the whole dispatch;
//   2. at each capitalised token, the longest lexicon match (which may run
//      over lower-case words: "Union européenne") competes with the run of
//      capitalised tokens ("Lancaster House", "Jean-Yves Le Drian"); the
//      context before and after (cue words) picks the kind;
//   3. short person names ("M. Hammond", "Hammond") attach to a longer name of
//      the same dispatch that ends with them, else to a person alias; a place
//      no lexicon knows ("Rio") to a longer place that begins with it.
// Cue words below are folded (lower case, no accents): they are the language
// of dispatches, not names, and a later issue measures them.

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "analyzer.hpp"
#include "cues.hpp"
#include "entity.hpp"
#include "lexicon.hpp"

namespace depeche::recogniser_detail {

using namespace cues;

// The longest sigle written as a word that a dispatch may teach ("Unesco").
constexpr std::size_t kSigleMax = 6;

// Everything the scan asks about one token, computed once.
struct Word {
    std::string_view key;       // entity key of the token ("qaida")
    std::string_view particle;  // folded elision before it ("d" in "d'Al-Qaïda"), or empty
    std::uint16_t gap = 0;      // GapFlags of the bytes before it (before its elision)
    bool cap = false;
    bool acronym = false;  // all capitals, 2 to 6 letters ("EI", "AIEA")
    bool common = false;   // stop word or common French word; set for capitalised tokens only (is_common)
    bool title = false;    // "M.", "Mme", "Dr" ...
};

// recogniser_before.cpp: "les généraux", "les présidents", "messieurs": the
// plural of a title, before a list of people ("les généraux Weygand et Gamelin").
bool is_plural_title(std::string_view key);
// "le conseiller fédéral Motta": an adjective that belongs to the title before a name.
bool is_title_adjective(std::string_view key);
// "Me", "Mgr", "Dr" written without a dot, capitalised: the title of the name after.
bool is_honorific_abbreviation(const Word& w, const Token& t);
// recogniser_lists.cpp: titles French writes before "de" and a surname ("le général de Gaulle").
const WordSet& titles_before_de();

enum class Guess : std::uint8_t { drop, unknown, person, place, org };

struct Candidate {
    std::size_t first = 0, last = 0;  // token indices, inclusive
    Guess kind = Guess::unknown;
    std::string canonical;   // from the lexicons or taught; empty: as written
    bool corefable = false;  // may be a short form of a person named in the text
    int target = -1;         // the candidate it is a short form of
    bool cued = false;       // a title, a role or a nationality before it ("le prince William")
    // A sovereign's or a pope's title right before ("le pape François"): a
    // lone first name is named with it.
    std::string_view honorific;
    // The name begins at the first token's elided particle ("le duc d'Orléans": "d'Orléans").
    bool elision_named = false;
    // A surname of the lexicon alone in a list of people ("Churchill, Roosevelt
    // et Staline"): a person unless the dispatch names it otherwise (resolve_coreference).
    bool lone_surname = false;
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
    bool speech = false;        // X a déclaré
    bool business = false;      // X a racheté, le chiffre d'affaires
    bool role = false;          // X, président de la Fifa ; X, l'ancien ministre
    bool role_article = false;  // with `role`: an article before the function ("X, le président")
};

// The tokens the scan reads, by address: the analyser's, with a word glued
// across a full stop ("Paris.Le", recogniser.cpp) replaced by its pieces. Only
// the pieces are stored here; the other tokens are the caller's, which must
// outlive the list. Copying every token of a dispatch for one glued word cost
// 3% of an extraction.
class TokenList {
public:
    void reserve(std::size_t n) { at_.reserve(n); }
    void push_back(const Token& t) { at_.push_back(&t); }
    void push_piece(Token&& t) { at_.push_back(&pieces_.emplace_back(std::move(t))); }
    const Token& operator[](std::size_t i) const { return *at_[i]; }
    std::size_t size() const { return at_.size(); }

private:
    std::vector<const Token*> at_;
    std::deque<Token> pieces_;  // a deque: its elements stay where they are as it grows
};

class Scanner {
public:
    Scanner(std::string_view text, const TokenList& tokens, const Lexicons& lexicons)
        : text_(text),
          tokens_(tokens),
          lex_(lexicons),
          n_(tokens.size()),
          titles_before_de_(titles_before_de()),
          lower_org_heads_(lower_org_heads()) {}

    std::vector<Entity> run();

private:
    std::string_view text_;
    const TokenList& tokens_;
    const Lexicons& lex_;
    std::size_t n_;
    // Cue lists asked at every token, held so that their test needs no call.
    const WordSet& titles_before_de_;
    const WordSet& lower_org_heads_;
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
    mutable std::int8_t sports_ = -1;  // sports_report(): -1 not yet asked
    mutable std::vector<std::int8_t> first_name_memo_;
    mutable std::string key_buffer_;  // lexicon_match's keys  // first_name_start per token: -1 not yet asked

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
    // Tokens first..last are one hyphenated compound: "Roissy-Charles-de-Gaulle".
    // A surname at its end makes no person of it: places and airports are named so.
    bool hyphenated(std::size_t first, std::size_t last) const {
        for (std::size_t k = first + 1; k <= last; ++k)
            if (!hyphen_only(k)) return false;
        return last > first;
    }
    // "la liaison Paris-Turin-Milan": a compound that joins two places of the
    // gazetteer is a route, though its first word is a first name too ("Paris").
    bool joins_places(std::size_t first, std::size_t last, const LexiconMatch& m) const {
        return hyphenated(first, last) && m.place && m.last == first && lexicon_match(first + 1, last + 1).place;
    }
    bool first_names_has(std::string_view key) const { return lex_.first_names.count(std::string(key)) != 0; }
    std::string span_text(std::size_t first, std::size_t last) const {
        return collapse_spaces(text_.substr(tokens_[first].start, tokens_[last].end - tokens_[first].start));
    }
    std::string span_key(std::size_t first, std::size_t last) const;

    void prepare_words();
    void teach_acronyms();
    // Asked at every token by the scan's first loop: inline, so that a word in
    // lower case, or one already asked, costs no call.
    bool first_name_start(std::size_t i) const {
        if (!words_[i].cap) return false;
        std::int8_t& known = first_name_memo_[i];  // asked by several rules for the same token
        if (known < 0) known = first_name_start_uncached(i) ? 1 : 0;
        return known != 0;
    }
    bool first_name_start_uncached(std::size_t i) const;
    bool caps_first_name(std::size_t i) const;
    /// Word::common for any token, capitalised or not.
    bool is_common(std::size_t i) const;
    std::size_t run_last(std::size_t i, std::size_t limit, bool person_mode, bool org_mode) const;
    bool names_country(std::size_t k, std::size_t limit) const;
    LexiconMatch lexicon_match(std::size_t i, std::size_t limit) const;
    Before before(std::size_t i) const;
    /// The token of the street or monument noun that starts a place ending
    /// with the name at `i` ("place de la Concorde"), or npos.
    std::size_t site_start(std::size_t i) const;
    std::size_t demonym_last(std::size_t i) const;
    bool is_rating(std::size_t i) const;
    bool town(const std::string& place) const;
    bool town_then_surname(std::size_t i, std::size_t r_last, const LexiconMatch& m, const Before& b) const;
    // "Churchill, Roosevelt et Staline" but not "la Ford GT", "Dior, Disney,
    // Canon": a surname of the lexicon alone that names a person (recogniser_context.cpp).
    bool lone_surname_person(std::size_t i, std::size_t limit) const;
    bool listed_with_people(std::size_t i, std::size_t limit) const;
    bool thing_context(std::size_t j) const;
    bool role_apposition(std::size_t j, bool& article) const;
    bool function_of_before(std::size_t i) const;
    // "le ministère de l'Intérieur": the last token of the organisation a
    // lower-case head opens at `i`, or 0. Asked at every token: the head's test
    // is inline, so that most words cost no call.
    std::size_t lower_org_last(std::size_t i) const {
        return !words_[i].cap && lower_org_heads_.count(words_[i].key) ? lower_org_last_at(i) : 0;
    }
    std::size_t lower_org_last_at(std::size_t i) const;
    bool person_follows(std::size_t first, std::size_t last) const;
    std::size_t acronym_name_last(std::size_t i, std::size_t limit) const;
    bool demonym_before(std::size_t i) const;
    bool party_before(std::size_t i) const;
    bool place_frame(std::size_t i) const;
    /// The token a person's mention starts at: `first`, or the title or
    /// function right before it ("M.", "le [président américain] Obama"),
    /// never before token `lo` (the tokens of earlier names).
    std::size_t title_start(std::size_t first, std::size_t lo) const;
    bool role_heads(std::size_t k) const;
    After after(std::size_t last) const;
    std::size_t known_tail(std::size_t i) const;
    bool function_word_place(const LexiconMatch& m, std::size_t i) const;
    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    std::size_t noun_before_de(std::size_t i) const;
    void scan();
    bool caps_word(std::size_t i) const;  // a French word in capitals, skipped by the scan
    // recogniser_lists.cpp: "MM. Bertoni, Micheli et Tissières", "le général de Gaulle", "L. Jalabert".
    std::size_t surname_last(std::size_t k, std::size_t limit, bool fief = false) const;
    // Asked at every token: the title's test is inline, as for lower_org_last.
    // "la comtesse d'Haussonville" may end the text: the elided name is token i + 1.
    std::size_t scan_title_de(std::size_t i) {
        return i + 1 < n_ && words_[i].particle.empty() && titles_before_de_.count(words_[i].key) ? scan_title_de_at(i)
                                                                                                  : 0;
    }
    std::size_t scan_title_de_at(std::size_t i);
    std::size_t initials_end(std::size_t i, bool listed) const;
    // Asked at every token: inline, so that most (no capital, or longer than an
    // abbreviation or an initial) cost no call.
    std::size_t scan_name_opening(std::size_t i) {
        return words_[i].cap && words_[i].key.size() <= 3 ? scan_short_capital(i) : 0;
    }
    std::size_t scan_short_capital(std::size_t i);
    // "Me Dupont": token `i` is a name after a title abbreviation written without its dot.
    bool after_abbreviation(std::size_t i) const {
        return i > 0 && i < n_ && words_[i].gap == kSpace && words_[i].particle.empty() && words_[i].cap &&
               !words_[i].common && !tokens_[i].all_caps && is_honorific_abbreviation(words_[i - 1], tokens_[i - 1]);
    }
    std::size_t scan_list(std::size_t j);
    std::size_t scan_at(std::size_t i);
    std::size_t sports_team(std::size_t i, std::size_t r_last, std::size_t limit) const;
    bool sports_report() const;
    std::size_t team_nickname(std::size_t i, std::size_t r_last, std::size_t limit) const;
    std::size_t exclaimed_last(std::size_t i, std::size_t limit) const;
    std::size_t numbered_side(std::size_t i, std::size_t limit) const;
    std::size_t org_phrase_last(std::size_t i, std::size_t limit) const;
    void extend_place(Candidate& c, std::size_t limit) const;
    Guess resolve_lexicon(const LexiconMatch& m, const Before& b, const After& a, std::size_t i, Candidate& c) const;
    void resolve_coreference();
    void resolve_place_heads();
    std::vector<Entity> group() const;
    bool tail_matches(const Candidate& shorter, const Candidate& longer) const;
};

}  // namespace depeche::recogniser_detail
