// The fast word segmentation against ICU's word break iterator alone: every
// segment must be the same, on every code point the fast path knows, on
// random strings of tricky characters, and on the bundled archive.

#include "word_break.hpp"

#include "readers.hpp"

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

using depeche::word_break::Class;
using depeche::word_break::Segment;

namespace {

std::string utf8(UChar32 c) {
    std::string out;
    icu::UnicodeString(c).toUTF8String(out);
    return out;
}

// The words of `text` as "[word]" pieces with their offsets, readable in a failure.
std::string show(std::string_view text, const std::vector<Segment>& segments) {
    std::string out;
    for (const Segment& s : segments)
        out += "[" + std::string(text.substr(s.start, s.end - s.start)) + "]@" + std::to_string(s.start) + " ";
    return out;
}

std::string fast(std::string_view text) {
    std::vector<Segment> out;
    depeche::word_break::segments(text, out);
    return show(text, out);
}

std::string by_icu(std::string_view text) {
    std::vector<Segment> out;
    depeche::word_break::icu_segments(text, out);
    return show(text, out);
}

// Every code point the fast path classifies itself (and its neighbours, which
// go to ICU), once each.
std::vector<UChar32> table_points() {
    std::vector<UChar32> points;
    for (UChar32 c = 1; c < 0x250; ++c) points.push_back(c);
    for (UChar32 c = 0x2000; c < 0x20D0; ++c) points.push_back(c);
    for (UChar32 c : {0x0250, 0x02BC, 0x0301, 0x05D0, 0x0E01, 0x1F600, 0x200D, 0xFE0F, 0x3042, 0x4E00})
        points.push_back(c);
    return points;
}

}  // namespace

TEST_CASE("the fast path's classes agree with ICU, code point by code point", "[analysis][word_break]") {
    // Each code point alone, and between or beside letters, digits, mid
    // characters and spaces: where the fast path's rules could part from
    // ICU's (a mid character between two letters or two digits, a letter
    // after a digit...).
    const char* const contexts[] = {"a", "É", "7", ".", "'", "’", ",", ";", " ", "-", "«", "\u00A0", "x.", "9,", "\n"};
    for (UChar32 c : table_points()) {
        const std::string s = utf8(c);
        INFO("U+" << std::hex << c);
        REQUIRE(fast(s) == by_icu(s));
        for (const char* x : contexts) {
            for (const char* y : contexts) {
                const std::string text = x + s + y;
                INFO(text);
                REQUIRE(fast(text) == by_icu(text));
                const std::string twice = x + s + y + s + x;
                REQUIRE(fast(twice) == by_icu(twice));
            }
        }
    }
}

TEST_CASE("the fast path's classes: what French text needs is fast", "[analysis][word_break]") {
    // Not correctness (ICU would give the same answer) but the point of the
    // fast path: the characters of French news need no ICU.
    using depeche::word_break::classify;
    for (char32_t c : {U'a', U'Z', U'é', U'Œ', U'ç', U'ÿ'}) CHECK(classify(c) == Class::kLetter);
    CHECK(classify(U'0') == Class::kDigit);
    CHECK(classify(U'\'') == Class::kMidBoth);
    CHECK(classify(U'’') == Class::kMidBoth);
    CHECK(classify(U'.') == Class::kMidBoth);
    CHECK(classify(U',') == Class::kMidNum);
    for (char32_t c : {U'-', U'«', U'»', U'\u00A0', U'–', U'—', U'…', U'€', U'"', U'(', U'!', U'?', U':'})
        CHECK(classify(c) == Class::kOther);
    CHECK(classify(U' ') == Class::kSpace);
    CHECK(classify(U'\u0301') == Class::kUnusual);  // combining acute: sticks to what precedes
    // ExtendNumLet joins words: "snake_case", and "4\u202F000" (narrow no-break space) is one word.
    CHECK(classify(U'_') == Class::kUnusual);
    CHECK(classify(U'\u202F') == Class::kUnusual);
    CHECK(classify(U'ж') == Class::kUnusual);
}

TEST_CASE("the fast path on tricky French text equals ICU", "[analysis][word_break]") {
    const char* const texts[] = {
        "l'Élysée, aujourd’hui l’État lʼÉtat",
        "1.000.000 d'euros, 12,5 % ; 3,14;15 1'000 2’000 a.b.c 1.a a.1 a1.2 1a.b",
        "Al-Qaïda e-mail: contact@example.fr 10:30 Paris:Londres",
        "« Non », a-t-il dit… — Oui ! (sic) [1] {x} 50 € 3\u00A0000 4\u202F000",
        "e\xCC\x81te\xCC\x81 cafe\xCC\x81 \xC2\xAD soft\xC2\xADhyphen",
        "emoji 😀 👨‍👩‍👧 🇫🇷🇫🇷 ©2020 ®",
        "Москва Αθήνα 日本語 ไทย עברית \"ציטוט\" קו\"ם",
        "snake_case __init__ _a a_ 1_2",
        "  espaces   \t tabulations \r\n lignes \n\n fin ",
        "'début' ’fin’ ..point.. ,,virgule,, a''b a..b 1,,2 1..2",
        "a\u200Db a\u200Bb a\u2060b a\uFEFFb \u200D a",
        "x\u0301 \u0301x \u0301 \u00A0\u0301a",
        "",
        " ",
        "a",
        ".",
    };
    for (const char* t : texts) {
        INFO(t);
        CHECK(fast(t) == by_icu(t));
    }
}

TEST_CASE("random strings of tricky characters segment as ICU does", "[analysis][word_break]") {
    // Apostrophes, hyphens, dots, commas between digits, composed and
    // decomposed accents, other scripts, emoji, joiners, no-break spaces,
    // digits, underscores; and now and then an invalid byte.
    const char* const alphabet[] = {
        "a",      "b",      "Z",      "é",      "E\xCC\x81", "\xCC\x81",   "Œ",      "ç",  "1",        "2",
        "0",      "'",      "’",      "ʼ",      "‘",         "-",          "‐",      "–",  "—",        ".",
        ",",      ";",      ":",      "@",      "_",         " ",          "  ",     "\t", "\n",       "\r",
        "\u00A0", "\u202F", "\u2009", "\u200B", "\u200D",    "\u00AD",     "\u2060", "😀",  "👍🏽", "🇫",
        "🇷",      "©",      "ж",      "Я",      "α",         "日",         "あ",     "ア", "ก",        "א",
        "\"",     "«",      "»",      "…",      "€",         "%",          "/",      "(",  ")",        "\xFF",
        "\xC3",   "l'",     "qu’",    "1,5",    "3.14",      "aujourd'hui"};
    const std::size_t size = sizeof(alphabet) / sizeof(alphabet[0]);
    std::mt19937 rng(20240611);
    for (int round = 0; round < 20000; ++round) {
        std::string text;
        const int pieces = 1 + static_cast<int>(rng() % 24);
        for (int i = 0; i < pieces; ++i) {
            // Mostly Latin, like the archive, so that chunks often stay on the fast path.
            const std::size_t pick = rng() % 3 == 0 ? rng() % size : rng() % 32;
            text += alphabet[pick];
        }
        INFO(text);
        REQUIRE(fast(text) == by_icu(text));
    }
}

TEST_CASE("the bundled archive segments as ICU does", "[analysis][word_break]") {
    depeche::ReadOptions options;
    options.inputs = {std::string(DEPECHE_SOURCE_DIR) + "/corpus/sample"};
    std::size_t texts = 0;
    depeche::read_inputs(
        options,
        [&](depeche::Article&& a) {
            for (const std::string* t : {&a.title, &a.text}) {
                ++texts;
                INFO(*t);
                REQUIRE(fast(*t) == by_icu(*t));
            }
        },
        [](const depeche::Reject&) {}, [](const std::string&) {});
    CHECK(texts > 100);
}
