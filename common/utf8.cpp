// UTF-8 and NFC checks of whole texts, used by the readers before any analysis:
// is_valid_utf8, is_surely_nfc (a quick NFC check without ICU) and to_nfc.

#include "analyzer.hpp"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>

namespace depeche {

namespace {

// The code points the quick check of is_surely_nfc knows: U+0000..U+07FF (two
// bytes at most) and U+2000..U+20FF (punctuation, currency: "’", "–", "€").
constexpr UChar32 kQuickLow = 0x0800, kQuickPunctFirst = 0x2000, kQuickPunctEnd = 0x2100;

// One bit per known code point: set when it is NFC_Quick_Check=Yes with
// combining class 0, asked of ICU once. UAX #15: a text made only of such code
// points is in NFC, whatever their order (none composes with the one before,
// none needs reordering).
struct QuickNfcTable {
    std::array<std::uint64_t, (kQuickLow + (kQuickPunctEnd - kQuickPunctFirst)) / 64> bits{};

    static bool inert(UChar32 c) {
        return u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK) == UNORM_YES && u_getCombiningClass(c) == 0;
    }
    QuickNfcTable() {
        for (UChar32 c = 0; c < kQuickLow; ++c)
            if (inert(c)) set(static_cast<std::size_t>(c));
        for (UChar32 c = kQuickPunctFirst; c < kQuickPunctEnd; ++c)
            if (inert(c)) set(static_cast<std::size_t>(kQuickLow + c - kQuickPunctFirst));
    }
    void set(std::size_t i) { bits[i / 64] |= std::uint64_t{1} << (i % 64); }
    bool yes(UChar32 c) const {
        std::size_t i;
        if (c < kQuickLow)
            i = static_cast<std::size_t>(c);
        else if (c >= kQuickPunctFirst && c < kQuickPunctEnd)
            i = static_cast<std::size_t>(kQuickLow + c - kQuickPunctFirst);
        else
            return false;
        return (bits[i / 64] >> (i % 64)) & 1;
    }
};

const QuickNfcTable& quick_nfc_table() {
    static const QuickNfcTable table;
    return table;
}

// is_valid_utf8's pass; with kNfc, is_surely_nfc's answer too, in `nfc` (the
// reader checks every line's UTF-8 first: the text's own NFC check then cost
// a second pass over the same bytes).
template <bool kNfc>
bool valid_utf8(std::string_view text, bool* nfc) {
    const QuickNfcTable* table = nullptr;
    if constexpr (kNfc) table = &quick_nfc_table(), *nfc = true;
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t n = text.size(), i = 0;
    while (i < n) {
        // French text is mostly ASCII: eight bytes with no high bit at a time
        // (a byte-at-a-time loop was 7 instructions a byte of every record).
        for (std::uint64_t w; i + 8 <= n; i += 8) {
            std::memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ULL) break;
        }
        while (i < n && s[i] < 0x80) ++i;  // up to the byte that stopped the 8-byte steps
        if (i >= n) break;
        unsigned char c = s[i];
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
        if constexpr (kNfc)
            if (*nfc && !table->yes(static_cast<UChar32>(cp))) *nfc = false;
        i += len;
    }
    return true;
}

}  // namespace

bool is_surely_nfc(std::string_view text) {
    const QuickNfcTable& table = quick_nfc_table();
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < length;) {
        // ASCII, most of French text, is always NFC: eight bytes at a time.
        for (std::uint64_t w; i + 8 <= length; i += 8) {
            std::memcpy(&w, bytes + i, 8);
            if (w & 0x8080808080808080ULL) break;
        }
        // Up to the byte that stopped the 8-byte steps (accents are frequent:
        // back to those steps after each ASCII byte cost twice as much).
        while (i < length && bytes[i] < 0x80) ++i;
        if (i >= length) break;
        UChar32 c;
        U8_NEXT(bytes, i, length, c);
        if (c < 0 || !table.yes(c)) return false;
    }
    return true;
}

std::string to_nfc(std::string_view text) {
    // ICU's own check cost 9 instructions a byte of every dispatch; nearly
    // all pass the quick one, and the answer is the same: the text itself.
    if (is_surely_nfc(text)) return std::string(text);
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
    return valid_utf8<false>(text, nullptr);
}

Utf8Check check_utf8(std::string_view text) {
    Utf8Check check;
    check.valid = valid_utf8<true>(text, &check.surely_nfc);
    if (!check.valid) check.surely_nfc = false;
    return check;
}

}  // namespace depeche
