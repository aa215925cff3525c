#include "facet_column.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <new>

#include "facet_column_format.hpp"

namespace depeche {

using namespace column_format;

std::shared_ptr<const FacetColumn> FacetColumn::open(const std::string& folder, std::string& why) {
    if (!kNativeLayout) {
        why = "facet columns are read on little-endian machines only";
        return nullptr;
    }
    const std::string path = (std::filesystem::path(folder) / kFacetColumnFile).string();
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        why = path + ": no facet column";
        return nullptr;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || static_cast<std::uint64_t>(st.st_size) < sizeof(ColumnHeader)) {
        ::close(fd);
        why = path + ": truncated facet column";
        return nullptr;
    }
    const auto file_size = static_cast<std::uint64_t>(st.st_size);
    void* map = ::mmap(nullptr, file_size, PROT_READ, MAP_SHARED, fd, 0);
    ::close(fd);  // the mapping keeps the file
    if (map == MAP_FAILED) {
        why = path + ": cannot map the facet column";
        return nullptr;
    }
    std::shared_ptr<FacetColumn> column(new FacetColumn);
    column->map_ = map;
    column->map_size_ = file_size;
    const auto* base = static_cast<const char*>(map);
    ColumnHeader h;
    std::memcpy(&h, base, sizeof h);
    if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0 || h.version != kVersion || h.dictionaries != kDictionaries ||
        h.uuid_size > kUuidBytes || h.file_size != file_size) {
        why = path + ": not a facet column of this version, or truncated";
        return nullptr;
    }
    // Every array must lie inside the file, aligned; sizes are at most 2^32
    // values of at most 16 bytes, so no product below overflows.
    const auto fits = [&](std::uint64_t at, std::uint64_t bytes) {
        return at % 8 == 0 && at >= sizeof h && at <= file_size && bytes <= file_size - at;
    };
    // Strings whose arrays were checked to fit.
    const auto strings = [base](Strings& to, std::uint64_t size, std::uint64_t ends, std::uint64_t bytes,
                                std::uint64_t byte_count) {
        to.size = static_cast<std::uint32_t>(size);
        to.ends = reinterpret_cast<const std::uint32_t*>(base + ends);
        to.bytes = base + bytes;
        to.byte_count = byte_count;
    };
    const std::uint64_t docs = std::uint64_t(h.lastdocid) + 1;
    for (unsigned d = 0; d < kDictionaries; ++d) {
        const ColumnSection& s = h.sections[d];
        const bool names = d <= kDictOrgs;
        if (s.size > UINT32_MAX || !fits(s.ends, 4 * s.size) || !fits(s.bytes, s.byte_count) ||
            (names && !fits(s.ids, 16 * s.size))) {
            why = path + ": corrupt facet column (section " + std::to_string(d) + ")";
            return nullptr;
        }
        Dictionary& dict = column->dict_[d];
        strings(dict, s.size, s.ends, s.bytes, s.byte_count);
        dict.ids = names ? reinterpret_cast<const unsigned char*>(base + s.ids) : nullptr;
    }
    // The records' offsets and the section's size, not each record: a record
    // is checked where it is read (Records::read), so that opening costs the
    // same however many documents.
    if (h.record_words < kRecordHeaderWords || h.record_words > UINT32_MAX || !fits(h.records, 4 * h.record_words) ||
        !fits(h.record_offsets, 4 * docs)) {
        why = path + ": corrupt facet column (records)";
        return nullptr;
    }
    Records& records = column->records_;
    records.words = reinterpret_cast<const std::uint32_t*>(base + h.records);
    records.size = static_cast<std::uint32_t>(h.record_words);
    records.offsets = reinterpret_cast<const std::uint32_t*>(base + h.record_offsets);
    records.lastdocid = h.lastdocid;
    for (unsigned k = 0; k < kNameDictionaries; ++k) {
        const ColumnKeys& s = h.keys[k];
        if (s.count > UINT32_MAX || !fits(s.ends, 4 * s.count) || !fits(s.bytes, s.byte_count)) {
            why = path + ": corrupt facet column (keys " + std::to_string(k) + ")";
            return nullptr;
        }
        strings(column->keys_[k], s.count, s.ends, s.bytes, s.byte_count);
    }
    if (!fits(h.doclengths, 4 * docs)) {
        why = path + ": corrupt facet column (document lengths)";
        return nullptr;
    }
    column->doclengths_ = reinterpret_cast<const std::uint32_t*>(base + h.doclengths);
    column->uuid_.assign(h.uuid, h.uuid_size);
    column->revision_ = static_cast<Xapian::rev>(h.revision);
    column->lastdocid_ = h.lastdocid;
    return column;
}

FacetColumn::~FacetColumn() {
    if (map_) ::munmap(map_, map_size_);
}

bool FacetColumn::in_step_with(const Xapian::Database& db) const {
    try {
        // get_revision throws for several databases and for remote ones.
        return db.size() == 1 && db.get_revision() == revision_ && db.get_lastdocid() == lastdocid_ &&
               db.get_uuid() == uuid_;
    } catch (const Xapian::Error&) {
        return false;
    }
}

std::string_view FacetColumn::value(ColumnDictionary d, std::uint32_t n) const {
    return dict_[d].at(n);
}

std::string_view FacetColumn::Strings::at(std::uint32_t n) const {
    if (n >= size) return {};
    const std::uint64_t begin = n ? ends[n - 1] : 0, end = ends[n];
    if (begin > end || end > byte_count) return {};
    return {bytes + begin, static_cast<std::size_t>(end - begin)};
}

std::vector<std::string> FacetColumn::keys_ending_with(ColumnDictionary d, std::string_view key) const {
    std::vector<std::string> found;
    if (d > kDictOrgs || key.empty()) return found;
    const Strings& keys = keys_[d];
    // A key ends with " " + key when its reversed bytes start with the
    // reversed key and a space: those are one run of the sorted keys.
    std::string start(key.rbegin(), key.rend());
    start += ' ';
    std::uint32_t lo = 0, hi = keys.size;
    while (lo < hi) {
        const std::uint32_t mid = lo + (hi - lo) / 2;
        if (keys.at(mid) < start)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (std::uint32_t n = lo; n < keys.size; ++n) {
        const std::string_view reversed = keys.at(n);
        if (reversed.compare(0, start.size(), start) != 0) break;
        found.emplace_back(reversed.rbegin(), reversed.rend());
    }
    return found;
}

std::uint64_t FacetColumn::name_id(ColumnDictionary d, std::uint32_t n) const {
    const Dictionary& dict = dict_[d];
    if (!dict.ids || n >= dict.size) return 0;
    std::uint64_t id;
    std::memcpy(&id, dict.ids + 16 * std::size_t(n), sizeof id);
    return id;
}

std::uint64_t FacetColumn::key_id(ColumnDictionary d, std::uint32_t n) const {
    const Dictionary& dict = dict_[d];
    if (!dict.ids || n >= dict.size) return 0;
    std::uint64_t id;
    std::memcpy(&id, dict.ids + 16 * std::size_t(n) + 8, sizeof id);
    return id;
}

ColumnFacetSpy::ColumnFacetSpy(std::shared_ptr<const FacetColumn> column, DateGranularity granularity)
    : ColumnFacetSpy(column, granularity, 0) {
    // Listing costs a test and a branch a value counted, scanning a few
    // instructions an ordinal of the dictionaries: past as many values as
    // the dictionaries hold, the scan is the cheaper.
    for (const Counted& c : counted_) listed_budget_ += c.size;
}

ColumnFacetSpy::ColumnFacetSpy(std::shared_ptr<const FacetColumn> column, DateGranularity granularity,
                               std::uint64_t listed_values)
    : column_(std::move(column)), records_(column_->records()), listed_budget_(listed_values) {
    const auto by = [granularity](ColumnDictionary year) {
        return static_cast<ColumnDictionary>(year + static_cast<unsigned>(granularity));
    };
    const ColumnDictionary counted[kCounted] = {kDictPersons, kDictPlaces, kDictOrgs, by(kDictPublishedYear),
                                                by(kDictMentionedYear)};
    for (unsigned i = 0; i < kCounted; ++i) {
        const ColumnDictionary d = counted[i];
        // calloc: large arrays come as fresh zero pages from the system, so
        // only the pages a count lands on are ever touched.
        auto* counts =
            static_cast<std::uint32_t*>(std::calloc(std::max<std::size_t>(1, column_->size(d)), sizeof(std::uint32_t)));
        if (!counts) throw std::bad_alloc();
        counted_[i] = {d, column_->size(d), counts};
    }
}

ColumnFacetSpy::~ColumnFacetSpy() {
    for (const Counted& c : counted_) std::free(c.counts);
}

void ColumnFacetSpy::count_listing(const FacetColumn::Records::Record& r) {
    std::uint64_t values = 0;
    for (unsigned i = 0; i < kCounted; ++i) {
        const Counted& c = counted_[i];
        const std::uint32_t first = r.start[c.dictionary], last = r.start[c.dictionary + 1];
        values += last - first;
        for (std::uint32_t at = first; at < last; ++at) {
            const std::uint32_t o = r.ordinals[at];
            if (o >= c.size) continue;
            if (c.counts[o]++ == 0) seen_[i].push_back(o);
        }
    }
    // This match's values are counted and listed: from the next match on,
    // counting may stop listing, as result() then scans the counts.
    if (values >= listed_budget_) {
        listing_ = false;
        for (auto& seen : seen_) std::vector<std::uint32_t>().swap(seen);
    } else {
        listed_budget_ -= values;
    }
}

void ColumnFacetSpy::count(const Xapian::docid* dids, std::size_t n) {
    // Two steps ahead: a document's record offset a few matches before its
    // record (where it is is read from the offset), this a few matches
    // before it is counted. A record is its counts then its ordinals, 99
    // bytes on average at 1M, 152 at the 90th percentile: its first three
    // cache lines are asked for (a word 16 words on is always in the next
    // line). Measured at 1M (query_bench, 3 runs alternated with format 3,
    // with facets, p50 of the queries of 10k-100k / over 100k matches,
    // before DatePage read the days after counting): one line 8.1 / 19.9
    // ms, two 7.1 / 14.4, three 6.3 / 12.6, three at 32 and 16 matches
    // ahead 6.7 / 13.4; format 3 in the same runs 7.6-7.9 / 10.5-10.9.
    constexpr std::size_t kOffsetAhead = 16, kRecordAhead = 8;
    const FacetColumn::Records& records = records_;
    for (std::size_t i = 0; i < n; ++i) {
        if (i + kOffsetAhead < n) {
            const Xapian::docid did = dids[i + kOffsetAhead];
            if (did <= records.lastdocid) __builtin_prefetch(records.offsets + did);
        }
        if (i + kRecordAhead < n) {
            const Xapian::docid did = dids[i + kRecordAhead];
            if (did <= records.lastdocid) {
                const std::uint32_t at = records.offsets[did];
                if (at <= records.size - FacetColumn::Records::kHeaderWords) {
                    for (std::uint32_t line = 0; line < 3 * 16 && records.size - at > line; line += 16)
                        __builtin_prefetch(records.words + at + line);
                }
            }
        }
        count(dids[i]);
    }
}

Facets ColumnFacetSpy::result(std::size_t limit) const {
    // The ordinals counted, as listed or found by a scan: facets_of's
    // result does not depend on their order (it merges names by key choosing
    // a spelling by its bytes, and sorts by count then value, a total order).
    std::vector<std::uint32_t> scanned[kCounted];
    const std::vector<std::uint32_t>* counted[kCounted];
    for (unsigned i = 0; i < kCounted; ++i) {
        counted[i] = &seen_[i];
        if (listing_) continue;
        const Counted& c = counted_[i];
        for (std::uint32_t o = 0; o < c.size; ++o)
            if (c.counts[o]) scanned[i].push_back(o);
        counted[i] = &scanned[i];
    }
    FacetTallies tallies;
    for (unsigned k = 0; k < 3; ++k) {
        const Counted& c = counted_[k];
        tallies.names[k].reserve(counted[k]->size());
        for (const std::uint32_t o : *counted[k])
            tallies.names[k].push_back(
                {column_->value(c.dictionary, o), column_->key_id(c.dictionary, o), c.counts[o]});
    }
    for (const std::uint32_t o : *counted[3])
        tallies.date.emplace_back(column_->value(counted_[3].dictionary, o), counted_[3].counts[o]);
    for (const std::uint32_t o : *counted[4])
        tallies.mentioned.emplace_back(column_->value(counted_[4].dictionary, o), counted_[4].counts[o]);
    return facets_of(std::move(tallies), limit);
}

}  // namespace depeche
