#include "output.hpp"

#include "corpus_db.hpp"
#include "database.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "entities_json_reference.hpp"

using namespace depeche;

namespace {

// depeche-search --json as a nlohmann tree renders it: the reference that
// render_json, which writes the bytes directly, must equal.
std::string reference_json(const SearchResult& r) {
    using json = nlohmann::ordered_json;
    auto facet_json = [](const std::vector<FacetCount>& counts) {
        json out = json::array();
        for (const auto& c : counts) out.push_back({{"value", c.value}, {"count", c.count}});
        return out;
    };
    json hits = json::array();
    for (const Hit& h : r.hits) {
        json highlights = json::array();
        for (const auto& [start, end] : h.snippet.highlights) highlights.push_back({start, end});
        hits.push_back({{"id", h.id},
                        {"rank", h.rank},
                        {"score", h.score},
                        {"date", h.date},
                        {"title", h.title.empty() ? json(nullptr) : json(h.title)},
                        {"snippet", h.snippet.text},
                        {"highlights", highlights},
                        {"persons", h.persons},
                        {"places", h.places},
                        {"orgs", h.orgs}});
    }
    json out = {{"query", r.query},
                {"total", r.total},
                {"offset", r.offset},
                {"dropped", r.dropped},
                {"partial", !r.missing.empty()},
                {"missing", r.missing},
                {"hits", hits},
                {"facets",
                 {{"person", facet_json(r.facets.person)},
                  {"place", facet_json(r.facets.place)},
                  {"org", facet_json(r.facets.org)},
                  {"date", facet_json(r.facets.date)},
                  {"mentioned", facet_json(r.facets.mentioned)}}}};
    return out.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace

TEST_CASE("render_json writes what nlohmann writes", "[output]") {
    const Xapian::Database db =
        open_for_reading({testing::corpus_database()}, current_versions(testing::lexicons().version));
    for (const char* q : {"coalition", "président ministre", "\"état islamique\"", "ministre OR football", "lieu:Paris",
                          "personne:Obama", "date:2015..2017", "", "zzzabsent"}) {
        SearchRequest request;
        request.query = q;
        request.limit = 20;
        request.facet_limit = 0;
        const SearchResult r = search(db, testing::lexicons(), request);
        INFO("query: " << q);
        CHECK(render_json(r) == reference_json(r));
    }
    // Strings JSON must escape or replace, scores of every size, no title,
    // partial results.
    SearchResult r;
    r.query = "\"quotes\" \\ back\tslash \x01 \x7F \xE2\x80\xA8 \xFF invalid";
    r.total = 4294967295u;
    r.offset = 7;
    r.dropped = {"mot", "\xC3"};
    r.missing = {"tcp://host:1: refused"};
    for (const double score : {0.0, 1.0, 3.639068325465998, 1e-300, 123456789.125, 0.1}) {
        Hit h;
        h.id = "dep-1";
        h.rank = r.hits.size() + 1;
        h.score = score;
        h.date = "2015-03";
        h.title = score > 1 ? "Titre « cité »\n" : "";
        h.snippet = {"…un \"extrait\"…", {{3, 5}, {9, 20}}};
        h.persons = {"Édouard Philippe"};
        r.hits.push_back(h);
    }
    r.facets.person = {{"Édouard Philippe", 3}, {"A\x02", 1}};
    r.facets.mentioned = {{"2015-03", 12}};
    CHECK(render_json(r) == reference_json(r));
    CHECK(render_json(SearchResult{}) == reference_json(SearchResult{}));
}

namespace {

// depeche-search --id --json as a nlohmann tree renders it.
std::string reference_dispatch_json(const StoredDispatch& d) {
    using json = nlohmann::ordered_json;
    const json entities = testing::reference_entities_json(d.entities, false);
    const json out = {
        {"id", d.id},     {"date", d.date},       {"title", d.title.empty() ? json(nullptr) : json(d.title)},
        {"text", d.text}, {"entities", entities}, {"extra", json::parse(d.extra_json, nullptr, false)}};
    return out.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace

TEST_CASE("render_dispatch_json writes what nlohmann writes", "[output]") {
    const Xapian::Database db =
        open_for_reading({testing::corpus_database()}, current_versions(testing::lexicons().version));
    std::size_t seen = 0;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it, ++seen) {
        const StoredDispatch d = parse_stored_record(db.get_document(*it).get_data());
        INFO("id: " << d.id);
        REQUIRE(render_dispatch_json(d) == reference_dispatch_json(d));
    }
    CHECK(seen > 50);
    // Escapes, replaced invalid UTF-8, a title mention, extra fields, none.
    StoredDispatch d;
    d.id = "x\"1\x01";
    d.date = "2015-03";
    d.text = "Un \"texte\"\t\\ \xE2\x80\xA8 \x7F \xFF fin";
    d.entities = {{EntityKind::person, "Édouard \"Ed\" Philippe", {{"\xC3", 3, 4, true}, {"t\n", 0, 2, false}}},
                  {EntityKind::date, "2015-03", {}}};
    d.extra_json = R"({"a":[1,2.5,{"b":null}],"z":"\u00e9"})";
    CHECK(render_dispatch_json(d) == reference_dispatch_json(d));
    d.title = "Titre";
    d.extra_json = "{}";
    CHECK(render_dispatch_json(d) == reference_dispatch_json(d));
    d.entities.clear();
    CHECK(render_dispatch_json(d) == reference_dispatch_json(d));
}
