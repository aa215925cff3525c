// End to end: the built binaries on corpus/sample, as a user runs them.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "corpus_db.hpp"
#include "readers.hpp"

namespace fs = std::filesystem;
using depeche::testing::temp_path;

namespace {

struct Run {
    int status = -1;
    std::string out, err;
};

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string quote(const std::string& arg) {
    std::string q = "'";
    for (char c : arg) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

Run run(const std::string& binary, const std::vector<std::string>& args, const std::string& stdin_text = "") {
    static int counter = 0;
    const std::string base = temp_path("depeche-run") + std::to_string(++counter);
    std::string command = quote(binary);
    for (const auto& a : args) command += " " + quote(a);
    std::ofstream(base + ".in") << stdin_text;
    command += " <" + base + ".in >" + base + ".out 2>" + base + ".err";
    const int raw = std::system(command.c_str());
    Run r;
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = slurp(base + ".out");
    r.err = slurp(base + ".err");
    for (const char* ext : {".in", ".out", ".err"}) fs::remove(base + ext);
    return r;
}

Run index(const std::vector<std::string>& args, const std::string& stdin_text = "") {
    return run(DEPECHE_INDEX, args, stdin_text);
}
Run search(const std::vector<std::string>& args) { return run(DEPECHE_SEARCH, args); }

const std::string kSample = DEPECHE_SOURCE_DIR "/corpus/sample";

// The corpus database, built by depeche-index itself, once.
const std::string& database() {
    static const std::string db = [] {
        const std::string path = temp_path("depeche-e2e");
        const Run r = index({"--db", path, kSample});
        INFO(r.err);
        REQUIRE(r.status == 0);
        return path;
    }();
    return db;
}

// "FILE:LINE" (file name within corpus/sample) of every dispatch id, so that
// expectations name dispatches where a reader can find them.
const std::map<std::string, std::string>& labels() {
    static const std::map<std::string, std::string> by_id = [] {
        std::map<std::string, std::string> m;
        depeche::ReadOptions options;
        options.inputs = {kSample};
        depeche::read_inputs(
            options,
            [&m](depeche::Article&& a) { m[a.id] = fs::path(a.source).filename().string(); },
            [](const depeche::Reject&) {}, [](const std::string&) {});
        return m;
    }();
    return by_id;
}

nlohmann::json search_json(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", database(), "--json", "--limit", "1000"});
    const Run r = search(args);
    INFO(r.err);
    REQUIRE(r.status == 0);
    return nlohmann::json::parse(r.out);
}

// The dispatches a search finds, as sorted "FILE:LINE" labels.
std::vector<std::string> found(const std::vector<std::string>& args) {
    std::vector<std::string> out;
    for (const auto& hit : search_json(args)["hits"]) out.push_back(labels().at(hit["id"].get<std::string>()));
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("indexing twice replaces instead of duplicating", "[e2e][index]") {
    const std::string db = temp_path("depeche-twice");
    const Run first = index({"--db", db, kSample});
    REQUIRE(first.status == 0);
    CHECK(first.err.find(std::to_string(labels().size()) + " added, 0 replaced, 0 rejected") != std::string::npos);
    const Run second = index({"--db", db, kSample});
    REQUIRE(second.status == 0);
    CHECK(second.err.find("0 added, " + std::to_string(labels().size()) + " replaced, 0 rejected") != std::string::npos);
    CHECK(Xapian::Database(db).get_doccount() == labels().size());
    fs::remove_all(db);
}

TEST_CASE("bad records are reported with file and line, set aside, and the good ones kept", "[e2e][index]") {
    const std::string dir = temp_path("depeche-bad");
    fs::create_directories(dir);
    const std::string input = dir + "/in.txt";
    std::ofstream(input, std::ios::binary) << "date 2015-01-15 Une bonne dépêche sur la coalition.\n"
                                              "date 2022-13 Un mois impossible.\n"
                                              "date 2019-02-30 Un jour impossible.\n"
                                              "date 2015-01-16\n"
                                              "date 2015-01-17 Octet invalide \xC3\n"
                                              "{\"date\": \"2015-01-18\", \"text\": \"cassé\"\n"
                                              "date 2015-01-19 Une autre bonne dépêche, sur la coalition.\n";
    const std::string db = dir + "/db", rejects = dir + "/rejects.txt";
    const Run r = index({"--db", db, "--rejects", rejects, input});
    CHECK(r.status == 3);
    CHECK(r.err.find(input + ":2: impossible date '2022-13'") != std::string::npos);
    CHECK(r.err.find(input + ":3: impossible date '2019-02-30'") != std::string::npos);
    CHECK(r.err.find(input + ":4: empty text") != std::string::npos);
    CHECK(r.err.find(input + ":5: invalid UTF-8") != std::string::npos);
    CHECK(r.err.find(input + ":6: broken JSON") != std::string::npos);
    CHECK(r.err.find("2 added, 0 replaced, 5 rejected") != std::string::npos);
    const std::string written = slurp(rejects);
    CHECK(std::count(written.begin(), written.end(), '\n') == 5);
    CHECK(written.find(input + ":2: impossible date '2022-13'\tdate 2022-13 Un mois impossible.") != std::string::npos);
    const Run s = search({"--db", db, "--json", "coalition"});
    CHECK(s.status == 0);
    CHECK(nlohmann::json::parse(s.out)["total"] == 2);
    fs::remove_all(dir);
}

TEST_CASE("stdin, JSON Lines, BOM and CRLF", "[e2e][index]") {
    const std::string db = temp_path("depeche-stdin");
    const Run r = index({"--db", db, "--format", "jsonl", "-"},
                        "\xEF\xBB\xBF{\"id\":\"a-1\",\"date\":\"2016-06-01\",\"title\":\"Titre\",\"text\":\"La coalition.\"}\r\n");
    CHECK(r.status == 0);
    const Run s = search({"--db", db, "--id", "a-1", "--json"});
    CHECK(s.status == 0);
    const auto record = nlohmann::json::parse(s.out);
    CHECK(record["title"] == "Titre");
    CHECK(record["text"] == "La coalition.");
    fs::remove_all(db);
}

TEST_CASE("exit codes and one-line errors", "[e2e][errors]") {
    const Run missing = search({"--db", "/nonexistent/depeche-db", "coalition"});
    CHECK(missing.status == 1);
    CHECK(missing.err == "depeche-search: /nonexistent/depeche-db: no such database (build one with depeche-index "
                         "--db /nonexistent/depeche-db)\n");
    const Run bad_date = search({"--db", database(), "date:2019-02-30"});
    CHECK(bad_date.status == 2);
    CHECK(bad_date.err.find("impossible date '2019-02-30'") != std::string::npos);
    CHECK(search({"--db", database(), "--from", "2022-13"}).status == 2);
    CHECK(search({"--db", database(), "--sort", "sideways"}).status == 2);
    CHECK(search({"--db", database(), "--no-such-option"}).status == 2);
    CHECK(index({}).status == 2);
    const Run none = search({"--db", database(), "--json", "zzyzxq"});
    CHECK(none.status == 0);
    CHECK(nlohmann::json::parse(none.out)["total"] == 0);
    for (const char* binary : {DEPECHE_INDEX, DEPECHE_SEARCH, DEPECHE_EXTRACT}) {
        const Run help = run(binary, {"--help"});
        CHECK(help.status == 0);
        CHECK(help.out.find("Exit codes") != std::string::npos);
    }
}

TEST_CASE("a locked database gets one clear line", "[e2e][errors]") {
    const std::string db = temp_path("depeche-locked");
    REQUIRE(index({"--db", db, DEPECHE_SOURCE_DIR "/corpus/sample/seed-like.txt"}).status == 0);
    {
        Xapian::WritableDatabase holder(db, Xapian::DB_OPEN);
        const Run r = index({"--db", db, DEPECHE_SOURCE_DIR "/corpus/sample/seed-like.txt"});
        CHECK(r.status == 1);
        CHECK(r.err.find("locked by another writer") != std::string::npos);
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    }
    fs::remove_all(db);
}

TEST_CASE("a database built by another version says to reindex", "[e2e][errors]") {
    const std::string db = temp_path("depeche-old");
    REQUIRE(index({"--db", db, DEPECHE_SOURCE_DIR "/corpus/sample/seed-like.txt"}).status == 0);
    {
        Xapian::WritableDatabase w(db, Xapian::DB_OPEN);
        w.set_metadata("depeche.analyser", "0");
        w.commit();
    }
    const Run r = search({"--db", db, "coalition"});
    CHECK(r.status == 1);
    CHECK(r.err.find("reindex") != std::string::npos);
    CHECK(index({"--db", db, DEPECHE_SOURCE_DIR "/corpus/sample/seed-like.txt"}).status == 1);
    fs::remove_all(db);
}

TEST_CASE("the JSON output has exactly the documented shape", "[e2e][json]") {
    const auto j = search_json({"coalition"});
    std::vector<std::string> keys;
    for (const auto& [k, v] : j.items()) keys.push_back(k);
    CHECK(keys == std::vector<std::string>{"dropped", "facets", "hits", "offset", "query", "total"});
    CHECK(j["query"] == "coalition");
    CHECK(j["offset"] == 0);
    REQUIRE_FALSE(j["hits"].empty());
    const auto& hit = j["hits"][0];
    std::vector<std::string> hit_keys;
    for (const auto& [k, v] : hit.items()) hit_keys.push_back(k);
    CHECK(hit_keys == std::vector<std::string>{"date", "highlights", "id", "orgs", "persons", "places", "rank",
                                               "score", "snippet", "title"});
    CHECK(hit["rank"] == 1);
    CHECK(hit["score"].get<double>() > 0);
    for (const auto& h : hit["highlights"]) {
        const std::string word = hit["snippet"].get<std::string>().substr(h[0], h[1].get<std::size_t>() - h[0].get<std::size_t>());
        CHECK(depeche::fold(word).find("coalition") == 0);
    }
    std::vector<std::string> facet_keys;
    for (const auto& [k, v] : j["facets"].items()) facet_keys.push_back(k);
    CHECK(facet_keys == std::vector<std::string>{"date", "mentioned", "org", "person", "place"});
}
