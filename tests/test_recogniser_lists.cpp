// Two French ways of naming people the capitals alone do not show: a list
// after a plural title ("MM. Bertoni, Micheli et Tissières") and a title, "de"
// and a surname ("le général de Gaulle"). Each rule has a sentence that shows
// it and one that shows its limit.
#include <catch2/catch.hpp>

#include "real_lexicons.hpp"

using depeche::EntityKind;
using depeche::Lexicons;
using depeche::testing::names;
using depeche::testing::people;

TEST_CASE("every name of a list after a plural title is a person", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    // The first keeps the title, the others stand alone, as HIPE-2020 delimits them.
    CHECK(people("MM. Bertoni, Micheli et Tissières déposent une motion.", *real) ==
          "Bertoni: <MM. >Bertoni | Micheli: <>Micheli | Tissières: <>Tissières");
    CHECK(people("Mmes Dupont et Durand sont venues.", *real) == "Dupont: <Mmes >Dupont | Durand: <>Durand");
    // Full names and particles in the list.
    CHECK(people("MM. Emile Schaeffer, Jean Dardel et Otto de Dardel.", *real) ==
          "Emile Schaeffer: <MM. >Emile Schaeffer | Jean Dardel: <>Jean Dardel | Otto de Dardel: <>Otto de Dardel");
}

TEST_CASE("a list after a plural title ends at what is no surname", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    // A place the gazetteers know stays a place.
    CHECK(names("MM. Bertoni et Paris.", *real, EntityKind::place) == "place:Paris[Paris]");
    CHECK(people("MM. Bertoni et Paris.", *real) == "Bertoni: <MM. >Bertoni");
    // A singular title opens no list: "M. Bertoni et Micheli" may be anything.
    CHECK(people("M. Bertoni, Micheli et Tissières.", *real) == "Bertoni: <M. >Bertoni");
    // A lower-case word ends the list ("MM. Sandoz, radical et Montandon").
    CHECK(people("MM. Sandoz, radical et Montandon.", *real) == "Sandoz: <MM. >Sandoz");
}

TEST_CASE("a rank or a title before de and a surname names a person", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    // The particle belongs to the name, the title to the mention.
    CHECK(people("Le général de Gaulle est arrivé.", *real) == "de Gaulle: <général >de Gaulle");
    CHECK(people("Le duc de Broglie a parlé.", *real) == "de Broglie: <duc >de Broglie");
    CHECK(names("Le général de Gaulle est arrivé.", *real) == "person:de Gaulle[général de Gaulle]");
}

TEST_CASE("an office before de names its place or institution, no person", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(people("Le ministre de l'Intérieur et le président de la République.", *real).empty());
    CHECK(people("Le maire de Lyon et le roi de France.", *real).empty());
    CHECK(names("Le maire de Lyon et le roi de France.", *real, EntityKind::place) ==
          "place:Lyon[Lyon] | place:France[France]");
    // A rank before a place the gazetteers know, or a common word, names no one.
    CHECK(people("Le général de Division et le capitaine de Marseille.", *real).empty());
    CHECK(people("Le président de Renault est arrivé.", *real).empty());
    // After a noun, "général" is its adjective: the company or the city is no person.
    CHECK(people("Le directeur général de Pfizer et le président-directeur général de Scaleway.", *real).empty());
    CHECK(people("Elle est assemblée dans son quartier général de Wolverhampton.", *real).empty());
    // Keys are folded, the county is not the count.
    CHECK(people("Le comté de Kent est pluvieux.", *real).empty());
}
