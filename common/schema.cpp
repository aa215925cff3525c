#include "schema.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <set>

namespace depeche::schema {
namespace {

std::uint64_t fnv1a(std::string_view s) {
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}

long day_number(const PartialDate& d) {
    return days_from_civil(d.year, d.month, d.day);
}

DayRange days_of(const PartialDate& d) {
    if (d.month == 0) return {{d.year, 1, 1}, {d.year, 12, 31}};
    if (d.day == 0) return {{d.year, d.month, 1}, {d.year, d.month, days_in_month(d.year, d.month)}};
    return {d, d};
}

bool parse_int(std::string_view s, int& out) {
    if (s.empty() || s.size() > 4) return false;
    int v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    out = v;
    return true;
}

// "2015-W03": ISO week (Monday to Sunday) of ISO year 2015.
std::optional<DayRange> iso_week_days(int year, int week) {
    if (week < 1 || week > 53) return std::nullopt;
    const long jan4 = days_from_civil(year, 1, 4);
    const long weekday = ((jan4 + 3) % 7 + 7) % 7;  // 0 = Monday (1970-01-01 was a Thursday)
    const long monday = jan4 - weekday + (week - 1) * 7;
    const PartialDate first = civil_from_days(monday);
    if (week == 53 && civil_from_days(monday + 3).year != year) return std::nullopt;
    return DayRange{first, civil_from_days(monday + 6)};
}

// The aligned blocks (whole years, whole months, single days) covering a range.
std::vector<PartialDate> blocks_of(const DayRange& range) {
    std::vector<PartialDate> blocks;
    long day = day_number(range.first);
    const long last = day_number(range.last);
    while (day <= last && blocks.size() < 100000) {
        const PartialDate d = civil_from_days(day);
        if (d.month == 1 && d.day == 1 && day_number({d.year, 12, 31}) <= last) {
            blocks.push_back({d.year, 0, 0});
            day = day_number({d.year, 12, 31}) + 1;
        } else if (d.day == 1 && day_number({d.year, d.month, days_in_month(d.year, d.month)}) <= last) {
            blocks.push_back({d.year, d.month, 0});
            day = day_number({d.year, d.month, days_in_month(d.year, d.month)}) + 1;
        } else {
            blocks.push_back(d);
            ++day;
        }
    }
    return blocks;
}

std::optional<DayRange> single_value_days(std::string_view v) {
    if (auto d = parse_iso_date(v)) return days_of(*d);
    int n = 0;
    // TIMEX3 decades ("197" = the 1970s) and centuries ("19" = 1900-1999).
    if (v.size() == 3 && parse_int(v, n) && n >= 100) return DayRange{{n * 10, 1, 1}, {n * 10 + 9, 12, 31}};
    if (v.size() == 2 && parse_int(v, n) && n >= 10) return DayRange{{n * 100, 1, 1}, {n * 100 + 99, 12, 31}};
    if (v.size() < 6 || v[4] != '-') return std::nullopt;
    int year = 0;
    if (!parse_int(v.substr(0, 4), year) || year < 1000) return std::nullopt;
    const char kind = v[5];
    if (kind == 'W' && parse_int(v.substr(6), n)) return iso_week_days(year, n);
    // The week-end of an ISO week ("2015-W03-WE"): its Saturday and Sunday.
    if (kind == 'W' && v.size() == 11 && v.substr(8) == "-WE" && parse_int(v.substr(6, 2), n)) {
        const auto week = iso_week_days(year, n);
        if (!week) return std::nullopt;
        return DayRange{civil_from_days(day_number(week->last) - 1), week->last};
    }
    if (kind == 'Q' && parse_int(v.substr(6), n) && n >= 1 && n <= 4)
        return DayRange{{year, 3 * n - 2, 1}, {year, 3 * n, days_in_month(year, 3 * n)}};
    if (kind == 'H' && parse_int(v.substr(6), n) && n >= 1 && n <= 2)  // half years
        return DayRange{{year, 6 * n - 5, 1}, {year, 6 * n, days_in_month(year, 6 * n)}};
    const std::string_view season = v.substr(5);
    // Meteorological seasons: spring March-May, summer June-August, autumn
    // September-November, winter December to February of the next year.
    if (season == "SP") return DayRange{{year, 3, 1}, {year, 5, 31}};
    if (season == "SU") return DayRange{{year, 6, 1}, {year, 8, 31}};
    if (season == "FA") return DayRange{{year, 9, 1}, {year, 11, 30}};
    if (season == "WI") return DayRange{{year, 12, 1}, {year + 1, 2, days_in_month(year + 1, 2)}};
    return std::nullopt;
}

// to_iso without snprintf for the dates terms hold (years 0..9999, valid
// months and days); anything else goes to to_iso itself.
std::string iso(const PartialDate& d) {
    if (d.year < 0 || d.year > 9999) return to_iso(d);
    char buf[10]{};  // every byte returned is written; {} quiets GCC's -Wmaybe-uninitialized
    const auto two = [&buf](std::size_t at, int v) {
        buf[at] = static_cast<char>('0' + v / 10);
        buf[at + 1] = static_cast<char>('0' + v % 10);
    };
    two(0, d.year / 100);
    two(2, d.year % 100);
    if (d.month < 1 || d.month > 12) return std::string(buf, 4);
    buf[4] = '-';
    two(5, d.month);
    if (d.day < 1 || d.day > 31) return std::string(buf, 7);
    buf[7] = '-';
    two(8, d.day);
    return std::string(buf, 10);
}

}  // namespace

const char* entity_prefix(EntityKind kind) {
    switch (kind) {
        case EntityKind::person:
            return kPerson;
        case EntityKind::place:
            return kPlace;
        case EntityKind::org:
            return kOrg;
        case EntityKind::date:
            return kMentioned;
    }
    return kPerson;
}

namespace {

void append_number(std::string& out, std::size_t n) {
    while (n >= 0x80) {
        out.push_back(static_cast<char>((n & 0x7f) | 0x80));
        n >>= 7;
    }
    out.push_back(static_cast<char>(n));
}

void append_string(std::string& out, std::string_view s) {
    append_number(out, s.size());
    out.append(s);
}

}  // namespace

// 64-bit ids and collisions: two distinct values of one list (persons,
// places, orgs, mentioned dates) with the same id would be counted as one,
// under the name seen first. Ids are well mixed (every input bit reaches
// every output bit through the final avalanche), so among n distinct values
// the chance of any collision is about n^2 / 2^65 (the birthday bound): for
// a million distinct names, more than a large archive holds, 3e-8; for ten
// million, 3e-6. Ids are not secret, so someone who chose the names of an
// archive's dispatches could make two collide; that merges two counts, it
// cannot read or write anything else.
std::uint64_t facet_id(std::string_view value) {
    constexpr std::uint64_t k1 = 0x87c37b91114253d5ull, k2 = 0x4cf5ad432745937full;
    const auto word = [](const unsigned char* p, std::size_t n) {  // n <= 8 bytes, little-endian
        std::uint64_t w = 0;
        if (n == 8) {
            std::memcpy(&w, p, 8);  // one load instead of a byte loop
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
            w = __builtin_bswap64(w);
#endif
            return w;
        }
        for (std::size_t b = n; b-- > 0;) w = w << 8 | p[b];
        return w;
    };
    const auto mix = [](std::uint64_t h, std::uint64_t w) {
        w *= k1;
        w = w << 31 | w >> 33;
        w *= k2;
        h ^= w;
        h = h << 27 | h >> 37;
        return h * 5 + 0x52dce729;
    };
    const auto* p = reinterpret_cast<const unsigned char*>(value.data());
    std::size_t n = value.size();
    // The length goes in first: "a" and "a\0" differ although their last
    // words, padded with zeros, do not.
    std::uint64_t h = 0x9e3779b97f4a7c15ull ^ (static_cast<std::uint64_t>(n) * k2);
    for (; n >= 8; p += 8, n -= 8) h = mix(h, word(p, 8));
    h = mix(h, word(p, n));
    return avalanche(h);
}

std::uint64_t avalanche(std::uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdull;
    k ^= k >> 33;
    k *= 0xc4ceb9fe1a85ec53ull;
    k ^= k >> 33;
    return k;
}

std::string pack_facets(const FacetSlot& facets) {
    // The values kept, in list order: at most kSpreadLimit names per kind
    // (the first ones, empty ones then left out, as the spread slots leave
    // them out), every non-empty mentioned value.
    std::vector<FacetSlot::Name> kept[kFacetLists];
    for (unsigned k = 0; k < 3; ++k) {
        const auto& names = facets.names[k];
        for (std::size_t i = 0; i < names.size() && i < kSpreadLimit; ++i)
            if (!names[i].name.empty()) kept[k].push_back(names[i]);
    }
    for (std::string_view v : facets.mentioned)
        if (!v.empty()) kept[kListMentioned].push_back({v, {}});
    std::string out;
    append_string(out, facets.published);
    for (const auto& list : kept) append_number(out, list.size());
    for (const auto& list : kept)
        for (const auto& value : list) {
            std::uint64_t id = facet_id(value.name);
            for (int b = 0; b < 8; ++b, id >>= 8) out.push_back(static_cast<char>(id & 0xff));
        }
    for (unsigned k = 0; k < kFacetLists; ++k)
        for (const auto& value : kept[k]) {
            append_string(out, value.name);
            if (k != kListMentioned) append_string(out, value.key);
        }
    return out;
}

void FacetSlotReader::seek(std::size_t value) {
    if (value < at_value_) {
        at_ = strings_;
        at_value_ = 0;
    }
    for (; at_value_ < value; ++at_value_) {
        string();
        if (at_value_ < first_[kListMentioned]) string();  // a name's key
    }
}

FacetSlot unpack_facets(std::string_view packed) {
    FacetSlot facets;
    FacetSlotReader in(packed);
    facets.published = in.published();
    for (unsigned k = 0; k < 3; ++k)
        for (std::size_t i = 0; i < in.size(FacetList(k)); ++i) facets.names[k].push_back(in.name(FacetList(k), i));
    for (std::size_t i = 0; i < in.size(kListMentioned); ++i) facets.mentioned.push_back(in.mentioned(i));
    return facets;
}

std::vector<std::uint64_t> facet_ids(std::string_view packed) {
    const FacetSlotReader in(packed);
    std::vector<std::uint64_t> ids;
    for (unsigned k = 0; k < kFacetLists; ++k)
        for (std::size_t i = 0; i < in.size(FacetList(k)); ++i) ids.push_back(in.id(FacetList(k), i));
    return ids;
}

std::string sortable_date(const PartialDate& date) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", date.year % 10000, date.month % 100, date.day % 100);
    return buf;
}

std::string make_term(std::string_view prefix, std::string_view value) {
    std::string term;
    make_term(term, prefix, value);
    return term;
}

void make_term(std::string& term, std::string_view prefix, std::string_view value) {
    // One resize and two copies into the buffer's room (a term per word of
    // every document comes through here).
    term.resize(prefix.size() + value.size());
    if (!prefix.empty()) std::memcpy(term.data(), prefix.data(), prefix.size());
    if (!value.empty()) std::memcpy(term.data() + prefix.size(), value.data(), value.size());
    if (term.size() <= kMaxTermBytes) return;
    char hash[24];
    std::snprintf(hash, sizeof hash, "#%016llx", static_cast<unsigned long long>(fnv1a(term)));
    std::size_t cut = kMaxTermBytes - 17;
    while (cut > 0 && (static_cast<unsigned char>(term[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
    term.resize(cut);
    term += hash;
}

std::optional<DayRange> timex_days(std::string_view value) {
    const auto slash = value.find('/');
    if (slash == std::string_view::npos) return single_value_days(value);
    auto a = single_value_days(value.substr(0, slash));
    auto b = single_value_days(value.substr(slash + 1));
    if (!a || !b || day_number(b->last) < day_number(a->first)) return std::nullopt;
    return DayRange{a->first, b->last};
}

std::vector<std::string> period_terms(std::string_view value, std::string_view exact_prefix,
                                      std::string_view contained_prefix) {
    std::vector<std::string> terms;
    append_period_terms(terms, value, exact_prefix, contained_prefix);
    return terms;
}

void append_period_terms(std::vector<std::string>& terms, std::string_view value, std::string_view exact_prefix,
                         std::string_view contained_prefix) {
    const auto range = timex_days(value);
    if (!range) return;
    // The contained terms in the order and without the repeats of a
    // std::set<std::string>, from one sorted vector (cheaper: every document
    // indexes its publication date this way).
    const std::vector<PartialDate> blocks = blocks_of(*range);
    std::vector<std::string> contained;
    contained.reserve(3 * blocks.size());
    for (const PartialDate& b : blocks) {
        terms.push_back(make_term(exact_prefix, iso(b)));
        contained.push_back(iso({b.year, 0, 0}));
        if (b.month) contained.push_back(iso({b.year, b.month, 0}));
        if (b.day) contained.push_back(iso(b));
    }
    std::sort(contained.begin(), contained.end());
    contained.erase(std::unique(contained.begin(), contained.end()), contained.end());
    for (const auto& c : contained) terms.push_back(make_term(contained_prefix, c));
}

Xapian::Query period_query(const DayRange& range, std::string_view exact_prefix, std::string_view contained_prefix) {
    std::vector<Xapian::Query> parts;
    std::set<std::string> enclosing;
    for (const PartialDate& b : blocks_of(range)) {
        parts.emplace_back(make_term(contained_prefix, to_iso(b)));
        if (b.month) enclosing.insert(to_iso({b.year, 0, 0}));
        if (b.day) enclosing.insert(to_iso({b.year, b.month, 0}));
    }
    for (const auto& e : enclosing) parts.emplace_back(make_term(exact_prefix, e));
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

}  // namespace depeche::schema
