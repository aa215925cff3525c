#include "snippet.hpp"

#include "readers.hpp"

#include <xapian.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <random>

using namespace depeche;

namespace {

// The snippet with each highlight in [brackets].
std::string show(std::string_view text, const std::set<std::string>& terms, std::size_t max_bytes = 240,
                 const std::vector<ByteRange>& ranges = {}, const std::vector<std::vector<std::string>>& phrases = {}) {
    const Snippet s = make_snippet(text, analyse(text), {terms, phrases, ranges}, max_bytes);
    std::string out;
    std::size_t at = 0;
    for (const auto& [start, end] : s.highlights) {
        out += s.text.substr(at, start - at) + "[" + s.text.substr(start, end - start) + "]";
        at = end;
    }
    return out + s.text.substr(at);
}

}  // namespace

TEST_CASE("snippets highlight words as written: accents, elisions, stems", "[snippet]") {
    CHECK(show("La sécurité de l'Élysée est renforcée.", {"Zsecurit", "elysee"}) ==
          "La [sécurité] de l'[Élysée] est renforcée.");
    CHECK(show("Les réunions se multiplient.", {"Zreunion"}) == "Les [réunions] se multiplient.");
    CHECK(show("Contre l’État islamique.", {"etat", "islamique"}) == "Contre l’[État islamique].");
}

TEST_CASE("snippets pick the passage with the most distinct matches", "[snippet]") {
    const std::string text =
        "Un mot au début. " + std::string(300, 'x') + " puis la coalition se réunit à Londres jeudi. Fin du texte.";
    const std::string s = show(text, {"coalition", "londres"}, 80);
    CHECK(s.find("[coalition]") != std::string::npos);
    CHECK(s.find("[Londres]") != std::string::npos);
    CHECK(s.rfind("\xE2\x80\xA6", 0) == 0);  // cut at the start
}

TEST_CASE("snippets without a match show the start", "[snippet]") {
    CHECK(show("Rien à voir ici.", {"coalition"}) == "Rien à voir ici.");
    CHECK(show("", {"coalition"}).empty());
}

TEST_CASE("byte ranges (entity mentions) highlight too", "[snippet]") {
    const std::string text = "Selon M. Hammond, la réunion aura lieu.";
    CHECK(show(text, {}, 240, {{9, 16}}) == "Selon M. [Hammond], la réunion aura lieu.");
}

TEST_CASE("phrases are marked only where they stand whole", "[snippet]") {
    CHECK(show("Le chef de l'État parle de l’État islamique.", {}, 240, {}, {{"etat", "islamique"}}) ==
          "Le chef de l'État parle de l’[État islamique].");
    CHECK(show("La République et le président de la République.", {}, 240, {},
               {{"president", "de", "la", "republique"}}) == "La République et le [président de la République].");
}

TEST_CASE("a passage scores by distinct words first, then by matches, then comes first", "[snippet]") {
    const std::string filler(200, 'x');
    // Three times one word loses to two distinct words further on.
    const std::string text = "coalition coalition coalition. " + filler + " La coalition à Londres. " + filler;
    const std::string s = show(text, {"coalition", "londres"}, 80);
    CHECK(s.find("[coalition] à [Londres]") != std::string::npos);
    // As many distinct words: the passage with more matches wins.
    const std::string more = "Londres et la coalition. " + filler + " Londres, la coalition, la coalition. " + filler;
    CHECK(show(more, {"coalition", "londres"}, 80).find("[coalition], la [coalition]") != std::string::npos);
    // A tie: the earliest passage.
    const std::string tie = "Londres et la coalition. " + filler + " Londres et la coalition ici. " + filler;
    CHECK(show(tie, {"coalition", "londres"}, 80).rfind("[Londres] et la [coalition]", 0) == 0);
}

TEST_CASE("a word matched by its surface form and by its stem counts as two", "[snippet]") {
    // "réunion" matches the surface term, "réunions" only the stem: two
    // distinct words, which beat three matches of one.
    const std::string filler(200, 'x');
    const std::string text = "Réunion, réunion, réunion. " + filler + " Une réunion puis des réunions. " + filler;
    CHECK(show(text, {"reunion", "Zreunion"}, 80).find("[réunion] puis des [réunions]") != std::string::npos);
}

// ---- lazy snippets: the same as the full analysis, byte for byte

namespace {

std::string dump(const Snippet& s) {
    std::string out = s.text;
    for (const auto& [start, end] : s.highlights) out += " " + std::to_string(start) + "-" + std::to_string(end);
    return out;
}

// The snippet of the full analysis and the lazy one, compared as one string.
void check_lazy(std::string_view text, const SnippetMarks& marks, std::size_t max_bytes = 240) {
    INFO("text: " << text.substr(0, 200));
    CHECK(dump(make_snippet(text, marks, max_bytes)) == dump(make_snippet(text, analyse(text), marks, max_bytes)));
}

// Marks drawn from the text's own tokens: surface words, stems, phrases of
// neighbouring tokens, byte ranges; first and last words; with a word the
// text lacks.
void check_lazy_marks(std::string_view text, unsigned seed) {
    const std::vector<Token> tokens = analyse(text);
    if (tokens.empty()) return check_lazy(text, {{"coalition"}, {}, {}});
    std::mt19937 random(seed);
    auto pick = [&] { return tokens[std::uniform_int_distribution<std::size_t>(0, tokens.size() - 1)(random)]; };
    auto stem = [](const Token& t) { return t.stem.empty() ? t.folded : "Z" + t.stem; };
    for (int round = 0; round < 4; ++round) {
        const Token a = pick(), b = pick(), c = pick();
        check_lazy(text, {{a.folded}, {}, {}});
        check_lazy(text, {{stem(a)}, {}, {}}, 80);
        check_lazy(text, {{a.folded, stem(b), "absentissime"}, {}, {}});
        check_lazy(text, {{tokens.front().folded, stem(tokens.back())}, {}, {}});
        check_lazy(text, {{stem(c)}, {}, {{a.start, a.end}, {b.elided_start, c.end}}}, 120);
        std::size_t i = std::uniform_int_distribution<std::size_t>(0, tokens.size() - 1)(random);
        std::vector<std::string> phrase;
        for (std::size_t k = i; k < tokens.size() && k < i + 3; ++k) phrase.push_back(tokens[k].folded);
        check_lazy(text, {{b.folded}, {phrase, {a.folded, b.folded}}, {}});
    }
}

std::vector<std::string> corpus_texts() {
    std::vector<std::string> texts;
    ReadOptions options;
    options.inputs = {DEPECHE_SOURCE_DIR "/corpus/sample"};
    read_inputs(
        options, [&](Article&& a) { texts.push_back(a.text); }, [](const Reject&) {}, [](const std::string&) {});
    return texts;
}

}  // namespace

TEST_CASE("lazy snippets equal the full analysis on corpus/", "[snippet]") {
    const std::vector<std::string> texts = corpus_texts();
    REQUIRE(texts.size() > 50);
    unsigned seed = 1;
    for (const std::string& text : texts) check_lazy_marks(text, seed++);
}

TEST_CASE("lazy snippets equal the full analysis on adversarial texts", "[snippet]") {
    const std::string filler =
        "Les habitants du quartier ont attendu longtemps avant que la mairie ne réponde à leurs demandes. ";
    std::string long_text;
    for (int i = 0; i < 12; ++i) long_text += filler;
    const std::vector<std::string> texts = {
        "",
        "…",
        "« — » !!! ... ??? « » — –",
        std::string(300, '.') + " Le premier mot vient tard. " + long_text,
        "Élysée " + long_text + " l'Élysée",
        long_text + "Sécurité, sécurité, sécurité !",
        "L'État islamique " + long_text + " chef de l’État " + long_text + "l’État islamique.",
        "État " + std::string(300, '-') + " islamique " + long_text,
        "État « " + std::string(80, ' ') + "» islamique " + long_text,
        std::string(500, 'x') + " coalition " + std::string(500, 'y'),
        "aujourd'hui qu’Emmanuel jusqu'à lorsqu'il " + long_text + " d’aujourd’hui",
        "Œuvre ŒUVRE œuvres STRASSE straße " + long_text + " Ærø",
        "invalid \xC3 byte " + long_text,
        "Ligne un.\nLigne deux.\r\n\tTabulée " + long_text + "Mots  à  deux  blancs ",
        "Les 35 heures, 2022, 1er janvier " + long_text + " 35 heures",
        long_text + "caméra " + std::string(70, ' ') + "de " + std::string(70, ' ') + "vidéosurveillance " + long_text +
            "de la caméra de vidéosurveillance",
        "Le commerce de mer " + long_text + " a mérité, l'amer mérite commercial, outre-mer",
        std::string(250, 'a') + " " + long_text + " " + std::string(199, 'a') + "é " + std::string(300, 'b'),
    };
    const std::vector<SnippetMarks> marks = {
        {{"elysee"}, {}, {}},
        {{"Zsecurit", "securite"}, {}, {}},
        {{}, {{"etat", "islamique"}}, {}},
        {{"etat", "Zislam"}, {}, {}},
        {{"coalition"}, {}, {}},
        {{"aujourd'hui", "Zemmanuel"}, {}, {}},
        {{"oeuvre", "Zoeuvr", "strasse", "aero"}, {}, {}},
        {{"Zhabit", "mairie", "Zdemand"}, {{"ne", "reponde"}}, {}},
        {{"35", "Zheur", "1er"}, {{"35", "heures"}}, {}},
        {{"byte", "Zmot", "Zblanc"}, {}, {{0, 7}}},
        {{"XPemmanuel macron", "absent"}, {}, {}},
        {{"Zmerit", "mer", "Zcommerc"}, {{"de", "mer"}}, {}},
        {{}, {{"camera", "de", "videosurveillance"}, {"de", "la"}}, {}},
        {{"Zquarti"}, {{"ne", "reponde", "a", "leurs"}}, {}},
        {{std::string(200, 'a'), "Z" + std::string(200, 'b')}, {}, {}},
    };
    for (const auto& text : texts)
        for (const auto& m : marks) {
            check_lazy(text, m);
            check_lazy(text, m, 60);
        }
}

TEST_CASE("every word starts with the prefix of its stem", "[snippet]") {
    CHECK(stem_prefix("securit") == "secur");
    CHECK(stem_prefix("ai") == "a");
    CHECK(stem_prefix("").empty());
    // The stemmer's edits that change letters: -aux -> -al, -euse -> -eux, -ication -> -iqu.
    const Xapian::Stem stemmer("french");
    for (const std::string word : {"chevaux", "heureuse", "publication", "presence", "ay", "yeux"})
        CHECK(word.rfind(stem_prefix(stemmer(word)), 0) == 0);
    for (const std::string& text : corpus_texts())
        for (const Token& t : analyse(text)) {
            INFO(t.folded << " -> " << t.stem);
            CHECK(t.folded.rfind(stem_prefix(t.stem), 0) == 0);
        }
}

TEST_CASE("only İ folds to upper case", "[snippet]") {
    // The lazy snippet looks for marks in lower case, and lowers the folded
    // text only where it holds U+0130: no other code point may fold to an
    // upper-case letter (the stemmer lowers I, U and Y).
    std::vector<std::uint32_t> upper;
    for (std::uint32_t c = 0x80; c < 0x110000; ++c) {
        if (c >= 0xD800 && c < 0xE000) continue;
        std::string s;
        if (c < 0x800) {
            s = {static_cast<char>(0xC0 | (c >> 6)), static_cast<char>(0x80 | (c & 0x3F))};
        } else if (c < 0x10000) {
            s = {static_cast<char>(0xE0 | (c >> 12)), static_cast<char>(0x80 | ((c >> 6) & 0x3F)),
                 static_cast<char>(0x80 | (c & 0x3F))};
        } else {
            s = {static_cast<char>(0xF0 | (c >> 18)), static_cast<char>(0x80 | ((c >> 12) & 0x3F)),
                 static_cast<char>(0x80 | ((c >> 6) & 0x3F)), static_cast<char>(0x80 | (c & 0x3F))};
        }
        const std::string f = fold(s);
        if (std::any_of(f.begin(), f.end(), [](char b) { return b >= 'A' && b <= 'Z'; })) upper.push_back(c);
    }
    CHECK(upper == std::vector<std::uint32_t>{0x130});
}

TEST_CASE("lazy snippets find marks that fold to upper case or stand against a Latin letter", "[snippet]") {
    const std::string filler =
        "Les habitants du quartier ont attendu longtemps avant que la mairie ne réponde à leurs demandes. ";
    std::string long_text;
    for (int i = 0; i < 6; ++i) long_text += filler;
    // "İ" folds to "I", and the stemmer lower-cases it: the stem "istanbul"
    // is no prefix of the folded word "Istanbul".
    const std::string turkish = long_text + "Un vol pour İstanbul, puis İzmir. " + long_text;
    REQUIRE(analyse("İstanbul").front().folded == "Istanbul");
    REQUIRE(analyse("İstanbul").front().stem == "istanbul");
    check_lazy(turkish, {{"Zistanbul"}, {}, {}});
    check_lazy(turkish, {{"Istanbul", "Zizmir"}, {}, {}}, 80);
    CHECK(dump(make_snippet(turkish, {{"Zistanbul"}, {}, {}}, 80)).find("İstanbul") != std::string::npos);
    // ICU breaks between a Han, kana or Hangul word and a Latin letter or a
    // digit that follows it: the word "中" ends where "a" starts.
    const std::string cjk = long_text + "Le mot 中a, les kana カタ0 et 한e. " + long_text;
    REQUIRE(analyse("中a").size() == 2);
    for (const char* word : {"中", "カタ", "한"}) {
        check_lazy(cjk, {{word}, {}, {}});
        check_lazy(cjk, {{}, {{word, "a"}}, {}});
    }
    CHECK(dump(make_snippet(cjk, {{"中"}, {}, {}}, 80)).find("中") != std::string::npos);
}

TEST_CASE("lazy snippets equal the full analysis on random texts", "[snippet]") {
    // Case, accents and apostrophes at every offset of the eight
    // byte steps that fold blocks; blanks where blocks are cut; words at the
    // start and the end; invalid UTF-8 (analysed whole); texts without a word.
    // Beyond French: case folding that changes length or yields upper case
    // (ß ẞ ﬁ ﬀ Ǆ ǅ İ ı Σ ς), decomposed accents, fullwidth letters, scripts
    // ICU breaks by dictionary or apart from Latin (Han, kana, Thai, Hangul),
    // Arabic, emoji (with modifiers, flags), joiners and no-break spaces.
    const std::vector<std::string> pieces = {
        "a",        "B",   "é",        "É",     "’",      "'",      "Z",        "z",      "@",      "[",
        "`",        "{",   "0",        "9",     "-",      " ",      " ",        "  ",     "\n",     ". ",
        ", ",       "l'",  "L’",       "…",     "«",      "»",      "ç",        "Ç",      "à",      "ÿ",
        "Ÿ",        "ü",   "ê",        "î",     "À",      "de",     "la",       "État",   "etat",   "securite",
        "Sécurité", "Σ",   "ς",        "ΣΟΦΙΑ", "İ",      "ı",      "İstanbul", "ǅ",      "Ǆ",      "Ω",
        "ﬀ",        "ﬁ",   "ß",        "ẞ",     "Straße", "Æ",      "Œ",        "œ",      "Œuvre",  "e\u0301",
        "\u0301",   "Ａ",  "ｚ",       "مرحبا", "ال",     "\u200D", "\u200B",   "\u00A0", "\u202F", "\u00A0;",
        "\u202F!",  "😀",   "👍🏽", "🇫🇷",    "中",     "中文",   "カタ",     "ひ",     "ไทย",    "한",
        "a.b",      "3,5", "x_y",
    };
    const std::vector<std::string> invalid = {"\xC3", "\xE2\x80", "\xFF", "\xC0\xAF", "\xED\xA0\x80"};
    std::mt19937 random(7);
    auto draw = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(random); };
    for (int round = 0; round < 300; ++round) {
        std::string text;
        const std::size_t length = 1 + draw(round % 10 == 0 ? 1200 : 300);
        for (std::size_t i = 0; i < length; ++i) text += pieces[draw(pieces.size())];
        if (round % 8 == 0) text.insert(draw(text.size()), invalid[draw(invalid.size())]);
        check_lazy_marks(text, static_cast<unsigned>(round));
    }
}
