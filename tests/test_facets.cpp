#include "facets.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <random>
#include <set>

#include "database.hpp"
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
// What a spy should show for `counts` (value -> count): by count, then value.
std::string show_counted(const std::map<std::string, Xapian::doccount>& counts) {
    std::vector<FacetCount> out;
    for (const auto& [v, c] : counts) out.push_back({v, c});
    std::stable_sort(out.begin(), out.end(),
                     [](const FacetCount& a, const FacetCount& b) { return a.count > b.count; });
    return show(out);
}

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

// The facets of a search of "T" (every document) on `db`, every match counted.
Facets facets_of_all(const Xapian::Database& db, DateGranularity g) {
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query("T"));
    FacetSpy spy(g);
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 1, db.get_doccount());
    return spy.result(0);
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

TEST_CASE("id tables number distinct ids in order of first sight", "[facets]") {
    IdTable ids;
    bool added = false;
    CHECK(ids.index(0, added) == 0);  // 0 is an id like any other
    CHECK(added);
    CHECK(ids.index(64, added) == 1);  // the same low bits as 0: the next slot
    CHECK(added);
    CHECK(ids.index(0, added) == 0);
    CHECK(!added);
    // Past many growths of the table, every id keeps its number.
    for (std::uint64_t i = 0; i < 5000; ++i) ids.index(s::facet_id(std::to_string(i)), added);
    CHECK(ids.size() == 5002);
    for (std::uint64_t i = 0; i < 5000; i += 7) {
        CHECK(ids.index(s::facet_id(std::to_string(i)), added) == i + 2);
        CHECK(!added);
    }
    CHECK(ids.index(64, added) == 1);
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
    for (DateGranularity g : grains) {
        Xapian::Enquire enquire(db);
        enquire.set_query(Xapian::Query("T"));
        FacetSpy spy(g);
        enquire.add_matchspy(&spy);
        enquire.get_mset(0, 1, db.get_doccount());
        const Facets f = spy.result(0);
        CHECK(show(f.date) == show_counted(published[g]));
        CHECK(show(f.mentioned) == show_counted(seen[g]));
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
        std::map<std::string, Xapian::doccount> out;
        for (const auto& c : facets_of_all(db, DateGranularity::month).person) out[c.value] = c.count;
        return out;
    };
    CHECK(counts(parts[0]) == expected[0]);
    CHECK(counts(parts[1]) == expected[1]);
    Xapian::Database both;
    both.add_database(parts[0]);
    both.add_database(parts[1]);
    CHECK(counts(both) == expected[2]);
}

namespace {

// A document of every facet list, for the tests below that compare the
// spy with its definition.
struct Values {
    std::string date;  // "YYYYMMDD"
    std::vector<std::string> names[3], mentioned;
};

std::string facet_slot(const Values& v) {
    std::vector<std::string> keys[3];
    s::FacetSlot f;
    f.published = v.date;
    for (unsigned k = 0; k < 3; ++k) {
        for (const auto& n : v.names[k]) keys[k].push_back(entity_key(n));
        for (std::size_t i = 0; i < v.names[k].size(); ++i) f.names[k].push_back({v.names[k][i], keys[k][i]});
    }
    f.mentioned.assign(v.mentioned.begin(), v.mentioned.end());
    return s::pack_facets(f);
}

// Every facet of a search of "T" on `db`, all values, as one string.
std::string all_facets(const Xapian::Database& db, DateGranularity g) {
    const Facets f = facets_of_all(db, g);
    return "person: " + show(f.person) + "\nplace: " + show(f.place) + "\norg: " + show(f.org) +
           "\ndate: " + show(f.date) + "\nmentioned: " + show(f.mentioned);
}

// Documents whose lists mix values seen before and new ones at every
// position, some sharing bytes (prefixes, one entity key): `i` picks them.
Values mixed_values(unsigned i) {
    static const std::vector<std::string> pool = {
        "Jean",   "Jean Dupont", "Édouard Philippe", "Edouard Philippe", "Paris", "Paris-Saclay", "ONU",
        "Élysée", "Elysee"};
    static const std::vector<std::string> dates = {"2015-01-15", "2015-01-20", "2015-W03", "2015", "2014-12-31"};
    Values v;
    v.date = std::to_string(2014 + i % 3) + (i % 2 ? "0115" : "1200");
    for (unsigned k = 0; k < 3; ++k)
        for (unsigned j = 0; j < pool.size(); ++j)
            if ((i * (k + 3) + j * 5) % (j + 2) == 0) v.names[k].push_back(pool[j]);
    // A name seen for the first time in this document, after known ones.
    if (i % 4 == 0) v.names[i % 3].push_back("Nouveau " + std::to_string(i));
    for (unsigned j = 0; j < dates.size(); ++j)
        if ((i + j) % 3 != 1) v.mentioned.push_back(dates[j]);
    std::sort(v.mentioned.begin(), v.mentioned.end());
    return v;
}

}  // namespace

TEST_CASE("the facet spy reads each new value's own strings, whatever it has cached", "[facets]") {
    // A value first seen after values already counted (in its list and in
    // the lists before it) must be read as itself: a strings cursor left at
    // the wrong value would name it after another.
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    auto add = [&db](const Values& v) {
        Xapian::Document doc;
        doc.add_boolean_term("T");
        doc.add_value(s::kSlotFacets, facet_slot(v));
        db.add_document(doc);
    };
    add({"20150115", {{"Alpha", "Beta"}, {"Lyon"}, {"ONU"}}, {"2015-01-15"}});
    add({"20150116", {{"Alpha", "Gamma", "Beta", "Delta"}, {"Lyon", "Nice"}, {"OTAN", "ONU"}}, {"2015-01-15", "2016"}});
    add({"20150117", {{"Delta", "Epsilon"}, {"Brest", "Nice"}, {"ONU", "UE"}}, {"2014", "2016"}});
    CHECK(all_facets(db, DateGranularity::month) ==
          "person: Alpha (2), Beta (2), Delta (2), Epsilon (1), Gamma (1)\n"
          "place: Lyon (2), Nice (2), Brest (1)\n"
          "org: ONU (3), OTAN (1), UE (1)\n"
          "date: 2015-01 (3)\n"
          "mentioned: 2015-01 (2), 2016 (2), 2014 (1)");
}

TEST_CASE("spellings with one entity key merge though their ids differ", "[facets]") {
    REQUIRE(entity_key("Édouard Philippe") == entity_key("Edouard Philippe"));
    REQUIRE(s::facet_id("Édouard Philippe") != s::facet_id("Edouard Philippe"));
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (const char* name : {"Edouard Philippe", "Édouard Philippe", "Edouard Philippe", "Elysee"}) {
        Xapian::Document doc;
        doc.add_boolean_term("T");
        doc.add_value(s::kSlotFacets, facet_slot(Values{"20150115", {{name}, {}, {}}, {}}));
        db.add_document(doc);
    }
    CHECK(all_facets(db, DateGranularity::year) ==
          "person: Édouard Philippe (3), Elysee (1)\nplace: \norg: \ndate: 2015 (4)\nmentioned: ");
}

TEST_CASE("the facet spy counts several databases as their merge", "[facets]") {
    // Ids are a function of the value alone: parts searched together count
    // exactly as one database holding their documents, at every
    // granularity, whichever part first shows a value.
    Xapian::WritableDatabase parts[3] = {Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY),
                                         Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY),
                                         Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY)};
    Xapian::WritableDatabase merged(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (unsigned i = 0; i < 120; ++i) {
        Xapian::Document doc;
        if (i % 7 != 3) doc.add_boolean_term("T");
        doc.add_value(s::kSlotFacets, facet_slot(mixed_values(i)));
        parts[i % 5 == 0 ? 0 : i % 2 + 1].add_document(doc);
        merged.add_document(doc);
    }
    Xapian::Database all;
    for (const auto& part : parts) all.add_database(part);
    for (DateGranularity g : {DateGranularity::year, DateGranularity::month, DateGranularity::day}) {
        const std::string expected = all_facets(merged, g);
        CHECK(all_facets(all, g) == expected);
        CHECK(expected.find("Nouveau 8 (1)") != std::string::npos);
        // Both spellings are persons: they merge, under the accented one.
        const std::string persons = expected.substr(0, expected.find('\n'));
        CHECK(persons.find("Édouard Philippe") != std::string::npos);
        CHECK(persons.find("Edouard Philippe") == std::string::npos);
    }
}

TEST_CASE("a database from before facet ids says to reindex", "[facets][errors]") {
    // Schema 3 stored no ids in the facet slot: this build must refuse it,
    // not read its names as ids.
    REQUIRE(s::version == 4);
    const std::string path =
        (std::filesystem::temp_directory_path() / ("depeche-schema3-" + std::to_string(std::random_device{}())))
            .string();
    const BuildVersions now = current_versions("lexicons");
    {
        Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
        db.set_metadata(s::kSchemaKey, "3");
        db.set_metadata(s::kAnalyserKey, now.analyser);
        db.set_metadata(s::kLexiconsKey, now.lexicons);
        Xapian::Document doc;
        doc.add_boolean_term("T");
        db.add_document(doc);
        db.commit();
    }
    CHECK_THROWS_WITH(open_for_reading({path}, now), Catch::Contains("schema 3") && Catch::Contains("reindex"));
    CHECK_THROWS_WITH(open_for_writing(path, now), Catch::Contains("reindex"));
    std::filesystem::remove_all(path);
}

TEST_CASE("the facet spy counts on-disk databases, one shard or several, whatever the gaps", "[facets]") {
    // Glass databases on disk, where values live in chunks of a few each (the
    // place names are long): one shard, and the same documents in two uneven
    // shards, whose combined docids interleave. Runs of matches, gaps of
    // every length and matches without the slot must count as the definition
    // says in both: a value read for the wrong document changes a count.
    const auto dir =
        std::filesystem::temp_directory_path() / ("depeche-facets-" + std::to_string(std::random_device{}()));
    const std::string whole_path = (dir / "whole").string(),
                      part_paths[2] = {(dir / "a").string(), (dir / "b").string()};
    std::filesystem::create_directories(dir);
    std::map<std::string, Xapian::doccount> persons, places, dates;
    {
        Xapian::WritableDatabase whole(whole_path, Xapian::DB_CREATE);
        Xapian::WritableDatabase parts[2] = {Xapian::WritableDatabase(part_paths[0], Xapian::DB_CREATE),
                                             Xapian::WritableDatabase(part_paths[1], Xapian::DB_CREATE)};
        for (unsigned i = 0; i < 900; ++i) {
            const bool matches = i % 31 < 4 || (i * i) % 23 < 7 || i % 97 == 50;
            const bool valued = i % 13 != 5;
            Values v;
            v.date = "2015" + std::string(i % 12 < 9 ? "0" : "") + std::to_string(i % 12 + 1) + "15";
            v.names[0] = {"Personne " + std::to_string(i % 41)};
            if (i % 3) v.names[0].push_back("Témoin " + std::to_string(i % 7));
            v.names[1] = {"Lieu " + std::to_string(i % 17) + " " + std::string(300, static_cast<char>('a' + i % 17))};
            Xapian::Document doc;
            if (matches) doc.add_boolean_term("T");
            if (valued) doc.add_value(s::kSlotFacets, facet_slot(v));
            whole.add_document(doc);
            parts[i % 5 == 0 ? 0 : 1].add_document(doc);  // uneven: the combined docids interleave unevenly
            if (!matches || !valued) continue;
            for (const auto& n : v.names[0]) ++persons[n];
            ++places[v.names[1][0]];
            ++dates[v.date.substr(0, 4) + "-" + v.date.substr(4, 2)];
        }
        whole.commit();
        for (auto& part : parts) part.commit();
    }
    Xapian::Database whole(whole_path), both;
    for (const auto& path : part_paths) both.add_database(Xapian::Database(path));
    REQUIRE(whole.get_doccount() == 900);
    for (const Xapian::Database* db : {&whole, &both}) {
        const Facets f = facets_of_all(*db, DateGranularity::month);
        CHECK(show(f.person) == show_counted(persons));
        CHECK(show(f.place) == show_counted(places));
        CHECK(show(f.date) == show_counted(dates));
    }
    std::filesystem::remove_all(dir);
}
