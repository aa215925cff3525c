#include "facets.hpp"

#include <algorithm>
#include <cstring>
#include <functional>

#include "entity.hpp"
#include "schema.hpp"

namespace depeche {
namespace {

// (value, count) pairs, the values distinct; views into the spy or the map
// that holds them.
using Tally = std::vector<std::pair<std::string_view, Xapian::doccount>>;

// By count (descending) then value: a total order, as values are distinct.
// Only the `limit` first are sorted and copied (partial_sort gives them as a
// whole sort would): a facet of a large match set has tens of thousands of
// values and shows ten.
std::vector<FacetCount> sorted(Tally entries, std::size_t limit) {
    const auto before = [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    };
    const std::size_t shown = limit && limit < entries.size() ? limit : entries.size();
    std::partial_sort(entries.begin(), entries.begin() + static_cast<std::ptrdiff_t>(shown), entries.end(), before);
    std::vector<FacetCount> out;
    out.reserve(shown);
    for (std::size_t i = 0; i < shown; ++i) out.push_back({std::string(entries[i].first), entries[i].second});
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

// How many bytes of a "YYYYMMDD" date id tell its period at `g`.
std::size_t period_bytes(DateGranularity g) {
    return length_for(g) == 4 ? 4 : length_for(g) == 7 ? 6 : 8;
}

// How many bytes of `s` are not ASCII: "Élysée" has more than "Elysée".
std::size_t non_ascii(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0x80) != 0; }));
}

// Spellings of one name across dispatches ("Édouard Philippe", "Edouard
// Philippe") share an entity key: count them as one value, shown in the
// spelling that keeps the most accents (then the first in byte order), a
// choice that depends on neither the query, the indexing order nor the order
// of `names`. Keys are told apart by their ids (schema::facet_id), as the
// spies count names (64-bit ids: see facet_id for why collisions are
// negligible).
Tally merged_by_key(const std::vector<NameTally>& names) {
    Tally merged;
    merged.reserve(names.size());
    // non_ascii of each shown spelling, counted only when a second spelling
    // of its key comes (most keys have one: reading every name's bytes cost
    // more than the rest of the merge).
    constexpr std::size_t kUncounted = SIZE_MAX;
    std::vector<std::size_t> accents;
    accents.reserve(names.size());
    IdTable at(names.size());  // key id -> index in merged
    for (const NameTally& n : names) {
        bool added = false;
        const std::uint32_t m = at.index(n.key_id, added);
        if (added) {
            merged.emplace_back(n.name, n.count);
            accents.push_back(kUncounted);
            continue;
        }
        auto& [shown, total] = merged[m];
        total += n.count;
        if (accents[m] == kUncounted) accents[m] = non_ascii(shown);
        const std::size_t a = non_ascii(n.name);
        if (a > accents[m] || (a == accents[m] && n.name < shown)) {
            shown = n.name;
            accents[m] = a;
        }
    }
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

std::string published_facet_value(std::uint64_t key, DateGranularity granularity) {
    // Only the period's bytes count ("YYYYMM" at month granularity): a date
    // and its month give one value, however the day reads.
    char bytes[sizeof key];
    std::memcpy(bytes, &key, sizeof key);
    std::memset(bytes + period_bytes(granularity), '0', sizeof bytes - period_bytes(granularity));
    const std::string date_id(bytes, sizeof bytes);
    const PartialDate d{std::stoi(date_id.substr(0, 4)), std::stoi(date_id.substr(4, 2)),
                        std::stoi(date_id.substr(6, 2))};
    return date_facet_value(to_iso(d), granularity);
}

Facets facets_of(FacetTallies tallies, std::size_t limit) {
    Facets out;
    std::vector<FacetCount>* into[] = {&out.person, &out.place, &out.org};
    for (std::size_t k = 0; k < 3; ++k) *into[k] = sorted(merged_by_key(tallies.names[k]), limit);
    out.date = sorted(std::move(tallies.date), limit);
    out.mentioned = sorted(std::move(tallies.mentioned), limit);
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

StringIds::StringIds() : table_(64, 0) {}

namespace {

// A word-at-a-time multiplicative hash. Every value of every match is hashed
// (names and dates, some 14 a match, mostly under 32 bytes): std::hash's
// Murmur cost about 67 instructions a value, 44% of each lookup.
std::size_t hash_of(std::string_view s) {
    constexpr std::uint64_t k = 0x9e3779b97f4a7c15ull;
    std::uint64_t h = s.size() * k;
    const char* p = s.data();
    std::size_t n = s.size();
    const auto load = [](const char* at, std::size_t bytes) {
        std::uint64_t word = 0;
        std::memcpy(&word, at, bytes);
        return word;
    };
    for (; n > 8; p += 8, n -= 8) {
        h = (h ^ load(p, 8)) * k;
        h ^= h >> 32;
    }
    // The last bytes in at most two loads, overlapping what was hashed (the
    // length is in h): a byte loop here cost more than the rest of the hash.
    std::uint64_t tail = 0;
    if (s.size() >= 8)
        tail = load(s.data() + s.size() - 8, 8);
    else if (n >= 4)
        tail = load(p, 4) | load(p + n - 4, 4) << 32;
    else if (n > 0)
        tail = static_cast<unsigned char>(p[0]) | std::uint64_t(static_cast<unsigned char>(p[n / 2])) << 8 |
               std::uint64_t(static_cast<unsigned char>(p[n - 1])) << 16;
    h = (h ^ tail) * k;
    // The table indexes by the low bits: fold the high ones in.
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 32;
    return static_cast<std::size_t>(h);
}

}  // namespace

std::uint32_t StringIds::id(std::string_view s, bool& added) {
    const std::size_t hash = hash_of(s);
    const std::size_t mask = table_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
        const std::uint32_t at = table_[i];
        if (at == 0) {
            added = true;
            entries_.push_back({hash, bytes_.size(), s.size()});
            bytes_.append(s);
            table_[i] = static_cast<std::uint32_t>(entries_.size());
            if (2 * entries_.size() > table_.size()) grow();
            return static_cast<std::uint32_t>(entries_.size() - 1);
        }
        const Entry& e = entries_[at - 1];
        if (e.hash == hash && e.size == s.size() && std::memcmp(bytes_.data() + e.offset, s.data(), s.size()) == 0) {
            added = false;
            return at - 1;
        }
    }
}

void StringIds::grow() {
    table_.assign(2 * table_.size(), 0);
    const std::size_t mask = table_.size() - 1;
    for (std::size_t n = 0; n < entries_.size(); ++n) {
        std::size_t i = entries_[n].hash & mask;
        while (table_[i] != 0) i = (i + 1) & mask;
        table_[i] = static_cast<std::uint32_t>(n + 1);
    }
}

IdTable::IdTable(std::size_t expected) {
    // Twice as many slots as ids, as add() keeps them: no rehash on the way.
    std::size_t slots = 64;
    while (slots < 2 * expected) slots *= 2;
    slots_.assign(slots, Slot{0, 0});
}

std::uint32_t IdTable::add(Slot& slot, std::uint64_t id, bool& added) {
    added = true;
    slot = {id, ++size_};
    if (2 * size_ > slots_.size()) {
        std::vector<Slot> old(2 * slots_.size(), Slot{0, 0});
        old.swap(slots_);
        const std::size_t mask = slots_.size() - 1;
        for (const Slot& s : old) {
            if (s.number == 0) continue;
            std::size_t i = static_cast<std::size_t>(s.id) & mask;
            while (slots_[i].number != 0) i = (i + 1) & mask;
            slots_[i] = s;
        }
    }
    return size_ - 1;
}

void FacetSpy::count_mentioned(schema::FacetSlotReader& slot) {
    // Each distinct facet value once per document (mentioned_facet_values),
    // the first kSpreadLimit of them in sorted order. Raw values are
    // distinct, but several can fall in one facet value (2015-01-15 and
    // 2015-01-20 in 2015-01 at month granularity): a facet value is taken
    // once a match, by the match number it last saw.
    if (++match_ == 0) {  // wrapped: forget every mark
        std::fill(last_seen_.begin(), last_seen_.end(), 0);
        match_ = 1;
    }
    seen_.clear();
    const std::size_t n = slot.size(schema::kListMentioned);
    for (std::size_t i = 0; i < n; ++i) {
        bool added = false;
        const std::uint32_t raw = raw_mentioned_.index(slot.id(schema::kListMentioned, i), added);
        if (added) {
            const std::uint32_t id = mentioned_.id(date_facet_value(slot.mentioned(i), granularity_), added);
            if (added) {
                mentioned_counts_.push_back(0);
                last_seen_.push_back(0);
            }
            mentioned_of_raw_.push_back(id);
        }
        const std::uint32_t id = mentioned_of_raw_[raw];
        if (last_seen_[id] == match_) continue;
        last_seen_[id] = match_;
        seen_.push_back(id);
    }
    if (seen_.size() > schema::kSpreadLimit) {
        std::sort(seen_.begin(), seen_.end(), [this](auto a, auto b) { return mentioned_[a] < mentioned_[b]; });
        seen_.resize(schema::kSpreadLimit);
    }
    for (const std::uint32_t id : seen_) ++mentioned_counts_[id];
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
    FacetTallies tallies;
    for (std::size_t k = 0; k < 3; ++k)
        for (const auto& [name, count] : counts[k])
            tallies.names[k].push_back({name, schema::facet_id(entity_key(name)), count});
    tallies.date.assign(counts[3].begin(), counts[3].end());
    tallies.mentioned.assign(counts[4].begin(), counts[4].end());
    return facets_of(std::move(tallies), limit);
}

void FacetSpy::operator()(const Xapian::Document& doc, double) {
    const std::string packed = doc.get_value(schema::kSlotFacets);
    schema::FacetSlotReader slot(packed);
    const std::string_view published = slot.published();
    bool added = false;
    if (published.size() == 8) {
        std::uint64_t key;
        std::memcpy(&key, published.data(), sizeof key);
        const std::uint32_t n = dates_.index(schema::avalanche(key), added);
        if (added) {
            date_keys_.push_back(key);
            date_counts_.push_back(0);
        }
        ++date_counts_[n];
    }
    for (unsigned k = 0; k < 3; ++k) {
        // Names are distinct already (names_of), at most kSpreadLimit, none
        // empty (pack_facets).
        Names& names = names_[k];
        const auto list = static_cast<schema::FacetList>(k);
        const std::size_t n = slot.size(list);
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint32_t id = names.ids.index(slot.id(list, i), added);
            if (added) {
                const schema::FacetSlot::Name name = slot.name(list, i);
                names.bytes.append(name.name);
                names.ends.push_back(static_cast<std::uint32_t>(names.bytes.size()));
                names.key_ids.push_back(schema::facet_id(name.key));
                names.counts.push_back(0);
            }
            ++names.counts[id];
        }
    }
    count_mentioned(slot);
}

Facets FacetSpy::result(std::size_t limit) const {
    // The publication date's facet value is a function of the first 8 bytes
    // of the date id ("YYYYMMDD"): counts by those bytes add up by value.
    // At year granularity only "YYYY" matters, at month "YYYYMM": counts
    // added up by those bytes first format a few hundred dates, not every day
    // of the archive (to_iso's snprintf was 14M instructions on 100k dispatches).
    const std::size_t kept = period_bytes(granularity_);
    std::unordered_map<std::uint64_t, Xapian::doccount> by_period;
    for (std::size_t n = 0; n < date_keys_.size(); ++n) {
        const std::uint64_t key = date_keys_[n];
        const Xapian::doccount count = date_counts_[n];
        char bytes[sizeof key];
        std::memcpy(bytes, &key, sizeof key);
        std::memset(bytes + kept, '0', sizeof bytes - kept);
        std::uint64_t period;
        std::memcpy(&period, bytes, sizeof period);
        by_period[period] += count;
    }
    std::unordered_map<std::string, Xapian::doccount> date;
    for (const auto& [key, count] : by_period) date[published_facet_value(key, granularity_)] += count;
    FacetTallies tallies;
    for (std::size_t k = 0; k < 3; ++k) {
        const Names& names = names_[k];
        tallies.names[k].reserve(names.counts.size());
        for (std::uint32_t n = 0; n < names.counts.size(); ++n)
            tallies.names[k].push_back({names[n], names.key_ids[n], names.counts[n]});
    }
    tallies.date.assign(date.begin(), date.end());
    tallies.mentioned.reserve(mentioned_counts_.size());
    for (std::uint32_t id = 0; id < mentioned_counts_.size(); ++id)
        if (mentioned_counts_[id]) tallies.mentioned.emplace_back(mentioned_[id], mentioned_counts_[id]);
    return facets_of(std::move(tallies), limit);
}

}  // namespace depeche
