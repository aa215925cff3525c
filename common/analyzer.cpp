#include "analyzer.hpp"

#include <unicode/brkiter.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>
#include <xapian.h>

#include <array>
#include <memory>
#include <stdexcept>
#include <unordered_map>

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

// Latin letters cover nearly all French text: fold them once, through a table.
constexpr UChar32 kTableSize = 0x0250;
const std::array<std::string, kTableSize>& fold_table() {
    static const std::array<std::string, kTableSize> table = [] {
        std::array<std::string, kTableSize> t;
        for (UChar32 c = 0; c < kTableSize; ++c) t[static_cast<std::size_t>(c)] = fold_code_point(c);
        return t;
    }();
    return table;
}

void append_folded(std::string& out, UChar32 c) {
    if (c < 0x80) {
        out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c));
    } else if (c < kTableSize) {
        out += fold_table()[static_cast<std::size_t>(c)];
    } else {
        out += fold_code_point(c);
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

class StemCache {
public:
    const std::string& stem(const std::string& folded) {
        auto it = cache_.find(folded);
        if (it != cache_.end()) return it->second;
        if (cache_.size() > kMaxEntries) cache_.clear();
        return cache_.emplace(folded, stemmer_(folded)).first->second;
    }

private:
    static constexpr std::size_t kMaxEntries = 200000;
    Xapian::Stem stemmer_{"french"};
    std::unordered_map<std::string, std::string> cache_;
};

StemCache& stem_cache() {
    thread_local StemCache cache;
    return cache;
}

icu::BreakIterator& word_breaker() {
    thread_local std::unique_ptr<icu::BreakIterator> breaker = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::BreakIterator> b(icu::BreakIterator::createWordInstance(icu::Locale::getFrench(), status));
        if (U_FAILURE(status) || !b) throw std::runtime_error("ICU: cannot create the word break iterator");
        return b;
    }();
    return *breaker;
}

// Builds one token from the word [start, end) of `text`; false when the
// segment holds no letter or digit.
bool make_token(std::string_view text, std::size_t start, std::size_t end, Token& token) {
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    // Elision: the part up to the first apostrophe, when it is an elision and
    // something follows ("l'Élysée" -> "Élysée", "qu’Emmanuel" -> "Emmanuel").
    std::size_t word_start = start;
    {
        std::string prefix;
        for (int32_t i = static_cast<int32_t>(start); i < static_cast<int32_t>(end);) {
            int32_t before = i;
            UChar32 c;
            U8_NEXT(bytes, i, static_cast<int32_t>(end), c);
            if (c < 0) break;
            if (is_apostrophe(c)) {
                if (is_elision(prefix) && static_cast<std::size_t>(i) < end) word_start = static_cast<std::size_t>(i);
                (void)before;
                break;
            }
            append_folded(prefix, c);
            if (prefix.size() > 6) break;
        }
    }
    token.folded.clear();
    int letters = 0, upper = 0, digits = 0;
    bool first = true;
    token.capitalised = false;
    for (int32_t i = static_cast<int32_t>(word_start); i < static_cast<int32_t>(end);) {
        UChar32 c;
        U8_NEXT(bytes, i, static_cast<int32_t>(end), c);
        if (c < 0) continue;  // invalid byte: skipped
        if (u_isalpha(c)) {
            ++letters;
            if (u_isupper(c) || u_istitle(c)) {
                ++upper;
                if (first) token.capitalised = true;
            }
        } else if (u_isdigit(c)) {
            ++digits;
        }
        first = false;
        append_folded(token.folded, c);
    }
    if (letters == 0 && digits == 0) return false;
    if (token.folded.size() > kMaxWordBytes) {
        std::size_t cut = kMaxWordBytes;
        while (cut > 0 && (static_cast<unsigned char>(token.folded[cut]) & 0xC0) == 0x80) --cut;
        token.folded.resize(cut);
    }
    token.text = text.substr(word_start, end - word_start);
    token.start = word_start;
    token.end = end;
    token.elided_start = start;
    token.all_caps = letters >= 2 && upper == letters;
    token.numeric = letters == 0;
    token.stop = is_stop_word(token.folded);
    if (token.stop)
        token.stem.clear();
    else if (token.numeric)
        token.stem = token.folded;
    else
        token.stem = stem_cache().stem(token.folded);
    return true;
}

}  // namespace

std::vector<Token> analyse(std::string_view text) {
    std::vector<Token> tokens;
    if (text.empty()) return tokens;
    UErrorCode status = U_ZERO_ERROR;
    UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot open the text");
    icu::BreakIterator& breaker = word_breaker();
    breaker.setText(ut, status);
    if (U_FAILURE(status)) {
        utext_close(ut);
        throw std::runtime_error("ICU: cannot set the word break text");
    }
    tokens.reserve(text.size() / 6);
    std::uint32_t position = 0;
    int32_t start = breaker.first();
    for (int32_t end = breaker.next(); end != icu::BreakIterator::DONE; start = end, end = breaker.next()) {
        if (breaker.getRuleStatus() == UBRK_WORD_NONE) continue;
        Token token;
        if (!make_token(text, static_cast<std::size_t>(start), static_cast<std::size_t>(end), token)) continue;
        token.position = position++;
        tokens.push_back(std::move(token));
    }
    // The iterator keeps a pointer to `ut`: detach it before closing.
    UText empty = UTEXT_INITIALIZER;
    utext_openUTF8(&empty, "", 0, &status);
    breaker.setText(&empty, status);
    utext_close(ut);
    utext_close(&empty);
    return tokens;
}

std::string fold(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < length;) {
        UChar32 c;
        U8_NEXT(bytes, i, length, c);
        if (c >= 0) append_folded(out, c);
    }
    return out;
}

std::string to_nfc(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot load the NFC normaliser");
    icu::StringPiece piece(text.data(), static_cast<int32_t>(text.size()));
    if (nfc->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return std::string(text);
    status = U_ZERO_ERROR;
    std::string out;
    icu::StringByteSink<std::string> sink(&out);
    nfc->normalizeUTF8(0, piece, sink, nullptr, status);
    if (U_FAILURE(status)) return std::string(text);
    return out;
}

bool is_valid_utf8(std::string_view text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t n = text.size(), i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len;
        uint32_t cp;
        if ((c & 0xE0) == 0xC0) {
            len = 2;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + len > n) return false;
        for (std::size_t k = 1; k < len; ++k) {
            if ((s[i + k] & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) return false;
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += len;
    }
    return true;
}

}  // namespace depeche
