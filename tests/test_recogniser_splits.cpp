// One real entity, one facet value: the short form of a place attaches to its
// full name, a span stops where a person's name begins, a name keeps all its
// words (a title outside it, a romanised given name inside it), and things
// named like people (newspapers, compounds, federal bodies) are not people.
// Each rule has a sentence that shows it and one that shows its limit.
#include <catch2/catch.hpp>

#include "real_lexicons.hpp"

using depeche::EntityKind;
using depeche::Lexicons;
using depeche::testing::names;

TEST_CASE("a place's first words, later in the dispatch, are that place", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(names("Le sommet s'ouvre à Rio de Janeiro. Les délégués resteront à Rio jusqu'à jeudi.", *real,
                EntityKind::place) == "place:Rio de Janeiro[Rio de Janeiro,Rio]");
    CHECK(names("L'usine d'Aulnay-sous-Bois fermera. Les salariés manifestent à Aulnay.", *real, EntityKind::place) ==
          "place:Aulnay-sous-Bois[Aulnay-sous-Bois,Aulnay]");
    // A name the gazetteers know is its own place.
    CHECK(names("Il a visité l'Irlande du Nord puis l'Irlande.", *real, EntityKind::place) ==
          "place:Irlande du Nord[Irlande du Nord] | place:Irlande[Irlande]");
}

TEST_CASE("\"de\" and a person's full name end an organisation's name", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(names("L'équipe de France de Zinédine Zidane a gagné hier.", *real) ==
          "person:Zinédine Zidane[Zinédine Zidane] | org:équipe de France[équipe de France]");
    // A place after "de" still belongs to the name.
    CHECK(names("Le ministère de l'Intérieur a publié les chiffres.", *real, EntityKind::org) ==
          "org:ministère de l'Intérieur[ministère de l'Intérieur]");
}

TEST_CASE("a first name at the end of a run opens a name carried on by a particle", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(names("Le patron de Renault Louis de Broglie a démissionné.", *real, EntityKind::person) ==
          "person:Louis de Broglie[Louis de Broglie]");
    // Not when a place follows the particle: "San Carlo de Naples" is no person.
    CHECK(names("Elle a chanté au Teatro San Carlo de Naples hier.", *real, EntityKind::person) == "");
}

TEST_CASE("Mgr is a title written without a dot", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(names("L'évêque de Lyon, Mgr Michel Aupetit, a célébré la messe.", *real, EntityKind::person) ==
          "person:Michel Aupetit[Mgr Michel Aupetit]");  // the title opens the mention, not the name
    // "M." still needs its dot: "M" alone may be an initial.
    CHECK(names("L'évêque de Lyon, M. Michel Aupetit, a célébré la messe.", *real, EntityKind::person) ==
          "person:Michel Aupetit[M. Michel Aupetit]");
}

TEST_CASE("a romanised given name keeps its lower-case second syllable", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(names("Le président sud-coréen Moon Jae-in a reçu la délégation.", *real, EntityKind::person) ==
          "person:Moon Jae-in[Moon Jae-in]");
    // An inverted verb is no part of a name.
    CHECK(names("Le président Moon a-t-il cédé ?", *real, EntityKind::person).find("a-t") == std::string::npos);
}

TEST_CASE("a newspaper's title is no person, nor a hyphenated place", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(names("Un dessinateur de Charlie Hebdo a été entendu.", *real) == "org:Charlie Hebdo[Charlie Hebdo]");
    CHECK(names("Le Washington Post a publié l'enquête.", *real) == "org:Washington Post[Washington Post]");
    // A person with a first name stays a person.
    CHECK(names("Un dessinateur de Charlie Chaplin a été entendu.", *real, EntityKind::person) ==
          "person:Charlie Chaplin[Charlie Chaplin]");
    CHECK(names("Les vols de Vatry-Charles-de-Gaulle et d'Orly sont annulés.", *real, EntityKind::person) == "");
    CHECK(names("Un TGV reliera Paris-Lyon-Marseille dès lundi.", *real, EntityKind::person) == "");
}

TEST_CASE("a German compound of Bundes- names a federal body", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(names("Le Bundesrat a rejeté le texte, que la Bundeswehr attendait.", *real) ==
          "org:Bundesrat[Bundesrat] | org:Bundeswehr[Bundeswehr]");
    // A state, "Bundesland", is a common noun.
    CHECK(names("Chaque Bundesland vote.", *real, EntityKind::org) == "");
}

TEST_CASE("\"depuis\" before capitals no lexicon knows reads a time as well as a place", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(names("Aucun président n'était venu depuis Gorm Kvistad en 1990.", *real, EntityKind::place) == "");
    // A known place keeps its cue.
    CHECK(names("Il est arrivé depuis Buenos Aires hier.", *real, EntityKind::place) ==
          "place:Buenos Aires[Buenos Aires]");
}

TEST_CASE("a church is named by its dedication, with or without its noun", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(names("La cathédrale Notre-Dame a rouvert. Les touristes affluent à Notre-Dame.", *real) ==
          "place:Notre-Dame[cathédrale Notre-Dame,Notre-Dame]");
    CHECK(names("Le concert a lieu en l'église Sainte-Clotilde.", *real) ==
          "place:Sainte-Clotilde[église Sainte-Clotilde]");
    // A dedication cut by the end of the text is no name of its own.
    CHECK(names("Ils priaient dans la chapelle Saint", *real).find("place:Saint[") == std::string::npos);
    // A dedication that is a town keeps the noun: the basilica is not the town.
    CHECK(names("La basilique Saint-Denis a été restaurée.", *real) ==
          "place:basilique Saint-Denis[basilique Saint-Denis]");
}
