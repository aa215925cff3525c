#include "document.hpp"

#include <catch2/catch.hpp>

#include "lexicon.hpp"
#include "schema.hpp"

#include <random>

using namespace depeche;

namespace {

AnalysedArticle sample() {
    AnalysedArticle a;
    a.article.id = "afp-1";
    a.article.published = {2022, 3, 0};
    a.article.title = "Réunion";
    a.article.text = "M. Hammond l’a dit à Londres.";
    a.article.extra_json = R"({"section":"monde"})";
    a.title_tokens = analyse(a.article.title);
    a.text_tokens = analyse(a.article.text);
    a.entities = {{EntityKind::person, "Philip Hammond", {{"Hammond", 3, 10}}},
                  {EntityKind::place, "Londres", {{"Londres", 24, 31}}},
                  {EntityKind::date, "2021", {}}};
    return a;
}

// Every term of a document, with its positions: "londres[8] Zlondr …".
std::string terms(const Xapian::Document& doc) {
    std::string out;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
        if (!out.empty()) out += ' ';
        out += *it;
        std::string positions;
        for (auto p = it.positionlist_begin(); p != it.positionlist_end(); ++p)
            positions += (positions.empty() ? "" : ",") + std::to_string(*p);
        if (!positions.empty()) out += "[" + positions + "]";
    }
    return out;
}

}  // namespace

TEST_CASE("a document's terms: words with positions, stems, ids, entities, periods", "[document]") {
    const Xapian::Document doc = build_document(sample());
    CHECK(terms(doc) ==
          "Qafp-1 XD2022 XD2022-03 XDE2022-03 XLlondres XM2021 XME2021 XPphilip hammond Zdit Zhammond Zlondr "
          "Zreunion a[103,105] dit[104] hammond[102] londres[106] m[101] reunion[1]");
}

TEST_CASE("a document's values: id, date then id, packed names", "[document]") {
    const Xapian::Document doc = build_document(sample());
    CHECK(doc.get_value(schema::kSlotId) == "afp-1");
    CHECK(doc.get_value(schema::kSlotDateId) == "20220300afp-1");
    CHECK(doc.get_value(schema::kSlotPersons) == "Philip Hammond");
    CHECK(doc.get_value(schema::kSlotPlaces) == "Londres");
    CHECK(doc.get_value(schema::kSlotOrgs).empty());
    CHECK(doc.get_value(schema::kSlotMentioned) == "2021");
}

TEST_CASE("the stored record reads back", "[document]") {
    const StoredDispatch d = parse_stored_record(build_document(sample()).get_data());
    CHECK(d.id == "afp-1");
    CHECK(d.date == "2022-03");
    CHECK(d.title == "Réunion");
    CHECK(d.text == "M. Hammond l’a dit à Londres.");
    CHECK(d.extra_json == R"({"section":"monde"})");
    REQUIRE(d.entities.size() == 3);
    CHECK(d.entities[0].mentions[0].text == "Hammond");
    CHECK(d.entities[1].mentions[0].text == "Londres");
    CHECK_THROWS(parse_stored_record("not json"));
}

TEST_CASE("titles are read: their names count, and attach to the text's", "[document][entities]") {
    static const Lexicons lexicons = load_lexicons(DEPECHE_SOURCE_DIR "/corpus/lexicons");
    Article article;
    article.id = "t1";
    article.published = {2021, 12, 8};
    article.title = "Merkel quitte la chancellerie, Scholz à Berlin";
    article.text = "La chancelière Angela Merkel a passé la main mercredi à Olaf Scholz.";
    const AnalysedArticle a = analyse_article(article, lexicons);
    auto find = [&](EntityKind kind, const std::string& name) -> const Entity* {
        for (const Entity& e : a.entities)
            if (e.kind == kind && e.name == name) return &e;
        return nullptr;
    };
    // "Merkel" in the title is the Angela Merkel of the text, one entity.
    const Entity* merkel = find(EntityKind::person, "Angela Merkel");
    REQUIRE(merkel);
    REQUIRE(merkel->mentions.size() == 2);
    CHECK(merkel->mentions[0].in_title);
    CHECK(article.title.substr(merkel->mentions[0].start, merkel->mentions[0].end - merkel->mentions[0].start) ==
          "Merkel");
    CHECK_FALSE(merkel->mentions[1].in_title);
    CHECK(article.text.substr(merkel->mentions[1].start, merkel->mentions[1].end - merkel->mentions[1].start) ==
          "Angela Merkel");
    CHECK_FALSE(find(EntityKind::person, "Merkel"));
    // A place named only in the title is the dispatch's all the same.
    const Entity* berlin = find(EntityKind::place, "Berlin");
    REQUIRE(berlin);
    CHECK(berlin->mentions.size() == 1);
    CHECK(berlin->mentions[0].in_title);
    // The stored record keeps which field each mention is in.
    const StoredDispatch d = parse_stored_record(build_document(a).get_data());
    bool found = false;
    for (const Entity& e : d.entities)
        if (e.name == "Berlin") {
            found = true;
            REQUIRE(e.mentions.size() == 1);
            CHECK(e.mentions[0].in_title);
            CHECK(e.mentions[0].text == "Berlin");
        }
    CHECK(found);
    CHECK(entities_json(a.entities).dump().find(R"("text":"Berlin","start":41,"end":47,"field":"title")") !=
          std::string::npos);
}

TEST_CASE("one name per key in a document", "[document]") {
    std::vector<Entity> entities = {
        {EntityKind::place, "Élysée", {}}, {EntityKind::place, "Elysée", {}}, {EntityKind::place, "Paris", {}}};
    CHECK(names_of(entities, EntityKind::place) == std::vector<std::string>{"Paris", "Élysée"});
}

TEST_CASE("an over-long word or id never makes a document Xapian rejects", "[document]") {
    AnalysedArticle a = sample();
    a.article.id = std::string(300, 'i');
    a.article.text = std::string(300, 'x') + " " + std::string(300, 'Y');
    a.text_tokens = analyse(a.article.text);
    a.entities = {{EntityKind::person, std::string(300, 'N'), {}}};
    const Xapian::Document doc = build_document(a);
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) CHECK((*it).size() <= 245);
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    CHECK_NOTHROW(db.replace_document(schema::make_term(schema::kId, a.article.id), doc));
}

TEST_CASE("garbage in: the whole analysis of random French-like text never throws", "[document][fuzz]") {
    static const Lexicons lexicons = load_lexicons(DEPECHE_SOURCE_DIR "/corpus/lexicons");
    const std::vector<std::string> pieces = {"M.",
                                             "Mme",
                                             "le",
                                             "la",
                                             "l'",
                                             "d’",
                                             "qu'",
                                             "Jean",
                                             "Marc",
                                             "-",
                                             "(",
                                             ")",
                                             "ONU",
                                             "EI",
                                             "Etat",
                                             "islamique",
                                             "Paris",
                                             "Nancy",
                                             "Orange",
                                             "Florence",
                                             "Parly",
                                             "à",
                                             "en",
                                             "du",
                                             "au",
                                             "jeudi",
                                             "prochain",
                                             "dernier",
                                             "hier",
                                             "3",
                                             "1er",
                                             "2015",
                                             "99999",
                                             "31",
                                             "février",
                                             "mai",
                                             "mars",
                                             "an",
                                             "année",
                                             "il y a",
                                             "dans",
                                             "deux",
                                             "semaines",
                                             ",",
                                             ".",
                                             "«",
                                             "»",
                                             "\"",
                                             "Le Maire",
                                             "Saint-Denis",
                                             "Seine",
                                             "président",
                                             "a déclaré",
                                             "É",
                                             "œ",
                                             "\xF0\x9F\x98\x80",
                                             "",
                                             " ",
                                             "  ",
                                             "\t",
                                             "A",
                                             "AAA",
                                             "Z",
                                             std::string(300, 'x'),
                                             std::string(300, 'Y')};
    std::mt19937 rng(5);
    const PartialDate dates[] = {{2022, 3, 0}, {2015, 1, 15}, {2016, 2, 29}, {1000, 1, 1}, {9999, 12, 31}};
    for (int round = 0; round < 1500; ++round) {
        Article article;
        article.id = "fuzz-" + std::to_string(round);
        article.published = dates[rng() % std::size(dates)];
        for (int n = static_cast<int>(rng() % 60); n > 0; --n) article.text += pieces[rng() % pieces.size()] + " ";
        article.title = pieces[rng() % pieces.size()];
        article.extra_json = "{}";
        const std::string text = article.text;
        AnalysedArticle analysed;
        REQUIRE_NOTHROW(analysed = analyse_article(article, lexicons));
        for (const Entity& e : analysed.entities)
            for (const Mention& m : e.mentions) {
                const std::string& field = m.in_title ? article.title : text;
                REQUIRE(m.start <= m.end);
                REQUIRE(m.end <= field.size());
                REQUIRE(field.substr(m.start, m.end - m.start) == m.text);
            }
        REQUIRE_NOTHROW(build_document(analysed));
    }
}
