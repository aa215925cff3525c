#include "facets.hpp"

#include <algorithm>

#include "entity.hpp"
#include "schema.hpp"

namespace depeche {
namespace {

std::vector<FacetCount> sorted(const std::unordered_map<std::string, Xapian::doccount>& counts, std::size_t limit) {
    std::vector<FacetCount> out;
    out.reserve(counts.size());
    for (const auto& [value, count] : counts) out.push_back({value, count});
    std::sort(out.begin(), out.end(), [](const FacetCount& a, const FacetCount& b) {
        return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
    if (limit && out.size() > limit) out.resize(limit);
    return out;
}

std::size_t length_for(DateGranularity g) {
    switch (g) {
        case DateGranularity::year:
            return 4;
        case DateGranularity::month:
            return 7;
        case DateGranularity::day:
            return 10;
    }
    return 7;
}

// How many bytes of `s` are not ASCII: "Élysée" has more than "Elysée".
std::size_t non_ascii(const std::string& s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0x80) != 0; }));
}

// Spellings of one name across dispatches ("Édouard Philippe", "Edouard
// Philippe") share an entity key: count them as one value, shown in the
// spelling that keeps the most accents (then the first in byte order), a
// choice that depends on neither the query nor the indexing order.
std::unordered_map<std::string, Xapian::doccount> merged_by_key(
    const std::unordered_map<std::string, Xapian::doccount>& counts) {
    std::unordered_map<std::string, std::pair<std::string, Xapian::doccount>> by_key;
    for (const auto& [name, count] : counts) {
        auto& [shown, total] = by_key[entity_key(name)];
        total += count;
        if (shown.empty() || non_ascii(name) > non_ascii(shown) ||
            (non_ascii(name) == non_ascii(shown) && name < shown))
            shown = name;
    }
    std::unordered_map<std::string, Xapian::doccount> merged;
    for (const auto& [key, entry] : by_key) merged[entry.first] = entry.second;
    return merged;
}

}  // namespace

std::string date_facet_value(std::string_view value, DateGranularity granularity) {
    std::string iso(value);
    const bool plain = parse_iso_date(value).has_value();
    if (!plain) {
        const auto days = schema::timex_days(value);
        if (!days) return iso;
        iso = to_iso(days->first);
    }
    const std::size_t length = length_for(granularity);
    if (iso.size() > length) iso.resize(length);
    return iso;
}

std::vector<std::string> mentioned_facet_values(const std::vector<std::string_view>& values,
                                                DateGranularity granularity) {
    std::vector<std::string> out;
    for (std::string_view v : values) out.push_back(date_facet_value(v, granularity));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

schema::SpreadFacet published_facet(DateGranularity g) {
    switch (g) {
        case DateGranularity::year:
            return schema::SpreadFacet::published_year;
        case DateGranularity::month:
            return schema::SpreadFacet::published_month;
        case DateGranularity::day:
            return schema::SpreadFacet::published_day;
    }
    return schema::SpreadFacet::published_month;
}

schema::SpreadFacet mentioned_facet(DateGranularity g) {
    switch (g) {
        case DateGranularity::year:
            return schema::SpreadFacet::mentioned_year;
        case DateGranularity::month:
            return schema::SpreadFacet::mentioned_month;
        case DateGranularity::day:
            return schema::SpreadFacet::mentioned_day;
    }
    return schema::SpreadFacet::mentioned_month;
}

void FacetSpy::count_packed(const std::string& packed, Counts& counts, bool dates) {
    if (packed.empty()) return;
    const std::vector<std::string_view> values = schema::unpack_values(packed);
    if (dates) {
        const std::vector<std::string> seen = mentioned_facet_values(values, granularity_);
        for (std::size_t i = 0; i < seen.size() && i < schema::kSpreadLimit; ++i) ++counts[seen[i]];
    } else {
        // Names are packed distinct already (names_of).
        for (std::size_t i = 0; i < values.size() && i < schema::kSpreadLimit; ++i) ++counts[std::string(values[i])];
    }
}

BuiltinFacetSpies::BuiltinFacetSpies(const Xapian::Database& db, DateGranularity granularity) {
    auto add = [&](Target target, schema::SpreadFacet facet) {
        for (unsigned i = 0; i < schema::kSpreadLimit; ++i) {
            const Xapian::valueno slot = schema::spread_slot(facet, i);
            if (db.get_value_freq(slot) == 0) break;
            spies_.emplace_back(target, std::make_unique<Xapian::ValueCountMatchSpy>(slot));
        }
    };
    add(Target::person, schema::SpreadFacet::person);
    add(Target::place, schema::SpreadFacet::place);
    add(Target::org, schema::SpreadFacet::org);
    add(Target::date, published_facet(granularity));
    add(Target::mentioned, mentioned_facet(granularity));
}

void BuiltinFacetSpies::attach(Xapian::Enquire& enquire) {
    for (auto& [target, spy] : spies_) enquire.add_matchspy(spy.get());
}

Facets BuiltinFacetSpies::result(std::size_t limit) const {
    std::unordered_map<std::string, Xapian::doccount> counts[5];
    for (const auto& [target, spy] : spies_) {
        auto& into = counts[static_cast<int>(target)];
        for (auto it = spy->values_begin(); it != spy->values_end(); ++it) into[*it] += it.get_termfreq();
    }
    return {sorted(merged_by_key(counts[0]), limit), sorted(merged_by_key(counts[1]), limit),
            sorted(merged_by_key(counts[2]), limit), sorted(counts[3], limit), sorted(counts[4], limit)};
}

void FacetSpy::operator()(const Xapian::Document& doc, double) {
    count_packed(doc.get_value(schema::kSlotPersons), person_, false);
    count_packed(doc.get_value(schema::kSlotPlaces), place_, false);
    count_packed(doc.get_value(schema::kSlotOrgs), org_, false);
    count_packed(doc.get_value(schema::kSlotMentioned), mentioned_, true);
    const std::string date_id = doc.get_value(schema::kSlotDateId);
    if (date_id.size() >= 8) {
        PartialDate d{std::stoi(date_id.substr(0, 4)), std::stoi(date_id.substr(4, 2)),
                      std::stoi(date_id.substr(6, 2))};
        ++date_[date_facet_value(to_iso(d), granularity_)];
    }
}

Facets FacetSpy::result(std::size_t limit) const {
    return {sorted(merged_by_key(person_), limit), sorted(merged_by_key(place_), limit),
            sorted(merged_by_key(org_), limit), sorted(date_, limit), sorted(mentioned_, limit)};
}

}  // namespace depeche
