// Names of the recogniser that the real lexicons decide: rugby sides, venues
// named with a capital, sittings of a body, a prosecution office, and the
// canonical names of aliased places. Each rule has a sentence that shows it
// and one that shows its limit.
#include <catch2/catch.hpp>

#include "real_lexicons.hpp"

using depeche::EntityKind;
using depeche::Lexicons;
using depeche::testing::names;

TEST_CASE("rugby sides are named by their number and their country", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(names("Le sélectionneur du XV de France Marc Lièvremont a reconduit l'équipe.", *real) ==
          "person:Marc Lièvremont[Marc Lièvremont] | org:XV de France[XV de France]");
    CHECK(names("Le XIII d'Angleterre a gagné à Rome.", *real) ==
          "place:Rome[Rome] | org:XIII d'Angleterre[XIII d'Angleterre]");
    // Without the article the numeral is a king's: no team.
    CHECK(names("Le roi Louis XV de France est mort.", *real, EntityKind::org) == "");
    // Nor is a country's XV named with no country the lexicons know.
    CHECK(names("Le XV du Trèfle a gagné.", *real, EntityKind::org) == "");
}

TEST_CASE("a capitalised venue noun opens the venue's own name", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(names("La finale s'est jouée au Stade de France, puis au Parc des Princes.", *real) ==
          "place:Stade de France[Stade de France] | place:Parc des Princes[Parc des Princes]");
    // A capital Église or Musée names the institution, not the building.
    CHECK(names("L'Église de Scientologie a répondu.", *real, EntityKind::place) == "");
    // "le Tour de France" stays a race.
    CHECK(names("Il a gagné le Tour de France.", *real) == "place:France[France]");
}

TEST_CASE("an indefinite article makes a body's name one of its sittings", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(names("Un Conseil des ministres consacré à la reconstruction se tiendra demain.", *real) == "");
    CHECK(names("La décision a été prise lors d'un Conseil des ministres extraordinaire.", *real) == "");
    // The definite article names the body.
    CHECK(names("Le Conseil des ministres a adopté le projet.", *real) ==
          "org:Conseil des ministres[Conseil des ministres]");
}

TEST_CASE("the prosecution office of a court is an organisation", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(names("Une enquête a été ouverte par le parquet de Bobigny.", *real) ==
          "org:parquet de Bobigny[parquet de Bobigny]");
    // A parquet floor is no office: no capitalised complement.
    CHECK(names("Le parquet de la salle a été refait.", *real) == "");
}

TEST_CASE("aliased places take their French usage name", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    // The French recommendation on state names (2009) keeps "République tchèque";
    // CLDR's "Tchéquie" is its variant.
    CHECK(names("La Hongrie et la République tchèque votent.", *real, EntityKind::place) ==
          "place:Hongrie[Hongrie] | place:République tchèque[République tchèque]");
    CHECK(names("Il est né en Tchéquie.", *real) == "place:République tchèque[Tchéquie]");
    CHECK(names("Il est mort à Johannesbourg.", *real) == "place:Johannesburg[Johannesbourg]");
    CHECK(names("Il est mort à Johannesburg.", *real) == "place:Johannesburg[Johannesburg]");
}
