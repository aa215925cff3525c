// A database that does not exist yet, built as parts written in parallel and
// merged at the end.
//
// One writer thread caps indexing at the speed of Xapian's write path (about
// three quarters of the time of a stock Xapian indexer), however many threads
// analyse. So a job that creates its database writes it as N parts, one per
// thread, each thread analysing and writing its own part: both stages run on
// every core. Each dispatch goes to the part its id hashes to, so an id that
// comes twice in the input is replaced within its part as in the simple
// path. At the end Xapian's compactor merges the parts into the database
// (renumbering the documents part after part: results never depend on document
// numbers, since ties in relevance are broken by id) and the merged database
// is renamed into place, so the database appears whole or not at all.
//
// The parts live beside the database in DB.parts/part-K (the folder created
// whole, see create_parts) and commit every batch, like the simple path. A job
// killed before the end leaves them there: run again, it finds them and goes
// on (ids already written are replaced, not duplicated), then merges.

#include <xapian.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <mutex>
#include <thread>

#include "database.hpp"
#include "pipeline.hpp"
#include "schema.hpp"

namespace depeche::pipeline {

namespace fs = std::filesystem;

namespace {

fs::path parts_folder(const std::string& database) {
    fs::path path = fs::path(database).lexically_normal();
    if (path.filename().empty()) path = path.parent_path();  // "db/"
    return path.string() + ".parts";
}

// The part (0-based) of an id: the high bits of the id's hash, where
// shard_of takes its residue modulo the shard count, so the ids of one shard
// still spread over every part.
unsigned part_of(std::string_view id, unsigned parts) {
    return static_cast<unsigned>((id_hash(id) >> 33) % parts);
}

// What every part writer shares: the run's figures and the callbacks, which
// are called under one lock (the caller's callbacks need not be thread-safe).
struct Shared {
    std::mutex mutex;
    IndexReport report;
    const IndexOptions& options;
    const std::function<void(const Reject&)>& on_reject;
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();

    Shared(const IndexOptions& o, const std::function<void(const Reject&)>& r) : options(o), on_reject(r) {}

    void event(std::string_view name) {  // with `mutex` held
        if (!options.on_event) return;
        report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        options.on_event(name, report);
    }
    void reject(const Reject& r) {
        std::lock_guard<std::mutex> lock(mutex);
        ++report.rejected;
        on_reject(r);
    }
};

// One part: a thread that takes chunks from its queue, analyses them and
// writes them into its own database, committing every `per_commit`.
class PartWriter {
public:
    PartWriter(const fs::path& path, const BuildVersions& versions, std::size_t per_commit, Shared& shared,
               const Lexicons& lexicons)
        : db_(open_for_writing(path.string(), versions)),
          per_commit_(per_commit),
          shared_(shared),
          lexicons_(lexicons) {}

    void start() {
        thread_ = std::thread([this] { run(); });
    }
    /// Queues a chunk; waits while four are queued. False if the writer failed.
    bool push(Chunk chunk) {
        std::unique_lock<std::mutex> lock(mutex_);
        space_.wait(lock, [this] { return queue_.size() < 4 || failed_; });
        if (failed_) return false;
        queue_.push_back(std::move(chunk));
        work_.notify_one();
        return true;
    }
    ~PartWriter() { finish(); }
    /// Writes what is queued, commits, and stops the thread.
    void finish() noexcept {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            closing_ = true;
        }
        work_.notify_one();
        if (thread_.joinable()) thread_.join();
    }
    /// What stopped the writer, if anything did.
    std::exception_ptr error() const { return error_; }

private:
    void run() {
        try {
            while (true) {
                std::unique_lock<std::mutex> lock(mutex_);
                work_.wait(lock, [this] { return closing_ || !queue_.empty(); });
                if (queue_.empty()) break;
                Chunk chunk = std::move(queue_.front());
                queue_.pop_front();
                lock.unlock();
                space_.notify_one();
                analyse_chunk(chunk, lexicons_);
                write(chunk);
            }
            commit();
            db_.close();
        } catch (...) {
            error_ = std::current_exception();
            std::lock_guard<std::mutex> lock(mutex_);
            failed_ = true;
            space_.notify_all();
        }
    }
    void write(const Chunk& chunk) {
        for (std::size_t i = 0; i < chunk.articles.size(); ++i) {
            const Written written = write_one(db_, chunk, i, [this](const Reject& r) { shared_.reject(r); });
            if (written == Written::rejected) continue;
            {
                std::lock_guard<std::mutex> lock(shared_.mutex);
                ++(written == Written::added ? shared_.report.added : shared_.report.replaced);
                shared_.report.bytes += chunk.articles[i].title.size() + chunk.articles[i].text.size();
            }
            if (++uncommitted_ >= per_commit_) commit();
        }
        std::lock_guard<std::mutex> lock(shared_.mutex);
        shared_.event("chunk");
    }
    void commit() {
        {
            std::lock_guard<std::mutex> lock(shared_.mutex);
            shared_.event("commit-begin");
        }
        db_.commit();
        uncommitted_ = 0;
        std::lock_guard<std::mutex> lock(shared_.mutex);
        shared_.event("commit-end");
    }

    Xapian::WritableDatabase db_;
    const std::size_t per_commit_;
    Shared& shared_;
    const Lexicons& lexicons_;
    std::size_t uncommitted_ = 0;
    std::thread thread_;
    std::mutex mutex_;
    std::condition_variable work_, space_;
    std::deque<Chunk> queue_;
    bool closing_ = false, failed_ = false;
    std::exception_ptr error_;
};

// The parts in `folder`.
unsigned parts_present(const fs::path& folder) {
    unsigned n = 0;
    while (fs::exists(folder / ("part-" + std::to_string(n + 1)))) ++n;
    return n;
}

// Creates `folder` with `parts` empty parts, whole or not at all: a job killed
// while Xapian creates a part's files would leave a part that no later run can
// open. So the parts are made (versions recorded, committed) in FOLDER.new,
// which one rename makes the folder; a killed creation's FOLDER.new is removed.
void create_parts(const fs::path& folder, unsigned parts, const BuildVersions& versions) {
    fs::path staging = folder;
    staging += ".new";
    std::error_code error;
    fs::remove_all(staging, error);
    fs::create_directories(staging, error);
    if (error) throw SetupError(staging.string() + ": cannot create: " + error.message());
    for (unsigned k = 0; k < parts; ++k)
        open_for_writing((staging / ("part-" + std::to_string(k + 1))).string(), versions).commit();
    fs::rename(staging, folder, error);
    if (error) throw SetupError(folder.string() + ": cannot create: " + error.message());
}

}  // namespace

IndexReport build_in_parts(const IndexOptions& options, const Lexicons& lexicons,
                           const std::function<void(const Reject&)>& on_reject,
                           const std::function<void(const std::string&)>& on_warning) {
    const fs::path folder = parts_folder(options.database);
    const BuildVersions versions = current_versions(lexicons.version);
    // A killed job's parts are taken up again, in the same number (an id's
    // part depends on it).
    if (!fs::exists(folder)) create_parts(folder, options.threads, versions);
    const unsigned parts = parts_present(folder);
    if (parts == 0) throw SetupError(folder.string() + ": holds no part-1 (remove the folder and run again)");

    Shared shared(options, on_reject);
    const std::size_t per_commit = std::max<std::size_t>(1, options.batch_size / parts);
    std::vector<std::unique_ptr<PartWriter>> writers;
    for (unsigned k = 0; k < parts; ++k)
        writers.push_back(std::make_unique<PartWriter>(folder / ("part-" + std::to_string(k + 1)), versions, per_commit,
                                                       shared, lexicons));
    for (auto& w : writers) w->start();

    std::vector<Chunk> filling(parts);
    auto hand_over = [&](unsigned k) {
        if (!writers[k]->push(std::move(filling[k]))) {
            // The writer failed: stop reading; finish() below says why.
            throw std::runtime_error("part writer failed");
        }
        filling[k] = Chunk();
    };
    std::exception_ptr reading_error;
    try {
        const ReadCounts counts = read_inputs(
            options.read,
            [&](Article&& article) {
                if (options.shard.count > 1 && shard_of(article.id, options.shard.count) != options.shard.index) {
                    std::lock_guard<std::mutex> lock(shared.mutex);
                    ++shared.report.other_shards;
                    return;
                }
                const unsigned k = part_of(article.id, parts);
                filling[k].articles.push_back(std::move(article));
                if (filling[k].articles.size() >= kChunk) hand_over(k);
            },
            [&](const Reject& reject) { shared.reject(reject); }, on_warning);
        for (unsigned k = 0; k < parts; ++k)
            if (!filling[k].articles.empty()) hand_over(k);
        std::lock_guard<std::mutex> lock(shared.mutex);
        shared.report.files = counts.files;
    } catch (...) {
        reading_error = std::current_exception();
    }
    for (auto& w : writers) w->finish();
    // A writer's own error explains a failed push better than the push.
    for (auto& w : writers)
        if (w->error()) std::rethrow_exception(w->error());
    if (reading_error) std::rethrow_exception(reading_error);
    writers.clear();

    // The merge: Xapian's compactor reads the parts once and writes one
    // compact database, which then takes the database's name in one rename.
    {
        std::lock_guard<std::mutex> lock(shared.mutex);
        shared.event("merge-begin");
    }
    const fs::path merged = folder / "merged";
    fs::remove_all(merged);
    try {
        Xapian::Database all;
        for (unsigned k = 0; k < parts; ++k)
            all.add_database(Xapian::Database((folder / ("part-" + std::to_string(k + 1))).string()));
        all.compact(merged.string());
    } catch (const Xapian::Error& e) {
        throw SetupError(merged.string() + ": cannot merge the parts: " + e.get_msg());
    }
    std::error_code error;
    fs::rename(merged, options.database, error);
    if (error) throw SetupError(options.database + ": cannot move the merged parts into place: " + error.message());
    fs::remove_all(folder, error);  // the database is whole: the parts are spare
    std::lock_guard<std::mutex> lock(shared.mutex);
    shared.event("merge-end");
    shared.report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - shared.started).count();
    return shared.report;
}

}  // namespace depeche::pipeline
