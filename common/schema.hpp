#pragma once
// The Xapian schema: every term prefix and value slot depeche uses is named
// here and nowhere else. See ARCHITECTURE.md for the table.

#include <xapian.h>

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dates.hpp"
#include "entity.hpp"

namespace depeche::schema {

// ---- versions (recorded in the database metadata) ---------------------------
/// Increase when terms, slots or the stored record change meaning.
inline constexpr int version = 4;  // 4: facet ids in the facet slot
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
/// are kept (the first ones, as given): no spy counts more. Empty names and
/// values are not kept (the spread slots cannot hold "", and no spy counts
/// them).
struct FacetSlot {
    struct Name {
        std::string_view name, key;
    };
    std::string_view published;
    std::vector<Name> names[3];  ///< person, place, org
    std::vector<std::string_view> mentioned;
};

/// The 64-bit id of a facet value (a name, or a raw mentioned date), stored
/// beside it in the facet slot so that FacetSpy counts by an integer and
/// reads a value's bytes only the first time it meets its id. A hash of our
/// own over the bytes, read as little-endian words: the same on every
/// platform, compiler and build (not std::hash), since ids written by one
/// build are read by another and ids from several databases searched
/// together must agree with no shared dictionary. Changing it changes the
/// stored slots: bump `version`.
std::uint64_t facet_id(std::string_view value);

/// A bijection on 64 bits that spreads every input bit over all output bits
/// (MurmurHash3's 64-bit finaliser): facet_id's last step, and how FacetSpy
/// spreads a date's 8 bytes over the low bits its id table indexes by.
std::uint64_t avalanche(std::uint64_t k);

/// The facet lists of the slot, in the order they are stored.
enum FacetList : unsigned { kListPersons, kListPlaces, kListOrgs, kListMentioned, kFacetLists };

/// The facet slot's bytes, in three sections:
///   `published` (its length, then its bytes);
///   the number of values of each list (persons, places, orgs, mentioned);
///   every value's facet_id, 8 bytes little-endian each, in list order;
///   every value's strings in the same order (a name then its key; a
///   mentioned date), each after its length.
/// Every length and count is a LEB128 varint. The ids come first and fixed
/// width, so that FacetSpy reads them with no walk and touches the strings
/// section only for an id it has not seen; lengths, not separators, so no
/// value can hold a byte that cuts it.
std::string pack_facets(const FacetSlot& facets);

/// Reads the facet slot in place, as views into `packed` (which must outlive
/// the reader and its views). A malformed or truncated slot reads as empty
/// strings and zero counts: it never reads past the end.
class FacetSlotReader {
public:
    explicit FacetSlotReader(std::string_view packed) : at_(packed.data()), end_(packed.data() + packed.size()) {
        published_ = string();
        for (auto& n : size_) n = number();
        // Every count must fit the bytes left for its ids (each count is
        // checked alone first, so that their sum cannot overflow).
        const std::size_t room = static_cast<std::size_t>(end_ - at_) / 8;
        std::size_t total = 0;
        for (std::size_t n : size_) total += n <= room ? n : room + 1;
        if (total > room) {
            for (auto& n : size_) n = 0;
            total = 0;
        }
        for (unsigned k = 0; k < kFacetLists; ++k) first_[k + 1] = first_[k] + size_[k];
        ids_ = at_;
        strings_ = at_ + 8 * total;
        at_ = strings_;
    }
    std::string_view published() const { return published_; }
    /// How many values `list` has.
    std::size_t size(FacetList list) const { return size_[list]; }
    /// The id of the i-th value of `list` (i < size(list)).
    std::uint64_t id(FacetList list, std::size_t i) const {
        std::uint64_t v;
        std::memcpy(&v, ids_ + 8 * (first_[list] + i), sizeof v);  // one load (a byte loop was 600 a match)
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        v = __builtin_bswap64(v);  // stored little-endian
#endif
        return v;
    }
    /// The i-th name of a names list with its key.
    FacetSlot::Name name(FacetList list, std::size_t i) {
        seek(first_[list] + i);
        const std::string_view name = string();
        const std::string_view key = string();
        ++at_value_;
        return {name, key};
    }
    /// The i-th raw mentioned date.
    std::string_view mentioned(std::size_t i) {
        seek(first_[kListMentioned] + i);
        ++at_value_;
        return string();
    }

private:
    // Defined here, not in schema.cpp: the constructor runs once a match.
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
    // Moves the strings cursor to the strings of value `value` (counted over
    // all lists): forward from where it is, or again from the section's start.
    void seek(std::size_t value);

    std::string_view published_;
    std::size_t size_[kFacetLists] = {};
    std::size_t first_[kFacetLists + 1] = {};  // index of each list's first value
    const char* ids_ = nullptr;
    const char* strings_ = nullptr;  // the strings section
    const char* at_ = nullptr;       // the strings cursor: at the strings of value at_value_
    const char* end_ = nullptr;
    std::size_t at_value_ = 0;
};

/// The whole slot read back (for tests and tools; FacetSpy reads in place).
/// Its strings are views into `packed`, which must outlive the result.
FacetSlot unpack_facets(std::string_view packed);
/// The ids stored in the slot, list after list (for tests and tools).
std::vector<std::uint64_t> facet_ids(std::string_view packed);

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
