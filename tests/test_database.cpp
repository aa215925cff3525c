#include "database.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <random>
#include <thread>

#include "corpus_db.hpp"
#include "search.hpp"

using namespace depeche;
using depeche::testing::build_database;
using depeche::testing::lexicons;

namespace {

BuildVersions versions() {
    return current_versions(lexicons().version);
}

std::string build_shard(unsigned i) {
    IndexOptions o;
    o.read.inputs = {DEPECHE_SOURCE_DIR "/corpus/sample"};
    o.database = depeche::testing::temp_path("depeche-shard" + std::to_string(i));
    o.shard = {i, 2};
    run_index(o, lexicons(), [](const Reject&) {}, [](const std::string&) {});
    return o.database;
}

// corpus/sample in two shards, built once.
const std::string& shard(unsigned i) {
    static const std::string a = build_shard(1), b = build_shard(2);
    return i == 1 ? a : b;
}

// A stock xapian-tcpsrv serving one database on 127.0.0.1, in its own process
// group (it forks a child per connection): stop() ends them all.
class Server {
public:
    explicit Server(const std::string& db) {
        std::mt19937 rng(std::random_device{}());
        for (int attempt = 0; attempt < 20 && pid_ <= 0; ++attempt) {
            port_ = 20000 + rng() % 40000;
            const pid_t pid = fork();
            if (pid == 0) {
                setsid();
                const std::string port = std::to_string(port_);
                execlp("xapian-tcpsrv", "xapian-tcpsrv", "--quiet", "--interface", "127.0.0.1", "--port", port.c_str(),
                       db.c_str(), static_cast<char*>(nullptr));
                _exit(127);
            }
            for (int wait = 0; wait < 100; ++wait) {
                try {
                    Xapian::Remote::open("127.0.0.1", port_).get_doccount();
                    pid_ = pid;
                    break;
                } catch (const Xapian::Error&) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(50));
                }
                int status;
                if (waitpid(pid, &status, WNOHANG) == pid) break;  // the port was taken
            }
            if (pid_ <= 0) {
                kill(-pid, SIGKILL);
                waitpid(pid, nullptr, 0);
            }
        }
        if (pid_ <= 0) FAIL("cannot start xapian-tcpsrv (Debian package xapian-tools)");
    }
    ~Server() { stop(); }
    std::string address() const { return "tcp://127.0.0.1:" + std::to_string(port_); }
    void stop() {
        if (pid_ <= 0) return;
        kill(-pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }

private:
    pid_t pid_ = -1;
    unsigned port_ = 0;
};

SearchResult coalition(const Xapian::Database& db) {
    SearchRequest r;
    r.query = "coalition OR ministre";
    r.limit = 1000;
    r.facet_limit = 0;
    return search(db, lexicons(), r);
}

}  // namespace

TEST_CASE("a read is retried when index jobs changed the database under it", "[database]") {
    Archive archive({shard(1)}, versions(), false);
    int calls = 0;
    const auto count = archive.read([&](const Xapian::Database& db) {
        if (++calls == 1) throw Xapian::DatabaseModifiedError("overwritten");
        return db.get_doccount();
    });
    CHECK(calls == 2);
    CHECK(count == Xapian::Database(shard(1)).get_doccount());

    calls = 0;
    CHECK_THROWS_AS(archive.read([&](const Xapian::Database&) -> int {
        ++calls;
        throw Xapian::DatabaseModifiedError("always");
    }),
                    Xapian::DatabaseModifiedError);
    CHECK(calls == Archive::kAttempts);
}

// Whether Xapian reports the overwritten revision here depends on its block
// cache; either way the read must give the same answer.
TEST_CASE("a reader kept open while a writer commits again and again still reads", "[database]") {
    const std::string path = build_database({DEPECHE_SOURCE_DIR "/corpus/sample"}, "depeche-busy");
    Archive archive({path}, versions(), false);
    const auto before = archive.read(coalition);
    {
        // Move every document to a new document number several times,
        // committing each time: the blocks of the revision the archive
        // opened are freed and overwritten.
        Xapian::WritableDatabase writer(path, Xapian::DB_OPEN);
        for (int round = 0; round < 4; ++round) {
            const Xapian::docid last = writer.get_lastdocid();
            for (Xapian::docid id = 1; id <= last; ++id) {
                try {
                    Xapian::Document doc = writer.get_document(id);
                    writer.delete_document(id);
                    writer.add_document(doc);
                } catch (const Xapian::DocNotFoundError&) {
                }
            }
            writer.commit();
        }
    }
    const auto after = archive.read(coalition);
    CHECK(after.total == before.total);
    REQUIRE(after.hits.size() == before.hits.size());
    for (std::size_t i = 0; i < after.hits.size(); ++i) CHECK(after.hits[i].id == before.hits[i].id);
}

TEST_CASE("a server that stops answering: named, or left out with allow_partial", "[database][remote]") {
    const auto whole = coalition(open_for_reading({shard(1), shard(2)}, versions()));
    const auto first_only = coalition(Xapian::Database(shard(1)));
    REQUIRE(whole.total > first_only.total);

    SECTION("allow_partial: the search goes on without it, and says so") {
        Server a(shard(1)), b(shard(2));
        Archive archive({a.address(), b.address()}, versions(), true);
        CHECK(archive.read(coalition).total == whole.total);
        CHECK(archive.missing().empty());
        b.stop();
        const auto partial = archive.read(coalition);
        CHECK(partial.total == first_only.total);
        REQUIRE(archive.missing().size() == 1);
        CHECK_THAT(archive.missing()[0], Catch::Contains(b.address()));
    }
    SECTION("otherwise: one error naming it") {
        Server a(shard(1)), b(shard(2));
        Archive archive({a.address(), b.address()}, versions(), false);
        CHECK(archive.read(coalition).total == whole.total);
        b.stop();
        CHECK_THROWS_WITH(archive.read(coalition), Catch::Contains(b.address()));
    }
    SECTION("a server down from the start") {
        Server a(shard(1)), b(shard(2));
        const std::string gone = b.address();
        b.stop();
        CHECK_THROWS_WITH(Archive({a.address(), gone}, versions(), false), Catch::Contains(gone));
        Archive archive({a.address(), gone}, versions(), true);
        CHECK(archive.read(coalition).total == first_only.total);
        CHECK(archive.missing().size() == 1);
        CHECK_THROWS_WITH(Archive({gone}, versions(), true), Catch::Contains("no database could be reached"));
    }
}
