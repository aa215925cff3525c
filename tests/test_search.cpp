#include "search.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

#include "corpus_db.hpp"
#include "database.hpp"
#include "query.hpp"
#include "schema.hpp"

using namespace depeche;
using depeche::testing::corpus_database;
using depeche::testing::lexicons;

namespace {

Xapian::Database corpus() {
    return Xapian::Database(corpus_database());
}

// corpus/'s facet column (written by the index run).
std::shared_ptr<const FacetColumn> corpus_column() {
    std::string why;
    auto column = FacetColumn::open(corpus_database(), why);
    REQUIRE(column);
    return column;
}

SearchResult run(SearchRequest request, bool with_column = false) {
    request.facet_limit = 0;
    const Xapian::Database db = corpus();
    return search(db, lexicons(), request, with_column ? corpus_column() : nullptr);
}

SearchRequest query(const std::string& q) {
    SearchRequest r;
    r.query = q;
    r.limit = 1000;
    return r;
}

std::vector<std::string> ids(const SearchResult& r) {
    std::vector<std::string> out;
    for (const auto& h : r.hits) out.push_back(h.id);
    return out;
}

// `got` against one Enquire pass weighing every match of `q`: the same page,
// scores and total.
void check_one_pass(const Xapian::Database& db, const char* q, std::size_t offset, std::size_t limit,
                    const SearchResult& got) {
    Xapian::Enquire enquire(db);
    enquire.set_query(parse_query(q, db, lexicons(), false));
    enquire.set_sort_by_relevance_then_value(schema::kSlotId, false);
    const Xapian::MSet mset = enquire.get_mset(offset, limit, db.get_doccount());
    CHECK(got.total == mset.get_matches_estimated());
    CHECK(got.total == mset.get_matches_lower_bound());
    REQUIRE(got.hits.size() == mset.size());
    std::size_t i = 0;
    for (auto it = mset.begin(); it != mset.end(); ++it, ++i) {
        CHECK(got.hits[i].id == it.get_document().get_value(schema::kSlotId));
        CHECK(got.hits[i].score == it.get_weight());
    }
}

// The facets counted the slow way: every matching document's stored record.
Facets brute_force(const SearchRequest& request) {
    SearchRequest all = request;
    all.limit = 100000;
    const SearchResult r = run(all);
    std::map<std::string, Xapian::doccount> person, place, org, date, mentioned;
    for (const Hit& h : r.hits) {
        const auto d = find_dispatch(corpus(), h.id);
        REQUIRE(d);
        for (const auto& n : names_of(d->entities, EntityKind::person)) ++person[n];
        for (const auto& n : names_of(d->entities, EntityKind::place)) ++place[n];
        for (const auto& n : names_of(d->entities, EntityKind::org)) ++org[n];
        ++date[d->date.substr(0, 7)];
        std::set<std::string> months;
        for (const auto& n : names_of(d->entities, EntityKind::date))
            months.insert(date_facet_value(n, DateGranularity::month));
        for (const auto& m : months) ++mentioned[m];
    }
    // Spellings of one name (one key) count as one value, shown with the most
    // accents, then the first in byte order.
    auto by_key = [](const std::map<std::string, Xapian::doccount>& counts) {
        std::map<std::string, std::pair<std::string, Xapian::doccount>> keyed;
        auto accents = [](const std::string& s) {
            return std::count_if(s.begin(), s.end(), [](char c) { return c & 0x80; });
        };
        for (const auto& [name, count] : counts) {
            auto& [shown, total] = keyed[entity_key(name)];
            total += count;
            if (shown.empty() || accents(name) > accents(shown) || (accents(name) == accents(shown) && name < shown))
                shown = name;
        }
        std::map<std::string, Xapian::doccount> out;
        for (const auto& [key, entry] : keyed) out[entry.first] = entry.second;
        return out;
    };
    person = by_key(person);
    place = by_key(place);
    org = by_key(org);
    auto sorted = [](const std::map<std::string, Xapian::doccount>& counts) {
        std::vector<FacetCount> out;
        for (const auto& [v, c] : counts) out.push_back({v, c});
        std::stable_sort(out.begin(), out.end(),
                         [](const FacetCount& a, const FacetCount& b) { return a.count > b.count; });
        return out;
    };
    return {sorted(person), sorted(place), sorted(org), sorted(date), sorted(mentioned)};
}

}  // namespace

TEST_CASE("facets equal a brute-force count over the whole match set", "[search][facets]") {
    for (const char* q : {"", "coalition", "président", "ministre OR football", "lieu:Paris", "date:2015..2017"}) {
        INFO("query: " << q);
        const SearchRequest request = query(q);
        SearchRequest first_page = request;
        first_page.limit = 1;  // the facets must not depend on the page
        const Facets expected = brute_force(request);
        for (bool with_column : {false, true}) {
            INFO("with the facet column: " << with_column);
            const Facets counted = run(first_page, with_column).facets;
            CHECK(counted.person == expected.person);
            CHECK(counted.place == expected.place);
            CHECK(counted.org == expected.org);
            CHECK(counted.date == expected.date);
            CHECK(counted.mentioned == expected.mentioned);
        }
        // Xapian's built-in spies, one per spread slot (remote searches), agree.
        first_page.builtin_facets = true;
        for (DateGranularity g : {DateGranularity::year, DateGranularity::month, DateGranularity::day}) {
            first_page.date_facet = g;
            SearchRequest own = first_page;
            own.builtin_facets = false;
            const Facets builtin = run(first_page).facets, spy = run(own).facets;
            CHECK(builtin.person == spy.person);
            CHECK(builtin.place == spy.place);
            CHECK(builtin.org == spy.org);
            CHECK(builtin.date == spy.date);
            CHECK(builtin.mentioned == spy.mentioned);
        }
    }
}

TEST_CASE("the total is exact and the order total", "[search]") {
    const SearchResult all = run(query(""));
    CHECK(all.total == corpus().get_doccount());
    CHECK(all.total >= 150);
    // Newest first when browsing.
    for (std::size_t i = 1; i < all.hits.size(); ++i) CHECK(all.hits[i - 1].date >= all.hits[i].date);
    // Relevance ties are broken by id: two runs agree, pages agree.
    SearchRequest request = query("ministre");
    const auto whole = ids(run(request));
    CHECK(whole == ids(run(request)));
    request.offset = 3;
    request.limit = 4;
    const SearchResult page = run(request);
    CHECK(ids(page) == std::vector<std::string>(whole.begin() + 3, whole.begin() + 7));
    CHECK(page.hits[0].rank == 4);
    for (std::size_t i = 1; i < page.hits.size(); ++i) {
        const Hit &a = page.hits[i - 1], &b = page.hits[i];
        CHECK((a.score > b.score || (a.score == b.score && a.id < b.id)));
    }
}

TEST_CASE("accents, case and elisions do not change what matches", "[search][analysis]") {
    const std::pair<const char*, const char*> pairs[] = {
        {"ministre des armées", "ministre des armees"},
        {"sécurité", "securite"},
        {"l'Élysée", "elysee"},
        {"l’État islamique", "etat islamique"},
        {"\"président de la République\"", "\"president de la republique\""},
        {"réunions", "réunion"},
        {"COALITION", "coalition"},
    };
    for (const auto& [a, b] : pairs) {
        INFO(a << " / " << b);
        const auto found = ids(run(query(a)));
        CHECK_FALSE(found.empty());
        CHECK(found == ids(run(query(b))));
    }
}

TEST_CASE("words that match nothing are dropped, and said", "[search]") {
    const SearchResult r = run(query("coalition zzyzxq"));
    CHECK(r.dropped == std::vector<std::string>{"zzyzxq"});
    CHECK(ids(r) == ids(run(query("coalition"))));
    CHECK(run(query("zzyzxq")).total == 0);
    CHECK(run(query("zzyzxq")).dropped.empty());
    SearchRequest any = query("coalition zzyzxq");
    any.any = true;
    CHECK(run(any).dropped.empty());
    CHECK(ids(run(any)) == ids(run(query("coalition"))));
}

TEST_CASE("filters: all must hold, and names resolve as typed", "[search]") {
    SearchRequest obama;
    obama.persons = {"obama"};
    obama.limit = 1000;
    const auto with_obama = ids(run(obama));
    CHECK_FALSE(with_obama.empty());
    SearchRequest full = obama;
    full.persons = {"Barack Obama"};
    CHECK(ids(run(full)) == with_obama);
    SearchRequest both = obama;
    both.places = {"Washington"};
    const auto with_both = ids(run(both));
    CHECK(with_both.size() < with_obama.size());
    for (const auto& id : with_both) CHECK(std::find(with_obama.begin(), with_obama.end(), id) != with_obama.end());
    SearchRequest london;
    london.places = {"London"};
    SearchRequest londres;
    londres.places = {"londres"};
    CHECK_FALSE(ids(run(london)).empty());
    CHECK(ids(run(london)) == ids(run(londres)));
}

TEST_CASE("publication date filters and fields agree", "[search][dates]") {
    SearchRequest flags;
    flags.from = "2015-01";
    flags.to = "2015-03";
    flags.limit = 1000;
    const SearchResult by_flags = run(flags);
    CHECK(by_flags.total > 0);
    for (const Hit& h : by_flags.hits) {
        CHECK(h.date >= "2015-01");
        CHECK(h.date <= "2015-03-31");
    }
    CHECK(ids(by_flags) == ids(run(query("date:2015-01..2015-03"))));
    SearchRequest bad = query("date:2015-13");
    CHECK_THROWS_AS(run(bad), QueryError);
}

namespace {

// Every facet value and count, one line each, for comparing whole archives.
std::string facet_dump(const Xapian::Database& db, const std::string& query) {
    SearchRequest request;
    request.query = query;
    request.limit = 0;
    request.facet_limit = 0;
    request.date_facet = DateGranularity::day;
    const SearchResult r = search(db, lexicons(), request);
    std::string out = "total " + std::to_string(r.total) + "\n";
    auto add = [&](const char* name, const std::vector<FacetCount>& counts) {
        for (const auto& c : counts) out += std::string(name) + " " + c.value + " " + std::to_string(c.count) + "\n";
    };
    add("person", r.facets.person);
    add("place", r.facets.place);
    add("org", r.facets.org);
    add("date", r.facets.date);
    add("mentioned", r.facets.mentioned);
    return out;
}

// corpus/sample with its files and their lines in reverse order.
std::string reversed_corpus() {
    const std::string dir = depeche::testing::temp_path("depeche-reversed");
    std::filesystem::create_directories(dir);
    int n = 0;
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(DEPECHE_SOURCE_DIR "/corpus/sample"))
        if (e.path().extension() == ".txt" || e.path().extension() == ".jsonl") files.push_back(e.path());
    std::sort(files.rbegin(), files.rend());
    for (const auto& f : files) {
        std::ifstream in(f);
        std::vector<std::string> lines;
        for (std::string line; std::getline(in, line);) lines.push_back(line);
        char name[32];
        std::snprintf(name, sizeof name, "/%02d%s", n++, f.extension().c_str());  // sorted: this order
        std::ofstream out(dir + name);
        for (auto it = lines.rbegin(); it != lines.rend(); ++it) out << *it << '\n';
    }
    return dir;
}

}  // namespace

TEST_CASE("canonical names do not depend on indexing order or on how the archive is split", "[search][entities]") {
    const Xapian::Database forward(corpus_database());
    const Xapian::Database reversed(depeche::testing::build_database({reversed_corpus()}, "depeche-rev-db"));
    Xapian::Database shards;
    for (unsigned i = 1; i <= 2; ++i) {
        IndexOptions o;
        o.read.inputs = {DEPECHE_SOURCE_DIR "/corpus/sample"};
        o.database = depeche::testing::temp_path("depeche-canon-shard");
        o.shard = {i, 2};
        run_index(
            o, lexicons(), [](const Reject&) {}, [](const std::string&) {});
        shards.add_database(Xapian::Database(o.database));
    }
    REQUIRE(forward.get_doccount() == 159);
    for (const std::string query : {"", "ministre", "\"etat islamique\"", "obama OR merkel"}) {
        INFO("query: " << query);
        const std::string expected = facet_dump(forward, query);
        CHECK(facet_dump(reversed, query) == expected);
        CHECK(facet_dump(shards, query) == expected);
    }
}

TEST_CASE("the terms of each hit are those Enquire::get_matching_terms gives", "[search]") {
    const Xapian::Database db = corpus();
    for (const char* q : {"coalition", "président ministre", "\"état islamique\"", "ministre OR football", "lieu:Paris",
                          "personne:Obama", "date:2015..2017", "ministre date:2016", ""}) {
        INFO("query: " << q);
        Xapian::Query query = parse_query(q, db, lexicons(), false);
        for (const bool filtered : {false, true}) {
            if (filtered)  // a filter's terms are query terms too
                query = Xapian::Query(Xapian::Query::OP_FILTER, query, date_query("2014..2018", false));
            Xapian::Enquire enquire(db);
            enquire.set_query(query);
            const Xapian::MSet mset = enquire.get_mset(0, 50);
            const std::vector<std::set<std::string>> terms = matching_terms(db, query, mset);
            REQUIRE(terms.size() == mset.size());
            std::size_t i = 0;
            for (auto it = mset.begin(); it != mset.end(); ++it, ++i) {
                const std::set<std::string> expected(enquire.get_matching_terms_begin(it),
                                                     enquire.get_matching_terms_end(it));
                CHECK(terms[i] == expected);
            }
        }
    }
}

TEST_CASE("ranked hits and totals are those of one weighted pass over every match", "[search][facets]") {
    // Whatever search() does to count facets cheaply (a spy, or with a
    // facet column a page ranked apart and a walk of the match set), the
    // page, the scores and the total are those of one pass that weighs every
    // match.
    const Xapian::Database db = corpus();
    for (const char* q : {"ministre", "président", "ministre OR football", "\"premier ministre\"",
                          "gouvernement NOT football", "ministre lieu:Paris", "élections NEAR/5 président"}) {
        for (const auto& [offset, limit] :
             std::vector<std::pair<std::size_t, std::size_t>>{{0, 1}, {0, 10}, {2, 3}, {7, 20}, {1000, 10}}) {
            INFO("query: " << q << ", offset " << offset << ", limit " << limit);
            SearchRequest request = query(q);
            request.offset = offset;
            request.limit = limit;
            for (bool with_column : {false, true}) {
                INFO("with the facet column (so a walk of the match set): " << with_column);
                check_one_pass(db, q, offset, limit, run(request, with_column));
            }
        }
    }
}

TEST_CASE("sorting by date with the facet column gives Enquire's page, scores, total and facets", "[search][facets]") {
    // With a column, a search sorted by date keeps its page while walking
    // the match set (the column's publication days, then the sort values of
    // the last day's dispatches), and with words Enquire weighs only the
    // page's documents: the same as Enquire's date sort over every match.
    for (const char* q : {"", "lieu:Paris", "date:2016..2018", "NOT lieu:Paris", "personne:Obama OR org:ONU",
                          "lieu:Nowhere", "ministre", "président OR football", "ministre lieu:Paris",
                          "gouvernement NOT football", "\"premier ministre\"", "zzzqqqxw"}) {
        for (const SortOrder order : {SortOrder::date_desc, SortOrder::date}) {
            for (const auto& [offset, limit] : std::vector<std::pair<std::size_t, std::size_t>>{
                     {0, 1}, {0, 10}, {3, 5}, {40, 20}, {0, 0}, {1000, 10}}) {
                INFO("query: " << q << ", " << (order == SortOrder::date ? "oldest" : "newest") << " first, offset "
                               << offset << ", limit " << limit);
                SearchRequest request = query(q);
                request.sort = order;
                request.offset = offset;
                request.limit = limit;
                const SearchResult plain = run(request), walked = run(request, true);
                CHECK(ids(walked) == ids(plain));
                CHECK(walked.total == plain.total);
                for (std::size_t i = 0; i < walked.hits.size() && i < plain.hits.size(); ++i) {
                    CHECK(walked.hits[i].rank == plain.hits[i].rank);
                    CHECK(walked.hits[i].score == plain.hits[i].score);
                    CHECK(walked.hits[i].snippet.text == plain.hits[i].snippet.text);
                }
                CHECK(walked.facets.person == plain.facets.person);
                CHECK(walked.facets.date == plain.facets.date);
                CHECK(walked.facets.mentioned == plain.facets.mentioned);
            }
        }
    }
}
