#include "schema.hpp"

#include <catch2/catch.hpp>

#include <set>

#include "query.hpp"

using namespace depeche;
namespace s = depeche::schema;

namespace {

std::string terms(std::string_view value) {
    std::string out;
    for (const auto& t : s::period_terms(value, "E", "C")) out += (out.empty() ? "" : " ") + t;
    return out;
}

// Ids (the value of each document) of an in-memory database of mentioned
// dates that match mention:`range`.
std::string matching(const std::vector<std::string>& values, std::string_view range) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (const auto& v : values) {
        Xapian::Document doc;
        for (const auto& t : s::period_terms(v, s::kMentionedAs, s::kMentioned)) doc.add_boolean_term(t);
        doc.set_data(v);
        db.add_document(doc);
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(date_query(range, true));
    std::string out;
    const Xapian::MSet mset = enquire.get_mset(0, 100);
    for (auto it = mset.begin(); it != mset.end(); ++it) out += (out.empty() ? "" : " ") + it.get_document().get_data();
    return out;
}

}  // namespace

TEST_CASE("period terms: each value, its blocks and their ancestors", "[schema]") {
    CHECK(terms("2015") == "E2015 C2015");
    CHECK(terms("2015-03") == "E2015-03 C2015 C2015-03");
    CHECK(terms("2015-03-15") == "E2015-03-15 C2015 C2015-03 C2015-03-15");
    CHECK(terms("2015-05-03/2015-05-04") == "E2015-05-03 E2015-05-04 C2015 C2015-05 C2015-05-03 C2015-05-04");
    CHECK(terms("2014-12/2015-01") == "E2014-12 E2015-01 C2014 C2014-12 C2015 C2015-01");
    CHECK(terms("2015-Q1") == "E2015-01 E2015-02 E2015-03 C2015 C2015-01 C2015-02 C2015-03");
    CHECK(terms("2008/2010") == "E2008 E2009 E2010 C2008 C2009 C2010");
    CHECK(terms("2012-H1") ==
          "E2012-01 E2012-02 E2012-03 E2012-04 E2012-05 E2012-06 C2012 C2012-01 C2012-02 "
          "C2012-03 C2012-04 C2012-05 C2012-06");
    CHECK(terms("197") ==
          "E1970 E1971 E1972 E1973 E1974 E1975 E1976 E1977 E1978 E1979 C1970 C1971 C1972 C1973 "
          "C1974 C1975 C1976 C1977 C1978 C1979");
    CHECK(terms("19").size() > 0);
    CHECK(terms("not a date").empty());
    CHECK(terms("2015-02-30").empty());
}

TEST_CASE("TIMEX3 values to days", "[schema]") {
    auto week = s::timex_days("2015-W03");
    REQUIRE(week);
    CHECK(to_iso(week->first) == "2015-01-12");
    CHECK(to_iso(week->last) == "2015-01-18");
    auto w1 = s::timex_days("2015-W01");  // ISO week 1 of 2015 starts in 2014
    REQUIRE(w1);
    CHECK(to_iso(w1->first) == "2014-12-29");
    CHECK_FALSE(s::timex_days("2015-W54"));
    auto weekend = s::timex_days("2015-W03-WE");
    REQUIRE(weekend);
    CHECK(to_iso(weekend->first) == "2015-01-17");
    CHECK(to_iso(weekend->last) == "2015-01-18");
    CHECK_FALSE(s::timex_days("2015-W03-XX"));
    CHECK_FALSE(s::timex_days("2015-06/2015-05"));
    auto winter = s::timex_days("2015-WI");
    REQUIRE(winter);
    CHECK(to_iso(winter->last) == "2016-02-29");
}

TEST_CASE("date ranges match the periods they overlap", "[schema][query]") {
    const std::vector<std::string> values = {
        "2015", "2015-01", "2015-01-15", "2015-03-31", "2015-04", "2014", "2014-12-30/2015-01-02", "2015-W03"};
    CHECK(matching(values, "2015-01") == "2015 2015-01 2015-01-15 2014-12-30/2015-01-02 2015-W03");
    CHECK(matching(values, "2015-01..2015-03") == "2015 2015-01 2015-01-15 2015-03-31 2014-12-30/2015-01-02 2015-W03");
    CHECK(matching(values, "2015-01-15") == "2015 2015-01 2015-01-15 2015-W03");
    CHECK(matching(values, "2014") == "2014 2014-12-30/2015-01-02");
    CHECK(matching(values, "..2014-12-31") == "2014 2014-12-30/2015-01-02");
    CHECK(matching(values, "2015-04-02..") == "2015 2015-04");
    CHECK(matching(values, "2016").empty());
}

TEST_CASE("impossible dates and empty ranges are query errors", "[schema][query]") {
    CHECK_THROWS_AS(parse_date_range("2015-13"), QueryError);
    CHECK_THROWS_AS(parse_date_range("2019-02-30"), QueryError);
    CHECK_THROWS_AS(parse_date_range("2015-03..2015-01"), QueryError);
    CHECK_THROWS_AS(parse_date_range(".."), QueryError);
    CHECK_THROWS_WITH(parse_date_range("2015-01..2015-02-31"), Catch::Contains("2015-02-31"));
}

TEST_CASE("terms longer than Xapian allows are cut with a hash", "[schema]") {
    const std::string word(300, 'a');
    const std::string term = s::make_term("", word);
    CHECK(term.size() <= 245);
    CHECK(term == s::make_term("", word));
    CHECK(term != s::make_term("", word + "b"));
    const std::string accented = std::string(1, 'a') + [] {
        std::string s;
        for (int i = 0; i < 150; ++i) s += "\xC3\xA9";
        return s;
    }();
    const std::string cut = s::make_term("XP", accented);
    CHECK(cut.size() <= 245);
    CHECK(s::make_term("Q", "short") == "Qshort");
}

namespace {

// A facet slot as one line: "date | name=key ... | ... | mentioned ...".
std::string shown(const s::FacetSlot& f) {
    std::string out(f.published);
    for (const auto& names : f.names) {
        out += " |";
        for (const auto& n : names) out += " " + std::string(n.name) + "=" + std::string(n.key);
    }
    out += " |";
    for (std::string_view v : f.mentioned) out += " " + std::string(v);
    return out;
}

}  // namespace

TEST_CASE("the facet slot reads back as written", "[schema][facets]") {
    CHECK(s::sortable_date({2022, 3, 0}) == "20220300");
    s::FacetSlot f;
    f.published = "20220300";
    // Names holding the bytes a separator would have used, and one over 127
    // bytes (a two-byte length).
    const std::string odd =
                          "A\x1f"
                          "B\x1e"
                          "C",
                      long_name(200, 'x');
    f.names[0] = {{"Barack Obama", "barack obama"}, {odd, "a b c"}};
    f.names[2] = {{long_name, long_name}};
    f.mentioned = {"2015", "2015-W03"};
    CHECK(shown(s::unpack_facets(s::pack_facets(f))) == shown(f));
    CHECK(shown(s::unpack_facets(s::pack_facets({}))) == " | | | |");
    // At most kSpreadLimit names per kind, the first ones.
    std::vector<std::string> many;
    for (unsigned i = 0; i < s::kSpreadLimit + 5; ++i) many.push_back("n" + std::to_string(i));
    s::FacetSlot big;
    for (const auto& n : many) big.names[1].push_back({n, n});
    const std::string packed = s::pack_facets(big);
    const s::FacetSlot back = s::unpack_facets(packed);  // views into `packed`
    REQUIRE(back.names[1].size() == s::kSpreadLimit);
    CHECK(back.names[1].back().name == many[s::kSpreadLimit - 1]);
    // Empty values are left out (after the limit, as the spread slots leave
    // them out), so the spy never counts one.
    s::FacetSlot empties;
    empties.names[0] = {{"", ""}, {"Paris", "paris"}};
    empties.mentioned = {"", "2015"};
    CHECK(shown(s::unpack_facets(s::pack_facets(empties))) == " | Paris=paris | | | 2015");
}

TEST_CASE("the facet slot's layout: date, counts, ids, strings", "[schema][facets]") {
    s::FacetSlot f;
    f.published = "20220300";
    f.names[0] = {{"Li", "li"}};
    f.mentioned = {"2021"};
    const std::uint64_t li = s::facet_id("Li"), y2021 = s::facet_id("2021");
    // The date after its length, then the counts: 1 person, 0 places, 0
    // orgs, 1 mentioned date.
    std::string expected = std::string("\x08") + "20220300" + std::string("\x01\x00\x00\x01", 4);
    for (std::uint64_t id : {li, y2021})
        for (int b = 0; b < 8; ++b) expected.push_back(static_cast<char>(id >> (8 * b) & 0xff));  // little-endian
    expected +=
        "\x02Li\x02li\x04"
        "2021";
    CHECK(s::pack_facets(f) == expected);
}

TEST_CASE("facet ids are a fixed function of the value's bytes", "[schema][facets]") {
    // The ids are stored: they must not change with the platform, compiler
    // or build. These values are the definition; a change needs a new
    // schema version.
    CHECK(s::facet_id("") == 0xf955b5881a882d0dull);
    CHECK(s::facet_id("Paris") == 0xa12709cd326aa4a1ull);
    CHECK(s::facet_id("Édouard Philippe") == 0x30df396856886debull);
    CHECK(s::facet_id("2015-01-15") == 0xd3069ce00575114cull);
    // Every length around the 8-byte words, and values that differ only in
    // length (a zero byte) or in one bit, have distinct ids.
    std::set<std::uint64_t> ids;
    std::string value;
    for (int n = 0; n < 40; ++n) {
        CHECK(ids.insert(s::facet_id(value)).second);
        value.push_back('\0');
    }
    for (int bit = 0; bit < 8 * 17; ++bit) {
        std::string flipped(17, 'a');
        flipped[bit / 8] = static_cast<char>(flipped[bit / 8] ^ (1 << (bit % 8)));
        CHECK(ids.insert(s::facet_id(flipped)).second);
    }
}

TEST_CASE("every id in the facet slot is its value's", "[schema][facets]") {
    s::FacetSlot f;
    f.published = "20220300";
    f.names[0] = {{"Barack Obama", "barack obama"}, {"Édouard Philippe", "edouard philippe"}};
    f.names[1] = {{"Paris", "paris"}};
    f.names[2] = {{"ONU", "onu"}, {"Union européenne", "union europeenne"}};
    f.mentioned = {"2015", "2015-W03", "2015-05-03/2015-05-05"};
    const std::string packed = s::pack_facets(f);
    const std::vector<std::uint64_t> ids = s::facet_ids(packed);
    std::vector<std::uint64_t> expected;
    for (const auto& names : f.names)
        for (const auto& n : names) expected.push_back(s::facet_id(n.name));
    for (std::string_view v : f.mentioned) expected.push_back(s::facet_id(v));
    CHECK(ids == expected);
    // Read in place, in any order (the spy reads the strings of a few values
    // only, skipping the others): each value's strings are its own.
    s::FacetSlotReader in(packed);
    CHECK(in.published() == "20220300");
    CHECK(in.mentioned(2) == "2015-05-03/2015-05-05");
    CHECK(in.name(s::kListOrgs, 1).key == "union europeenne");
    CHECK(in.name(s::kListPersons, 1).name == "Édouard Philippe");
    CHECK(in.mentioned(0) == "2015");
    CHECK(in.name(s::kListPlaces, 0).name == "Paris");
    CHECK(in.name(s::kListPlaces, 0).key == "paris");
    CHECK(in.mentioned(1) == "2015-W03");
    for (std::size_t i = 0; i < in.size(s::kListPersons); ++i) {
        const auto name = in.name(s::kListPersons, i);
        CHECK(in.id(s::kListPersons, i) == s::facet_id(name.name));
        CHECK(name.key == f.names[0][i].key);
    }
}

TEST_CASE("a malformed facet slot reads as little, never past its end", "[schema][facets]") {
    s::FacetSlot f;
    f.published = "20220300";
    f.names[0] = {{"Barack Obama", "barack obama"}};
    f.mentioned = {"2015"};
    const std::string packed = s::pack_facets(f);
    // Every truncation, and random bytes (under ASan, any overread fails).
    auto read_all = [](const std::string& bytes) {
        const s::FacetSlot back = s::unpack_facets(bytes);
        std::size_t read = back.published.size();
        for (const auto& names : back.names)
            for (const auto& n : names) read += n.name.size() + n.key.size();
        for (std::string_view v : back.mentioned) read += v.size();
        const std::size_t ids = s::facet_ids(bytes).size();
        CHECK(read + 8 * ids <= bytes.size());
    };
    for (std::size_t n = 0; n < packed.size(); ++n) read_all(packed.substr(0, n));
    std::uint32_t seed = 12345;
    for (int round = 0; round < 500; ++round) {
        std::string garbage;
        for (int i = 0; i < round % 40; ++i) {
            seed = seed * 1664525u + 1013904223u;
            garbage.push_back(static_cast<char>(seed >> 24));
        }
        read_all(garbage);
    }
    // Counts larger than the bytes left for their ids read as no values.
    const std::string huge = std::string("\x00\xff\xff\xff\xff\x0f\x01\x01\x01", 9) + std::string(16, 'x');
    CHECK(s::facet_ids(huge).empty());
}

TEST_CASE("a term written into a reused buffer is the term", "[schema]") {
    std::string buffer = "left over";
    std::string accents;
    for (int i = 0; i < 150; ++i) accents += "é";
    const std::string longest(245, 'a');
    for (const std::string& value : {std::string("securit"), accents, longest, longest + "b", std::string(), accents}) {
        s::make_term(buffer, s::kStem, value);
        CHECK(buffer == s::make_term(s::kStem, value));
        CHECK(buffer.size() <= s::kMaxTermBytes);
    }
}

TEST_CASE("period terms at the edges of four-digit years", "[schema]") {
    // Terms sort as strings (a year past 9999 before "9999"), and a date
    // outside four digits is written as to_iso writes it.
    CHECK(terms("9999-WI") == "E9999-12 E10000-01 E10000-02 C10000 C10000-01 C10000-02 C9999 C9999-12");
    CHECK(terms("1000-01-01") == "E1000-01-01 C1000 C1000-01 C1000-01-01");
    CHECK(terms("0999").empty());
}
