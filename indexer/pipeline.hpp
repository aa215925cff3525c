#pragma once
// What the two write paths of run_index share (indexer.cpp: one writer in
// input order; parts.cpp: a database built as parts in parallel, merged at
// the end). Internal to indexer/.

#include <xapian.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "indexer.hpp"

namespace depeche::pipeline {

/// Dispatches per chunk handed from the reader to the analysis threads.
inline constexpr std::size_t kChunk = 64;

/// A chunk of dispatches on its way to a database: analysed by a worker,
/// then written.
struct Chunk {
    std::vector<Article> articles;
    std::vector<std::optional<Xapian::Document>> docs;
    std::vector<std::string> failures;
};

/// Analyses, recognises and builds the document of every article of the
/// chunk; a dispatch that fails gets its reason in `failures`.
void analyse_chunk(Chunk& chunk, const Lexicons& lexicons);

/// What writing one dispatch did.
enum class Written { added, replaced, rejected };

/// Writes the i-th dispatch of an analysed chunk into `db`: added when its id
/// is new, replaced when the id is there (the id term is looked up first:
/// replace_document(term) walks a posting list even for a new id). A
/// dispatch whose analysis failed, or that Xapian refuses, is rejected
/// through `on_reject` and costs only itself.
Written write_one(Xapian::WritableDatabase& db, const Chunk& chunk, std::size_t i,
                  const std::function<void(const Reject&)>& on_reject);

/// The parallel path of run_index, for a database that does not exist yet and
/// more than one thread: see parts.cpp.
IndexReport build_in_parts(const IndexOptions& options, const Lexicons& lexicons,
                           const std::function<void(const Reject&)>& on_reject,
                           const std::function<void(const std::string&)>& on_warning);

}  // namespace depeche::pipeline
