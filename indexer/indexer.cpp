#include "indexer.hpp"

#include "facet_column.hpp"

#include "pipeline.hpp"

#include "database.hpp"
#include "document.hpp"
#include "schema.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

namespace depeche {

std::optional<Shard> parse_shard(std::string_view text) {
    const auto slash = text.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    auto number = [](std::string_view digits) -> unsigned {
        if (digits.empty() || digits.size() > 6) return 0;
        unsigned n = 0;
        for (char c : digits) {
            if (c < '0' || c > '9') return 0;
            n = n * 10 + static_cast<unsigned>(c - '0');
        }
        return n;
    };
    const unsigned index = number(text.substr(0, slash)), count = number(text.substr(slash + 1));
    if (index == 0 || count == 0 || index > count) return std::nullopt;
    return Shard{index, count};
}

std::uint64_t id_hash(std::string_view id) {
    // FNV-1a with an offset basis one digit short of the published one: kept,
    // since the shard every existing archive put each id in depends on it.
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : id) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}

unsigned shard_of(std::string_view id, unsigned count) {
    return static_cast<unsigned>(id_hash(id) % std::max(1u, count)) + 1;
}

DeleteReport run_delete(const std::string& database, const std::vector<std::string>& ids, const Lexicons& lexicons) {
    if (!std::filesystem::exists(database))
        throw SetupError(database + ": no such database (build one with depeche-index --db " + database + ")");
    Xapian::WritableDatabase db = open_for_writing(database, current_versions(lexicons.version));
    DeleteReport report;
    for (const auto& id : ids) {
        const std::string term = schema::make_term(schema::kId, id);
        if (!db.term_exists(term)) {
            report.unknown.push_back(id);
            continue;
        }
        db.delete_document(term);
        ++report.deleted;
    }
    db.commit();
    write_facet_column(db, database);
    return report;
}

void parallel_for(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& work) {
    const std::size_t n = std::max<std::size_t>(1, std::min<std::size_t>(threads, count));
    if (n == 1) {
        for (std::size_t i = 0; i < count; ++i) work(i);
        return;
    }
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> pool;
    for (std::size_t t = 0; t < n; ++t)
        pool.emplace_back([&] {
            for (std::size_t i = next++; i < count; i = next++) work(i);
        });
    for (auto& thread : pool) thread.join();
}

namespace pipeline {

void analyse_chunk(Chunk& chunk, const Lexicons& lexicons) {
    chunk.docs.resize(chunk.articles.size());
    chunk.failures.resize(chunk.articles.size());
    for (std::size_t i = 0; i < chunk.articles.size(); ++i) {
        try {
            chunk.docs[i] = build_document(analyse_article(chunk.articles[i], lexicons));
        } catch (const std::exception& e) {
            chunk.failures[i] = std::string("cannot analyse: ") + e.what();
        }
    }
}

Written write_one(Xapian::WritableDatabase& db, const Chunk& chunk, std::size_t i,
                  const std::function<void(const Reject&)>& on_reject) {
    const Article& article = chunk.articles[i];
    if (!chunk.docs[i]) {
        on_reject({article.source, chunk.failures[i], article.text.substr(0, 1000)});
        return Written::rejected;
    }
    const std::string id_term = schema::make_term(schema::kId, article.id);
    try {
        if (db.term_exists(id_term)) {
            db.replace_document(id_term, *chunk.docs[i]);
            return Written::replaced;
        }
        db.add_document(*chunk.docs[i]);
        return Written::added;
    } catch (const Xapian::InvalidArgumentError& e) {
        // A document Xapian refuses (build_document should never make one)
        // costs that dispatch only, not the batch around it.
        on_reject({article.source, "Xapian refused the document: " + e.get_msg(), article.text.substr(0, 1000)});
        return Written::rejected;
    }
}

}  // namespace pipeline

namespace {

using pipeline::Chunk;

// Long-lived analysis threads (their stem caches and ICU iterators stay
// warm), fed chunks in input order and giving them back in the same order.
class AnalysisPool {
public:
    AnalysisPool(const Lexicons& lexicons, unsigned threads) : lexicons_(lexicons) {
        for (unsigned t = 0; t < std::max(1u, threads); ++t) workers_.emplace_back([this] { work(); });
    }
    ~AnalysisPool() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stopping_ = true;
        }
        wake_workers_.notify_all();
        for (auto& w : workers_) w.join();
    }
    void submit(Chunk chunk) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            queue_.emplace_back(submitted_++, std::move(chunk));
        }
        wake_workers_.notify_one();
    }
    std::size_t in_flight() const { return submitted_ - returned_; }
    /// The next chunk in input order, analysed (waits for it).
    Chunk next() {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_writer_.wait(lock, [this] { return done_.count(returned_) != 0; });
        auto it = done_.find(returned_++);
        Chunk chunk = std::move(it->second);
        done_.erase(it);
        return chunk;
    }

private:
    void work() {
        while (true) {
            std::unique_lock<std::mutex> lock(mutex_);
            wake_workers_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;
            auto [sequence, chunk] = std::move(queue_.front());
            queue_.pop_front();
            lock.unlock();
            pipeline::analyse_chunk(chunk, lexicons_);
            lock.lock();
            done_.emplace(sequence, std::move(chunk));
            lock.unlock();
            wake_writer_.notify_one();
        }
    }

    const Lexicons& lexicons_;
    std::mutex mutex_;
    std::condition_variable wake_workers_, wake_writer_;
    std::deque<std::pair<std::size_t, Chunk>> queue_;
    std::map<std::size_t, Chunk> done_;
    std::size_t submitted_ = 0, returned_ = 0;  // submitted_ is only touched by the writer
    bool stopping_ = false;
    std::vector<std::thread> workers_;
};

}  // namespace

namespace {

IndexReport index_into(const IndexOptions& options, const Lexicons& lexicons,
                       const std::function<void(const Reject&)>& on_reject,
                       const std::function<void(const std::string&)>& on_warning) {
    // A database this job creates is built faster as parts written in
    // parallel and merged at the end (parts.cpp); one that exists is updated
    // in place, in input order, by one writer.
    if (options.threads > 1 && !std::filesystem::exists(options.database))
        return pipeline::build_in_parts(options, lexicons, on_reject, on_warning);
    const auto started = std::chrono::steady_clock::now();
    Xapian::WritableDatabase db = open_for_writing(options.database, current_versions(lexicons.version));
    IndexReport report;
    std::size_t uncommitted = 0;
    auto event = [&](std::string_view name) {
        if (!options.on_event) return;
        report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        options.on_event(name, report);
    };
    auto commit = [&] {
        event("commit-begin");
        db.commit();
        event("commit-end");
    };
    auto write = [&](Chunk chunk) {
        for (std::size_t i = 0; i < chunk.articles.size(); ++i) {
            switch (pipeline::write_one(db, chunk, i, on_reject)) {
                case pipeline::Written::rejected:
                    ++report.rejected;
                    continue;
                case pipeline::Written::added:
                    ++report.added;
                    break;
                case pipeline::Written::replaced:
                    ++report.replaced;
                    break;
            }
            report.bytes += chunk.articles[i].title.size() + chunk.articles[i].text.size();
            if (++uncommitted >= options.batch_size) {
                commit();
                uncommitted = 0;
            }
        }
        event("chunk");
    };
    // The writer (this thread) reads and writes while the pool analyses:
    // reading, analysis and the Xapian write path overlap. At most a few
    // chunks per worker are in flight, so memory stays bounded.
    using pipeline::kChunk;
    const std::size_t max_in_flight = 4 * std::max(1u, options.threads);
    AnalysisPool pool(lexicons, options.threads);
    Chunk filling;
    auto hand_over = [&] {
        pool.submit(std::move(filling));
        filling = Chunk();
        while (pool.in_flight() > max_in_flight) write(pool.next());
    };
    const ReadCounts counts = read_inputs(
        options.read,
        [&](Article&& article) {
            if (options.shard.count > 1 && shard_of(article.id, options.shard.count) != options.shard.index) {
                ++report.other_shards;
                return;
            }
            filling.articles.push_back(std::move(article));
            if (filling.articles.size() >= kChunk) hand_over();
        },
        [&](const Reject& reject) {
            ++report.rejected;
            on_reject(reject);
        },
        on_warning);
    if (!filling.articles.empty()) pool.submit(std::move(filling));
    while (pool.in_flight() > 0) write(pool.next());
    commit();
    report.files = counts.files;
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

}  // namespace

IndexReport run_index(const IndexOptions& options, const Lexicons& lexicons,
                      const std::function<void(const Reject&)>& on_reject,
                      const std::function<void(const std::string&)>& on_warning) {
    const auto started = std::chrono::steady_clock::now();
    IndexReport report = index_into(options, lexicons, on_reject, on_warning);
    // The facet column after the last commit (and the merge): a crash before
    // it is written leaves the previous column, whose revision no longer
    // matches, so searches count from the facet slots until the next run.
    if (options.on_event) options.on_event("column-begin", report);
    write_facet_column(options.database);
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (options.on_event) options.on_event("column-end", report);
    return report;
}

}  // namespace depeche
