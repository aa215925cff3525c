#include "schema.hpp"

#include <catch2/catch.hpp>

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
}

TEST_CASE("a malformed facet slot reads as little, never past its end", "[schema][facets]") {
    s::FacetSlot f;
    f.published = "20220300";
    f.names[0] = {{"Barack Obama", "barack obama"}};
    f.mentioned = {"2015"};
    const std::string packed = s::pack_facets(f);
    // Every truncation, and random bytes (under ASan, any overread fails).
    for (std::size_t n = 0; n < packed.size(); ++n) {
        const std::string cut = packed.substr(0, n);
        const s::FacetSlot back = s::unpack_facets(cut);
        CHECK(back.published.size() <= n);
    }
    std::uint32_t seed = 12345;
    for (int round = 0; round < 500; ++round) {
        std::string garbage;
        for (int i = 0; i < round % 40; ++i) {
            seed = seed * 1664525u + 1013904223u;
            garbage.push_back(static_cast<char>(seed >> 24));
        }
        const s::FacetSlot back = s::unpack_facets(garbage);
        std::size_t bytes = back.published.size();
        for (const auto& names : back.names)
            for (const auto& n : names) bytes += n.name.size() + n.key.size();
        for (std::string_view v : back.mentioned) bytes += v.size();
        CHECK(bytes <= garbage.size());
    }
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
