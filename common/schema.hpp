#pragma once
// The Xapian schema: every term prefix and value slot depeche uses is named
// here and nowhere else. See ARCHITECTURE.md for the table.

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dates.hpp"
#include "entity.hpp"

namespace depeche::schema {

// ---- versions (recorded in the database metadata) ---------------------------
/// Increase when terms, slots or the stored record change meaning.
inline constexpr int version = 2;
inline constexpr const char* kSchemaKey = "depeche.schema";
inline constexpr const char* kAnalyserKey = "depeche.analyser";
inline constexpr const char* kLexiconsKey = "depeche.lexicons";

// ---- term prefixes ----------------------------------------------------------
// The folded surface word has no prefix and carries positions.
inline constexpr const char* kStem = "Z";           ///< folded stem, no positions: Zsecurit
inline constexpr const char* kId = "Q";             ///< unique id: Qdep-1f2e...
inline constexpr const char* kPerson = "XP";        ///< entity_key of a person: XPphilip hammond
inline constexpr const char* kPlace = "XL";         ///< XLlondres
inline constexpr const char* kOrg = "XO";           ///< XOetat islamique
inline constexpr const char* kPublished = "XD";     ///< publication period and its ancestors: XD2022, XD2022-03
inline constexpr const char* kPublishedAs = "XDE";  ///< publication period at its own precision: XDE2022-03
inline constexpr const char* kMentioned = "XM";     ///< a mentioned date and its ancestors: XM2021
inline constexpr const char* kMentionedAs = "XME";  ///< a mentioned date at its own precision

/// The boolean prefix of an entity kind (person, place, org).
const char* entity_prefix(EntityKind kind);

// ---- value slots ------------------------------------------------------------
enum Slot : Xapian::valueno {
    kSlotId = 0,       ///< the id: ties in relevance are broken by it
    kSlotDateId = 1,   ///< "YYYYMMDD" (00 for unknown parts) then the id: date sorts
    kSlotPersons = 2,  ///< packed canonical names (see pack_values)
    kSlotPlaces = 3,
    kSlotOrgs = 4,
    kSlotMentioned = 5,  ///< packed TIMEX3 values of the dates mentioned
};
/// The packed slot of an entity kind.
Xapian::valueno entity_slot(EntityKind kind);

/// Facet values spread one per slot, for Xapian's built-in
/// ValueCountMatchSpy: the only spy the stock xapian-tcpsrv knows (it
/// rejects custom ones), and it counts one value per slot. The i-th value of
/// a facet (0-based) is in slot spread_slot(facet, i). Dates are stored at
/// each granularity, as the facets show them.
enum class SpreadFacet {
    person,
    place,
    org,
    published_year,
    published_month,
    published_day,
    mentioned_year,
    mentioned_month,
    mentioned_day,
};
/// At most this many values of one facet per document are spread (and
/// counted, by either spy).
inline constexpr unsigned kSpreadLimit = 1000;
inline Xapian::valueno spread_slot(SpreadFacet facet, unsigned i) {
    return 1000 * (static_cast<Xapian::valueno>(facet) + 1) + i;
}

/// The byte between the values packed in one slot: U+001F, which names never hold.
inline constexpr char kPackedSeparator = '\x1f';

/// Several values in one slot, separated by kPackedSeparator.
std::string pack_values(const std::vector<std::string>& values);
std::vector<std::string_view> unpack_values(std::string_view packed);

/// "YYYYMMDD" with 00 for unknown month or day: sorts chronologically.
std::string sortable_date(const PartialDate& date);

// ---- terms ------------------------------------------------------------------
/// Xapian rejects terms over this many bytes.
inline constexpr std::size_t kMaxTermBytes = 245;

/// Xapian rejects terms over kMaxTermBytes: longer ones are cut at a UTF-8
/// boundary and end with a hash of the whole, the same at index and query time.
std::string make_term(std::string_view prefix, std::string_view value);
/// The same term written into `out` (replacing its contents): a buffer reused
/// across the terms of a document allocates once, not once per term.
/// `prefix` and `value` must not view `out`.
void make_term(std::string& out, std::string_view prefix, std::string_view value);

/// Inclusive range of days, as partial dates with day precision.
struct DayRange {
    PartialDate first;
    PartialDate last;
};

/// The days a TIMEX3 value covers ("2015" -> 2015-01-01..2015-12-31,
/// "2015-W03", "2015-Q1", "2015-SU", "A/B" spans); nullopt when it is not
/// a calendar value.
std::optional<DayRange> timex_days(std::string_view value);

/// Terms that index a period (publication or mentioned date, `exact_prefix`
/// and `contained_prefix` being XDE/XD or XME/XM): the aligned blocks that
/// cover the value's days (years, months, days), each at its own precision
/// with `exact_prefix`, and with `contained_prefix` for itself and each
/// enclosing month and year. "2015-05-03/2015-05-04" ->
/// XME2015-05-03 XME2015-05-04 XM2015 XM2015-05 XM2015-05-03 XM2015-05-04.
std::vector<std::string> period_terms(std::string_view value, std::string_view exact_prefix,
                                      std::string_view contained_prefix);
/// The same terms appended to `out` (nothing when the value is not a
/// calendar value).
void append_period_terms(std::vector<std::string>& out, std::string_view value, std::string_view exact_prefix,
                         std::string_view contained_prefix);

/// A query matching every period that overlaps [range.first, range.last]:
/// periods inside one of its blocks (contained terms) or less precise
/// periods that enclose a block (exact terms of the enclosing month or year).
Xapian::Query period_query(const DayRange& range, std::string_view exact_prefix, std::string_view contained_prefix);

}  // namespace depeche::schema
