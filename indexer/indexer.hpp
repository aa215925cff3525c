#pragma once
// The indexing pipeline: read -> analyse -> recognise -> build document ->
// write, in batches committed as they fill.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "lexicon.hpp"
#include "readers.hpp"

namespace depeche {

/// One shard of N: the dispatches whose id hashes to it (`shard_of`).
struct Shard {
    unsigned index = 1;  ///< 1-based
    unsigned count = 1;
};

/// Parses "i/N" (1 <= i <= N); nullopt otherwise.
std::optional<Shard> parse_shard(std::string_view text);

/// The 64-bit hash (FNV-1a) that places an id in a shard and in a part.
std::uint64_t id_hash(std::string_view id);

/// The shard (1-based, of `count`) an id belongs to: `id_hash` modulo
/// `count`, plus one. An id lives in exactly one shard.
unsigned shard_of(std::string_view id, unsigned count);

struct IndexReport;

/// What the write path reports as it goes: "chunk" (some dispatches written),
/// "commit-begin" and "commit-end", and for a new database built as parts,
/// "merge-begin" and "merge-end", each with the run's figures so far.
/// Progress displays count on them; crash tests kill the process at them.
using IndexEvent = std::function<void(std::string_view event, const IndexReport& so_far)>;

struct IndexOptions {
    ReadOptions read;
    std::string database;           ///< folder, created when absent
    std::size_t batch_size = 5000;  ///< dispatches per commit
    unsigned threads = 2;           ///< analysis threads (and parts of a new database)
    Shard shard;                    ///< keep only this shard's dispatches (1/1: all)
    IndexEvent on_event;            ///< may be empty
};

struct IndexReport {
    std::size_t added = 0;     ///< new ids
    std::size_t replaced = 0;  ///< ids already in the database (or earlier in the run)
    std::size_t rejected = 0;
    std::size_t other_shards = 0;  ///< good dispatches left to other shards
    std::size_t files = 0;
    std::size_t bytes = 0;  ///< title + text bytes indexed
    double seconds = 0;
    std::size_t written() const { return added + replaced; }
};

/// Indexes every input into options.database: a new database (the folder
/// does not exist) with more than one thread is built as parts in parallel
/// and merged at the end (parts.cpp), an existing one is updated in place in
/// input order. Bad records go to `on_reject`
/// and never stop the run; `on_warning` hears about skipped files. After the
/// last commit it writes the database's facet column (write_facet_column;
/// events "column-begin" and "column-end"). Throws SetupError when the
/// database cannot be opened or written.
IndexReport run_index(const IndexOptions& options, const Lexicons& lexicons,
                      const std::function<void(const Reject&)>& on_reject,
                      const std::function<void(const std::string&)>& on_warning);

struct DeleteReport {
    std::size_t deleted = 0;
    std::vector<std::string> unknown;  ///< ids not in the database
};

/// Deletes the dispatches with these ids from `database`, commits, and
/// rewrites its facet column.
/// Throws SetupError when the database cannot be opened.
DeleteReport run_delete(const std::string& database, const std::vector<std::string>& ids, const Lexicons& lexicons);

/// Calls work(i) for i in [0, count) on up to `threads` threads.
void parallel_for(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& work);

}  // namespace depeche
