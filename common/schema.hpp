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
inline constexpr int version = 3;
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
    kSlotId = 0,      ///< the id: ties in relevance are broken by it
    kSlotDateId = 1,  ///< "YYYYMMDD" (00 for unknown parts) then the id: date sorts
    kSlotFacets = 2,  ///< every facet value of the document, FacetSpy's one read per match (pack_facets)
};

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

/// What the facet slot holds. `published` is the first 8 bytes of the
/// sortable date ("YYYYMMDD"); names come with their entity_key, so that a
/// search merges spellings without running ICU; `mentioned` are the distinct
/// TIMEX3 values of the dates mentioned. At most kSpreadLimit names per kind
/// are kept (the first ones, as given): no spy counts more.
struct FacetSlot {
    struct Name {
        std::string_view name, key;
    };
    std::string_view published;
    std::vector<Name> names[3];  ///< person, place, org
    std::vector<std::string_view> mentioned;
};

/// The facet slot's bytes: `published`, then the lists (person, place, org,
/// mentioned) each as its length then its strings (a name, then its key),
/// every length and string size a LEB128 varint before the bytes. Lengths,
/// not separators: a read is a walk over the bytes with no search and no
/// copy, and no value can hold a byte that cuts it.
std::string pack_facets(const FacetSlot& facets);

/// Reads the facet slot's fields in the order pack_facets wrote them, as
/// views into `packed` (which must outlive them). A malformed or truncated
/// slot reads as empty strings and zero counts: it never reads past the end.
class FacetSlotReader {
public:
    explicit FacetSlotReader(std::string_view packed) : at_(packed.data()), end_(packed.data() + packed.size()) {}
    /// The next string (the date, a name, a key or a mentioned value).
    std::string_view string() {
        const std::size_t n = number();
        if (n > static_cast<std::size_t>(end_ - at_)) {
            at_ = end_;
            return {};
        }
        const char* s = at_;
        at_ += n;
        return {s, n};
    }
    /// True once every byte is read.
    bool done() const { return at_ == end_; }
    /// The next list length.
    std::size_t number() {
        std::size_t n = 0;
        for (unsigned shift = 0; at_ != end_ && shift < 64; shift += 7) {
            const auto byte = static_cast<unsigned char>(*at_++);
            n |= static_cast<std::size_t>(byte & 0x7f) << shift;
            if (!(byte & 0x80)) return n;
        }
        at_ = end_;  // truncated: nothing more to read
        return 0;
    }

private:
    const char* at_;
    const char* end_;
};

/// The whole slot read back (for tests and tools; FacetSpy reads in place).
/// Its strings are views into `packed`, which must outlive the result.
FacetSlot unpack_facets(std::string_view packed);

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
