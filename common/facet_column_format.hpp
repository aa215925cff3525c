#pragma once
// The facet column file's layout, shared by its writer and its reader (not a
// public header: FacetColumn is the interface).
//
// A fixed header, then sections, each at an offset that is a multiple of 8
// from the start of the file (the file is mapped at a page boundary, so every
// integer array is aligned for its type). Every integer is little-endian.
//
//   header      ColumnHeader
//   for each dictionary (ColumnDictionary order), as its ColumnSection says:
//     ends      uint32[size]: where each value's bytes end in `bytes`
//     bytes     the values' bytes, one after another
//     ids       names only: per value its facet_id then its key's facet_id (uint64 each)
//   records     uint32[record_words]: one record per document, the nine lists
//               of its values (ordinals into the dictionaries) together, so
//               that counting a match reads one run of adjacent cache lines:
//                 counts    uint16[kDictionaries]: the lists' lengths, in
//                           dictionary order, then zeros to kRecordHeaderWords
//                 ordinals  uint32[sum of counts]: the lists one after another
//               A list holds at most kRecordListLimit values: the writer
//               refuses a document with more (searches then count from the
//               facet slots). The record at word 0 is empty (every count
//               0): the record of every docid with no values, docid 0 and
//               docids no document has included.
//   record offsets  uint32[lastdocid + 1]: where document d's record starts
//               in `records`, in words. 32 bits, not 64: half the bytes, and
//               twice the documents a cache line (the read-ahead of a match's
//               offset fetches its neighbours' too); the writer refuses a
//               column whose records pass 2^32 words (16 GiB). Records are
//               checked where they are read (FacetColumn::Records::read: the
//               offset, the counts and the ordinals within the section;
//               every ordinal below its dictionary's size), not at open.
//   for each names dictionary (persons, places, organisations), as its
//   ColumnKeys says, the keys of the database's terms of that kind
//   (entity_key, the term less its prefix), each with its bytes reversed,
//   sorted by those bytes:
//     ends      uint32[count]
//     bytes     the reversed keys, one after another
//   doclengths  uint32[lastdocid + 1]: document d's length (Xapian's: the sum
//               of its terms' wdf) at d, 0 for a docid no document has

#include <cstdint>

#include "facet_column.hpp"

namespace depeche::column_format {

inline constexpr char kMagic[8] = {'D', 'P', 'C', 'H', 'F', 'C', 'O', 'L'};
/// Bumped whenever the layout or the meaning of a value changes: a column of
/// another version is not used.
inline constexpr std::uint32_t kVersion = 4;
inline constexpr std::size_t kUuidBytes = 64;
/// A record's counts, padded to whole words: its ordinals start aligned.
inline constexpr std::uint32_t kRecordHeaderWords = FacetColumn::Records::kHeaderWords;
/// The most values one list of a record holds (its count is a uint16): the
/// writer refuses a document with more rather than write a wrong column.
inline constexpr std::uint32_t kRecordListLimit = UINT16_MAX;

struct ColumnSection {
    std::uint64_t size;  // values in the dictionary
    std::uint64_t ends;  // offsets in the file of each array (0: none)
    std::uint64_t bytes;
    std::uint64_t byte_count;
    std::uint64_t ids;
};

struct ColumnKeys {
    std::uint64_t count;
    std::uint64_t ends;
    std::uint64_t bytes;
    std::uint64_t byte_count;
};
inline constexpr unsigned kNameDictionaries = 3;  // kDictPersons, kDictPlaces, kDictOrgs

struct ColumnHeader {
    char magic[8];
    std::uint32_t version;
    std::uint32_t uuid_size;
    char uuid[kUuidBytes];
    std::uint64_t revision;
    std::uint32_t lastdocid;
    std::uint32_t dictionaries;  // kDictionaries
    std::uint64_t file_size;     // the whole file's: any truncation or tail shows
    ColumnSection sections[kDictionaries];
    ColumnKeys keys[kNameDictionaries];
    std::uint64_t doclengths;
    std::uint64_t records;
    std::uint64_t record_words;
    std::uint64_t record_offsets;
};

// The file is read and written as raw structs: only where their layout is
// the file's (little-endian, no padding).
static_assert(sizeof(ColumnSection) == 40);
static_assert(kRecordHeaderWords == 5);
static_assert(sizeof(ColumnKeys) == 32);
static_assert(sizeof(ColumnHeader) ==
              8 + 4 + 4 + kUuidBytes + 8 + 4 + 4 + 8 + 40 * kDictionaries + 32 * kNameDictionaries + 8 + 3 * 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
inline constexpr bool kNativeLayout = false;
#else
inline constexpr bool kNativeLayout = true;
#endif

}  // namespace depeche::column_format
