#include "analyzer.hpp"

#include "word_break.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include <xapian.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace depeche {
namespace {

// ---- code point level -------------------------------------------------------

bool is_apostrophe(UChar32 c) {
    return c == 0x27 || c == 0x2019 || c == 0x02BC;
}

void append_utf8(std::string& out, UChar32 c) {
    char buf[4];
    int32_t n = 0;
    UBool error = false;
    U8_APPEND(reinterpret_cast<uint8_t*>(buf), n, 4, c, error);
    if (!error) out.append(buf, static_cast<std::size_t>(n));
}

// Folding of one code point: case folded, decomposed, combining marks
// dropped, ligatures expanded ("Œ" -> "oe"), apostrophes unified to U+0027.
std::string fold_code_point(UChar32 c) {
    if (is_apostrophe(c)) return "'";
    c = u_foldCase(c, U_FOLD_CASE_DEFAULT);
    switch (c) {
        case 0x0153:
            return "oe";  // œ
        case 0x00E6:
            return "ae";  // æ
        case 0x00DF:
            return "ss";  // ß
        default:
            break;
    }
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot load the NFD normaliser");
    icu::UnicodeString decomposed;
    std::string out;
    if (!nfd->getDecomposition(c, decomposed)) {
        append_utf8(out, c);
        return out;
    }
    for (int32_t i = 0; i < decomposed.length();) {
        UChar32 d = decomposed.char32At(i);
        i += U16_LENGTH(d);
        if (u_charType(d) != U_NON_SPACING_MARK) append_utf8(out, d);
    }
    return out;
}

// What the word level needs of one code point, besides its folding.
enum CodePointFlags : std::uint8_t {
    kLetter = 1,  // u_isalpha
    kUpper = 2,   // a letter that is u_isupper or u_istitle
    kDigit = 4,   // u_isdigit (and not a letter)
    kApostrophe = 8,
    kPlainFold = 16,  // every byte of its folding is a-z, 0-9 or non-ASCII (see Token::plain)
};

bool plain_byte(unsigned char b) {
    return (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b >= 0x80;
}

bool plain_bytes(std::string_view s) {
    for (char c : s)
        if (!plain_byte(static_cast<unsigned char>(c))) return false;
    return true;
}

std::uint8_t classify(UChar32 c) {
    const std::uint8_t apostrophe = is_apostrophe(c) ? kApostrophe : 0;
    if (u_isalpha(c)) return apostrophe | ((u_isupper(c) || u_istitle(c)) ? kLetter | kUpper : kLetter);
    return apostrophe | (u_isdigit(c) ? kDigit : 0);
}

// The general path: any code point, through ICU.
void append_folded_general(std::string& out, UChar32 c) {
    if (c < 0x80)
        out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c));
    else
        out += fold_code_point(c);
}

// Latin letters cover nearly all French text: their folding and flags come
// from a table filled once by the general path, so both agree by
// construction (the test "the Latin table agrees with ICU" checks every entry).
// No entry folds to more than 3 bytes (Ⱥ U+023A -> ⱥ U+2C65), so a word of n
// bytes folds to at most 3n/2 bytes through the table.
constexpr UChar32 kTableSize = 0x0250;
struct LatinEntry {
    char folded[3];
    std::uint8_t length;
    std::uint8_t flags;
};
constexpr std::size_t kMaxLatinFold = sizeof(LatinEntry::folded);

const std::array<LatinEntry, kTableSize>& latin_table() {
    static const std::array<LatinEntry, kTableSize> table = [] {
        std::array<LatinEntry, kTableSize> t{};
        for (UChar32 c = 0; c < kTableSize; ++c) {
            std::string folded;
            append_folded_general(folded, c);
            if (folded.size() > kMaxLatinFold) throw std::logic_error("ICU: a Latin letter folds to over 3 bytes");
            LatinEntry& e = t[static_cast<std::size_t>(c)];
            std::copy(folded.begin(), folded.end(), e.folded);
            e.length = static_cast<std::uint8_t>(folded.size());
            e.flags = static_cast<std::uint8_t>(classify(c) | (plain_bytes(folded) ? kPlainFold : 0));
        }
        return t;
    }();
    return table;
}

// The ASCII bytes of a word, the bulk of French text, in one 64-bit entry each: the folded byte in bits
// 56-62 and the byte's letter, upper case, digit and not-plain (folded byte outside a-z, 0-9) counts in
// four 14-bit fields, so that the run loop of make_token adds one number per byte where it masked and
// added four flags. Bit 63 stops the run: bytes from 0x80 (decoded as UTF-8) and U+0027 (it may end an
// elision).
constexpr int kCountBits = 14;
constexpr std::uint64_t kCountMask = (std::uint64_t{1} << kCountBits) - 1;
constexpr std::int32_t kMaxAsciiRun = static_cast<std::int32_t>(kCountMask);  // no field can overflow
constexpr std::uint64_t kStopRun = std::uint64_t{1} << 63;

const std::array<std::uint64_t, 256>& ascii_table() {
    static const std::array<std::uint64_t, 256> table = [] {
        std::array<std::uint64_t, 256> t{};
        for (std::size_t b = 0; b < t.size(); ++b) {
            if (b >= 0x80 || b == '\'') {
                t[b] = kStopRun;
                continue;
            }
            const LatinEntry& e = latin_table()[b];
            t[b] = (std::uint64_t{static_cast<unsigned char>(e.folded[0])} << 56) |
                   (std::uint64_t{(e.flags & kLetter) ? 1u : 0u}) |
                   (std::uint64_t{(e.flags & kUpper) ? 1u : 0u} << kCountBits) |
                   (std::uint64_t{(e.flags & kDigit) ? 1u : 0u} << (2 * kCountBits)) |
                   (std::uint64_t{(e.flags & kPlainFold) ? 0u : 1u} << (3 * kCountBits));
        }
        return t;
    }();
    return table;
}

void append_folded(std::string& out, UChar32 c) {
    if (c < kTableSize) {
        const LatinEntry& e = latin_table()[static_cast<std::size_t>(c)];
        out.append(e.folded, e.length);
    } else {
        append_folded_general(out, c);
    }
}

// ---- word level -------------------------------------------------------------

// French elisions (folded). "aujourd'hui" is not one: its prefix is not here.
bool is_elision(std::string_view folded_prefix) {
    static const char* const kElisions[] = {"l", "d",  "j",     "m",      "n",      "s",     "t",
                                            "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"};
    for (const char* e : kElisions)
        if (folded_prefix == e) return true;
    return false;
}

// 64-bit hash of a short byte string, eight bytes at a time (folded words
// are short: one or two rounds; the last bytes are read by overlapping loads).
std::uint64_t hash_bytes(std::string_view s) {
    constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ULL;
    const char* p = s.data();
    const std::size_t n = s.size();
    std::uint64_t h = n * kMul;
    auto mix = [&h](std::uint64_t w) {
        h = (h ^ w) * kMul;
        h ^= h >> 32;
    };
    if (n >= 8) {
        std::uint64_t w;
        for (std::size_t i = 0; i + 8 <= n; i += 8) {
            std::memcpy(&w, p + i, 8);
            mix(w);
        }
        std::memcpy(&w, p + n - 8, 8);
        mix(w);
    } else if (n >= 4) {
        std::uint32_t a, b;
        std::memcpy(&a, p, 4);
        std::memcpy(&b, p + n - 4, 4);
        mix((static_cast<std::uint64_t>(a) << 32) | b);
    } else if (n > 0) {
        mix((static_cast<std::uint64_t>(static_cast<unsigned char>(p[0])) << 16) |
            (static_cast<std::uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8) |
            static_cast<unsigned char>(p[n - 1]));
    }
    return h;
}

// a == b for the short words of the stem cache, eight bytes at a time: a hit
// is confirmed once a token, where a call to memcmp cost more than the compare.
bool same_bytes(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    const char* p = a.data();
    const char* q = b.data();
    const std::size_t n = a.size();
    // The last bytes by overlapping loads, as hash_bytes reads them (most
    // words are under 8 bytes, where a byte loop cost 20 instructions a token).
    if (n >= 8) {
        std::uint64_t x, y;
        for (std::size_t i = 0; i + 8 <= n; i += 8) {
            std::memcpy(&x, p + i, 8);
            std::memcpy(&y, q + i, 8);
            if (x != y) return false;
        }
        std::memcpy(&x, p + n - 8, 8);
        std::memcpy(&y, q + n - 8, 8);
        return x == y;
    }
    if (n >= 4) {
        std::uint32_t x0, x1, y0, y1;
        std::memcpy(&x0, p, 4);
        std::memcpy(&x1, p + n - 4, 4);
        std::memcpy(&y0, q, 4);
        std::memcpy(&y1, q + n - 4, 4);
        return x0 == y0 && x1 == y1;
    }
    for (std::size_t i = 0; i < n; ++i)
        if (p[i] != q[i]) return false;
    return true;
}

// Folded word -> (stop word?, stem), per thread. Most words of a dispatch
// were seen before, so a hit must cost no allocation: the table is looked up
// by string_view (std::unordered_map<std::string> cannot be before C++20).
// Open addressing over indexes into `entries_`. A word first met by an
// analysis without stems is stemmed when an analysis with stems first meets
// it, so one cache serves both.
class StemCache {
public:
    struct Entry {
        std::string folded;
        std::string stem;  // empty for stop words, and until stemmed
        std::uint64_t hash;
        bool stop;
        bool stemmed;  // stem is valid (always true for stop words)
    };

    const Entry& find_or_add(std::string_view folded, Stems stems) {
        const std::uint64_t h = hash_bytes(folded);
        std::size_t slot = h & mask_;
        for (std::uint32_t index; (index = slots_[slot]) != 0; slot = (slot + 1) & mask_) {
            Entry& e = entries_[index - 1];
            if (e.hash == h && same_bytes(e.folded, folded)) {
                if (stems == Stems::make && !e.stemmed) {
                    e.stem = stemmer_(e.folded);
                    e.stemmed = true;
                }
                return e;
            }
        }
        if (entries_.size() >= kMaxEntries) {
            clear();
            slot = h & mask_;
        } else if (2 * (entries_.size() + 1) > slots_.size()) {
            grow();
            slot = h & mask_;
            while (slots_[slot] != 0) slot = (slot + 1) & mask_;
        }
        Entry e{std::string(folded), std::string(), h, is_stop_word(folded), false};
        e.stemmed = e.stop || stems == Stems::make;
        if (!e.stop && e.stemmed) e.stem = stemmer_(e.folded);
        entries_.push_back(std::move(e));
        slots_[slot] = static_cast<std::uint32_t>(entries_.size());
        return entries_.back();
    }

private:
    static constexpr std::size_t kMaxEntries = 200000;
    static constexpr std::size_t kInitialSlots = 1024;

    void clear() {
        entries_.clear();
        slots_.assign(kInitialSlots, 0);
        mask_ = kInitialSlots - 1;
    }

    void grow() {
        slots_.assign(slots_.size() * 2, 0);
        mask_ = slots_.size() - 1;
        for (std::size_t i = 0; i < entries_.size(); ++i) {
            std::size_t slot = entries_[i].hash & mask_;
            while (slots_[slot] != 0) slot = (slot + 1) & mask_;
            slots_[slot] = static_cast<std::uint32_t>(i + 1);
        }
    }

    Xapian::Stem stemmer_{"french"};
    std::vector<Entry> entries_;
    std::vector<std::uint32_t> slots_ = std::vector<std::uint32_t>(kInitialSlots, 0);
    std::size_t mask_ = kInitialSlots - 1;
};

StemCache& stem_cache() {
    thread_local StemCache cache;
    return cache;
}

// What make_token uses on every word, looked up once per text: the tables,
// this thread's stem cache and a buffer kept across calls.
struct TokenContext {
    const LatinEntry* table;
    const std::uint64_t* ascii;
    StemCache& cache;
    std::string& scratch;
    Stems stems;
};

// Builds one token from the word [start, end) of `text`; false when the
// segment holds no letter or digit.
//
// One pass folds the word and finds its elision: the part up to the first
// apostrophe comes off when it folds to an elision, no invalid byte precedes
// it and something follows ("l'Élysée" -> "Élysée", "qu’Emmanuel" ->
// "Emmanuel"); the word then starts again after the apostrophe.
bool make_token(std::string_view text, std::size_t start, std::size_t end, const TokenContext& context, Token& token) {
    const LatinEntry* const table = context.table;
    const std::uint64_t* const ascii = context.ascii;
    std::string& scratch = context.scratch;
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    // Folded bytes are written through a raw pointer into `scratch`, sized
    // for the table's worst case; the general path makes room as it goes.
    const std::size_t length = end - start;
    if (scratch.size() < length + length / 2 + 16) scratch.resize(length + length / 2 + 16);
    char* begin = scratch.data();
    char* out = begin;
    std::size_t word_start = start;
    int letters = 0, upper = 0, digits = 0, not_plain = 0;
    bool first = true, capitalised = false;
    bool elision_possible = true;  // until the first apostrophe or invalid byte
    std::string general;
    const auto stop = static_cast<int32_t>(end);
    for (int32_t i = static_cast<int32_t>(start); i < stop;) {
        {
            // Most of a French word is ASCII: a run of it goes without
            // decoding or branches (an ASCII letter folds to one byte; its
            // counts come packed in its entry, see ascii_table). A word that
            // begins with the run is capitalised when its first byte counts
            // as upper case.
            std::uint64_t counts = 0;
            const std::int32_t run_start = i;
            const std::int32_t run_end = stop - i > kMaxAsciiRun ? i + kMaxAsciiRun : stop;
            while (i < run_end) {
                const std::uint64_t e = ascii[bytes[i]];
                if (e & kStopRun) break;
                *out++ = static_cast<char>(e >> 56);
                counts += e;
                ++i;
            }
            if (i != run_start) {
                if (first) capitalised = (ascii[bytes[run_start]] >> kCountBits) & 1;
                first = false;
                letters += static_cast<int>(counts & kCountMask);
                upper += static_cast<int>((counts >> kCountBits) & kCountMask);
                digits += static_cast<int>((counts >> (2 * kCountBits)) & kCountMask);
                not_plain += static_cast<int>((counts >> (3 * kCountBits)) & kCountMask);
            }
            if (i == stop) break;
        }
        UChar32 c;
        U8_NEXT(bytes, i, stop, c);
        if (c < 0) {  // invalid byte: skipped
            elision_possible = false;
            continue;
        }
        const LatinEntry* latin = c < kTableSize ? &table[c] : nullptr;
        const std::uint8_t flags = latin ? latin->flags : classify(c);
        if ((flags & kApostrophe) && elision_possible) {
            elision_possible = false;
            if (is_elision(std::string_view(begin, static_cast<std::size_t>(out - begin))) && i < stop) {
                word_start = static_cast<std::size_t>(i);
                out = begin;
                letters = upper = digits = not_plain = 0;
                first = true;
                capitalised = false;
                continue;
            }
        }
        if (latin) {
            std::memcpy(out, latin->folded, kMaxLatinFold);  // the whole entry: cheaper than its length
            out += latin->length;
            not_plain += (flags & kPlainFold) ? 0 : 1;
        } else {
            general.clear();
            append_folded_general(general, c);
            const std::size_t used = static_cast<std::size_t>(out - begin);
            // Room for this code point and the rest of the word at the table's rate.
            const std::size_t need = used + general.size() + (end - static_cast<std::size_t>(i)) * 2 + 16;
            if (scratch.size() < need) {
                scratch.resize(need);
                begin = scratch.data();
                out = begin + used;
            }
            std::memcpy(out, general.data(), general.size());
            out += general.size();
            not_plain += plain_bytes(general) ? 0 : 1;
        }
        if (flags & kLetter) {
            ++letters;
            if (flags & kUpper) {
                ++upper;
                if (first) capitalised = true;
            }
        } else if (flags & kDigit) {
            ++digits;
        }
        first = false;
    }
    if (letters == 0 && digits == 0) return false;
    std::size_t folded_length = static_cast<std::size_t>(out - begin);
    if (folded_length > kMaxWordBytes) {
        std::size_t cut = kMaxWordBytes;
        while (cut > 0 && (static_cast<unsigned char>(begin[cut]) & 0xC0) == 0x80) --cut;
        folded_length = cut;
        not_plain = plain_bytes(std::string_view(begin, folded_length)) ? 0 : 1;  // the cut may drop the odd bytes
    }
    // The token is fresh: append takes the short path of an empty string
    // (assign went through the general _M_replace, 74 instructions a token).
    token.folded.append(begin, folded_length);
    token.text = std::string_view(text.data() + word_start, end - word_start);
    token.start = word_start;
    token.end = end;
    token.elided_start = start;
    token.capitalised = capitalised;
    token.all_caps = letters >= 2 && upper == letters;
    token.numeric = letters == 0;
    token.plain = not_plain == 0 && folded_length > 0;
    if (token.numeric) {
        // No letter: no stem to look for, the digits are their own stem.
        token.stop = is_stop_word(token.folded);
        if (!token.stop && context.stems == Stems::make) token.stem = token.folded;
    } else {
        const StemCache::Entry& e = context.cache.find_or_add(token.folded, context.stems);
        token.stop = e.stop;
        // A stop word has no stem, and the fresh token's is already empty.
        if (!e.stop && context.stems == Stems::make)
            token.stem = std::string(e.stem);  // copied in place: cheaper than operator= and assign()
    }
    return true;
}

}  // namespace

std::vector<Token> analyse(std::string_view text, Stems stems) {
    std::vector<Token> tokens;
    if (text.empty()) return tokens;
    tokens.reserve(text.size() / 6);
    thread_local std::string scratch;
    const TokenContext context{latin_table().data(), ascii_table().data(), stem_cache(), scratch, stems};
    thread_local std::vector<word_break::Segment> segments;
    word_break::segments(text, segments);
    std::uint32_t position = 0;
    for (const word_break::Segment& s : segments) {
        Token& token = tokens.emplace_back();
        if (!make_token(text, s.start, s.end, context, token)) {
            tokens.pop_back();
            continue;
        }
        token.position = position++;
    }
    return tokens;
}

std::string fold(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < length;) {
        if (bytes[i] < 0x80) {
            // An ASCII run is appended whole and lower-cased in place (its
            // table entries), where one append a byte cost 30 instructions.
            int32_t run_end = i + 1;
            while (run_end < length && bytes[run_end] < 0x80) ++run_end;
            const std::size_t at = out.size();
            out.append(text.data() + i, static_cast<std::size_t>(run_end - i));
            for (std::size_t k = at; k < out.size(); ++k)
                if (out[k] >= 'A' && out[k] <= 'Z') out[k] = static_cast<char>(out[k] + ('a' - 'A'));
            i = run_end;
            continue;
        }
        UChar32 c;
        U8_NEXT(bytes, i, length, c);
        if (c >= 0) append_folded(out, c);
    }
    return out;
}

}  // namespace depeche
