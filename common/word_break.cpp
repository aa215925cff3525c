#include "word_break.hpp"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <array>
#include <memory>
#include <stdexcept>

namespace depeche::word_break {
namespace {

// ---- ICU ---------------------------------------------------------------------

icu::BreakIterator& word_breaker() {
    thread_local std::unique_ptr<icu::BreakIterator> breaker = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::BreakIterator> b(icu::BreakIterator::createWordInstance(icu::Locale::getFrench(), status));
        if (U_FAILURE(status) || !b) throw std::runtime_error("ICU: cannot create the word break iterator");
        return b;
    }();
    return *breaker;
}

// Runs the word break iterator over `ut` and appends its word segments
// (status other than UBRK_WORD_NONE: letters, numbers, kana, ideographs),
// each index mapped to a byte offset by `to_byte`.
template <typename ToByte>
void run_breaker(UText* ut, std::vector<Segment>& out, ToByte to_byte) {
    icu::BreakIterator& breaker = word_breaker();
    UErrorCode status = U_ZERO_ERROR;
    breaker.setText(ut, status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot set the word break text");
    int32_t from = breaker.first();
    for (int32_t stop = breaker.next(); stop != icu::BreakIterator::DONE; from = stop, stop = breaker.next())
        if (breaker.getRuleStatus() != UBRK_WORD_NONE) out.push_back({to_byte(from), to_byte(stop)});
    // The iterator keeps a pointer to the text: detach it before the text goes.
    UText empty = UTEXT_INITIALIZER;
    status = U_ZERO_ERROR;
    utext_openUTF8(&empty, "", 0, &status);
    breaker.setText(&empty, status);
    utext_close(&empty);
}

// The word segments of text[from, to) through ICU, as if that range were the
// whole text; false (and nothing appended) when it is not valid UTF-8.
//
// The range is handed to ICU as UTF-16: ICU's UTF-8 UText converts the text
// 32 characters at a time and maps every index back, which costs more than
// converting it once (callgrind on OrangeSum: about a fifth of the iterator's
// instructions). The code points, hence the boundaries, are the same.
bool icu_range(std::string_view text, std::size_t from, std::size_t to, std::vector<Segment>& out) {
    // After the code point that ends at UTF-16 `index`, byte offsets are
    // `shift` more than UTF-16 indexes. Both buffers only grow, per thread.
    struct Shift {
        int32_t index;
        int32_t shift;
    };
    thread_local std::vector<UChar> utf16;
    thread_local std::vector<Shift> shifts;
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data() + from);
    const auto length = static_cast<int32_t>(to - from);
    if (utf16.size() < to - from) utf16.resize(to - from);
    shifts.clear();
    UChar* u = utf16.data();
    for (int32_t i = 0; i < length;) {
        if (bytes[i] < 0x80) {
            *u++ = bytes[i++];
            continue;
        }
        UChar32 c;
        U8_NEXT(bytes, i, length, c);
        if (c < 0) return false;
        if (c < 0x10000) {
            *u++ = static_cast<UChar>(c);
        } else {
            *u++ = U16_LEAD(c);
            *u++ = U16_TRAIL(c);
        }
        const auto index = static_cast<int32_t>(u - utf16.data());
        shifts.push_back({index, i - index});
    }
    UErrorCode status = U_ZERO_ERROR;
    UText ut = UTEXT_INITIALIZER;
    utext_openUChars(&ut, utf16.data(), static_cast<int32_t>(u - utf16.data()), &status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot open the text");
    // Segments come in order, so the shifts are walked once.
    std::size_t next_shift = 0;
    int32_t shift = 0;
    run_breaker(&ut, out, [&](int32_t index) {
        while (next_shift < shifts.size() && shifts[next_shift].index <= index) shift = shifts[next_shift++].shift;
        return from + static_cast<std::size_t>(index + shift);
    });
    utext_close(&ut);
    return true;
}

// ---- the fast path -------------------------------------------------------------

// The fast path knows the code points of two tables: Latin (U+0000..U+024F)
// and General Punctuation with the currency signs (U+2000..U+20CF, for ’ – —
// … € and the narrow spaces). Their classes come from ICU's Word_Break
// property, with ICU's own tailorings of UAX #29 (its rules, not the
// property, decide): the test "the fast path's classes agree with ICU" checks
// every entry against the break iterator.
constexpr char32_t kLatinEnd = 0x0250;
constexpr char32_t kPunctuationBegin = 0x2000, kPunctuationEnd = 0x20D0;

Class derive(char32_t code_point) {
    const auto c = static_cast<UChar32>(code_point);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return Class::kSpace;
    // ICU's rules part from the property on two ASCII characters: ':' is no
    // MidLetter ("a:b" breaks), and ICU 72.1 makes '@' a letter (e-mail
    // addresses stay whole) where other versions do not: '@' is left to ICU.
    if (c == ':') return Class::kOther;
    if (c == '@') return Class::kUnusual;
    // Emoji sequences and dictionary scripts have rules of their own.
    if (u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) ||
        u_getIntPropertyValue(c, UCHAR_LINE_BREAK) == U_LB_COMPLEX_CONTEXT)
        return Class::kUnusual;
    switch (u_getIntPropertyValue(c, UCHAR_WORD_BREAK)) {
        case U_WB_ALETTER:
            return Class::kLetter;
        case U_WB_NUMERIC:
            return Class::kDigit;
        case U_WB_MIDLETTER:
            return Class::kMidLetter;
        case U_WB_MIDNUM:
            return Class::kMidNum;
        case U_WB_MIDNUMLET:
        case U_WB_SINGLE_QUOTE:
            return Class::kMidBoth;
        case U_WB_OTHER:
        case U_WB_WSEGSPACE:
        case U_WB_NEWLINE:
        case U_WB_CR:
        case U_WB_LF:
        case U_WB_DOUBLE_QUOTE:  // joins only Hebrew letters, which are unusual
            return Class::kOther;
        default:  // Extend, Format, ZWJ, ExtendNumLet (_ and U+202F), Katakana, Hebrew, RI
            return Class::kUnusual;
    }
}

struct Tables {
    std::array<Class, kLatinEnd> latin;
    std::array<Class, kPunctuationEnd - kPunctuationBegin> punctuation;
    // By byte: an ASCII kLetter or kDigit (one test a byte in a word's ASCII run).
    std::array<bool, 256> ascii_word;
};

const Tables& tables() {
    static const Tables t = [] {
        Tables t{};
        for (char32_t c = 0; c < kLatinEnd; ++c) t.latin[c] = derive(c);
        for (char32_t c = kPunctuationBegin; c < kPunctuationEnd; ++c) t.punctuation[c - kPunctuationBegin] = derive(c);
        for (std::size_t b = 0; b < 0x80; ++b)
            t.ascii_word[b] = t.latin[b] == Class::kLetter || t.latin[b] == Class::kDigit;
        return t;
    }();
    return t;
}

Class lookup(const Tables& t, char32_t c) {
    if (c < kLatinEnd) return t.latin[c];
    if (c >= kPunctuationBegin && c < kPunctuationEnd) return t.punctuation[c - kPunctuationBegin];
    return Class::kUnusual;
}

enum class Chunk { kDone, kUnusual, kInvalid };
constexpr std::size_t kNone = static_cast<std::size_t>(-1);

// Segments the chunk that starts at `i` (a byte that is no kSpace) and ends
// before the next kSpace byte, appending its words; `i` ends at the chunk's
// end. kUnusual when a code point needs ICU (the caller drops what was
// appended), kInvalid on invalid UTF-8.
//
// Within such a chunk UAX #29 reduces to: letters and digits hold together
// (WB5, WB8-WB10); a mid character holds two letters (WB6-WB7: MidLetter,
// MidNumLet, Single_Quote) or two digits (WB11-WB12: MidNum, MidNumLet,
// Single_Quote) when it stands alone between them; everything else breaks
// (WB999) and is no word.
Chunk fast_chunk(const uint8_t* bytes, std::size_t n, std::size_t& i, const Tables& t, std::vector<Segment>& out) {
    std::size_t word_start = kNone, mid_at = kNone;
    Class mid = Class::kOther, last = Class::kOther;  // the pending mid character; the word's last letter or digit
    while (i < n) {
        const std::size_t at = i;
        Class k;
        if (bytes[i] < 0x80) {
            k = t.latin[bytes[i]];
            if (k == Class::kSpace) break;
            ++i;
        } else {
            auto j = static_cast<int32_t>(i);
            UChar32 c;
            U8_NEXT(bytes, j, static_cast<int32_t>(n), c);
            if (c < 0) return Chunk::kInvalid;
            i = static_cast<std::size_t>(j);
            k = lookup(t, static_cast<char32_t>(c));
        }
        switch (k) {
            case Class::kLetter:
            case Class::kDigit:
                if (word_start == kNone) {
                    word_start = at;
                } else if (mid_at != kNone) {
                    const bool join = k == last && (mid == Class::kMidBoth ||
                                                    mid == (k == Class::kLetter ? Class::kMidLetter : Class::kMidNum));
                    if (!join) {
                        out.push_back({word_start, mid_at});
                        word_start = at;
                    }
                }
                mid_at = kNone;
                last = k;
                // The rest of a word is mostly ASCII letters: through them
                // without the switch (they only extend the word).
                if (i < n && t.ascii_word[bytes[i]]) {
                    while (++i < n && t.ascii_word[bytes[i]]) {
                    }
                    last = t.latin[bytes[i - 1]];
                }
                break;
            case Class::kMidLetter:
            case Class::kMidNum:
            case Class::kMidBoth:
                if (word_start == kNone) break;
                if (mid_at == kNone) {
                    mid_at = at;
                    mid = k;
                } else {  // two mid characters in a row: the word ends before the first
                    out.push_back({word_start, mid_at});
                    word_start = mid_at = kNone;
                }
                break;
            case Class::kOther:
                if (word_start != kNone) {
                    out.push_back({word_start, mid_at != kNone ? mid_at : at});
                    word_start = mid_at = kNone;
                }
                break;
            case Class::kSpace:  // only ASCII bytes are kSpace: not reached
            case Class::kUnusual:
                return Chunk::kUnusual;
        }
    }
    if (word_start != kNone) out.push_back({word_start, mid_at != kNone ? mid_at : i});
    return Chunk::kDone;
}

}  // namespace

Class classify(char32_t c) {
    return lookup(tables(), c);
}

void icu_segments(std::string_view text, std::vector<Segment>& out) {
    out.clear();
    if (text.empty() || icu_range(text, 0, text.size(), out)) return;
    // Invalid UTF-8 goes through ICU's UTF-8 UText, whose replacement of bad
    // bytes a UTF-16 copy could not reproduce; its indexes are byte offsets.
    out.clear();
    UErrorCode status = U_ZERO_ERROR;
    UText ut = UTEXT_INITIALIZER;
    utext_openUTF8(&ut, text.data(), static_cast<int64_t>(text.size()), &status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot open the text");
    run_breaker(&ut, out, [](int32_t index) { return static_cast<std::size_t>(index); });
    utext_close(&ut);
}

// The text is cut into chunks at spaces, tabs and line ends. ICU breaks before
// each of them whatever precedes (UAX #29 keeps nothing before a space but
// another space, WB3d, and nothing before a line end, WB3b), and what follows
// a run of them depends on nothing before the run. So each chunk, with the
// run before it, segments on its own as it does in the whole text: a chunk of
// known code points by the fast path, any other chunk (and its run: an Extend
// or Format character sticks to the space before it, WB4) by ICU.
void segments(std::string_view text, std::vector<Segment>& out) {
    out.clear();
    const Tables& t = tables();
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    const std::size_t n = text.size();
    auto space = [&](std::size_t i) { return bytes[i] < 0x80 && t.latin[bytes[i]] == Class::kSpace; };
    for (std::size_t i = 0; i < n;) {
        const std::size_t run = i;
        while (i < n && space(i)) ++i;
        if (i == n) break;
        const std::size_t mark = out.size();
        const Chunk chunk = fast_chunk(bytes, n, i, t, out);
        if (chunk == Chunk::kDone) continue;
        out.resize(mark);
        if (chunk == Chunk::kUnusual) {
            while (i < n && !space(i)) ++i;
            if (icu_range(text, run, i, out)) continue;
        }
        icu_segments(text, out);  // invalid UTF-8: the whole text through ICU's UTF-8 path
        return;
    }
}

}  // namespace depeche::word_break
