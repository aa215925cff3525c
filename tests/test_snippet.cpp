#include "snippet.hpp"

#include <catch2/catch.hpp>

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
