#include "facets.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "dates.hpp"
#include "entity.hpp"
#include "schema.hpp"

using namespace depeche;
namespace s = depeche::schema;

namespace {

std::string show(const std::vector<FacetCount>& counts) {
    std::string out;
    for (const auto& c : counts) out += (out.empty() ? "" : ", ") + c.value + " (" + std::to_string(c.count) + ")";
    return out;
}

// The facet slot of a test document: its date id, persons (keyed by
// entity_key, as build_document keys them) and mentioned values.
std::string facet_slot(const std::string& date_id, const std::vector<std::string>& persons,
                       const std::vector<std::string>& mentioned) {
    std::vector<std::string> keys;
    for (const auto& p : persons) keys.push_back(entity_key(p));
    s::FacetSlot f;
    f.published = std::string_view(date_id).substr(0, 8);
    for (std::size_t i = 0; i < persons.size(); ++i) f.names[0].push_back({persons[i], keys[i]});
    f.mentioned.assign(mentioned.begin(), mentioned.end());
    return s::pack_facets(f);
}

}  // namespace

TEST_CASE("string ids number distinct strings in order of first sight", "[facets]") {
    StringIds ids;
    bool added = false;
    CHECK(ids.id("Paris", added) == 0);
    CHECK(added);
    CHECK(ids.id("Paris-Saclay", added) == 1);
    CHECK(ids.id("Paris", added) == 0);
    CHECK(!added);
    CHECK(ids.id("", added) == 2);
    CHECK(added);
    // Past many growths of the table, every string keeps its id and bytes.
    for (unsigned i = 0; i < 5000; ++i) ids.id("name " + std::to_string(i), added);
    CHECK(ids.size() == 5003);
    for (unsigned i = 0; i < 5000; i += 7) {
        const std::string name = "name " + std::to_string(i);
        CHECK(ids.id(name, added) == i + 3);
        CHECK(!added);
        CHECK(ids[i + 3] == name);
    }
    CHECK(ids[1] == "Paris-Saclay");
    CHECK(ids.id("Paris", added) == 0);
}

TEST_CASE("date facet values at each granularity", "[facets]") {
    CHECK(date_facet_value("2015-01-15", DateGranularity::month) == "2015-01");
    CHECK(date_facet_value("2015-01-15", DateGranularity::year) == "2015");
    CHECK(date_facet_value("2015-01-15", DateGranularity::day) == "2015-01-15");
    CHECK(date_facet_value("2015", DateGranularity::day) == "2015");  // never more precise than the value
    CHECK(date_facet_value("2015-W03", DateGranularity::month) == "2015-01");
    CHECK(date_facet_value("2015-05-03/2015-05-05", DateGranularity::day) == "2015-05-03");
    CHECK(date_facet_value("2015-Q2", DateGranularity::year) == "2015");
}

TEST_CASE("the facet spy counts each value once per document, over every match", "[facets]") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    auto add = [&](std::vector<std::string> persons, std::string date, std::vector<std::string> mentioned) {
        Xapian::Document doc;
        doc.add_boolean_term("T");
        doc.add_value(s::kSlotFacets, facet_slot(date + "id", persons, mentioned));
        db.add_document(doc);
    };
    add({"Barack Obama", "John Kerry"}, "20150115", {"2015-01-15", "2015-01-20"});
    add({"Barack Obama"}, "20150300", {"2014"});
    add({"John Kerry", "Édouard Philippe"}, "20160101", {});
    add({"Edouard Philippe"}, "20160102", {"2015-01"});
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query("T"));
    FacetSpy spy(DateGranularity::month);
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 1, db.get_doccount());  // one hit shown, every match counted
    const Facets f = spy.result(0);
    CHECK(show(f.person) == "Barack Obama (2), John Kerry (2), Édouard Philippe (2)");
    CHECK(show(f.date) == "2016-01 (2), 2015-01 (1), 2015-03 (1)");
    CHECK(show(f.mentioned) == "2015-01 (2), 2014 (1)");
    CHECK(show(spy.result(1).person) == "Barack Obama (2)");
}

TEST_CASE("the facet spy agrees with its definition over many documents", "[facets]") {
    // Values sharing prefixes, dates sharing their first 8 bytes, mentioned
    // dates that fall in one period, and documents seen in any order: the
    // spy's reused buffers and caches must not mix them up.
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    const std::vector<std::string> names = {
        "Jean", "Jean Dupont", "Jean Dupont-Martin", "Édouard Philippe", "Edouard Philippe", "Paris", "Paris-Saclay"};
    const std::vector<std::string> dates = {"20150115", "20150131", "20150201", "20141231", "20150100", "20150000"};
    const std::vector<std::string> mentioned = {
        "2015-01-15", "2015-01-20", "2015-W03", "2015", "2015-Q1", "2015-05-03/2015-05-05", "2014-12-31", "2015-01"};
    std::map<std::string, Xapian::doccount> persons;
    std::map<DateGranularity, std::map<std::string, Xapian::doccount>> published, seen;
    const DateGranularity grains[] = {DateGranularity::year, DateGranularity::month, DateGranularity::day};
    for (unsigned i = 0; i < 200; ++i) {
        std::vector<std::string> doc_names, doc_mentioned;
        for (unsigned k = 0; k < names.size(); ++k)
            if ((i * 7 + k * 3) % (k + 2) == 0) doc_names.push_back(names[k]);
        for (unsigned k = 0; k < mentioned.size(); ++k)
            if ((i + k) % 3 == 0) doc_mentioned.push_back(mentioned[k]);
        const std::string date = dates[i % dates.size()];
        Xapian::Document doc;
        doc.add_boolean_term("T");
        doc.add_value(s::kSlotFacets, facet_slot(date + "os-" + std::to_string(i), doc_names, doc_mentioned));
        db.add_document(doc);
        for (const auto& n : doc_names) ++persons[n];
        const std::vector<std::string_view> views(doc_mentioned.begin(), doc_mentioned.end());
        const PartialDate d{std::stoi(date.substr(0, 4)), std::stoi(date.substr(4, 2)), std::stoi(date.substr(6, 2))};
        for (DateGranularity g : grains) {
            ++published[g][date_facet_value(to_iso(d), g)];
            for (const auto& v : mentioned_facet_values(views, g)) ++seen[g][v];
        }
    }
    auto expected = [](const std::map<std::string, Xapian::doccount>& counts) {
        std::vector<FacetCount> out;
        for (const auto& [v, c] : counts) out.push_back({v, c});
        std::stable_sort(out.begin(), out.end(),
                         [](const FacetCount& a, const FacetCount& b) { return a.count > b.count; });
        return show(out);
    };
    for (DateGranularity g : grains) {
        Xapian::Enquire enquire(db);
        enquire.set_query(Xapian::Query("T"));
        FacetSpy spy(g);
        enquire.add_matchspy(&spy);
        enquire.get_mset(0, 1, db.get_doccount());
        const Facets f = spy.result(0);
        CHECK(show(f.date) == expected(published[g]));
        CHECK(show(f.mentioned) == expected(seen[g]));
        // Spellings of one name merge (one entity key): the counts add up.
        std::set<std::string> keys;
        Xapian::doccount total = 0, counted = 0;
        for (const auto& [name, count] : persons) {
            keys.insert(entity_key(name));
            total += count;
        }
        for (const auto& c : f.person) counted += c.count;
        CHECK(f.person.size() == keys.size());
        CHECK(counted == total);
        CHECK(spy.result(0).date == f.date);  // result() can be asked again
    }
}

TEST_CASE("the facet spy counts the right documents on several parts", "[facets]") {
    // Two parts whose matches and facet values leave gaps: a value read by
    // docid from the wrong part would count another document's names.
    Xapian::WritableDatabase parts[2] = {Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY),
                                         Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY)};
    std::map<std::string, Xapian::doccount> expected[3];  // part 0, part 1, both
    for (unsigned part = 0; part < 2; ++part) {
        for (unsigned i = 0; i < 60; ++i) {
            Xapian::Document doc;
            const bool matches = (i * 7 + part) % 3 != 0, valued = (i + part) % 5 != 0;
            if (matches) doc.add_boolean_term("T");
            const std::string name = "P" + std::to_string(part) + "-" + std::to_string(i % 11);
            if (valued) doc.add_value(s::kSlotFacets, facet_slot("20150115id", {name, "Common"}, {}));
            parts[part].add_document(doc);
            if (!matches || !valued) continue;
            for (const std::string& n : {name, std::string("Common")}) {
                ++expected[part][n];
                ++expected[2][n];
            }
        }
    }
    auto counts = [](const Xapian::Database& db) {
        Xapian::Enquire enquire(db);
        enquire.set_query(Xapian::Query("T"));
        FacetSpy spy(DateGranularity::month);
        enquire.add_matchspy(&spy);
        enquire.get_mset(0, 1, db.get_doccount());
        std::map<std::string, Xapian::doccount> out;
        for (const auto& c : spy.result(0).person) out[c.value] = c.count;
        return out;
    };
    CHECK(counts(parts[0]) == expected[0]);
    CHECK(counts(parts[1]) == expected[1]);
    Xapian::Database both;
    both.add_database(parts[0]);
    both.add_database(parts[1]);
    CHECK(counts(both) == expected[2]);
}
