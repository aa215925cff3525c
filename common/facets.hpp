#pragma once
// Exact facet counts over a whole match set, for multi-valued fields.

#include <xapian.h>

#include <array>
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
    void count_packed(const std::string& packed, Counts& counts, bool dates);

    DateGranularity granularity_;
    Counts person_, place_, org_, date_, mentioned_;
    std::vector<std::string> seen_;  // distinct values of the current document
};

}  // namespace depeche
