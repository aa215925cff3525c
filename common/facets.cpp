#include "facets.hpp"

#include <algorithm>
#include <cstring>

#include "entity.hpp"
#include "schema.hpp"

namespace depeche {
namespace {

// By count (descending) then value: a total order, as values are distinct.
// Only the `limit` first are sorted and copied (partial_sort gives them as a
// whole sort would): a facet of a large match set has tens of thousands of
// values and shows ten.
std::vector<FacetCount> sorted(const std::unordered_map<std::string, Xapian::doccount>& counts, std::size_t limit) {
    using Entry = const std::pair<const std::string, Xapian::doccount>*;
    std::vector<Entry> entries;
    entries.reserve(counts.size());
    for (const auto& entry : counts) entries.push_back(&entry);
    const auto before = [](Entry a, Entry b) {
        return a->second != b->second ? a->second > b->second : a->first < b->first;
    };
    const std::size_t shown = limit && limit < entries.size() ? limit : entries.size();
    std::partial_sort(entries.begin(), entries.begin() + static_cast<std::ptrdiff_t>(shown), entries.end(), before);
    std::vector<FacetCount> out;
    out.reserve(shown);
    for (std::size_t i = 0; i < shown; ++i) out.push_back({entries[i]->first, entries[i]->second});
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

namespace {

using schema::kPackedSeparator;

// Calls f(value) for each value of a packed slot (schema::pack_values), at
// most schema::kSpreadLimit of them, without the vector of unpack_values.
template <typename F>
void for_each_packed(std::string_view packed, F&& f) {
    for (unsigned n = 0; n < schema::kSpreadLimit; ++n) {
        const auto cut = packed.find(kPackedSeparator);
        f(packed.substr(0, cut));
        if (cut == std::string_view::npos) break;
        packed.remove_prefix(cut + 1);
    }
}

// ++counts[key], allocating only when the key is new.
void add_one(std::unordered_map<std::string, Xapian::doccount>& counts, const std::string& key) {
    const auto it = counts.find(key);
    if (it == counts.end())
        counts.emplace(key, 1);
    else
        ++it->second;
}

}  // namespace

void FacetSpy::count_names(const std::string& packed, Counts& counts) {
    if (packed.empty()) return;
    // Names are packed distinct already (names_of).
    for_each_packed(packed, [&](std::string_view name) {
        key_.assign(name);
        add_one(counts, key_);
    });
}

void FacetSpy::count_mentioned(const std::string& packed) {
    if (packed.empty()) return;
    // Each distinct facet value once per document (mentioned_facet_values),
    // the first kSpreadLimit of them in sorted order.
    seen_.clear();
    std::string_view rest(packed);
    while (true) {
        const auto cut = rest.find(kPackedSeparator);
        const std::string_view raw = rest.substr(0, cut);
        key_.assign(raw);
        auto it = mentioned_values_.find(key_);
        if (it == mentioned_values_.end())
            it = mentioned_values_.emplace(key_, date_facet_value(raw, granularity_)).first;
        seen_.push_back(&it->second);
        if (cut == std::string_view::npos) break;
        rest.remove_prefix(cut + 1);
    }
    const auto less = [](const std::string* a, const std::string* b) { return *a < *b; };
    const auto same = [](const std::string* a, const std::string* b) { return *a == *b; };
    std::sort(seen_.begin(), seen_.end(), less);
    seen_.erase(std::unique(seen_.begin(), seen_.end(), same), seen_.end());
    for (std::size_t i = 0; i < seen_.size() && i < schema::kSpreadLimit; ++i) add_one(mentioned_, *seen_[i]);
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
    count_names(doc.get_value(schema::kSlotPersons), person_);
    count_names(doc.get_value(schema::kSlotPlaces), place_);
    count_names(doc.get_value(schema::kSlotOrgs), org_);
    count_mentioned(doc.get_value(schema::kSlotMentioned));
    const std::string date_id = doc.get_value(schema::kSlotDateId);
    if (date_id.size() >= 8) {
        std::uint64_t key;
        std::memcpy(&key, date_id.data(), sizeof key);
        ++date_ids_[key];
    }
}

Facets FacetSpy::result(std::size_t limit) const {
    // The publication date's facet value is a function of the first 8 bytes
    // of the date id ("YYYYMMDD"): counts by those bytes add up by value.
    Counts date;
    for (const auto& [key, count] : date_ids_) {
        char bytes[sizeof key];
        std::memcpy(bytes, &key, sizeof key);
        const std::string date_id(bytes, sizeof bytes);
        const PartialDate d{std::stoi(date_id.substr(0, 4)), std::stoi(date_id.substr(4, 2)),
                            std::stoi(date_id.substr(6, 2))};
        date[date_facet_value(to_iso(d), granularity_)] += count;
    }
    return {sorted(merged_by_key(person_), limit), sorted(merged_by_key(place_), limit),
            sorted(merged_by_key(org_), limit), sorted(date, limit), sorted(mentioned_, limit)};
}

}  // namespace depeche
