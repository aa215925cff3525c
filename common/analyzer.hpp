#pragma once
// The French analyser: one chain, used at index time and at query time.
//
//   text (UTF-8, NFC) -> ICU word break -> apostrophes unified -> elision
//   removed -> case folded, accents and ligatures off -> stop word flag ->
//   Snowball French stem of the folded word
//
// Every token keeps its byte offsets into the analysed text, so snippets and
// entity mentions point at the bytes the reader sees.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace depeche {

/// One word of a text, as every later step sees it.
struct Token {
    /// The word as written (case and accents kept), elision removed:
    /// "l'Élysée" -> "Élysée". Views into the analysed text.
    std::string_view text;
    /// Lower case, accents off, ligatures expanded, elision removed:
    /// "Élysée" -> "elysee", "Œuvre" -> "oeuvre". The indexed surface word.
    /// Cut to kMaxWordBytes (at a character boundary), so that its terms stay
    /// within Xapian's limit in the index and in parsed queries alike.
    std::string folded;
    /// Snowball French stem of `folded` ("securite" -> "securit").
    /// Empty for stop words and for words with no letter (numbers keep
    /// their digits as `folded` and have stem == folded). Empty for every
    /// word when analysed with Stems::skip.
    std::string stem;
    /// Byte offsets of `text` in the analysed text: [start, end).
    std::size_t start = 0;
    std::size_t end = 0;
    /// Byte offset where the word began before its elision came off
    /// ("l'Élysée": start of "l"). Equals `start` when there was none.
    std::size_t elided_start = 0;
    /// 0-based word position (every word counts, stop words included).
    std::uint32_t position = 0;
    /// True when `folded` is in the French stop word list.
    bool stop = false;
    /// True when the first letter of `text` is upper case.
    bool capitalised = false;
    /// True when the word has at least two letters and all are upper case.
    bool all_caps = false;
    /// True when the word has at least one digit and no letter.
    bool numeric = false;
    /// True when `folded` is not empty and holds only ASCII lower-case letters,
    /// digits and non-ASCII bytes (cues::plain_key), found while folding: the
    /// recogniser asks it of every token. False when unknown (a token made by
    /// hand): the recogniser then tests `folded` itself.
    bool plain = false;
};

/// Whether analyse fills Token::stem. Only the index and queries use stems
/// (the Z terms, snippet marks); recognition and the tagger never read them,
/// and stemming was a third of the analyser's instructions on a cold cache.
enum class Stems {
    make,  ///< Token::stem as documented
    skip,  ///< Token::stem left empty; every other field the same as with make
};

/// Splits `text` (UTF-8; NFC expected, see `to_nfc`) into French tokens.
/// Punctuation and spaces produce no token. Never throws on valid UTF-8;
/// invalid sequences are skipped as non-words.
/// Thread-safe: each call uses its own ICU iterator (the stemmer cache is
/// per thread).
std::vector<Token> analyse(std::string_view text, Stems stems = Stems::make);

/// Case folding and accent removal of any text, the same as Token::folded but
/// without word breaking or elision: "Côte d’Ivoire" -> "cote d'ivoire".
/// Apostrophes become U+0027.
std::string fold(std::string_view text);

/// True when `folded` is a French stop word ("le", "de", "qu", "a"...).
bool is_stop_word(std::string_view folded);

/// Returns `text` in Unicode normalisation form C.
std::string to_nfc(std::string_view text);

/// A quick check that `text` is in NFC, without normalising it: true when
/// every code point lies in U+0000..U+07FF or U+2000..U+20FF and ICU gives it
/// NFC_Quick_Check=Yes and combining class 0 (so NFC neither changes it nor
/// composes it with the one before); false when it cannot tell (any other
/// code point, invalid UTF-8). True means to_nfc(text) == text.
bool is_surely_nfc(std::string_view text);

/// True when `text` is valid UTF-8 (no overlongs, no surrogates).
bool is_valid_utf8(std::string_view text);

/// is_valid_utf8 and, in the same pass, is_surely_nfc (false when not valid).
struct Utf8Check {
    bool valid = false;
    bool surely_nfc = false;
};
Utf8Check check_utf8(std::string_view text);

/// Increase when a change to the analyser changes the terms it produces:
/// databases record it and refuse to be searched by a different one.
inline constexpr int analyser_version = 2;

/// The longest folded word, in bytes: a longer one (a URL, a run of letters)
/// is indexed and searched by its first kMaxWordBytes bytes.
inline constexpr std::size_t kMaxWordBytes = 200;

}  // namespace depeche
