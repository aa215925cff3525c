// Building and writing the facet column (facet_column.hpp).

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <unordered_map>

#include "database.hpp"
#include "facet_column.hpp"
#include "facet_column_format.hpp"
#include "schema.hpp"

namespace depeche {
namespace {

using namespace column_format;

constexpr DateGranularity kGranularities[] = {DateGranularity::year, DateGranularity::month, DateGranularity::day};

// One dictionary being built, with the list of the document being read.
struct Built {
    std::vector<std::uint32_t> ends;
    std::string bytes;
    std::vector<std::uint64_t> ids;   // names: facet_id, key's facet_id, ...
    std::vector<std::uint32_t> list;  // the document's ordinals, moved to its record at its end

    void add_value(std::string_view v) {
        bytes.append(v);
        if (bytes.size() > UINT32_MAX) throw SetupError("a facet dictionary passes 4 GB");
        ends.push_back(static_cast<std::uint32_t>(bytes.size()));
    }
};

// A date dictionary numbered by value string (StringIds keeps the bytes).
struct Dates {
    StringIds values;
    Built built;
    std::uint32_t ordinal(const std::string& value) {
        bool added = false;
        const std::uint32_t n = values.id(value, added);
        if (added) built.add_value(value);
        return n;
    }
};

// Everything the column holds, built from the facet slots in docid order with
// the value logic FacetSpy applies per match, so that counting ordinals
// gives FacetSpy's counts.
class Builder {
public:
    void document(std::string_view packed) {
        schema::FacetSlotReader slot(packed);
        for (unsigned k = 0; k < 3; ++k) {
            // Names by their id, as FacetSpy: the strings of the first sight.
            const auto list = static_cast<schema::FacetList>(k);
            Built& b = names_[k];
            for (std::size_t i = 0; i < slot.size(list); ++i) {
                bool added = false;
                const std::uint32_t n = name_ids_[k].index(slot.id(list, i), added);
                if (added) {
                    const schema::FacetSlot::Name name = slot.name(list, i);
                    b.add_value(name.name);
                    b.ids.push_back(slot.id(list, i));
                    b.ids.push_back(schema::facet_id(name.key));
                }
                b.list.push_back(n);
            }
        }
        const std::string_view published = slot.published();
        if (published.size() == 8) {
            std::uint64_t key;
            std::memcpy(&key, published.data(), sizeof key);
            auto [at, added] = published_of_key_.try_emplace(key);
            if (added)
                for (unsigned g = 0; g < 3; ++g)
                    at->second[g] = published_[g].ordinal(published_facet_value(key, kGranularities[g]));
            for (unsigned g = 0; g < 3; ++g) published_[g].built.list.push_back(at->second[g]);
        }
        // Mentioned dates: each facet value once, and past kSpreadLimit the
        // first ones in byte order (FacetSpy::count_mentioned).
        const std::size_t n = slot.size(schema::kListMentioned);
        for (unsigned g = 0; g < 3; ++g) {
            Dates& dates = mentioned_[g];
            auto& mine = dates.built.list;
            for (std::size_t i = 0; i < n; ++i) {
                bool added = false;
                const std::uint32_t raw = raw_mentioned_[g].index(slot.id(schema::kListMentioned, i), added);
                if (added)
                    mentioned_of_raw_[g].push_back(
                        dates.ordinal(date_facet_value(slot.mentioned(i), kGranularities[g])));
                const std::uint32_t o = mentioned_of_raw_[g][raw];
                if (std::find(mine.begin(), mine.end(), o) == mine.end()) mine.push_back(o);
            }
            if (mine.size() > schema::kSpreadLimit) {
                std::sort(mine.begin(), mine.end(), [&](auto a, auto b) { return dates.values[a] < dates.values[b]; });
                mine.resize(schema::kSpreadLimit);
            }
        }
        end_document();
    }
    // Ends the document of the next docid (one without a facet slot, or a
    // docid no document has, when nothing was read): its lists become its
    // record, or it gets the empty record at word 0 when they are all empty.
    void end_document() {
        const Xapian::docid did = static_cast<Xapian::docid>(record_offsets_.size());
        const auto lists = all();
        std::uint16_t counts[kDictionaries];
        bool empty = true;
        for (unsigned d = 0; d < kDictionaries; ++d) {
            const std::size_t n = lists[d]->list.size();
            // A count the record cannot hold would read as another list's
            // values: no column rather than a wrong one.
            if (n > kRecordListLimit)
                throw SetupError("document " + std::to_string(did) + " has " + std::to_string(n) +
                                 " values in one facet list, more than a column record holds (" +
                                 std::to_string(kRecordListLimit) + "): no facet column");
            counts[d] = static_cast<std::uint16_t>(n);
            empty = empty && n == 0;
        }
        if (empty) {
            record_offsets_.push_back(0);
            return;
        }
        const std::size_t at = records_.size();
        record_offsets_.push_back(static_cast<std::uint32_t>(at));
        records_.resize(at + kRecordHeaderWords, 0);
        std::memcpy(records_.data() + at, counts, sizeof counts);
        for (Built* b : lists) {
            records_.insert(records_.end(), b->list.begin(), b->list.end());
            b->list.clear();
        }
        // Offsets are 32-bit word numbers (facet_column_format.hpp).
        if (records_.size() > UINT32_MAX)
            throw SetupError("the facet column's records pass 2^32 words: no facet column");
    }
    const std::vector<std::uint32_t>& records() const { return records_; }
    const std::vector<std::uint32_t>& record_offsets() const { return record_offsets_; }
    // The keys of the database's name terms of each kind, reversed and
    // sorted (FacetColumn::keys_ending_with).
    void name_keys(const Xapian::Database& db) {
        const EntityKind kinds[kNameDictionaries] = {EntityKind::person, EntityKind::place, EntityKind::org};
        for (unsigned k = 0; k < kNameDictionaries; ++k) {
            const std::string prefix = schema::entity_prefix(kinds[k]);
            std::vector<std::string> reversed;
            for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
                const std::string& term = *it;
                reversed.emplace_back(term.rbegin(), term.rend() - static_cast<std::ptrdiff_t>(prefix.size()));
            }
            std::sort(reversed.begin(), reversed.end());
            for (const auto& r : reversed) keys_[k].add_value(r);
        }
    }
    const Built& keys(unsigned k) const { return keys_[k]; }
    // Every document's length, by docid (0 where there is none).
    void doclengths(const Xapian::Database& db) {
        doclengths_.assign(std::size_t(db.get_lastdocid()) + 1, 0);
        for (auto it = db.postlist_begin(std::string()); it != db.postlist_end(std::string()); ++it)
            doclengths_[*it] = it.get_doclength();
    }
    const std::vector<std::uint32_t>& doclengths() const { return doclengths_; }

    std::array<Built*, kDictionaries> all() {
        return {&names_[0],           &names_[1],           &names_[2],
                &published_[0].built, &published_[1].built, &published_[2].built,
                &mentioned_[0].built, &mentioned_[1].built, &mentioned_[2].built};
    }

private:
    // The empty record, that of every docid with no values, then the
    // others; offsets by docid from 0.
    std::vector<std::uint32_t> records_ = std::vector<std::uint32_t>(kRecordHeaderWords, 0);
    std::vector<std::uint32_t> record_offsets_{0};
    Built names_[3];
    Built keys_[kNameDictionaries];
    std::vector<std::uint32_t> doclengths_;
    IdTable name_ids_[3];
    Dates published_[3];
    std::unordered_map<std::uint64_t, std::array<std::uint32_t, 3>> published_of_key_;
    Dates mentioned_[3];
    IdTable raw_mentioned_[3];
    std::vector<std::uint32_t> mentioned_of_raw_[3];
};

// Appends to a file descriptor, padding each section to 8 bytes.
class Output {
public:
    Output(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
    std::uint64_t section(const void* data, std::size_t bytes) {
        static const char zeros[8] = {};
        const std::uint64_t at = at_;
        write(data, bytes);
        if (at_ % 8) write(zeros, 8 - at_ % 8);
        return at;
    }
    void write(const void* data, std::size_t bytes) {
        const char* p = static_cast<const char*>(data);
        while (bytes > 0) {
            const ssize_t n = ::write(fd_, p, bytes);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) throw SetupError(path_ + ": cannot write the facet column: " + std::strerror(errno));
            p += n;
            bytes -= static_cast<std::size_t>(n);
            at_ += static_cast<std::uint64_t>(n);
        }
    }
    std::uint64_t at() const { return at_; }

private:
    int fd_;
    std::string path_;
    std::uint64_t at_ = 0;
};

void write_file(const std::string& path, const ColumnHeader& prototype, Builder& builder) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw SetupError(path + ": cannot create the facet column: " + std::strerror(errno));
    try {
        ColumnHeader h = prototype;
        Output out(fd, path);
        out.section(&h, sizeof h);  // rewritten with the offsets at the end
        const auto all = builder.all();
        for (unsigned d = 0; d < kDictionaries; ++d) {
            const Built& b = *all[d];
            ColumnSection& s = h.sections[d];
            s.size = b.ends.size();
            s.ends = out.section(b.ends.data(), 4 * b.ends.size());
            s.bytes = out.section(b.bytes.data(), b.bytes.size());
            s.byte_count = b.bytes.size();
            s.ids = d <= kDictOrgs ? out.section(b.ids.data(), 8 * b.ids.size()) : 0;
        }
        h.records = out.section(builder.records().data(), 4 * builder.records().size());
        h.record_words = builder.records().size();
        h.record_offsets = out.section(builder.record_offsets().data(), 4 * builder.record_offsets().size());
        for (unsigned k = 0; k < kNameDictionaries; ++k) {
            const Built& b = builder.keys(k);
            ColumnKeys& s = h.keys[k];
            s.count = b.ends.size();
            s.ends = out.section(b.ends.data(), 4 * b.ends.size());
            s.bytes = out.section(b.bytes.data(), b.bytes.size());
            s.byte_count = b.bytes.size();
        }
        h.doclengths = out.section(builder.doclengths().data(), 4 * builder.doclengths().size());
        h.file_size = out.at();
        if (::pwrite(fd, &h, sizeof h, 0) != static_cast<ssize_t>(sizeof h) || ::fsync(fd) != 0)
            throw SetupError(path + ": cannot write the facet column: " + std::strerror(errno));
    } catch (...) {
        ::close(fd);
        ::unlink(path.c_str());
        throw;
    }
    if (::close(fd) != 0) {
        ::unlink(path.c_str());
        throw SetupError(path + ": cannot write the facet column: " + std::strerror(errno));
    }
}

// Removes the temporary columns (`<column>.tmp-PID`) of writers that are no
// longer running: a run killed between writing its column and renaming it
// leaves one, which nothing else would ever remove. A live writer's file is
// left alone.
void remove_stale_temporaries(const std::filesystem::path& target) {
    const std::string stem = target.filename().string() + ".tmp-";
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(target.parent_path(), ec)) {
        const std::string name = entry.path().filename().string();
        if (name.compare(0, stem.size(), stem) != 0) continue;
        const std::string digits = name.substr(stem.size());
        if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 9)
            continue;
        const pid_t pid = static_cast<pid_t>(std::stol(digits));
        if (pid == ::getpid() || (::kill(pid, 0) != 0 && errno == ESRCH)) std::filesystem::remove(entry.path(), ec);
    }
}

}  // namespace

std::uint64_t write_facet_column(const Xapian::Database& db, const std::string& folder) {
    if (!kNativeLayout) throw SetupError("facet columns are written on little-endian machines only");
    ColumnHeader h{};
    std::memcpy(h.magic, kMagic, sizeof kMagic);
    h.version = kVersion;
    h.dictionaries = kDictionaries;
    const std::string uuid = db.get_uuid();
    if (uuid.size() > kUuidBytes) throw SetupError(folder + ": database uuid too long for a facet column");
    h.uuid_size = static_cast<std::uint32_t>(uuid.size());
    std::memcpy(h.uuid, uuid.data(), uuid.size());
    h.revision = db.get_revision();
    h.lastdocid = db.get_lastdocid();

    // Docids in order, each slot read once from the value stream; docids
    // without a slot (deleted, or no facet) get empty lists.
    Builder builder;
    Xapian::docid next = 1;
    try {
        for (auto it = db.valuestream_begin(schema::kSlotFacets); it != db.valuestream_end(schema::kSlotFacets); ++it) {
            const Xapian::docid did = it.get_docid();
            for (; next < did; ++next) builder.end_document();
            builder.document(*it);
            ++next;
        }
    } catch (const std::invalid_argument&) {
        throw SetupError(folder + ": a facet slot holds a publication date that is not digits: no facet column");
    }
    for (; next <= h.lastdocid; ++next) builder.end_document();
    builder.name_keys(db);
    builder.doclengths(db);

    // Written beside the database, then renamed over the old column: a
    // reader sees the old file or the new one, whole.
    const std::filesystem::path target = std::filesystem::path(folder) / kFacetColumnFile;
    remove_stale_temporaries(target);
    const std::string temporary = target.string() + ".tmp-" + std::to_string(::getpid());
    write_file(temporary, h, builder);
    if (::rename(temporary.c_str(), target.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        ::unlink(temporary.c_str());
        throw SetupError(target.string() + ": cannot move the facet column into place: " + why);
    }
    // The rename itself is durable once the folder is flushed.
    const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    std::error_code ec;
    return std::filesystem::file_size(target, ec);
}

std::uint64_t write_facet_column(const std::string& folder) {
    try {
        return write_facet_column(Xapian::Database(folder), folder);
    } catch (const Xapian::Error& e) {
        throw SetupError(folder + ": cannot build the facet column: " + e.get_msg());
    }
}

}  // namespace depeche
