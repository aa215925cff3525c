#include "recogniser.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <random>
#include <string>

using depeche::Entity;
using depeche::EntityKind;
using depeche::Lexicons;

namespace {

const Lexicons& mini() {
    static const Lexicons lexicons = depeche::load_lexicons(DEPECHE_SOURCE_DIR "/tests/data/lexicons-mini");
    return lexicons;
}

const std::filesystem::path kReal = DEPECHE_SOURCE_DIR "/corpus/lexicons";

// "person:Philip Hammond[Philip Hammond,Hammond] | place:Londres[Londres]"
std::string dump(const std::vector<Entity>& entities) {
    std::string out;
    for (const Entity& e : entities) {
        if (!out.empty()) out += " | ";
        out += std::string(depeche::kind_name(e.kind)) + ":" + e.name + "[";
        for (std::size_t i = 0; i < e.mentions.size(); ++i) out += (i ? "," : "") + e.mentions[i].text;
        out += "]";
    }
    return out;
}

std::vector<Entity> names_in(std::string_view text, const Lexicons& lexicons = mini()) {
    return depeche::recognise_names(text, depeche::analyse(text), lexicons);
}

std::string names(std::string_view text, const Lexicons& lexicons = mini()) { return dump(names_in(text, lexicons)); }

// Only the entities of one kind.
std::string names_of(EntityKind kind, std::string_view text, const Lexicons& lexicons) {
    std::vector<Entity> all = names_in(text, lexicons), some;
    for (Entity& e : all)
        if (e.kind == kind) some.push_back(std::move(e));
    return dump(some);
}

const char* const kSeed =
    "Les chefs des diplomaties britannique Philip Hammond et américaine John Kerry organisent une réunion des "
    "pays membres de la coalition contre le groupe jihadiste Etat islamique (EI) jeudi à Londres, ont annoncé "
    "samedi des responsables. Les ministres des Affaires étrangères d'une vingtaine de pays, y compris les "
    "partenaires arabes de la coalition, sont attendus à cette journée de discussions pour faire le point sur "
    "les progrès réalisés dans la lutte contre l'EI qui a conquis de vastes régions en Irak et en Syrie l'an "
    "dernier. Un haut responsable britannique a confirmé que la réunion aurait lieu à Lancaster House dans le "
    "centre de Londres, deux semaines après les attentats de Paris lors desquels trois jihadistes ont tué 17 "
    "personnes en se revendiquant d'Al-Qaïda et du groupe Etat Islamique. \"Ce sera une occasion importante de "
    "faire le point et d'évaluer le progrès réalisé jusqu'ici dans nos efforts communs pour venir à bout de "
    "l'idéologie empoisonée de l'EI\", a indiqué M. Hammond au quotidien britannique Daily Telegraph. \"Les "
    "partenaires-clés dans la coalition, dont nos partenaires arabes, vont se réunir à Londres pour décider ce "
    "que nous devons encore faire pour mettre l'EI en échec\", a-t-il dit. L'annonce de cette réunion intervient "
    "après une rencontre entre le président américain Barack Obama et le Premier ministre britannique David "
    "Cameron vendredi à Washington.";

}  // namespace

TEST_CASE("the seed dispatch", "[entities]") {
    REQUIRE(names(kSeed) ==
            "person:Philip Hammond[Philip Hammond,Hammond] | person:John Kerry[John Kerry] | "
            "person:Barack Obama[Barack Obama] | person:David Cameron[David Cameron] | "
            "place:Londres[Londres,Londres,Londres] | place:Irak[Irak] | place:Syrie[Syrie] | "
            "place:Lancaster House[Lancaster House] | place:Paris[Paris] | place:Washington[Washington] | "
            "org:État islamique[Etat islamique,EI,EI,Etat Islamique,EI,EI] | org:Al-Qaïda[Al-Qaïda] | "
            "org:Daily Telegraph[Daily Telegraph]");
}

TEST_CASE("mentions are the bytes at their offsets, in order", "[entities]") {
    const std::string text = kSeed;
    for (const Entity& e : names_in(text)) {
        std::size_t previous = 0;
        for (const depeche::Mention& m : e.mentions) {
            REQUIRE(m.start < m.end);
            REQUIRE(text.substr(m.start, m.end - m.start) == m.text);
            REQUIRE(m.start >= previous);
            previous = m.end;
        }
    }
}

TEST_CASE("the seed dispatch with the real lexicons", "[entities]") {
    if (!std::filesystem::is_regular_file(kReal / "places.tsv")) {
        WARN("corpus/lexicons not built yet: skipped");
        return;
    }
    const Lexicons real = depeche::load_lexicons(kReal);
    CHECK(names_of(EntityKind::person, kSeed, real) ==
          "person:Philip Hammond[Philip Hammond,Hammond] | person:John Kerry[John Kerry] | "
          "person:Barack Obama[Barack Obama] | person:David Cameron[David Cameron]");
    const std::string places = names_of(EntityKind::place, kSeed, real);
    for (const char* place : {"place:Londres[Londres,Londres,Londres]", "place:Irak[Irak]", "place:Syrie[Syrie]",
                              "place:Paris[Paris]", "place:Washington[Washington]"})
        CHECK_THAT(places, Catch::Contains(place));
    const std::string orgs = names_of(EntityKind::org, kSeed, real);
    CHECK_THAT(orgs, Catch::Contains("org:État islamique[Etat islamique,EI,EI,Etat Islamique,EI,EI]"));
    CHECK_THAT(orgs, Catch::Contains("org:Al-Qaïda[Al-Qaïda]"));
    CHECK_THAT(orgs + places, !Catch::Contains("Affaires"));
}

TEST_CASE("look-alikes are told apart by context", "[entities]") {
    // A first name and a surname beat the city.
    CHECK(names("La ministre des Armées Florence Parly s'est rendue à Florence.") ==
          "person:Florence Parly[Florence Parly] | place:Florence[Florence]");
    CHECK(names("Nancy Pelosi ne viendra pas à Nancy.") == "person:Nancy Pelosi[Nancy Pelosi] | place:Nancy[Nancy]");
    // The company after a business cue, the town after "à".
    CHECK(names("L'opérateur Orange a présenté ses comptes. Le festival se tient à Orange.") ==
          "place:Orange[Orange] | org:Orange[Orange]");
    CHECK(names("Le groupe Orange a racheté un concurrent.") == "org:Orange[Orange]");
    CHECK(names("Orange a vu son chiffre d'affaires baisser.") == "org:Orange[Orange]");
    // "le maire" in lower case is no name.
    CHECK(names("Bruno Le Maire a reçu le maire de Nancy.") ==
          "person:Bruno Le Maire[Bruno Le Maire] | place:Nancy[Nancy]");
    // A vessel named after a person is neither.
    CHECK(names("Le porte-avions Charles-de-Gaulle a quitté Toulon.") == "place:Toulon[Toulon]");
    // The longest place wins.
    CHECK(names("La Seine-Saint-Denis entoure Saint-Denis.") ==
          "place:Seine-Saint-Denis[Seine-Saint-Denis] | place:Saint-Denis[Saint-Denis]");
    // A capitalised run after a place cue is a place, as written.
    CHECK(names("Ils se verront à Lancaster House.") == "place:Lancaster House[Lancaster House]");
}

TEST_CASE("people: titles, particles and short forms", "[entities]") {
    CHECK(names("Jean-Yves Le Drian est arrivé. M. Le Drian a déclaré qu'il partait.") ==
          "person:Jean-Yves Le Drian[Jean-Yves Le Drian,Le Drian]");
    // The short form may come first.
    CHECK(names("M. Hammond est arrivé. Philip Hammond a parlé.") == "person:Philip Hammond[Hammond,Philip Hammond]");
    CHECK(names("Charles de Gaulle a parlé.") == "person:Charles de Gaulle[Charles de Gaulle]");
    // A surname alone resolves through the person aliases, else stands as written.
    CHECK(names("Mme Merkel est arrivée.") == "person:Angela Merkel[Merkel]");
    CHECK(names("Selon Obama, rien ne change.") == "person:Barack Obama[Obama]");
    CHECK(names("Le président Zelensky a répondu.") == "person:Zelensky[Zelensky]");
    CHECK(names("Mme Dupont-Aignan est venue.") == "person:Dupont-Aignan[Dupont-Aignan]");
    // Cues after the name.
    CHECK(names("Hier, Kowalski a déclaré forfait.") == "person:Kowalski[Kowalski]");
}

TEST_CASE("acronyms taught by the dispatch", "[entities]") {
    CHECK(names("L'Agence internationale de l'énergie atomique (AIEA) a publié un rapport. Selon l'AIEA, tout va bien.") ==
          "org:Agence internationale de l'énergie atomique[Agence internationale de l'énergie atomique,AIEA,AIEA]");
    // The lexicons name what they know.
    CHECK(names("L'Organisation des Nations unies (ONU) s'inquiète ; l'ONU demande une trêve.") ==
          "org:Organisation des Nations unies[Organisation des Nations unies,ONU,ONU]");
    CHECK(names("Le Conseil national de transition (CNT) se réunit.") ==
          "org:Conseil national de transition[Conseil national de transition,CNT]");
    // An acronym alone is an organisation; roman numerals are not.
    CHECK(names("La FIFA a tranché. Le pape Jean-Paul II est venu.") == "person:Jean-Paul II[Jean-Paul II] | org:FIFA[FIFA]");
}

TEST_CASE("accents and apostrophes", "[entities]") {
    CHECK(names("Les frappes contre l'État islamique et l'Etat islamique, dit aussi Daech.") ==
          "org:État islamique[État islamique,Etat islamique,Daech]");
    CHECK(names("La visite d’Angela Merkel à l’Élysée.") == "person:Angela Merkel[Angela Merkel] | org:Élysée[Élysée]");
    CHECK(names("La visite d'Angela Merkel à l'Elysée.") == "person:Angela Merkel[Angela Merkel] | org:Élysée[Elysée]");
    CHECK(names("Il revient de Côte d’Ivoire puis de Côte d'Ivoire.") ==
          "place:Côte d'Ivoire[Côte d’Ivoire,Côte d'Ivoire]");
    CHECK(names("Rendez-vous à London puis à Londres.") == "place:Londres[London,Londres]");
    // Lower case is no name.
    CHECK(names("les paris sportifs sur l'union européenne") == "");
    CHECK(names("Les paris sur l'Union européenne.") == "org:Union européenne[Union européenne]");
}

TEST_CASE("sentence-initial common words are not names", "[entities]") {
    CHECK(names("Les ministres des Affaires étrangères sont là. Ce sera long. Un haut responsable l'a dit.") == "");
    CHECK(names("Sens unique. Il habite à Sens.") == "place:Sens[Sens]");
    CHECK(names("Le Premier ministre britannique David Cameron.") == "person:David Cameron[David Cameron]");
}

TEST_CASE("names and dates together", "[entities]") {
    const std::string text = kSeed;
    const std::vector<Entity> all =
        depeche::recognise_entities(text, depeche::analyse(text), mini(), depeche::PartialDate{2022, 3, 0});
    const std::string names_only = names(kSeed);
    std::string dumped = dump(all);
    CHECK(dumped.substr(0, names_only.size()) == names_only);
    // Kinds in order, dates last, and no two mentions overlap.
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (i > 0) CHECK(static_cast<int>(all[i - 1].kind) <= static_cast<int>(all[i].kind));
        for (const depeche::Mention& m : all[i].mentions) spans.emplace_back(m.start, m.end);
    }
    std::sort(spans.begin(), spans.end());
    for (std::size_t i = 1; i < spans.size(); ++i) CHECK(spans[i - 1].second <= spans[i].first);
}

TEST_CASE("garbage in does not throw", "[entities]") {
    CHECK(names("") == "");
    CHECK(names("   \n\t ") == "");
    CHECK_NOTHROW(names("((( ))) M. Mme ( EI ) ) (ABC) (X) - - D' L' d'"));
    std::mt19937 random(20220301);
    std::uniform_int_distribution<int> pick(0, 9);
    const char* const pieces[] = {"Jean", "-", " ", "(", "ONU", ")", "é", "\xE2\x80\x99", "M.", "l'"};
    for (int round = 0; round < 200; ++round) {
        std::string text;
        for (int i = 0; i < 40; ++i) text += pieces[pick(random)];
        CHECK_NOTHROW(names(text));
        std::string bytes;
        for (int i = 0; i < 60; ++i) bytes.push_back(static_cast<char>(random() & 0xFF));
        CHECK_NOTHROW(depeche::recognise_entities(bytes, depeche::analyse(bytes), mini(), depeche::PartialDate{2022, 3, 0}));
    }
}
