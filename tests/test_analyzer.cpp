#include "analyzer.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <string>

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
