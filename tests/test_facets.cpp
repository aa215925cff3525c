#include "facets.hpp"

#include <catch2/catch.hpp>

#include "schema.hpp"

using namespace depeche;
namespace s = depeche::schema;

namespace {

std::string show(const std::vector<FacetCount>& counts) {
    std::string out;
    for (const auto& c : counts) out += (out.empty() ? "" : ", ") + c.value + " (" + std::to_string(c.count) + ")";
    return out;
}

}  // namespace

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
        doc.add_value(s::kSlotPersons, s::pack_values(persons));
        doc.add_value(s::kSlotDateId, date + "id");
        doc.add_value(s::kSlotMentioned, s::pack_values(mentioned));
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
