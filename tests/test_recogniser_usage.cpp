// Old and informal usage of the press that the names' rules read: titles
// spelt the old way ("Mr.", "St-"), names set in capitals, titles of nobility,
// English names, and sentences glued by copy and paste. Each rule has a
// sentence that shows it and one that shows its limit.
#include <catch2/catch.hpp>

#include "real_lexicons.hpp"

using depeche::EntityKind;
using depeche::Lexicons;
using depeche::testing::names;
using depeche::testing::people;

TEST_CASE("\"Mr.\" and \"Mrs.\" are titles, as \"M.\" and \"MM.\"", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(people("Mr. Jaubert a parlé hier.", *real) == "Jaubert: <Mr. >Jaubert");
    CHECK(people("Mrs. Reinhard et Stockar sont venus.", *real) == "Reinhard: <Mrs. >Reinhard");
}

TEST_CASE("\"St\" and \"Ste\" read as \"Saint\" and \"Sainte\" in names", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(names("Il est arrivé à St-Pétersbourg, puis à St. Gall.", *real, EntityKind::place) ==
          "place:Saint-Pétersbourg[St-Pétersbourg] | place:Saint-Gall[St. Gall]");
    // "Ste-Croix" too; a word after the dot in lower case is another sentence's.
    CHECK(names("Il habite Ste-Marie-aux-Mines.", *real, EntityKind::place) ==
          "place:Sainte-Marie-aux-Mines[Ste-Marie-aux-Mines]");
}

TEST_CASE("a first name set in capitals before a name in capitals opens a person", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(names("Par PASCAL HOFER et CLARA MARC.", *real) ==
          "person:PASCAL HOFER[PASCAL HOFER] | person:CLARA MARC[CLARA MARC]");
    // Alone, or before a French word or a place, a short word in capitals stays what it was.
    CHECK(names("La CGT et la SNCF.", *real, EntityKind::person).empty());
    CHECK(names("NOUVELLES DIVERSES. LOUIS DEPUIS", *real, EntityKind::person).empty());
    CHECK(names("Il a vu MARC GENEVE.", *real, EntityKind::person).empty());
}

TEST_CASE("the particle after a title belongs to the name, elided or not", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(people("M. d'Estaing a parlé. Le duc d'Orléans aussi.", *real) ==
          "d'Estaing: <M. >d'Estaing | d'Orléans: <duc >d'Orléans");
    // The short form still attaches to the full name.
    CHECK(people("Valéry Giscard d'Estaing est venu. M. d'Estaing a parlé.", *real) ==
          "Valéry Giscard d'Estaing: <>Valéry Giscard d'Estaing <M. >d'Estaing");
}

TEST_CASE("a fief spelt as a French word is still a person's after a title of nobility", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(names("Le comte de Paris est arrivé.", *real) == "person:de Paris[comte de Paris]");
    CHECK(names("La princesse de Monaco est arrivée.", *real) == "person:de Monaco[princesse de Monaco]");
    // A rank takes a surname, and a place after it stays a place.
    CHECK(names("Le capitaine de Paris a marqué.", *real, EntityKind::person).empty());
}

TEST_CASE("titles of nobility, address and clergy right before a name cue a person", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(people("Il a vu lord Strangford et l'impératrice Eugénie.", *real) ==
          "Strangford: <lord >Strangford | impératrice Eugénie: <impératrice >Eugénie");
    CHECK(people("Les troupes de don Carlos avancent.", *real) == "Carlos: <don >Carlos");
    CHECK(people("Le rappeur Kanye West et l'accusé Hirter.", *real) ==
          "Kanye West: <rappeur >Kanye West | Hirter: <accusé >Hirter");
    // "cure" without its accent is the treatment, not the priest.
    CHECK(names("Une cure Vichy.", *real, EntityKind::person).empty());
}

TEST_CASE("a function before an abbreviated title belongs to the mention", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(people("L'avocat Me Dupont a plaidé.", *real) == "Dupont: <avocat Me >Dupont");
    CHECK(people("L'évêque Mgr Lustiger a parlé.", *real) == "Lustiger: <évêque Mgr >Lustiger");
    // After a comma, the function is an apposition.
    CHECK(people("Son avocat, Me Dupont, a plaidé.", *real) == "Dupont: <Me >Dupont");
}

TEST_CASE("English function words join the capitals of an English name", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    // Not the town of Savé (Benin).
    CHECK(names("Save the Children a publié un rapport.", *real, EntityKind::place).empty());
    CHECK(names("Il est allé à Trinidad and Tobago.", *real, EntityKind::place) ==
          "place:Trinité-et-Tobago[Trinidad and Tobago]");
    // A French text's "the" is no English name's.
    CHECK(names("Il a bu du thé à Paris.", *real, EntityKind::place) == "place:Paris[Paris]");
}

TEST_CASE("a full stop with no space after it still ends the name", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(names("Il a vu Pierre Dupont.Mardi il est parti à Paris.Le maire a dit.", *real) ==
          "person:Pierre Dupont[Pierre Dupont] | place:Paris[Paris]");
    CHECK(people("Il a vu M. Guillemaut.En revanche, rien.", *real) == "Guillemaut: <M. >Guillemaut");
    // Domains and initials keep their dots.
    CHECK(names("La société Booking.com et J.-P. Dupont.", *real) ==
          "person:J.-P. Dupont[J.-P. Dupont] | org:Booking.com[Booking.com]");
}

TEST_CASE("a word glued across two full stops is cut at both, the words around it untouched", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    // The scan reads the cut pieces in place of the word, the other tokens as
    // the analyser made them: every mention's offsets still point at its text
    // (people() checks them).
    CHECK(people("Il a vu Pierre Dupont.Jeudi.Ensuite Marie Durand.Puis M. Martin est parti.", *real) ==
          "Pierre Dupont: <>Pierre Dupont | Marie Durand: <>Marie Durand | Martin: <M. >Martin");
}

TEST_CASE("a surname of the lexicon alone is a person's in a list of people", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(people("Une programmation autour de Bach, Beethoven et Mozart.", *real) ==
          "Bach: <>Bach | Beethoven: <>Beethoven | Mozart: <>Mozart");
    CHECK(people("Il apprend les oeuvres de Debussy ou Bach.", *real) == "Debussy: <>Debussy | Bach: <>Bach");
    // A noun of a person after its determiner leaves the name a person's.
    CHECK(people("Le concert réunit le jeune Mozart, Bach et Beethoven.", *real) ==
          "Mozart: <>Mozart | Bach: <>Bach | Beethoven: <>Beethoven");
    // The dispatch's full name still names the short form (resolve_coreference).
    CHECK(people("Winston Churchill est arrivé hier. Churchill et Roosevelt ont signé.", *real) ==
          "Winston Churchill: <>Winston Churchill <>Churchill | Roosevelt: <>Roosevelt");
}

TEST_CASE("a surname of the lexicon alone is no person's outside a list of people", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    // Alone, it is as often a firm or a thing named after someone as a person.
    CHECK(names("Le chancelier a vu Hitler hier. Ford a rappelé 194 modèles.", *real, EntityKind::person).empty());
    // A list with an item that is no person's name is no list of people, before or after.
    CHECK(names("Des marques comme Dior, Disney et Canon.", *real, EntityKind::person).empty());
    CHECK(names("Des marques comme Canon, Dior et Disney.", *real, EntityKind::person).empty());
    CHECK(names("Il roule en Ford GT, Citroën et Tesla.", *real, EntityKind::person).empty());
    // An article, a noun after its determiner or a capital after it makes a
    // thing or another name's part of an item.
    CHECK(names("Il conduit la Ford, Citroën et Tesla.", *real, EntityKind::person).empty());
    CHECK(names("Les lignes Maginot, Albert et Siegfried.", *real, EntityKind::person).empty());
    CHECK(names("Loin derrière Chirac et Giscard d'Estaing.", *real, EntityKind::person).empty());
    // Two names joined by a comma only: a name and its apposition.
    CHECK(people("Mort de John Hume, Nobel de la Paix.", *real) == "John Hume: <>John Hume");
}
