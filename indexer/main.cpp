// depeche-index: index French dispatches into a depeche (Xapian) database.

#include <sys/resource.h>
#include <unistd.h>
#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <string_view>
#include <thread>

#include "cli.hpp"
#include "database.hpp"
#include "facet_column.hpp"
#include "indexer.hpp"
#include "progress.hpp"

namespace po = boost::program_options;
using namespace depeche;

namespace {

const char* const kUsage = R"(Usage: depeche-index [options] INPUT...
       depeche-index [--db DIR] --delete ID...
       depeche-index [--db DIR] --delete-from FILE
       depeche-index [--db DIR] --facet-column

Indexes French dispatches into a depeche database: French analysis (word
breaking, elisions, accents, stop words, stemming), people, places,
organisations and dates recognised and stored with each dispatch.

INPUT is a file, a folder (read recursively: files ending .txt, .jsonl or
.ndjson) or - for standard input, in either format:
  line format   date YYYY-MM[-DD] <text>          one dispatch per line
  JSON Lines    {"id": ..., "date": ..., "title": ..., "text": ..., ...}
UTF-8 with or without a byte-order mark, LF or CRLF. A dispatch without an id
gets one derived from its date and text, so indexing the same input again
replaces instead of duplicating.

Bad records (invalid UTF-8, NUL bytes, missing or impossible date, empty text,
broken JSON) are reported as FILE:LINE: reason, counted, and set aside; the
good records around them are indexed.

A database that does not exist yet is built with every thread writing its own
part, in DB.parts beside it, merged into DB at the end: DB appears whole or not
at all, and a killed job's re-run takes up its parts. An existing database is
updated in place, committed every --batch-size dispatches.

--shard I/N keeps only the dispatches whose id hashes to shard I of N, so that
N jobs can index an archive into N databases in parallel, each id in exactly
one of them; search them together with depeche-search --db A --db B ...
--delete removes the dispatches with the ids given (instead of inputs), and
--delete-from the ids listed in FILE, one per line; unknown ids are reported.

Every run ends by writing DB/depeche-facets, the facet column: each
dispatch's facet values as small integers, which depeche-search counts much
faster than the values themselves. It is derived from the database and used
only while in step with it (same database, same commit): after any other
change (xapian-compact, a run killed before it) searches count without it,
with the same results, until --facet-column (with no input) rebuilds it.

)";

const char* const kExitCodes = R"(
Exit codes: 0 ok, 1 failure (database locked or unreadable, lexicons or input
missing), 2 usage error, 3 the run completed but rejected records (or, with
--delete, some ids were unknown).
)";

// --stats-json FILE: the run's figures, for benchmarks and job logs.
void write_stats(const std::string& path, const IndexReport& r, const IndexOptions& options) {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const double seconds = std::max(r.seconds, 1e-6);
    nlohmann::ordered_json stats = {{"database", options.database},
                                    {"added", r.added},
                                    {"replaced", r.replaced},
                                    {"rejected", r.rejected},
                                    {"other_shards", r.other_shards},
                                    {"files", r.files},
                                    {"bytes", r.bytes},
                                    {"seconds", r.seconds},
                                    {"dispatches_per_second", r.written() / seconds},
                                    {"mb_per_second", r.bytes / seconds / 1e6},
                                    {"peak_rss_mb", usage.ru_maxrss / 1024.0},
                                    {"threads", options.threads},
                                    {"batch_size", options.batch_size}};
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << stats.dump(2) << '\n';
    if (!out.flush()) throw SetupError("cannot write " + path);
}

// --delete ID... / --delete-from FILE.
int delete_dispatches(const po::variables_map& vm, const std::string& database, const std::string& lexicon_dir,
                      bool quiet) {
    std::vector<std::string> ids;
    if (vm.count("delete") && vm.count("input")) ids = vm["input"].as<std::vector<std::string>>();
    if (vm.count("delete-from")) {
        const std::string path = vm["delete-from"].as<std::string>();
        std::ifstream in(path, std::ios::binary);
        if (!in) throw SetupError("cannot read " + path);
        for (std::string line; std::getline(in, line);) {
            while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
            const auto start = line.find_first_not_of(" \t");
            if (start != std::string::npos) ids.push_back(line.substr(start));
        }
    } else if (ids.empty()) {
        throw UsageError("--delete needs the ids to delete");
    }
    const Lexicons lexicons = load_lexicons(find_lexicon_dir(lexicon_dir), LexiconUse::names);
    const DeleteReport report = run_delete(database, ids, lexicons);
    for (const auto& id : report.unknown) std::fprintf(stderr, "depeche-index: unknown id '%s'\n", id.c_str());
    if (!quiet)
        std::fprintf(stderr, "depeche-index: %zu deleted, %zu unknown from %s\n", report.deleted, report.unknown.size(),
                     database.c_str());
    return report.unknown.empty() ? kExitOk : kExitRejected;
}

// --facet-column: the column of an existing database, rebuilt alone.
int rebuild_facet_column(const std::string& database, const std::string& lexicon_dir, bool quiet) {
    const Lexicons lexicons = load_lexicons(find_lexicon_dir(lexicon_dir), LexiconUse::names);
    const Xapian::Database db = open_for_reading({database}, current_versions(lexicons.version));
    const auto started = std::chrono::steady_clock::now();
    const std::uint64_t bytes = write_facet_column(db, database);
    if (!quiet)
        std::fprintf(stderr, "depeche-index: facet column of %u dispatches, %.1f MB, in %.2f s: %s/%s\n",
                     db.get_doccount(), bytes / 1e6,
                     std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(),
                     database.c_str(), kFacetColumnFile);
    return kExitOk;
}

int run(int argc, char** argv) {
    po::options_description options("Options");
    // clang-format off
    options.add_options()
        ("db", po::value<std::string>()->value_name("DIR"), "database folder, created when absent; default $DEPECHE_DB or ./depeche-db")
        ("format", po::value<std::string>()->default_value("auto")->value_name("FMT"), "auto (each line by its first character), line or jsonl")
        ("rejects", po::value<std::string>()->value_name("FILE"), "write each rejected record to FILE as 'FILE:LINE: reason<TAB>record'")
        ("batch-size", po::value<std::size_t>()->default_value(5000)->value_name("N"), "dispatches per commit")
        ("threads", po::value<unsigned>()->default_value(std::max(1u, std::thread::hardware_concurrency()))->value_name("N"), "threads that analyse (and, for a new database, write)")
        ("shard", po::value<std::string>()->value_name("I/N"), "keep only the dispatches of shard I of N (1 <= I <= N)")
        ("delete", "remove the dispatches whose ids are given instead of inputs")
        ("delete-from", po::value<std::string>()->value_name("FILE"), "remove the dispatches whose ids FILE lists, one per line")
        ("facet-column", "only (re)build the facet column of the database (DB/depeche-facets)")
        ("lexicons", po::value<std::string>()->value_name("DIR"), "lexicon folder (default: the installed one)")
        ("stats-json", po::value<std::string>()->value_name("FILE"), "write the run's figures to FILE as JSON")
        ("quiet,q", "print nothing but errors (no progress line, no summary)");
    // clang-format on
    const auto parsed =
        parse_command_line(argc, argv, options, "input", kUsage, kExitCodes, "depeche-index " DEPECHE_VERSION);
    if (!parsed) return kExitOk;
    const po::variables_map& vm = *parsed;
    const bool quiet = vm.count("quiet") != 0;
    const std::string database = vm.count("db") ? vm["db"].as<std::string>() : default_database();
    const std::string lexicon_dir = vm.count("lexicons") ? vm["lexicons"].as<std::string>() : "";
    if (vm.count("delete") || vm.count("delete-from")) return delete_dispatches(vm, database, lexicon_dir, quiet);
    if (vm.count("facet-column")) {
        if (vm.count("input")) throw UsageError("--facet-column takes no input");
        return rebuild_facet_column(database, lexicon_dir, quiet);
    }
    if (!vm.count("input")) throw UsageError("no input given");
    IndexOptions index;
    index.read.inputs = vm["input"].as<std::vector<std::string>>();
    const auto format = parse_input_format(vm["format"].as<std::string>());
    if (!format) throw UsageError("--format takes auto, line or jsonl");
    index.read.format = *format;
    index.database = database;
    if (vm.count("shard")) {
        const auto shard = parse_shard(vm["shard"].as<std::string>());
        if (!shard) throw UsageError("--shard takes I/N with 1 <= I <= N, not '" + vm["shard"].as<std::string>() + "'");
        index.shard = *shard;
    }
    index.batch_size = std::max<std::size_t>(1, vm["batch-size"].as<std::size_t>());
    index.threads = std::max(1u, vm["threads"].as<unsigned>());
    std::ofstream rejects;
    if (vm.count("rejects")) {
        rejects.open(vm["rejects"].as<std::string>(), std::ios::binary | std::ios::trunc);
        if (!rejects) throw SetupError("cannot write " + vm["rejects"].as<std::string>());
    }
    // A progress line when stderr is a terminal (never in scripts or logs).
    std::optional<Progress> progress;
    if (!quiet && isatty(STDERR_FILENO)) progress.emplace(input_bytes(index.read), stderr);
    // Rejects reach the disk with each commit, so that after a crash the file
    // holds at least those of the committed batches. DEPECHE_TRACE=1 prints
    // the write path's milestones on stderr for the crash tests
    // (tests/crash_test.py), which kill the process at chosen ones.
    const bool trace = std::getenv("DEPECHE_TRACE") != nullptr;
    index.on_event = [&](std::string_view event, const IndexReport& so_far) {
        if (event == "commit-end" && rejects.is_open()) rejects.flush();
        if (trace)
            std::fprintf(stderr, "depeche-index: trace %.*s %zu\n", static_cast<int>(event.size()), event.data(),
                         so_far.written());
        if (progress) progress->update(so_far);
    };
    std::size_t rejects_written = 0;
    // Kept to the end of the process, never destroyed (as in depeche-extract):
    // freeing the word lists entry by entry costs a fifth of loading them.
    static const Lexicons* const kept = new Lexicons(load_lexicons(find_lexicon_dir(lexicon_dir)));
    const Lexicons& lexicons = *kept;
    const IndexReport report = run_index(
        index, lexicons,
        [&](const Reject& r) {
            if (progress) progress->clear();
            std::fprintf(stderr, "%s: %s\n", r.source.c_str(), r.reason.c_str());
            if (rejects.is_open()) {
                rejects << r.source << ": " << r.reason << '\t' << r.record << '\n';
                if (trace) std::fprintf(stderr, "depeche-index: trace reject %zu\n", ++rejects_written);
            }
        },
        [&](const std::string& warning) {
            if (progress) progress->clear();
            if (!quiet) std::fprintf(stderr, "depeche-index: %s\n", warning.c_str());
        });
    if (progress) progress->clear();
    if (vm.count("stats-json")) write_stats(vm["stats-json"].as<std::string>(), report, index);
    if (rejects.is_open()) {
        rejects.flush();
        if (!rejects) throw SetupError("cannot write " + vm["rejects"].as<std::string>());
    }
    if (!quiet) {
        const double seconds = std::max(report.seconds, 1e-6);
        std::fprintf(stderr,
                     "depeche-index: %zu added, %zu replaced, %zu rejected from %zu files in %.2f s "
                     "(%.0f dispatches/s, %.2f MB/s) into %s\n",
                     report.added, report.replaced, report.rejected, report.files, report.seconds,
                     (report.added + report.replaced) / seconds, report.bytes / seconds / 1e6, index.database.c_str());
        if (index.shard.count > 1)
            std::fprintf(stderr, "depeche-index: shard %u/%u: %zu dispatches left to the other shards\n",
                         index.shard.index, index.shard.count, report.other_shards);
    }
    return report.rejected ? kExitRejected : kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
    return guarded_main("depeche-index", [&] { return run(argc, argv); });
}
