#include "analyzer.hpp"
#include "cues.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <xapian.h>
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

using depeche::analyse;

namespace {

// One compact line per text: folded word, then "/stem" when the stem differs,
// "*" for a stop word, "^" when capitalised, "@start" for the byte offset.
std::string dump(std::string_view text) {
    std::string out;
    for (const auto& t : analyse(text)) {
        if (!out.empty()) out += ' ';
        out += t.folded;
        if (t.stop)
            out += '*';
        else if (t.stem != t.folded)
            out += "/" + t.stem;
        if (t.capitalised) out += '^';
        out += '@' + std::to_string(t.start);
    }
    return out;
}

std::string words(std::string_view text) {
    std::string out;
    for (const auto& t : analyse(text)) {
        if (!out.empty()) out += ' ';
        out += std::string(t.text) + "=" + t.folded;
    }
    return out;
}

}  // namespace

TEST_CASE("elisions come off, with either apostrophe", "[analysis]") {
    CHECK(words("l'Élysée") == "Élysée=elysee");
    CHECK(words("l’Élysée") == "Élysée=elysee");
    CHECK(words("lʼÉlysée") == "Élysée=elysee");
    CHECK(words("qu’Emmanuel") == "Emmanuel=emmanuel");
    CHECK(words("jusqu'ici") == "ici=ici");
    CHECK(words("aujourd'hui") == "aujourd'hui=aujourd'hui");
    CHECK(words("aujourd’hui") == "aujourd’hui=aujourd'hui");
    CHECK(words("d'Al-Qaïda") == "Al=al Qaïda=qaida");
}

TEST_CASE("folding: case, accents, ligatures", "[analysis]") {
    CHECK(depeche::fold("ÉTAT Islamique") == "etat islamique");
    CHECK(depeche::fold("Œuvre cœur Æsop") == "oeuvre coeur aesop");
    CHECK(depeche::fold("Côte d’Ivoire") == "cote d'ivoire");
    CHECK(depeche::fold("Straße") == "strasse");
}

TEST_CASE("accented and unaccented words stem alike", "[analysis]") {
    CHECK(dump("sécurité securite") == "securite/securit@0 securite/securit@11");
    CHECK(dump("réunions réunion") == "reunions/reunion@0 reunion@10");
    CHECK(dump("armées armees") == "armees/arme@0 armees/arme@8");
    CHECK(dump("L'État islamique") == "etat^@2 islamique/islam@8");
    CHECK(dump("l’etat Islamique") == "etat@4 islamique/islam^@9");
}

TEST_CASE("stop words are flagged, positions count them", "[analysis]") {
    CHECK(dump("le président de la République") == "le*@0 president@3 de*@14 la*@17 republique/republ^@20");
    auto tokens = analyse("la réunion de Londres");
    REQUIRE(tokens.size() == 4);
    CHECK(tokens[3].position == 3);
    CHECK(tokens[3].capitalised);
}

TEST_CASE("byte offsets point at the original bytes", "[analysis]") {
    const std::string text = "À l’Élysée, « Œuvres » d’État — 17 personnes.";
    for (const auto& t : analyse(text)) CHECK(text.substr(t.start, t.end - t.start) == std::string(t.text));
    CHECK(words(text) == "À=a Élysée=elysee Œuvres=oeuvres État=etat 17=17 personnes=personnes");
}

TEST_CASE("acronyms, numbers and hyphens", "[analysis]") {
    auto tokens = analyse("l'EI a-t-il 2015 AIEA");
    REQUIRE(tokens.size() == 6);
    CHECK(tokens[0].all_caps);
    CHECK(tokens[0].folded == "ei");
    CHECK(tokens[4].numeric);
    CHECK(tokens[5].all_caps);
    CHECK_FALSE(tokens[1].all_caps);
}

TEST_CASE("an over-long word is cut to kMaxWordBytes, its offsets kept", "[analysis]") {
    std::string word = "a";
    while (word.size() < 400) word += "ж";  // two bytes, folded as they are: 200 would split one
    const std::string text = "Le mot " + word + " finit.";
    const auto tokens = analyse(text);
    REQUIRE(tokens.size() == 4);
    CHECK(tokens[2].folded.size() == depeche::kMaxWordBytes - 1);
    CHECK(depeche::is_valid_utf8(tokens[2].folded));
    CHECK(tokens[2].text == word);
    CHECK(tokens[3].folded == "finit");
}

TEST_CASE("NFC and UTF-8 validation", "[analysis]") {
    CHECK(depeche::to_nfc("e\xCC\x81t\xC3\xA9") == "\xC3\xA9t\xC3\xA9");
    CHECK(depeche::is_valid_utf8("État"));
    CHECK_FALSE(depeche::is_valid_utf8("\xC3"));
    CHECK_FALSE(depeche::is_valid_utf8("\xC0\xAF"));      // overlong
    CHECK_FALSE(depeche::is_valid_utf8("\xED\xA0\x80"));  // surrogate
}

TEST_CASE("the quick NFC check answers yes only for NFC text", "[analysis]") {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    REQUIRE(U_SUCCESS(status));
    auto icu_nfc = [&](const std::string& s) {
        UErrorCode st = U_ZERO_ERROR;
        const bool yes = nfc->isNormalizedUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), st);
        return U_SUCCESS(st) && yes;
    };
    auto utf8 = [](UChar32 c) {
        std::string s;
        icu::UnicodeString(c).toUTF8String(s);
        return s;
    };
    CHECK(depeche::is_surely_nfc("L'Élysée a démenti « jeudi » – l’Œuvre coûte 3 € (ß, Ø, ſ)."));
    CHECK(depeche::is_surely_nfc(""));
    CHECK_FALSE(depeche::is_surely_nfc("e\xCC\x81t\xC3\xA9"));  // a combining accent
    CHECK_FALSE(depeche::is_surely_nfc("\xC3"));                // invalid UTF-8
    CHECK_FALSE(depeche::is_surely_nfc("\xE6\xBC\xA2"));        // beyond the known code points: no answer
    // Each code point it knows, after and before a letter it could compose with, and doubled.
    std::vector<UChar32> pool;
    for (UChar32 c = 1; c < 0x2200; ++c) {
        if (c < 0x800 || c >= 0x2000) pool.push_back(c);  // the ones it knows, and the next ones
        for (const std::string& s : {"e" + utf8(c), utf8(c) + "e", utf8(c) + utf8(c)})
            if (depeche::is_surely_nfc(s)) {
                INFO("U+" << std::hex << c);
                CHECK(icu_nfc(s));
            }
    }
    // Random strings of them: yes never where ICU says no, and most NFC text passes.
    std::mt19937 rng(5);
    int yes = 0;
    for (int n = 0; n < 20000; ++n) {
        std::string s;
        for (int k = 0; k < 4; ++k) s += utf8(pool[rng() % pool.size()]);
        if (depeche::is_surely_nfc(s)) {
            ++yes;
            INFO(s);
            CHECK(icu_nfc(s));
        }
    }
    CHECK(yes > 2000);
}

TEST_CASE("check_utf8 answers is_valid_utf8 and is_surely_nfc in one pass", "[analysis]") {
    // Code points of every length and NFC answer, and bytes that break UTF-8, in random strings.
    const std::vector<std::string> pieces = {
        "a",    " ",        "\xC3\xA9",     "\xCC\x81", "\xE2\x80\x99", "\xE6\xBC\xA2", "\xF0\x9F\x98\x80", "\xC3",
        "\x80", "\xC0\xAF", "\xED\xA0\x80", "e",        "\xE2\x82\xAC"};
    std::mt19937 rng(7);
    int valid = 0, nfc = 0;
    for (int n = 0; n < 20000; ++n) {
        std::string s;
        for (int k = 0, size = static_cast<int>(rng() % 24); k < size; ++k) s += pieces[rng() % pieces.size()];
        const depeche::Utf8Check check = depeche::check_utf8(s);
        INFO(s);
        CHECK(check.valid == depeche::is_valid_utf8(s));
        CHECK(check.surely_nfc == (check.valid && depeche::is_surely_nfc(s)));
        valid += check.valid;
        nfc += check.surely_nfc;
    }
    CHECK(valid > 1000);
    CHECK(nfc > 500);
}

TEST_CASE("Stems::skip changes the stems alone, and the stem cache serves both", "[analysis]") {
    const std::vector<std::string> texts = {
        "L'Élysée a démenti jeudi : qu’Emmanuel Macron ne recevra pas les armées.",
        "Les sécuritaires, 1 234,5 euros, COVID-19 et l'ONU ; aujourd'hui Œuvre æther STRASSE straße.",
        "Hapax inédits : zorglubesques, xylophonistes, quadrichromies, 2026, l'",
        "Ingrid Betancourt (Farc), Bogotá — à Besançon la Côte d’Ivoire « État islamique »."};
    const Xapian::Stem stemmer("french");
    for (const std::string& text : texts) {
        // Skip first: words new to this thread's cache enter it without a
        // stem, and the analysis with stems must stem them then.
        const auto skipped = analyse(text, depeche::Stems::skip);
        const auto full = analyse(text);
        REQUIRE(skipped.size() == full.size());
        for (std::size_t i = 0; i < full.size(); ++i) {
            const auto &s = skipped[i], &f = full[i];
            CHECK(s.stem.empty());
            CHECK(s.text == f.text);
            CHECK(s.folded == f.folded);
            CHECK(s.start == f.start);
            CHECK(s.end == f.end);
            CHECK(s.elided_start == f.elided_start);
            CHECK(s.position == f.position);
            CHECK(s.stop == f.stop);
            CHECK(s.capitalised == f.capitalised);
            CHECK(s.all_caps == f.all_caps);
            CHECK(s.numeric == f.numeric);
            const std::string expected = f.stop ? "" : f.numeric ? f.folded : stemmer(f.folded);
            CHECK(f.stem == expected);
        }
    }
}

TEST_CASE("garbage in: random bytes never throw", "[analysis][fuzz]") {
    std::mt19937 rng(42);
    for (int round = 0; round < 500; ++round) {
        std::string s(rng() % 64, '\0');
        for (auto& c : s) c = static_cast<char>(rng() % 256);
        CHECK_NOTHROW(analyse(s));
        CHECK_NOTHROW(depeche::fold(s));
    }
    CHECK(analyse("").empty());
    CHECK(analyse(" ,;!? ").empty());
}

// ---- the fast paths against ICU ---------------------------------------------
// analyse() folds Latin code points through a table, ASCII runs without
// decoding, and hands valid UTF-8 to ICU as UTF-16. These tests rebuild each
// token from ICU's own answers, code point by code point, and require the
// same folded word, stem and flags.

namespace {

std::string utf8(UChar32 c) {
    std::string out;
    icu::UnicodeString(c).toUTF8String(out);
    return out;
}

// The folding rule of analyzer.hpp, written out with ICU calls only.
std::string reference_fold(UChar32 c) {
    if (c == 0x27 || c == 0x2019 || c == 0x02BC) return "'";
    c = u_foldCase(c, U_FOLD_CASE_DEFAULT);
    if (c == 0x0153) return "oe";
    if (c == 0x00E6) return "ae";
    if (c == 0x00DF) return "ss";
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString decomposed;
    if (!icu::Normalizer2::getNFDInstance(status)->getDecomposition(c, decomposed)) return utf8(c);
    std::string out;
    for (int32_t i = 0; i < decomposed.length();) {
        const UChar32 d = decomposed.char32At(i);
        i += U16_LENGTH(d);
        if (u_charType(d) != U_NON_SPACING_MARK) out += utf8(d);
    }
    return out;
}

// One word (no elision, valid UTF-8, one ICU word) analysed the slow way:
// "folded/stem" with stem "*" for a stop word, then the flags c, a, n.
std::string reference_token(std::string_view word) {
    std::string folded;
    int letters = 0, upper = 0;
    bool capitalised = false;
    icu::UnicodeString u =
        icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
    for (int32_t i = 0; i < u.length();) {
        const UChar32 c = u.char32At(i);
        if (u_isalpha(c)) {
            ++letters;
            if (u_isupper(c) || u_istitle(c)) {
                ++upper;
                if (i == 0) capitalised = true;
            }
        }
        i += U16_LENGTH(c);
        folded += reference_fold(c);
    }
    if (folded.size() > depeche::kMaxWordBytes) {
        std::size_t cut = depeche::kMaxWordBytes;
        while ((static_cast<unsigned char>(folded[cut]) & 0xC0) == 0x80) --cut;
        folded.resize(cut);
    }
    const bool stop = depeche::is_stop_word(folded);
    const std::string stem = stop ? "*" : letters == 0 ? folded : Xapian::Stem("french")(folded);
    return folded + "/" + stem + " " + (capitalised ? "c" : "-") + (letters >= 2 && upper == letters ? "a" : "-") +
           (letters == 0 ? "n" : "-");
}

std::string analysed_token(std::string_view word) {
    const auto tokens = analyse(word);
    if (tokens.size() != 1) return "(" + std::to_string(tokens.size()) + " tokens)";
    const auto& t = tokens[0];
    return t.folded + "/" + (t.stop ? "*" : t.stem) + " " + (t.capitalised ? "c" : "-") + (t.all_caps ? "a" : "-") +
           (t.numeric ? "n" : "-");
}

}  // namespace

TEST_CASE("the Latin table agrees with ICU, code point by code point", "[analysis]") {
    // Every code point of the table (U+0000..U+024F), and a few past it.
    std::vector<UChar32> points;
    for (UChar32 c = 1; c < 0x250; ++c) points.push_back(c);
    for (UChar32 c : {0x0250, 0x02BC, 0x0344, 0x0390, 0x0436, 0x0416, 0x1E37, 0x1E9E, 0x2019, 0x2160, 0xFB00, 0xFF2C,
                      0xAC00, 0x1D518})
        points.push_back(c);
    for (UChar32 c : points) {
        INFO("U+" << std::hex << c);
        CHECK(depeche::fold(utf8(c)) == reference_fold(c));
        // A letter or digit alone is one word: its flags come from the table too.
        if (u_isalpha(c) || u_isdigit(c)) CHECK(analysed_token(utf8(c)) == reference_token(utf8(c)));
    }
}

TEST_CASE("words through the fast paths equal words rebuilt from ICU", "[analysis]") {
    const char* const words[] = {"sécurité",
                                 "SÉCURITÉ",
                                 "Sécurité",
                                 "ÉLYSÉE",
                                 "Élysée",
                                 "élysée",
                                 "ŒUVRE",
                                 "Œuvre",
                                 "cœur",
                                 "Cœur",
                                 "Æsop",
                                 "STRAẞE",
                                 "Straße",
                                 "naïveté",
                                 "NAÏVETÉ",
                                 "Ǆemal",
                                 "ǅemal",
                                 "Ⱥrgent",
                                 "ARGENTȺ",
                                 "2015",
                                 "1er",
                                 "XXIe",
                                 "3D",
                                 "aujourd'hui",
                                 "Aujourd’hui",
                                 "AUJOURD’HUI",
                                 "a'b'c",
                                 "Москва",
                                 "МОСКВА",
                                 "Moskваж",
                                 "ЖЖ",
                                 "Ωmega",
                                 "ΑΘΗΝΑ",
                                 "e\xCC\x81t\xC3\xA9",
                                 "et",
                                 "Et",
                                 "ET",
                                 "est",
                                 "les",
                                 "a",
                                 "A",
                                 "B",
                                 "quoiqu",
                                 "ça",
                                 "Ça",
                                 "déjà",
                                 "œ"};
    for (const char* w : words) {
        INFO(w);
        CHECK(analysed_token(w) == reference_token(w));
        CHECK(analysed_token(w) == analysed_token(w));  // the second time from the stem cache
    }
    // A 300-byte word, half of it accented: cut at kMaxWordBytes, on a character boundary.
    std::string long_word;
    for (int i = 0; i < 150; ++i) long_word += i % 2 ? "é" : "Ab";
    CHECK(analysed_token(long_word) == reference_token(long_word));
    CHECK(analyse(long_word)[0].folded.size() == depeche::kMaxWordBytes);
}

TEST_CASE("elisions found in the single folding pass", "[analysis]") {
    // The prefix is folded before it is compared: capitals, and a Latin
    // letter from past the table (ḷ U+1E37 folds to l).
    CHECK(words("L’ÉTAT") == "ÉTAT=etat");
    CHECK(words("QU’IL") == "IL=il");
    CHECK(words("ḷ'État") == "État=etat");
    CHECK(words("JUSQU'ICI") == "ICI=ici");
    CHECK(analyse("L’ÉTAT")[0].all_caps);
    CHECK(analyse("L’ÉTAT")[0].capitalised);
    CHECK(analyse("l'État")[0].elided_start == 0);
    CHECK(analyse("l'État")[0].start == 2);
    // Only the first apostrophe can end an elision.
    CHECK(words("l'l'État") == "l'État=l'etat");
    // No elision when nothing follows, or the prefix is no elision.
    CHECK(words("aujourd'hui") == "aujourd'hui=aujourd'hui");
    CHECK(words("prud'homme") == "prud'homme=prud'homme");
}

TEST_CASE("offsets past non-ASCII text and across scripts", "[analysis]") {
    // The UTF-16 indexes of the break iterator come back as byte offsets:
    // two-byte, three-byte and four-byte characters before a word.
    const std::string text = "é « ж » 日本 😀 𝔘𝔫𝔦 l’État ١٢٣ fin";
    for (const auto& t : analyse(text)) CHECK(text.substr(t.start, t.end - t.start) == std::string(t.text));
    const auto tokens = analyse(text);
    REQUIRE(!tokens.empty());
    CHECK(tokens.back().text == "fin");
    CHECK(tokens.back().start == text.size() - 3);
}

TEST_CASE("invalid UTF-8 is analysed as before, through the UTF-8 path", "[analysis]") {
    // A stray byte is skipped inside a word and stops an elision.
    const std::string text = "Le d\xC3\xA9\xFFj\xC3\xA0 l\xFF'\xC3\x89tat fin";
    const auto tokens = analyse(text);
    for (const auto& t : tokens) CHECK(t.end <= text.size());
    REQUIRE(!tokens.empty());
    CHECK(tokens.back().folded == "fin");
    CHECK(tokens.back().start == text.size() - 3);
}

TEST_CASE("ASCII runs longer than the packed counters hold count every byte", "[analysis]") {
    // make_token counts an ASCII run in 14-bit fields and restarts it every
    // 16383 bytes: a longer word must keep its flags.
    const std::string upper(300000, 'A');
    auto tokens = analyse("Le " + upper + " finit");
    REQUIRE(tokens.size() == 3);
    CHECK(tokens[1].capitalised);
    CHECK(tokens[1].all_caps);
    CHECK_FALSE(tokens[1].numeric);
    CHECK(tokens[1].folded == std::string(depeche::kMaxWordBytes, 'a'));
    CHECK(tokens[1].end - tokens[1].start == upper.size());

    const std::string digits(300000, '7');
    tokens = analyse(digits);
    REQUIRE(tokens.size() == 1);
    CHECK(tokens[0].numeric);
    CHECK_FALSE(tokens[0].capitalised);

    // One lower-case letter far beyond the first run: no longer all capitals.
    tokens = analyse(upper + "b");
    REQUIRE(tokens.size() == 1);
    CHECK(tokens[0].capitalised);
    CHECK_FALSE(tokens[0].all_caps);
}

TEST_CASE("capitalised is read from the first letter after an elision, ASCII or not", "[analysis]") {
    CHECK(dump("l'Europe d'Élysée qu'emmanuel L'Etat") == "europe/europ^@2 elysee/elyse^@11 emmanuel@23 etat^@34");
    CHECK(dump("'Paris ’x") == "paris^@1 x@10");
}

TEST_CASE("Token::plain, found while folding, is plain_key of the folded word", "[analysis]") {
    // Pieces whose folding is plain or not, through the ASCII run, the Latin
    // table and ICU, with elisions, invalid bytes and words cut at kMaxWordBytes.
    const std::vector<std::string> pieces = {"a",
                                             "Z",
                                             "7",
                                             "\xC3\xA9",
                                             "\xC3\x89",
                                             "\xC5\x93",
                                             "\xC3\x9F",
                                             "'",
                                             ".",
                                             "\xE2\x80\x99",
                                             ",",
                                             ":",
                                             "_",
                                             "\xE2\x84\xAA",
                                             "\xCE\xA9",
                                             "\xFF",
                                             " ",
                                             "l'",
                                             "qu\xE2\x80\x99",
                                             "-"};
    std::mt19937 rng(11);
    std::size_t plain = 0, not_plain = 0;
    for (int round = 0; round < 20000; ++round) {
        std::string text;
        const int n = static_cast<int>(rng() % 12);
        for (int k = 0; k < n; ++k) text += pieces[rng() % pieces.size()];
        if (round % 50 == 0)
            text += std::string(depeche::kMaxWordBytes - 2 + rng() % 4, 'b') + pieces[rng() % pieces.size()];
        for (const auto& t : analyse(text, depeche::Stems::skip)) {
            CHECK(t.plain == depeche::cues::plain_key(t.folded));
            ++(t.plain ? plain : not_plain);
        }
    }
    CHECK(plain > 1000);
    CHECK(not_plain > 1000);
}
