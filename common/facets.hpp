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

/// The facet value of a publication date given as the facet slot's first 8
/// bytes ("YYYYMMDD", 00 for an unknown month or day) read as a native
/// integer, at `granularity`. Throws std::invalid_argument when the bytes are
/// not digits (no depeche index writes such a slot).
std::string published_facet_value(std::uint64_t date_key, DateGranularity granularity);

/// What a spy counted, before merging and sorting: a name with its count and
/// its entity key's facet_id; a date value with its count. Views into the
/// spy (or the column) that counted them. Every count is at least 1, and the
/// names and values of one list are distinct.
struct NameTally {
    std::string_view name;
    std::uint64_t key_id = 0;
    Xapian::doccount count = 0;
};
struct FacetTallies {
    std::vector<NameTally> names[3];  // person, place, org
    std::vector<std::pair<std::string_view, Xapian::doccount>> date, mentioned;
};

/// The Facets of `tallies`, `limit` values per facet at most (0: all): names
/// merged by entity key (shown in the spelling with the most accents, then
/// the first in byte order), every facet sorted by count (descending) then
/// value. Every spy's result goes through here, so they agree by
/// construction.
Facets facets_of(FacetTallies tallies, std::size_t limit);

/// The spread facet (schema::SpreadFacet) of a date facet at a granularity.
schema::SpreadFacet published_facet(DateGranularity granularity);
schema::SpreadFacet mentioned_facet(DateGranularity granularity);

/// Distinct strings numbered 0, 1, 2... in order of first sight: an
/// open-addressing table over one byte arena, so that finding a string seen
/// before neither allocates nor copies it. Not thread-safe.
class StringIds {
public:
    StringIds();
    /// The id of `s`, numbering it if new (`added` says which).
    std::uint32_t id(std::string_view s, bool& added);
    std::string_view operator[](std::uint32_t id) const {
        const Entry& e = entries_[id];
        return {bytes_.data() + e.offset, e.size};
    }
    std::size_t size() const { return entries_.size(); }

private:
    struct Entry {
        std::size_t hash;
        std::size_t offset;
        std::size_t size;
    };
    void grow();
    std::string bytes_;
    std::vector<Entry> entries_;
    std::vector<std::uint32_t> table_;  // entry index + 1, 0 for empty
};

/// Distinct 64-bit ids (schema::facet_id) numbered 0, 1, 2... in order of
/// first sight: open addressing over the ids themselves, which are well
/// mixed already, so a lookup is a load, a mask and a compare. Not
/// thread-safe.
class IdTable {
public:
    /// A table sized for `expected` ids without growing (it grows past them).
    explicit IdTable(std::size_t expected = 0);
    /// The number of `id`, numbering it if new (`added` says which).
    std::uint32_t index(std::uint64_t id, bool& added) {
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t i = static_cast<std::size_t>(id) & mask;; i = (i + 1) & mask) {
            Slot& slot = slots_[i];
            if (slot.number == 0) return add(slot, id, added);
            if (slot.id == id) {
                added = false;
                return slot.number - 1;
            }
        }
    }
    std::size_t size() const { return size_; }

private:
    struct Slot {
        std::uint64_t id;
        std::uint32_t number;  // index + 1, 0 for empty
    };
    std::uint32_t add(Slot& slot, std::uint64_t id, bool& added);
    std::vector<Slot> slots_;
    std::uint32_t size_ = 0;
};

/// A match spy that counts, for every document of the match set, each
/// distinct person, place and organisation, its publication date and each
/// distinct mentioned date at `granularity`, from the document's facet slot
/// (schema::kSlotFacets: one value read per match). Give it to
/// Enquire::add_matchspy and ask get_mset for checkatleast = the document
/// count, so that every match is seen and the counts are exact.
class FacetSpy : public Xapian::MatchSpy {
public:
    explicit FacetSpy(DateGranularity granularity) : granularity_(granularity) {}
    void operator()(const Xapian::Document& doc, double weight) override;
    std::string name() const override { return "depeche::FacetSpy"; }

    /// The counts, `limit` values per facet at most (0: all).
    Facets result(std::size_t limit) const;

private:
    // Per match the spy reads the values' 64-bit ids (schema::facet_id,
    // written at index time) and counts each in a vector by its number in an
    // IdTable: no value's bytes are hashed, compared or copied. Only the
    // first sight of an id reads its strings: a name is kept with its key's
    // id (the merge by key in result() needs no ICU and no string hashing),
    // a raw mentioned value is turned into its facet value.
    struct Names {
        IdTable ids;
        std::string bytes;                   // every name seen, one after another
        std::vector<std::uint32_t> ends;     // by number: where its name ends in `bytes`
        std::vector<std::uint64_t> key_ids;  // by number: facet_id of its entity_key
        std::vector<Xapian::doccount> counts;
        std::string_view operator[](std::uint32_t n) const {
            const std::uint32_t begin = n ? ends[n - 1] : 0;
            return {bytes.data() + begin, ends[n] - begin};
        }
    };
    void count_mentioned(schema::FacetSlotReader& slot);

    DateGranularity granularity_;
    Names names_[3];  // person, place, org
    IdTable raw_mentioned_;
    std::vector<std::uint32_t> mentioned_of_raw_;  // raw number -> facet value id
    StringIds mentioned_;
    std::vector<Xapian::doccount> mentioned_counts_;
    std::vector<std::uint32_t> last_seen_;  // facet value id -> the match that last counted it
    std::uint32_t match_ = 0;               // the current match, counted from 1
    std::vector<std::uint32_t> seen_;
    // Publication dates by their first 8 bytes as an integer, numbered in
    // an IdTable once mixed (a bijection: distinct dates stay distinct).
    IdTable dates_;
    std::vector<std::uint64_t> date_keys_;  // by number: the 8 bytes
    std::vector<Xapian::doccount> date_counts_;
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
