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

TEST_CASE("initials and a surname name a person", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    // The initials are part of the name, as the text writes it.
    CHECK(people("Au classement, L. Jalabert devance J.-P. Dupont et Ch. Martin.", *real) ==
          "L. Jalabert: <>L. Jalabert | J.-P. Dupont: <>J.-P. Dupont | Ch. Martin: <>Ch. Martin");
    CHECK(people("Hier M. F. Honegger est venu.", *real) == "F. Honegger: <M. >F. Honegger");
    CHECK(people("MM. A. Dupont et B. Durand sont venus.", *real) ==
          "A. Dupont: <MM. >A. Dupont | B. Durand: <>B. Durand");
    // At the start and at the end of the text.
    CHECK(people("L. Jalabert", *real) == "L. Jalabert: <>L. Jalabert");
    CHECK(people("Selon L.", *real).empty());
    CHECK(people("L.", *real).empty());
    CHECK(people("L", *real).empty());
    CHECK(people("J.-P.", *real).empty());
    CHECK(people("MM. Dupont et A.", *real) == "Dupont: <MM. >Dupont");
    CHECK(people("Les généraux Weygand et", *real) == "Weygand: <généraux >Weygand");
    CHECK(people("Les généraux", *real).empty());
    // Inside a name the initial is the run's: "W. Bush" is George W. Bush.
    CHECK(people("George W. Bush est venu. Selon W. Bush, tout va bien.", *real) ==
          "George W. Bush: <>George W. Bush <>W. Bush");
}

TEST_CASE("a capital and its dot that are no initials name no one", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    // A sentence ends after a year, a letter labels a plan or a category.
    CHECK(people("Il est arrivé en 1914. Paris était calme.", *real).empty());
    CHECK(people("Ils ont un plan B. Dupont a parlé.", *real).empty());
    CHECK(people("Il joue en catégorie A. Dupont a parlé.", *real).empty());
    // Abbreviations: Jésus-Christ, a société anonyme, New York, Saint.
    CHECK(people("Né en 50 av. J.-C. Auguste régnait.", *real).empty());
    CHECK(people("La S. A. Nestlé et le N. Y. Times.", *real).empty());
    CHECK(people("Le match H. C. Lausanne-H. C. Chaux-de-Fonds.", *real).empty());
    CHECK(people("Il vit à St. Gallen.", *real).empty());
    // A place the gazetteers know, a common word, letters all along.
    CHECK(people("Il a vu A. Paris et B. Le.", *real).empty());
    CHECK(people("Son Altesse S. A. S. E. est venue.", *real).empty());
}

TEST_CASE("after the plural of a title every name of the list is a person", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    // The first takes the plural title, the others stand alone (HIPE-2020: "généraux Benkendorf").
    CHECK(people("Hier les généraux Weygand et Gamelin sont venus.", *real) ==
          "Weygand: <généraux >Weygand | Gamelin: <>Gamelin");
    CHECK(people("Les conseillers fédéraux Motta et Pilet-Golaz sont venus.", *real) ==
          "Motta: <conseillers fédéraux >Motta | Pilet-Golaz: <>Pilet-Golaz");
    CHECK(people("Les présidents Macron et Biden se sont parlé.", *real) ==
          "Emmanuel Macron: <présidents >Macron | Joe Biden: <>Biden");
    CHECK(people("Mes Dupont et Durand plaident.", *real) == "Dupont: <Mes >Dupont | Durand: <>Durand");
}

TEST_CASE("a plural noun before capitals is not always a title", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    // A nationality, a party, a common word.
    CHECK(people("Les ministres Européens sont venus. Les députés Verts aussi.", *real).empty());
    // A complement names something else.
    CHECK(people("Les chercheurs de l'université Savoie ont conclu.", *real).empty());
    CHECK(people("Les avocats d'Assange ont parlé.", *real).empty());
    // An occupation names the group spoken to, not the speaker's title.
    CHECK(people("Il a dit aux journalistes Joshua Wong.", *real) == "Joshua Wong: <>Joshua Wong");
    // A place ends the list.
    CHECK(names("Les généraux Weygand et Paris.", *real, EntityKind::place) == "place:Paris[Paris]");
}

TEST_CASE("a title of nobility before d' and a name names a person", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    // The elided particle is part of the name, as "de" is in "de Gaulle"; a
    // fief is often a place the gazetteers know.
    CHECK(people("Le duc d'Orléans est venu.", *real) == "d'Orléans: <duc >d'Orléans");
    CHECK(names("Le duc d'Orléans est venu.", *real) == "person:d'Orléans[duc d'Orléans]");
    CHECK(people("Il a salué la comtesse d'Haussonville", *real) == "d'Haussonville: <comtesse >d'Haussonville");
    CHECK(people("La duchesse de Cambridge est venue.", *real) == "de Cambridge: <duchesse >de Cambridge");
}

TEST_CASE("an office before d' names its place", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(people("Le maire d'Orléans et le préfet d'Ille-et-Vilaine.", *real).empty());
    CHECK(names("Le maire d'Orléans et le préfet d'Ille-et-Vilaine.", *real, EntityKind::place) ==
          "place:Orléans[Orléans] | place:Ille-et-Vilaine[Ille-et-Vilaine]");
    // A rank takes a surname, not a place: "le capitaine d'Orléans" is the club's.
    CHECK(people("Le général d'Armée et le capitaine d'Orléans.", *real).empty());
    // The title alone ends the text.
    CHECK(people("Il a vu le duc", *real).empty());
    CHECK(people("le duc d'", *real).empty());
}
