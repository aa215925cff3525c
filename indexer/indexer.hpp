#pragma once
// The indexing pipeline: read -> analyse -> recognise -> build document ->
// write, in batches committed as they fill.

#include <functional>
#include <string>

#include "lexicon.hpp"
#include "readers.hpp"

namespace depeche {

struct IndexOptions {
    ReadOptions read;
    std::string database;          ///< folder, created when absent
    std::size_t batch_size = 5000; ///< dispatches per commit
    unsigned threads = 2;          ///< analysis threads
};

struct IndexReport {
    std::size_t added = 0;     ///< new ids
    std::size_t replaced = 0;  ///< ids already in the database (or earlier in the run)
    std::size_t rejected = 0;
    std::size_t files = 0;
    std::size_t bytes = 0;     ///< title + text bytes indexed
    double seconds = 0;
};

/// Indexes every input into options.database. Bad records go to `on_reject`
/// and never stop the run; `on_warning` hears about skipped files. Throws
/// SetupError when the database cannot be opened or written.
IndexReport run_index(const IndexOptions& options, const Lexicons& lexicons,
                      const std::function<void(const Reject&)>& on_reject,
                      const std::function<void(const std::string&)>& on_warning);

/// Calls work(i) for i in [0, count) on up to `threads` threads.
void parallel_for(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& work);

}  // namespace depeche
