#pragma once
// The cue words and small text tests of the name recogniser (recogniser.cpp):
// word lists are folded (lower case, no accents), as Word::key is. They are
// the language of dispatches, not names; tests/test_recogniser.cpp measures them.
// Every function is thread-safe (lists are built once, on first use).

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "word_set.hpp"

namespace depeche::cues {

/// The cue lists: a set of short words that answers "no" to most words
/// without hashing (word_set.hpp).
using WordSet = ShortWordSet;

/// The words of a space-separated literal (views into it: it must live forever).
WordSet words_of(std::string_view list);
/// True when `w` ends with one of the space-separated `endings` and keeps at
/// least three letters before it.
bool ends_with_any(std::string_view w, std::string_view endings);

/// `ends_with_any` with the endings split once, by last byte: the adjective
/// and nationality tests run on many tokens, with long lists of endings.
class Endings {
public:
    explicit Endings(std::string_view endings);
    bool match(std::string_view w) const;

private:
    std::array<std::vector<std::string_view>, 256> by_last_;
};

const WordSet& role_nouns();      // "le président", "la ministre" before a person
const WordSet& org_nouns();       // "le groupe", "le quotidien" before an organisation
const WordSet& org_heads();       // "Banque de France": first word of an organisation's name
const WordSet& place_nouns();     // "l'aéroport Charles-de-Gaulle", "la ville de Nancy"
const WordSet& venue_nouns();     // "la rue X", "le stade X", "le prix X": a venue or an event, not a place
const WordSet& site_nouns();      // "la rue X", "la place de la X", "le château de X": the whole is a place
const WordSet& geo_nouns();       // "la mer Noire": natural features, part of the name
const WordSet& vehicle_nouns();   // "la frégate X": craft named after people
const WordSet& speech_verbs();    // "a déclaré X", "X estime"
const WordSet& business_words();  // "X a racheté", "le chiffre d'affaires de X"
/// Political families used as nouns for a member: "la démocrate", "le
/// républicain", "l'écologiste" right before a Firstname Surname.
const WordSet& party_nouns();
/// Lower-case nouns that open an organisation's name with "de" and a capital:
/// "le ministère de l'Intérieur", "l'équipe de France", "le parquet de Paris".
const WordSet& lower_org_heads();
/// Titles of sovereigns and popes, which name a person with a lone first
/// name: "le pape François", "le prince William".
const WordSet& sovereign_titles();
/// Titles, ranks and functions that open a person's mention when right
/// before the name ("le maréchal Foch", "le duc de Guise"): the role nouns
/// and ranks of nobility, address and the clergy (folded, lower case).
/// Used for spans only (HIPE and Quaero count them in the mention), never to
/// decide that a name is a person's.
bool is_person_title(std::string_view w);
/// Words that join a title into one ("vice-président", "ex-ministre",
/// "Premier ministre", "l'ancien président"), before the title noun.
bool is_title_prefix(std::string_view w);
/// Words of a sports report: "match", "finale", "rugby", "entraîneur".
const WordSet& sports_words();
/// English nouns that make the run they end a building or a street:
/// "Lancaster House", "Downing Street", "Groupama Stadium".
bool is_building_noun(std::string_view w);
/// English nouns ending the name of a venue: "Groupama Stadium", "Barclays Center".
bool is_venue_tail(std::string_view w);
/// Nouns ending the title of a newspaper or a magazine: "Charlie Hebdo",
/// "Washington Post": no person, though it may start with a first name.
bool is_press_tail(std::string_view w);
// "Kia Motors", "Tata Group", "Emirates Airlines": an English word that ends a company's name.
bool is_company_tail(std::string_view w);
/// "Bundestag", "Bundesbank", "Bundeswehr": a German compound of "Bundes-"
/// (federal) names a federal body. Folded key.
bool is_federal_body(std::string_view w);
/// Religious buildings called by their dedication alone: "la cathédrale
/// Notre-Dame" is "Notre-Dame", "l'église Saint-Sulpice" "Saint-Sulpice".
bool is_church_noun(std::string_view w);
bool is_geo_adjective(std::string_view w);   // "Amérique centrale"
bool is_common_acronym(std::string_view w);  // "le PIB", "la CSG": common nouns
bool is_org_adjective(std::string_view w);   // "Banque mondiale", "Parti socialiste"
bool is_compass(std::string_view w);
/// Adjectives between a cue noun and a name: "le président américain".
bool adjective_like(std::string_view w);
/// A nationality, capitalised as a noun: "le Japonais", "l'Américaine".
bool is_demonym(std::string_view w);
/// A singular nationality adjective after a body's name: "le Sénat espagnol".
bool is_nationality_adjective(std::string_view w);
bool is_name_particle(std::string_view w);
bool is_hyphen_particle(std::string_view w);
/// "the", "of", "and", "for": they join the capitals of an English name ("Save the Children").
bool is_english_particle(std::string_view w);
bool is_roman_numeral(std::string_view w);
/// "XIXe", "IIIe", "Ier", "Ve" as written (upper-case numeral, then e, ème,
/// er or re): a century or a rank, never a name. "Le", "De", "Me" are not.
bool is_roman_ordinal(std::string_view text);

// ---- what lies between two tokens --------------------------------------------

enum GapFlag : std::uint16_t {
    kSpace = 1,
    kHyphen = 2,
    kDot = 4,
    kStop = 8,  // . ! ? …
    kComma = 16,
    kQuote = 32,
    kParenOpen = 64,
    kParenClose = 128,
    kColon = 256,
    kParagraph = 512,
    kOther = 1024,
};
constexpr std::uint16_t kNotJoinable =
    kStop | kComma | kQuote | kParenOpen | kParenClose | kColon | kParagraph | kOther;

/// The GapFlags of the bytes between two tokens (UTF-8).
std::uint16_t scan_gap(std::string_view g);
/// The folded elision of a token ("d", "l", "qu"), from its bytes before the
/// apostrophe; empty when it is none of them.
std::string_view elided_particle(std::string_view elided);
/// `s` with every run of white space made one space, none at the ends.
std::string collapse_spaces(std::string_view s);
/// True when `folded` has only ASCII lower-case letters, digits or non-ASCII bytes.
/// Inline: every token of every text comes through here, one table read a byte.
inline bool plain_key(std::string_view folded) {
    static constexpr auto kPlain = [] {
        std::array<bool, 256> plain{};
        for (int c = 0; c < 256; ++c) plain[c] = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
        return plain;
    }();
    for (char c : folded)
        if (!kPlain[static_cast<unsigned char>(c)]) return false;
    return !folded.empty();
}

}  // namespace depeche::cues
