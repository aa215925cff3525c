// A person's mention takes in the title or function right before the name, as
// HIPE-2020 and Quaero delimit people ("M. Hammond", "maréchal Foch"), while
// the name (the facet value) stays the bare name. Each rule has a sentence
// that shows it and one that shows its limit.
#include <catch2/catch.hpp>

#include "real_lexicons.hpp"

using depeche::EntityKind;
using depeche::Lexicons;
using depeche::testing::names;
using depeche::testing::people;

TEST_CASE("abbreviated titles open the mention, with or without their dot", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(people("Philip Hammond est arrivé. M. Hammond a parlé.", *real) ==
          "Philip Hammond: <>Philip Hammond <M. >Hammond");
    CHECK(people("MM. Durand et Lefèvre sont venus. Mme Merkel aussi.", *real) ==
          "Durand: <MM. >Durand | Lefèvre: <>Lefèvre | Angela Merkel: <Mme >Merkel");
    CHECK(people("Il a vu M. de Villepin.", *real) == "de Villepin: <M. >de Villepin");
    // "Me" (maître) is written without a dot.
    CHECK(people("Jean Dupont plaide. Me Dupont a conclu.", *real) == "Jean Dupont: <>Jean Dupont <Me >Dupont");
    // A lower-case "me" is the pronoun.
    CHECK(people("Il faut me Jean Dupont.", *real) == "Jean Dupont: <>Jean Dupont");
    // Without its dot the abbreviation is still no part of the name, after a
    // role too (which then opens the mention), and names one its title alone makes a person.
    CHECK(people("Son avocat, Me Sahand Saber, a parlé.", *real) == "Sahand Saber: <Me >Sahand Saber");
    CHECK(people("Son avocat Me Thibault de Montbrial a parlé.", *real) ==
          "Thibault de Montbrial: <avocat Me >Thibault de Montbrial");
    CHECK(people("Selon le Pr Delfraissy, tout va bien.", *real) == "Delfraissy: <Pr >Delfraissy");
    CHECK(people("Il a vu Me", *real).empty());
}

TEST_CASE("a title or function before the name opens the mention, the article stays out", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(people("Le président américain Barack Obama est arrivé.", *real) ==
          "Barack Obama: <président américain >Barack Obama");
    CHECK(people("Le Premier ministre Édouard Philippe et l'ancien président Nicolas Sarkozy.", *real) ==
          "Édouard Philippe: <Premier ministre >Édouard Philippe | "
          "Nicolas Sarkozy: <ancien président >Nicolas Sarkozy");
    CHECK(people("Le vice-président Joe Biden et la porte-parole Sibeth Ndiaye.", *real) ==
          "Joe Biden: <vice-président >Joe Biden | Sibeth Ndiaye: <porte-parole >Sibeth Ndiaye");
    CHECK(people("La reine Elizabeth II a salué le Japonais Yukiya Amano.", *real) ==
          "Elizabeth II: <reine >Elizabeth II | Yukiya Amano: <Japonais >Yukiya Amano");
    // A title that opens the text (fuzz_analyser: its elided article was read
    // as a formal address one token before the text).
    CHECK(people("L'ex-président Nicolas Sarkozy est arrivé.", *real) ==
          "Nicolas Sarkozy: <ex-président >Nicolas Sarkozy");
    CHECK(people("Le ministre Bally est arrivé.", *real) == "Bally: <ministre >Bally");
    // The name, and so the facet value, is the bare name: "Angela Merkel", not "chancelière Merkel".
    CHECK(names("La chancelière Angela Merkel est arrivée.", *real) ==
          "person:Angela Merkel[chancelière Angela Merkel]");
}

TEST_CASE("only what is joined to the name by spaces is a title", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    // An apposition after a comma.
    CHECK(people("Le ministre, Philip Hammond, est arrivé.", *real) == "Philip Hammond: <>Philip Hammond");
    // A complement may name something else: the place stays a place.
    CHECK(names("La maire de Paris Anne Hidalgo est arrivée.", *real) ==
          "person:Anne Hidalgo[Anne Hidalgo] | place:Paris[Paris]");
    CHECK(people("Le chef de la diplomatie britannique Philip Hammond.", *real) == "Philip Hammond: <>Philip Hammond");
    // A word that is no title.
    CHECK(people("Le livre Philip Hammond.", *real).find("<>") != std::string::npos);
    // Places and organisations keep their span.
    CHECK(names("Le président de Renault est arrivé à Paris.", *real, EntityKind::place) == "place:Paris[Paris]");
}

TEST_CASE("a function after a comma describes the person before it", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    // First names the lexicons lack: only the function after the name says it is a person's.
    CHECK(names("Hier, Jordan Bardella, président du RN, a parlé.", *real, EntityKind::person) ==
          "person:Jordan Bardella[Jordan Bardella]");
    CHECK(names("Selon Hashim Thaçi, le président du Kosovo, rien.", *real, EntityKind::person) ==
          "person:Hashim Thaçi[Hashim Thaçi]");
    CHECK(names("Il a vu Abdellatif Kechiche, l'ancien réalisateur.", *real, EntityKind::person) ==
          "person:Abdellatif Kechiche[Abdellatif Kechiche]");
    // Firms and teams ranked, not described.
    CHECK(names("Hier, Renault Trucks, premier constructeur, a parlé.", *real, EntityKind::person).empty());
    CHECK(names("Hier, Zorg Ultra, leader du secteur, a parlé.", *real, EntityKind::person).empty());
    // The function opens the next person's name; or, after an article, the next clause's subject.
    CHECK(names("Sur Sud Radio, le député Jean Dupont a dit non.", *real, EntityKind::person) ==
          "person:Jean Dupont[député Jean Dupont]");
    CHECK(names("Contacté par Franceinfo, le député a dit non.", *real, EntityKind::person).empty());
}

TEST_CASE("a nationality before a name the lexicons lack is a person's", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(names("le Serbe Novak Djokovic a gagné", *real, EntityKind::person) ==
          "person:Novak Djokovic[Serbe Novak Djokovic]");
    CHECK(names("face à l'Argentin Emiliano Martínez", *real, EntityKind::person) ==
          "person:Emiliano Martínez[Argentin Emiliano Martínez]");
    CHECK(people("le Premier ministre bulgare Boïko Borissov a dit", *real) ==
          "Boïko Borissov: <Premier ministre bulgare >Boïko Borissov");
}

TEST_CASE("a function, de and the body it serves, then a name the lexicons lack", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(names("Le président de la Fifa Sepp Blatter a défendu un choix.", *real) ==
          "person:Sepp Blatter[Sepp Blatter] | org:FIFA[Fifa]");
    CHECK(names("la sénatrice de Lozère Guylène Pantel a dit", *real) ==
          "person:Guylène Pantel[Guylène Pantel] | place:Lozère[Lozère]");
    // Without the function, a place and a run of capitals stay what they were.
    CHECK(names("Il est allé de Lozère Guylène Pantel.", *real, EntityKind::person).empty());
}
