#include "indexer.hpp"

#include <atomic>
#include <chrono>
#include <optional>
#include <thread>

#include "database.hpp"
#include "document.hpp"
#include "schema.hpp"

namespace depeche {

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

IndexReport run_index(const IndexOptions& options, const Lexicons& lexicons,
                      const std::function<void(const Reject&)>& on_reject,
                      const std::function<void(const std::string&)>& on_warning) {
    const auto started = std::chrono::steady_clock::now();
    Xapian::WritableDatabase db = open_for_writing(options.database, current_versions(lexicons.version));
    IndexReport report;
    std::vector<Article> chunk;
    std::size_t uncommitted = 0;
    // Analysis runs on the worker threads, a chunk at a time; the writer
    // (this thread) adds the documents in input order.
    constexpr std::size_t kChunk = 512;
    auto flush = [&] {
        std::vector<std::optional<Xapian::Document>> docs(chunk.size());
        std::vector<std::string> failures(chunk.size());
        parallel_for(chunk.size(), options.threads, [&](std::size_t i) {
            try {
                docs[i] = build_document(analyse_article(chunk[i], lexicons));
            } catch (const std::exception& e) {
                failures[i] = std::string("cannot analyse: ") + e.what();
            }
        });
        for (std::size_t i = 0; i < chunk.size(); ++i) {
            if (!docs[i]) {
                ++report.rejected;
                on_reject({chunk[i].source, failures[i], chunk[i].text.substr(0, 1000)});
                continue;
            }
            // replace_document(term) costs a posting-list walk even for a new
            // id: only pay it when the id is already there.
            const std::string id_term = schema::make_term(schema::kId, chunk[i].id);
            if (db.term_exists(id_term)) {
                ++report.replaced;
                db.replace_document(id_term, *docs[i]);
            } else {
                ++report.added;
                db.add_document(*docs[i]);
            }
            report.bytes += chunk[i].title.size() + chunk[i].text.size();
            if (++uncommitted >= options.batch_size) {
                db.commit();
                uncommitted = 0;
            }
        }
        chunk.clear();
    };
    const ReadCounts counts = read_inputs(
        options.read,
        [&](Article&& article) {
            chunk.push_back(std::move(article));
            if (chunk.size() >= kChunk) flush();
        },
        [&](const Reject& reject) {
            ++report.rejected;
            on_reject(reject);
        },
        on_warning);
    flush();
    db.commit();
    report.files = counts.files;
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

}  // namespace depeche
