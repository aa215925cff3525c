#pragma once
// Word segmentation for the analyser: the segments ICU's word break iterator
// (UAX #29) marks as words, as byte offsets. Plain Latin text is segmented
// without ICU; anything else goes through it. Internal to the analyser; the
// tests compare the two paths.

#include <cstddef>
#include <string_view>
#include <vector>

namespace depeche::word_break {

/// A word segment [start, end) of a text, in bytes.
struct Segment {
    std::size_t start;
    std::size_t end;
};

/// The word segments of `text` (UTF-8; invalid sequences allowed) into `out`
/// (cleared first): exactly the segments of `icu_segments`, cheaper on Latin text.
void segments(std::string_view text, std::vector<Segment>& out);

/// The word segments of `text` as ICU's word break iterator alone finds them:
/// the reference of `segments`.
void icu_segments(std::string_view text, std::vector<Segment>& out);

/// How the fast path sees one code point (exposed for the tests).
enum class Class : unsigned char {
    kSpace,      // U+0020, tab, LF, CR: the fast path cuts the text at these
    kLetter,     // ICU's ALetter: letters join letters and digits
    kDigit,      // ICU's Numeric: digits join digits and letters
    kMidLetter,  // joins two letters (MidLetter)
    kMidNum,     // joins two digits (MidNum: , ;)
    kMidBoth,    // joins two letters or two digits (MidNumLet, Single_Quote: . ' ’)
    kOther,      // breaks on both sides, never a word (spaces, most punctuation)
    kUnusual,    // anything else: the run of text around it goes to ICU
};

/// The fast path's class of `c`.
Class classify(char32_t c);

}  // namespace depeche::word_break
