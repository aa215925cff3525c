// International first names (php-faker, see corpus/lexicons/README.md) open
// the names of the people French news writes about without a French first
// name, while the words that only look like one keep naming what they name:
// the rules of tools/build_lexicons.py leave them out of first_names.txt.
#include <catch2/catch.hpp>

#include "real_lexicons.hpp"

using depeche::Lexicons;
using depeche::testing::names;
using depeche::testing::people;

TEST_CASE("an international first name opens a person's name", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(people("Novak Djokovic a gagné.", *real) == "Novak Djokovic: <>Novak Djokovic");
    CHECK(people("Sepp Blatter a démissionné.", *real) == "Sepp Blatter: <>Sepp Blatter");
    CHECK(people("Meghan Markle est arrivée.", *real) == "Meghan Markle: <>Meghan Markle");
}

TEST_CASE("a place or an organisation that looks like a first name stays what it is", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    // "Santa" opens many places (Santa Cruz, Santa Barbara...): no first name.
    CHECK(names("Il vit dans la Résidence Santa Maria del Tura.", *real) == "place:Santa Maria[Santa Maria]");
    // "Nike" is a name hunspell-fr knows (po:npr), not a person's first name.
    CHECK(names("Nike France a annoncé des résultats.", *real) == "org:Nike France[Nike France]");
    // "Florida" is a surface of places.tsv.
    CHECK(people("Il a quitté Florida Keys hier.", *real).empty());
}
