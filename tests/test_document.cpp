#include "document.hpp"

#include <catch2/catch.hpp>

#include "facets.hpp"
#include "lexicon.hpp"
#include "record_json.hpp"
#include "schema.hpp"

#include <nlohmann/json.hpp>

#include "entities_json_reference.hpp"

#include <map>
#include <random>
#include <set>

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

// ---- the definitions the fast paths must match ---------------------------
// build_document, stored_record and parse_stored_record as they were written
// first, through nlohmann::json and one Xapian call per token: the faster
// code must give the same documents, the same bytes and the same records.

std::vector<std::string> reference_names_of(const std::vector<Entity>& entities, EntityKind kind) {
    std::map<std::string, std::string> by_key;
    for (const auto& e : entities)
        if (e.kind == kind) by_key.emplace(kind == EntityKind::date ? e.name : entity_key(e.name), e.name);
    std::set<std::string> names;
    for (const auto& [key, name] : by_key) names.insert(name);
    return {names.begin(), names.end()};
}

std::string reference_record(const AnalysedArticle& analysed) {
    const Article& a = analysed.article;
    nlohmann::json entities = nlohmann::json::array();
    for (const Entity& e : analysed.entities) {
        nlohmann::json mentions = nlohmann::json::array();
        for (const Mention& m : e.mentions) {
            mentions.push_back({m.start, m.end});
            if (m.in_title) mentions.back().push_back("title");
        }
        entities.push_back({{"kind", kind_name(e.kind)}, {"name", e.name}, {"mentions", mentions}});
    }
    nlohmann::json record = {
        {"id", a.id},           {"date", to_iso(a.published)},
        {"title", a.title},     {"text", a.text},
        {"entities", entities}, {"extra", nlohmann::json::parse(a.extra_json.empty() ? "{}" : a.extra_json)}};
    return record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Xapian::Document reference_document(const AnalysedArticle& analysed) {
    namespace s = schema;
    const Article& a = analysed.article;
    Xapian::Document doc;
    auto index_words = [&doc](const std::vector<Token>& tokens, Xapian::termpos base) {
        for (const Token& t : tokens) {
            doc.add_posting(s::make_term("", t.folded), base + t.position);
            if (!t.stem.empty()) doc.add_term(s::make_term(s::kStem, t.stem));
        }
    };
    index_words(analysed.title_tokens, 1);
    index_words(analysed.text_tokens,
                1 + (analysed.title_tokens.empty() ? 0 : analysed.title_tokens.back().position + kTextPositionGap));
    doc.add_boolean_term(s::make_term(s::kId, a.id));
    const std::string published = to_iso(a.published);
    for (const auto& term : s::period_terms(published, s::kPublishedAs, s::kPublished)) doc.add_boolean_term(term);
    std::set<std::string> mentioned;
    for (const Entity& e : analysed.entities) {
        if (e.kind == EntityKind::date) {
            for (const auto& term : s::period_terms(e.name, s::kMentionedAs, s::kMentioned)) doc.add_boolean_term(term);
            mentioned.insert(e.name);
        } else {
            doc.add_boolean_term(s::make_term(s::entity_prefix(e.kind), entity_key(e.name)));
        }
    }
    doc.add_value(s::kSlotId, a.id);
    const std::string date_id = s::sortable_date(a.published) + a.id;
    doc.add_value(s::kSlotDateId, date_id);
    s::FacetSlot facets;
    facets.published = std::string_view(date_id).substr(0, 8);
    std::vector<std::string> names_kept[3], keys_kept[3];
    auto spread = [&doc](s::SpreadFacet facet, const std::vector<std::string>& values) {
        for (unsigned i = 0; i < values.size() && i < s::kSpreadLimit; ++i)
            doc.add_value(s::spread_slot(facet, i), values[i]);
    };
    const std::pair<EntityKind, s::SpreadFacet> name_facets[] = {{EntityKind::person, s::SpreadFacet::person},
                                                                 {EntityKind::place, s::SpreadFacet::place},
                                                                 {EntityKind::org, s::SpreadFacet::org}};
    for (std::size_t k = 0; k < 3; ++k) {
        const auto& [kind, facet] = name_facets[k];
        names_kept[k] = reference_names_of(analysed.entities, kind);
        for (const auto& name : names_kept[k]) keys_kept[k].push_back(entity_key(name));
        for (std::size_t i = 0; i < names_kept[k].size(); ++i)
            facets.names[k].push_back({names_kept[k][i], keys_kept[k][i]});
        spread(facet, names_kept[k]);
    }
    const std::vector<std::string_view> mentioned_values(mentioned.begin(), mentioned.end());
    facets.mentioned = mentioned_values;
    doc.add_value(s::kSlotFacets, s::pack_facets(facets));
    for (DateGranularity g : {DateGranularity::year, DateGranularity::month, DateGranularity::day}) {
        spread(published_facet(g), {date_facet_value(published, g)});
        spread(mentioned_facet(g), mentioned_facet_values(mentioned_values, g));
    }
    doc.set_data(reference_record(analysed));
    return doc;
}

StoredDispatch reference_parse(std::string_view data) {
    const auto record = nlohmann::json::parse(data.begin(), data.end(), nullptr, false);
    if (record.is_discarded() || !record.is_object() || !record.contains("id"))
        throw std::runtime_error("document data is not a depeche record: reindex the database");
    StoredDispatch d;
    d.id = record.value("id", "");
    d.date = record.value("date", "");
    d.title = record.value("title", "");
    d.text = record.value("text", "");
    d.extra_json = record.contains("extra") ? record["extra"].dump() : "{}";
    for (const auto& e : record.value("entities", nlohmann::json::array())) {
        Entity entity;
        entity.kind = parse_kind(e.value("kind", "")).value_or(EntityKind::person);
        entity.name = e.value("name", "");
        for (const auto& m : e.value("mentions", nlohmann::json::array())) {
            Mention mention;
            mention.start = m.at(0).get<std::size_t>();
            mention.end = m.at(1).get<std::size_t>();
            mention.in_title = m.size() > 2 && m.at(2) == "title";
            const std::string& field = mention.in_title ? d.title : d.text;
            if (mention.start <= mention.end && mention.end <= field.size())
                mention.text = field.substr(mention.start, mention.end - mention.start);
            entity.mentions.push_back(std::move(mention));
        }
        d.entities.push_back(std::move(entity));
    }
    return d;
}

// Everything a document holds: terms with wdf and positions, values, data.
std::string dump(const Xapian::Document& doc) {
    std::string out;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
        out += *it + " wdf=" + std::to_string(it.get_wdf()) + " pos=";
        for (auto p = it.positionlist_begin(); p != it.positionlist_end(); ++p) out += std::to_string(*p) + ",";
        out += "\n";
    }
    for (auto it = doc.values_begin(); it != doc.values_end(); ++it)
        out += "value " + std::to_string(it.get_valueno()) + " " + *it + "\n";
    return out + "data " + doc.get_data();
}

// A parsed record, or the exception's kind: what parse_stored_record gives.
template <typename Parse>
std::string parsed(Parse parse, std::string_view data) {
    StoredDispatch d;
    try {
        d = parse(data);
    } catch (const std::runtime_error&) {
        return "runtime_error";
    } catch (const nlohmann::json::exception&) {
        return "json exception";
    }
    std::string out = d.id + "|" + d.date + "|" + d.title + "|" + d.text + "|" + d.extra_json;
    for (const Entity& e : d.entities) {
        out += "|" + std::string(kind_name(e.kind)) + ":" + e.name;
        for (const Mention& m : e.mentions)
            out += "[" + std::to_string(m.start) + "," + std::to_string(m.end) + (m.in_title ? ",title" : "") + ":" +
                   m.text + "]";
    }
    return out;
}

// Strings that exercise every rule of JSON string escaping.
const std::vector<std::string> kTricky = {
    "",
    "plain",
    "quote \" and backslash \\ and slash /",
    std::string("nul \0 inside", 12),
    "\x01\x02\x07\b\t\n\x0b\f\r\x0e\x1b\x1f",
    "delete \x7f",
    "separators \xE2\x80\xA8 \xE2\x80\xA9",
    "Élysée, œuvre, ß, ✓, 😀, l’État",
    // invalid UTF-8: nlohmann replaces it with U+FFFD its own way
    "\xC3",
    "\xC3(",
    "lone \x80 continuation",
    "overlong \xC0\x80",
    "surrogate \xED\xA0\x80",
    "too high \xF4\x90\x80\x80",
    "\xF5\xFF",
    "cut \xE2\x82",
    "\xE2\x82\xAC\xFF\xE2\x82\xAC",
    "\xF0\x9F\x98",
    "\xF0\x9F\x98\x80\x80",
};

AnalysedArticle tricky_article(const std::string& t) {
    AnalysedArticle a = sample();
    a.article.id = t;
    a.article.title = t;
    a.article.text = t + " M. Hammond";
    a.entities.push_back({EntityKind::org, t, {{t, 0, t.size(), true}, {t, 0, t.size()}}});
    return a;
}

}  // namespace

TEST_CASE("a document's terms: words with positions, stems, ids, entities, periods", "[document]") {
    const Xapian::Document doc = build_document(sample());
    CHECK(terms(doc) ==
          "Qafp-1 XD2022 XD2022-03 XDE2022-03 XLlondres XM2021 XME2021 XPphilip hammond Zdit Zhammond Zlondr "
          "Zreunion a[103,105] dit[104] hammond[102] londres[106] m[101] reunion[1]");
}

TEST_CASE("a document's values: id, date then id, facet slot", "[document]") {
    const Xapian::Document doc = build_document(sample());
    CHECK(doc.get_value(schema::kSlotId) == "afp-1");
    CHECK(doc.get_value(schema::kSlotDateId) == "20220300afp-1");
    // The publication date, the number of persons, places, orgs and
    // mentioned dates, each value's id, then each value's strings (a name
    // with its entity key), every string after its length.
    std::string expected = std::string("\x08") + "20220300" + std::string("\x01\x01\x00\x01", 4);
    for (const char* value : {"Philip Hammond", "Londres", "2021"})
        for (int b = 0; b < 8; ++b) expected.push_back(static_cast<char>(schema::facet_id(value) >> (8 * b) & 0xff));
    const char strings[] =
        "\x0ePhilip Hammond\x0ephilip hammond"
        "\x07Londres\x07londres"
        "\x04"
        "2021";
    expected.append(strings, sizeof strings - 1);
    CHECK(doc.get_value(schema::kSlotFacets) == expected);
    const std::string slot = doc.get_value(schema::kSlotFacets);
    const schema::FacetSlot facets = schema::unpack_facets(slot);  // views into `slot`
    CHECK(facets.published == "20220300");
    REQUIRE(facets.names[0].size() == 1);
    CHECK(facets.names[0][0].name == "Philip Hammond");
    CHECK(facets.names[0][0].key == "philip hammond");
    CHECK(facets.names[2].empty());
    CHECK(facets.mentioned == std::vector<std::string_view>{"2021"});
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

TEST_CASE("JSON strings are written byte for byte as nlohmann::json writes them", "[document][record]") {
    auto nlohmann_string = [](const std::string& s) {
        return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    };
    for (const std::string& t : kTricky) {
        std::string out = "x";
        record_json::append_string(out, t);
        CHECK(out == "x" + nlohmann_string(t));
    }
    // Random strings over the bytes that matter: escapes, UTF-8 leads and
    // continuations, bytes never valid in UTF-8.
    const char alphabet[] = {'a',    '"',    '\\',   '\n',   '\x01', '\x1f', '\x7f', '\xC3', '\xA9', '\xE2',
                             '\x80', '\xA8', '\xF0', '\x9F', '\xED', '\xBF', '\xFF', '\xC0', '\xF4', '\x90'};
    std::mt19937 rng(11);
    for (int round = 0; round < 20000; ++round) {
        std::string t;
        for (int n = static_cast<int>(rng() % 10); n > 0; --n) t += alphabet[rng() % sizeof alphabet];
        std::string out;
        record_json::append_string(out, t);
        REQUIRE(out == nlohmann_string(t));
        // What is written reads back (as the replaced text when invalid).
        std::string back;
        record_json::Reader in(out);
        REQUIRE(in.string(back));
        REQUIRE(in.at_end());
        REQUIRE(back == nlohmann::json::parse(out).get<std::string>());
    }
    std::string n;
    record_json::append_number(n, 0);
    record_json::append_number(n, 18446744073709551615ULL);
    CHECK(n == "018446744073709551615");
}

TEST_CASE("the stored record is the bytes nlohmann::json wrote", "[document][record]") {
    CHECK(stored_record(sample()) == reference_record(sample()));
    for (const std::string& t : kTricky) {
        const AnalysedArticle a = tricky_article(t);
        CHECK(stored_record(a) == reference_record(a));
    }
    AnalysedArticle a = sample();
    a.article.title.clear();
    a.title_tokens.clear();
    a.entities.clear();
    a.article.extra_json.clear();
    CHECK(stored_record(a) == reference_record(a));
    a.entities = {{EntityKind::date, "2015-W03", {}}, {EntityKind::person, "", {{"", 0, 0}}}};
    for (const char* extra : {"{}", R"({"section":"monde"})",
                              R"({ "z" : 1, "a" : [1.5, -0.0, 1e300, -7, 0.1],)"
                              R"( "m" : {"b": null, "a": true, "\u00e9": "\u2028\ud83d\ude00"}})"}) {
        a.article.extra_json = extra;
        CHECK(stored_record(a) == reference_record(a));
    }
}

TEST_CASE("stored records read back as the full JSON parse reads them", "[document][record]") {
    auto check = [](std::string_view data) {
        CHECK(parsed(parse_stored_record, data) == parsed(reference_parse, data));
    };
    check(stored_record(sample()));
    for (const std::string& t : kTricky) check(stored_record(tricky_article(t)));
    AnalysedArticle a = sample();
    a.article.extra_json = R"({"keywords":["rugby","XV de France"],"n":3,"x":2.5,"section":"sport"})";
    check(stored_record(a));
    // Records in other shapes go through the full parse: spaces, other key
    // orders, escapes nlohmann does not write, other mention shapes, junk.
    const std::string record = stored_record(sample());
    check(" " + record);
    check(record + "\n");
    check(R"({"id":"x","date":"2020","title":"t","text":"abc","entities":[],"extra":{}})");
    check(R"({"date":"2020","entities":[],"extra":{},"id":"x","text":"\u00e9\/\ud83d\ude00","title":""})");
    check(R"({"date":"2020","entities":[{"kind":"place","mentions":[[0,1,"text"]],"name":"a"}],)"
          R"("extra":{},"id":"x","text":"abc","title":""})");
    check(R"({"date":"2020","entities":[{"kind":"place","mentions":[[0,1]],"name":"a"}],)"
          R"("extra":{"k":[1,{"a":"]"}]},"id":"x","text":"abc","title":""})");
    check(R"({"date":"2020","entities":[{"kind":"place","mentions":[[01,1]],"name":"a"}],)"
          R"("extra":{},"id":"x","text":"abc","title":""})");
    check(R"({"date":"2020","entities":[{"kind":"nope","mentions":[[2,9],[3,1]],"name":"a"}],)"
          R"("extra":{},"id":"x","text":"abc","title":""})");
    check(R"({"date":"2020","entities":[],"extra":{},"id":"x","text":"a\u0000b","title":"\u001f"})");
    check(R"({"date":2020,"entities":[],"extra":{},"id":"x","text":"","title":""})");
    // Surrogate pairs are read here; lone surrogates are not JSON nlohmann takes.
    check(R"({"date":"2020","entities":[],"extra":{},"id":"x","text":"a\ud83d\ude00b\uD834\uDD1E","title":""})");
    check(R"({"date":"2020","entities":[],"extra":{},"id":"x","text":"\ud83d","title":""})");
    check(R"({"date":"2020","entities":[],"extra":{},"id":"x","text":"\ude00\ud83d","title":""})");
    check(R"({"date":"2020","entities":[],"extra":{},"id":"x","text":"\ud83d\u0041","title":""})");
    check(R"({"date":"2020","entities":[],"extra":{},"id":"x","text":"\ud83d\ude0","title":""})");
    check(R"({"date":"2020","entities":[],"extra":{},"text":"","title":""})");
    check(R"({"date":"2020","entities":[],"extra":{,"id":"x","text":"","title":""})");
    check("{\"date\":\"2020\",\"entities\":[],\"extra\":{},\"id\":\"x\",\"text\":\"\xC3\",\"title\":\"\"}");
    check("not json");
    check("");
}

TEST_CASE("depeche-extract's line is the bytes nlohmann::ordered_json wrote", "[document][record]") {
    // The line as extract_main built it first: a tree, dumped (name_start
    // added after the mention's other keys, as it was there).
    auto reference = [](const AnalysedArticle& a) {
        using json = nlohmann::ordered_json;
        const json out = {{"id", a.article.id},
                          {"date", to_iso(a.article.published)},
                          {"entities", testing::reference_entities_json(a.entities, true)}};
        return out.dump(-1, ' ', false, json::error_handler_t::replace);
    };
    CHECK(extract_json(sample()) == reference(sample()));
    for (const std::string& t : kTricky) {
        const AnalysedArticle a = tricky_article(t);
        CHECK(extract_json(a) == reference(a));
    }
    AnalysedArticle a = sample();
    a.entities.clear();
    CHECK(extract_json(a) == reference(a));
    a.article.published = {2015, 0, 0};
    a.entities = {{EntityKind::date, "2015-W03", {}}, {EntityKind::person, "", {{"", 0, 0}}}};
    CHECK(extract_json(a) == reference(a));
    // A person's mention that opens with a title says where the name begins.
    Mention titled{"M. Hammond", 0, 10};
    titled.name_offset = 3;
    a.entities.push_back({EntityKind::person, "Philip Hammond", {titled}});
    CHECK(extract_json(a) == reference(a));
    CHECK(extract_json(a).find(R"("end":10,"name_start":3})") != std::string::npos);
}

TEST_CASE("a document is the one the per-token definition builds", "[document]") {
    CHECK(dump(build_document(sample())) == dump(reference_document(sample())));
    // Repeated words: one add_term per distinct stem, with the count as wdf.
    AnalysedArticle a = sample();
    a.article.text = "Les armées, l'armée et les armées de l'armée : armées.";
    a.text_tokens = analyse(a.article.text);
    const Xapian::Document doc = build_document(a);
    CHECK(dump(doc) == dump(reference_document(a)));
    auto wdf = [&doc](const std::string& term) {
        auto it = doc.termlist_begin();
        it.skip_to(term);
        return it != doc.termlist_end() && *it == term ? it.get_wdf() : 0;
    };
    CHECK(wdf("Zarme") == 5);
    CHECK(wdf("armees") == 3);
    for (const std::string& t : kTricky) {
        const AnalysedArticle tricky = tricky_article(t);
        CHECK(dump(build_document(tricky)) == dump(reference_document(tricky)));
    }
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
          "chancelière Angela Merkel");  // the title opens a person's mention
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
    std::string json;
    append_entities_json(json, a.entities);
    CHECK(json.find(R"("text":"Berlin","start":41,"end":47,"field":"title")") != std::string::npos);
}

TEST_CASE("one name per key in a document", "[document]") {
    std::vector<Entity> entities = {
        {EntityKind::place, "Élysée", {}}, {EntityKind::place, "Elysée", {}}, {EntityKind::place, "Paris", {}}};
    CHECK(names_of(entities, EntityKind::place) == std::vector<std::string>{"Paris", "Élysée"});
    // The first spelling met wins, whatever the byte order of the spellings.
    entities = {{EntityKind::person, "Edouard Philippe", {}},
                {EntityKind::place, "Paris", {}},
                {EntityKind::person, "Édouard Philippe", {}},
                {EntityKind::person, "Ban Ki-moon", {}},
                {EntityKind::person, "Ban Ki Moon", {}},
                {EntityKind::date, "2015", {}},
                {EntityKind::date, "2015", {}},
                {EntityKind::person, "Édouard Philippe", {}},
                {EntityKind::org, "ONU", {}},
                {EntityKind::org, "Onu", {}}};
    for (EntityKind kind : {EntityKind::person, EntityKind::place, EntityKind::org, EntityKind::date})
        CHECK(names_of(entities, kind) == reference_names_of(entities, kind));
    CHECK(names_of(entities, EntityKind::person) == std::vector<std::string>{"Ban Ki-moon", "Edouard Philippe"});
}

TEST_CASE("an over-long word or id never makes a document Xapian rejects", "[document]") {
    AnalysedArticle a = sample();
    a.article.id = std::string(300, 'i');
    a.article.text = std::string(300, 'x') + " " + std::string(300, 'Y');
    a.text_tokens = analyse(a.article.text);
    a.entities = {{EntityKind::person, std::string(300, 'N'), {}}};
    const Xapian::Document doc = build_document(a);
    CHECK(dump(doc) == dump(reference_document(a)));
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
        Xapian::Document doc;
        REQUIRE_NOTHROW(doc = build_document(analysed));
        REQUIRE(dump(doc) == dump(reference_document(analysed)));
    }
}
