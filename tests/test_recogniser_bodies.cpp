// Organisations named by structure and wire usage, with the real lexicons:
// a state's body named with its nationality, academies, sides called by a
// nickname in sports reports, party names ending with "!", and the Élysée as
// place or institution. Each rule has a sentence that shows it and one that
// shows its limit.
#include <catch2/catch.hpp>

#include "real_lexicons.hpp"

using depeche::EntityKind;
using depeche::Lexicons;
using depeche::testing::names;

TEST_CASE("a body every state has, then a nationality, is that state's body", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(names("Une heure plus tard, le Sénat espagnol autorisait le gouvernement à agir.", *real, EntityKind::org) ==
          "org:Sénat espagnol[Sénat espagnol]");
    CHECK(names("Le prix a été annoncé par l'Académie suédoise jeudi.", *real, EntityKind::org) ==
          "org:Académie suédoise[Académie suédoise]");
    // An adverb or a verb after the name is no nationality.
    CHECK(names("Le Sénat désormais dominé par la droite a voté.", *real, EntityKind::org) == "org:Sénat[Sénat]");
    CHECK(names("Le Sénat demande un nouveau vote.", *real, EntityKind::org) == "org:Sénat[Sénat]");
    // Nor does the rule reach a name that is not a common noun ("Renault").
    CHECK(names("Le groupe Renault italien n'existe pas.", *real, EntityKind::org) == "org:Renault[Renault]");
}

TEST_CASE("an academy is an organisation head", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(names("Plusieurs membres de l'Académie Goncourt étaient présents.", *real, EntityKind::org) ==
          "org:Académie Goncourt[Académie Goncourt]");
    // A head alone names nothing the lexicons could tell apart.
    CHECK(names("Le secrétaire perpétuel de l'Académie a parlé.", *real, EntityKind::org) == "");
}

TEST_CASE("in a sports report, a side is called by a plural nickname", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(names("Les Springboks ont battu les All Blacks en finale du Mondial de rugby.", *real, EntityKind::org) ==
          "org:Springboks[Springboks] | org:All Blacks[All Blacks]");
    // Outside sport, such plurals are peoples or regions.
    CHECK(names("Les Boers ont résisté aux Anglais.", *real, EntityKind::org) == "");
    // A French plural in -es is a range or an archipelago, even in a sports report.
    CHECK(names("Le match a eu lieu dans les Carpates.", *real, EntityKind::org) == "");
    // French words stay what they were ("les Bleus").
    CHECK(names("Les Bleus ont gagné le match.", *real, EntityKind::org) == "");
}

TEST_CASE("a party name may end with an exclamation mark", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(names("Le fondateur du mouvement En marche !, arrive en tête.", *real, EntityKind::org) ==
          "org:En marche ![En marche]");
    CHECK(names("Le parti Ensemble ! a présenté ses listes.", *real, EntityKind::org) == "org:Ensemble ![Ensemble]");
    // An exclamation that ends a sentence is no part of a name.
    CHECK(names("Il a rejoint le groupe Renault !", *real, EntityKind::org) == "org:Renault[Renault]");
    // Nor does the name run over a verb.
    CHECK(names("Le mouvement Ensemble a gagné !", *real, EntityKind::org).find('!') == std::string::npos);
}

TEST_CASE("the Élysée is a place where one speaks from, an institution one works for", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(names("Il s'est exprimé depuis l'Élysée lundi soir.", *real) == "place:Élysée[Élysée]");
    CHECK(names("Ancien secrétaire général adjoint de l'Élysée, il a été nommé.", *real) == "org:Élysée[Élysée]");
    // Back over the adjectives, a noun that is no role keeps the building.
    CHECK(names("Le locataire actuel de l'Élysée a reçu le chancelier.", *real, EntityKind::org) == "");
    CHECK(names("Le locataire actuel de l'Élysée a reçu le chancelier.", *real, EntityKind::place) ==
          "place:Élysée[Élysée]");
}
