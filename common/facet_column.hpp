#pragma once
// The facet column: every document's facet values as small integers
// (ordinals into per-database dictionaries), in one file beside the Xapian
// database, so that counting facets over a match reads a few integers by
// docid instead of the document's facet slot. A derived, optional file:
// Xapian stays the source of truth, and a column that is not provably in
// step with its database is not used (FacetSpy counts instead).

#include <xapian.h>

#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "facets.hpp"

namespace depeche {

/// The column's file name inside the database folder.
inline constexpr const char* kFacetColumnFile = "depeche-facets";

/// The column's dictionaries (ordinal -> value) and per-document lists.
enum ColumnDictionary : unsigned {
    kDictPersons,
    kDictPlaces,
    kDictOrgs,
    kDictPublishedYear,
    kDictPublishedMonth,
    kDictPublishedDay,
    kDictMentionedYear,
    kDictMentionedMonth,
    kDictMentionedDay,
    kDictionaries
};

/// A column file mapped read only. Every integer is little-endian; a file
/// that is truncated, of another format or version, or whose sections do not
/// fit reads as no column (open() says why); values a section holds are
/// bounds-checked where they are read, so no byte of the file can make a
/// read go astray. Thread-safe once open (it is never written).
class FacetColumn {
public:
    /// Maps `<folder>/depeche-facets`. Null, with `why` set, when there is
    /// none or it cannot be used.
    static std::shared_ptr<const FacetColumn> open(const std::string& folder, std::string& why);
    ~FacetColumn();
    FacetColumn(const FacetColumn&) = delete;
    FacetColumn& operator=(const FacetColumn&) = delete;

    /// True when the column describes `db` as it is: `db` is one database
    /// (not several opened as one: a match spy is handed docids within each
    /// part, with nothing telling the part) with this uuid, revision and last
    /// docid. Any commit changes the revision, so a column written before
    /// the last commit is never in step.
    bool in_step_with(const Xapian::Database& db) const;

    std::string_view uuid() const { return uuid_; }
    Xapian::rev revision() const { return revision_; }
    Xapian::docid lastdocid() const { return lastdocid_; }

    /// The number of values of a dictionary.
    std::uint32_t size(ColumnDictionary d) const { return dict_[d].size; }
    /// The value of ordinal `n` (n < size(d)); "" if its bytes are out of bounds.
    std::string_view value(ColumnDictionary d, std::uint32_t n) const;
    /// The key's facet_id of name `n` of a names dictionary.
    std::uint64_t key_id(ColumnDictionary d, std::uint32_t n) const;
    /// The facet_id of name `n` of a names dictionary.
    std::uint64_t name_id(ColumnDictionary d, std::uint32_t n) const;

    /// The keys of the names of a names dictionary's kind (persons, places
    /// or organisations: the database's terms of that kind, less their
    /// prefix) that end with the words `key`: every known key `X + " " +
    /// key`, in no particular order. What entity_query finds by reading
    /// every such term, by a binary search of the keys reversed.
    std::vector<std::string> keys_ending_with(ColumnDictionary d, std::string_view key) const;

    /// Document `did`'s length as Xapian's get_doclength gives it (0 past
    /// the last docid), read without Xapian's own length list, whose lookup
    /// by docid decodes its chunk from the start.
    Xapian::termcount doclength(Xapian::docid did) const { return did <= lastdocid_ ? doclengths_[did] : 0; }

    /// The column's per-document records (facet_column_format.hpp): where
    /// they are, and how a document's is read with every value it gives
    /// checked to lie in the section, so that no byte of the file can make
    /// a read go astray. ColumnFacetSpy keeps a copy, to read records with
    /// no call and no reload.
    struct Records {
        /// A record's counts (a uint16 per dictionary), padded to whole words.
        static constexpr std::uint32_t kHeaderWords = (2 * kDictionaries + 3) / 4;
        const std::uint32_t* words = nullptr;    // the section, `size` words
        std::uint32_t size = 0;                  // at least kHeaderWords (the empty record)
        const std::uint32_t* offsets = nullptr;  // by docid, lastdocid + 1 of them
        Xapian::docid lastdocid = 0;

        /// A document's lists: list d (a ColumnDictionary) is
        /// ordinals[start[d], start[d + 1]).
        struct Record {
            const std::uint32_t* ordinals;
            std::uint32_t start[kDictionaries + 1];
        };
        /// Reads document `did`'s record into `r`; false (nothing to count)
        /// for docid 0, past the last docid, or a record that does not fit
        /// in the section.
        bool read(Xapian::docid did, Record& r) const {
            if (did - 1 >= lastdocid) return false;  // did == 0 wraps
            const std::uint32_t at = offsets[did];
            if (at > size - kHeaderWords) return false;
            const std::uint32_t* const record = words + at;
            std::uint16_t counts[kDictionaries];
            std::memcpy(counts, record, sizeof counts);
            std::uint32_t total = 0;
            r.start[0] = 0;
            for (unsigned d = 0; d < kDictionaries; ++d) r.start[d + 1] = total += counts[d];
            if (total > size - kHeaderWords - at) return false;  // a corrupt file counts nothing wrong
            r.ordinals = record + kHeaderWords;
            return true;
        }
    };
    const Records& records() const { return records_; }

    /// The ordinals of document `did` in dictionary `d` (empty, with a null
    /// begin, when `did` is 0 or past the last docid). Published dates have
    /// one at most.
    struct Span {
        const std::uint32_t* begin = nullptr;
        const std::uint32_t* end = nullptr;
    };
    Span list(ColumnDictionary d, Xapian::docid did) const {
        Records::Record r;
        if (!records_.read(did, r)) return {};
        return {r.ordinals + r.start[d], r.ordinals + r.start[d + 1]};
    }

private:
    FacetColumn() = default;
    struct Strings {
        std::uint32_t size = 0;
        const std::uint32_t* ends = nullptr;  // where each value's bytes end
        const char* bytes = nullptr;
        std::uint64_t byte_count = 0;
        /// Value `n`; "" when n >= size or its bytes are out of bounds.
        std::string_view at(std::uint32_t n) const;
    };
    struct Dictionary : Strings {
        const unsigned char* ids = nullptr;  // names only: facet_id then key's facet_id, 16 bytes a name
    };
    void* map_ = nullptr;
    std::size_t map_size_ = 0;
    std::string uuid_;
    Xapian::rev revision_ = 0;
    Xapian::docid lastdocid_ = 0;
    Dictionary dict_[kDictionaries];
    Records records_;
    Strings keys_[3];  // reversed name keys: persons, places, organisations
    const std::uint32_t* doclengths_ = nullptr;
};

/// Builds the column of `db` (one database, read at its current revision)
/// and writes it into `folder` (the database's folder) atomically: a
/// temporary file in the same folder, flushed to disk, renamed over the old
/// one. Returns the file's size in bytes. Throws SetupError when it cannot be
/// written (the database is left as it was; searches count without it).
std::uint64_t write_facet_column(const Xapian::Database& db, const std::string& folder);

/// Opens the database folder `folder` and writes its column.
std::uint64_t write_facet_column(const std::string& folder);

/// A match spy that counts facets from a FacetColumn in step with the
/// database searched (FacetColumn::in_step_with): per match the document's
/// docid and a few ordinals, counted in flat arrays. result() gives exactly
/// what FacetSpy's gives. The count arrays are allocated zeroed by the
/// system (pages touched only where a count is), so a small match set costs
/// little however large the dictionaries.
class ColumnFacetSpy : public Xapian::MatchSpy {
public:
    /// The ordinals counted are listed as first counted (so that result()
    /// visits only them) for the first `listed_values` values counted;
    /// after that, counting stops listing and result() scans the count
    /// arrays instead. The default, the counted dictionaries' total size,
    /// is about where listing starts to cost more than the scan. The result
    /// is the same either way.
    ColumnFacetSpy(std::shared_ptr<const FacetColumn> column, DateGranularity granularity);
    ColumnFacetSpy(std::shared_ptr<const FacetColumn> column, DateGranularity granularity, std::uint64_t listed_values);
    ~ColumnFacetSpy() override;
    ColumnFacetSpy(const ColumnFacetSpy&) = delete;
    ColumnFacetSpy& operator=(const ColumnFacetSpy&) = delete;
    void operator()(const Xapian::Document& doc, double) override { count(doc.get_docid()); }
    /// Counts the document `did` of the database the column describes (as
    /// a walk of the match set hands it, MatchWalk).
    void count(Xapian::docid did) {
        FacetColumn::Records::Record r;
        if (!records_.read(did, r)) return;
        if (listing_) {
            count_listing(r);
            return;
        }
        for (unsigned i = 0; i < kCounted; ++i) {
            const Counted& c = counted_[i];
            std::uint32_t* const counts = c.counts;
            const std::uint32_t size = c.size;
            for (const std::uint32_t *o = r.ordinals + r.start[c.dictionary],
                                     *end = r.ordinals + r.start[c.dictionary + 1];
                 o != end; ++o)
                if (*o < size) ++counts[*o];
        }
    }
    /// Counts the documents `dids[0..n)`, as count() counts each, reading
    /// ahead: the column's entries of the documents a few places on are
    /// asked of memory while these are counted. At a million dispatches the
    /// matches of a query lie far apart in the column, and each entry read
    /// without it waits on main memory.
    void count(const Xapian::docid* dids, std::size_t n);
    /// True while the ordinals counted are listed (see the constructor).
    bool listing() const { return listing_; }
    std::string name() const override { return "depeche::ColumnFacetSpy"; }

    /// The counts, `limit` values per facet at most (0: all).
    Facets result(std::size_t limit) const;

private:
    void count_listing(const FacetColumn::Records::Record& r);
    // The dictionaries counted: three names, the publication date and the
    // mentioned dates at the granularity asked. They and the records are
    // copied here once, so that a match reads them from this object only
    // (through one pointer, the compiler cannot know that a count written
    // does not change them, and reloads them).
    static constexpr unsigned kCounted = 5;
    struct Counted {
        ColumnDictionary dictionary;  // also the list's place in a record
        std::uint32_t size;           // ordinals at or past it are corrupt
        std::uint32_t* counts;        // by ordinal, calloc'd
    };
    std::shared_ptr<const FacetColumn> column_;
    FacetColumn::Records records_;
    Counted counted_[kCounted] = {};
    bool listing_ = true;
    std::uint64_t listed_budget_ = 0;            // values still counted while listing
    std::vector<std::uint32_t> seen_[kCounted];  // while listing: ordinals counted, in order of first count
};

/// The matches of a walk handed to a ColumnFacetSpy in blocks, so that it
/// reads the column ahead of its counting (ColumnFacetSpy::count with a
/// block). flush() counts what is left: call it before reading the result.
/// `then`, when given, is handed each block once counted: what else reads
/// the matches' records (DatePage's publication days) finds them in cache
/// rather than waiting on memory for each.
class ColumnFacetBlock {
public:
    using Then = std::function<void(const Xapian::docid* dids, std::size_t n)>;
    explicit ColumnFacetBlock(ColumnFacetSpy& spy, Then then = {}) : spy_(spy), then_(std::move(then)) {}
    void add(Xapian::docid did) {
        dids_[size_++] = did;
        if (size_ == kSize) flush();
    }
    void flush() {
        spy_.count(dids_, size_);
        if (then_) then_(dids_, size_);
        size_ = 0;
    }
    static constexpr std::size_t kSize = 256;

private:
    ColumnFacetSpy& spy_;
    Then then_;
    Xapian::docid dids_[kSize];
    std::size_t size_ = 0;
};

}  // namespace depeche
