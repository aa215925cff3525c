#pragma once
// Exact facet counts over a whole match set, for multi-valued fields.

#include <xapian.h>

#include "schema.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace depeche {

enum class DateGranularity { year, month, day };

/// One facet value and the number of matching dispatches that have it.
struct FacetCount {
    std::string value;
    Xapian::doccount count = 0;
    bool operator==(const FacetCount& o) const { return value == o.value && count == o.count; }
};

/// The facets of a search, each sorted by count (descending) then value.
struct Facets {
    std::vector<FacetCount> person, place, org, date, mentioned;
};

/// "2015-01-15" at month granularity -> "2015-01"; values less precise than
/// the granularity keep their own precision. Weeks, quarters, seasons and
/// spans count under the period of their first day.
std::string date_facet_value(std::string_view timex_value, DateGranularity granularity);

/// The distinct facet values of mentioned dates at `granularity`, sorted: what
/// a document counts once each in the "mentioned" facet.
std::vector<std::string> mentioned_facet_values(const std::vector<std::string_view>& values,
                                                DateGranularity granularity);

/// The spread facet (schema::SpreadFacet) of a date facet at a granularity.
schema::SpreadFacet published_facet(DateGranularity granularity);
schema::SpreadFacet mentioned_facet(DateGranularity granularity);

/// A match spy that counts, for every document of the match set, each
/// distinct person, place and organisation (packed value slots), its
/// publication date and each distinct mentioned date at `granularity`.
/// Give it to Enquire::add_matchspy and ask get_mset for checkatleast =
/// the document count, so that every match is seen and the counts are exact.
class FacetSpy : public Xapian::MatchSpy {
public:
    explicit FacetSpy(DateGranularity granularity) : granularity_(granularity) {}
    void operator()(const Xapian::Document& doc, double weight) override;
    std::string name() const override { return "depeche::FacetSpy"; }

    /// The counts, `limit` values per facet at most (0: all).
    Facets result(std::size_t limit) const;

private:
    using Counts = std::unordered_map<std::string, Xapian::doccount>;
    void count_names(const std::string& packed, Counts& counts);
    void count_mentioned(const std::string& packed);

    DateGranularity granularity_;
    Counts person_, place_, org_, mentioned_;
    // Per match, the spy must not allocate: names are looked up through one
    // reused key buffer, publication dates are counted by the 8 bytes of
    // their sortable form (turned into facet values once, in result()), and
    // each raw mentioned value is turned into its facet value once per spy.
    std::string key_;
    std::unordered_map<std::uint64_t, Xapian::doccount> date_ids_;
    std::unordered_map<std::string, std::string> mentioned_values_;
    std::vector<const std::string*> seen_;
};

/// The same counts as FacetSpy, from Xapian's built-in ValueCountMatchSpy,
/// one per spread slot in use (schema::spread_slot): the way facets work
/// through the stock xapian-tcpsrv, which rejects custom spies. Slower per
/// match than FacetSpy: depeche uses it only where FacetSpy cannot go.
class BuiltinFacetSpies {
public:
    /// Finds the spread slots `db` uses (its value statistics).
    BuiltinFacetSpies(const Xapian::Database& db, DateGranularity granularity);
    /// Adds every spy to `enquire`; they must outlive its get_mset.
    void attach(Xapian::Enquire& enquire);
    Facets result(std::size_t limit) const;

private:
    enum class Target { person, place, org, date, mentioned };
    std::vector<std::pair<Target, std::unique_ptr<Xapian::ValueCountMatchSpy>>> spies_;
};

}  // namespace depeche
