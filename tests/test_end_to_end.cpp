// End to end: the built binaries on corpus/sample, as a user runs them.

#include <sys/wait.h>
#include <xapian.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "corpus_db.hpp"
#include "facet_column.hpp"
#include "progress.hpp"
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
Run search(const std::vector<std::string>& args) {
    return run(DEPECHE_SEARCH, args);
}

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
            options, [&m](depeche::Article&& a) { m[a.id] = fs::path(a.source).filename().string(); },
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
    const nlohmann::json result = search_json(args);
    for (const auto& hit : result["hits"]) out.push_back(labels().at(hit["id"].get<std::string>()));
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
    CHECK(second.err.find("0 added, " + std::to_string(labels().size()) + " replaced, 0 rejected") !=
          std::string::npos);
    CHECK(Xapian::Database(db).get_doccount() == labels().size());
    fs::remove_all(db);
}

TEST_CASE("a job killed while it created its parts does not block the next one", "[e2e][index]") {
    // What a kill in the middle of Xapian creating a part leaves: a folder
    // with some of a database's files and no revision file. Parts are created
    // in DB.parts.new and renamed whole, so such a folder can only be there.
    const std::string db = temp_path("depeche-killed-parts");
    fs::create_directories(db + ".parts.new/part-1");
    std::ofstream(db + ".parts.new/part-1/postlist.glass") << "half written";
    std::ofstream(db + ".parts.new/part-1/flintlock");
    const Run run = index({"--db", db, "--threads", "2", "--quiet", kSample});
    INFO(run.err);
    REQUIRE(run.status == 0);
    CHECK(Xapian::Database(db).get_doccount() == labels().size());
    CHECK_FALSE(fs::exists(db + ".parts"));
    CHECK_FALSE(fs::exists(db + ".parts.new"));
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
    const Run r = index(
        {"--db", db, "--format", "jsonl", "-"},
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
    CHECK(missing.err ==
          "depeche-search: /nonexistent/depeche-db: no such database (build one with depeche-index "
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

TEST_CASE("a missing or outdated facet column: the same results, and a note saying how to write it", "[e2e][search]") {
    const std::string db = temp_path("depeche-column-note");
    REQUIRE(index({"--db", db, kSample}).status == 0);
    const std::vector<std::string> args = {"--db", db, "--json", "--facet-limit", "0", "france"};
    const Run fresh = search(args);
    REQUIRE(fresh.status == 0);
    CHECK(fresh.err.empty());
    const fs::path column = fs::path(db) / depeche::kFacetColumnFile;
    const std::string written = slurp(column.string());
    const auto check_note = [&](const char* why) {
        const Run r = search(args);
        INFO(r.err);
        CHECK(r.status == 0);
        CHECK(r.out == fresh.out);
        CHECK(r.err.find(why) != std::string::npos);
        CHECK(r.err.find("depeche-search: note: ") == 0);
        CHECK(r.err.find("depeche-index --db " + db + " --facet-column") != std::string::npos);
    };
    SECTION("a column written by another version") {
        std::string old = written;
        old[8] = static_cast<char>(old[8] - 1);  // the version, after the 8-byte magic
        std::ofstream(column, std::ios::binary | std::ios::trunc) << old;
        check_note("not a facet column of this version");
    }
    SECTION("no column") {
        fs::remove(column);
        check_note("no facet column");
    }
    SECTION("a stale column (a commit since, as while an index job runs) is no reason for a note") {
        {
            Xapian::WritableDatabase w(db, Xapian::DB_OPEN);
            w.set_metadata("depeche.test", "a commit after the column");
            w.commit();
        }
        const Run r = search(args);
        CHECK(r.status == 0);
        CHECK(r.out == fresh.out);
        CHECK(r.err.empty());
    }
    // Rewritten, the column is used again and the note goes.
    REQUIRE(index({"--db", db, "--facet-column"}).status == 0);
    const Run rewritten = search(args);
    CHECK(rewritten.out == fresh.out);
    CHECK(rewritten.err.empty());
    fs::remove_all(db);
}

TEST_CASE("the JSON output has exactly the documented shape", "[e2e][json]") {
    const auto j = search_json({"coalition"});
    std::vector<std::string> keys;
    for (const auto& [k, v] : j.items()) keys.push_back(k);
    CHECK(keys ==
          std::vector<std::string>{"dropped", "facets", "hits", "missing", "offset", "partial", "query", "total"});
    CHECK(j["query"] == "coalition");
    CHECK(j["offset"] == 0);
    REQUIRE_FALSE(j["hits"].empty());
    const auto& hit = j["hits"][0];
    std::vector<std::string> hit_keys;
    for (const auto& [k, v] : hit.items()) hit_keys.push_back(k);
    CHECK(hit_keys == std::vector<std::string>{"date", "highlights", "id", "orgs", "persons", "places", "rank", "score",
                                               "snippet", "title"});
    CHECK(hit["rank"] == 1);
    CHECK(hit["score"].get<double>() > 0);
    for (const auto& h : hit["highlights"]) {
        const std::string word =
            hit["snippet"].get<std::string>().substr(h[0], h[1].get<std::size_t>() - h[0].get<std::size_t>());
        CHECK(depeche::fold(word).find("coalition") == 0);
    }
    std::vector<std::string> facet_keys;
    for (const auto& [k, v] : j["facets"].items()) facet_keys.push_back(k);
    CHECK(facet_keys == std::vector<std::string>{"date", "mentioned", "org", "person", "place"});
}

namespace {

using Labels = std::vector<std::string>;

Labels sorted(Labels l) {
    std::sort(l.begin(), l.end());
    return l;
}

// Every dispatch of corpus/sample dated in `year`.
Labels dated(const std::string& year) {
    Labels out;
    depeche::ReadOptions options;
    options.inputs = {kSample};
    depeche::read_inputs(
        options,
        [&](depeche::Article&& a) {
            if (depeche::to_iso(a.published).rfind(year, 0) == 0) out.push_back(fs::path(a.source).filename().string());
        },
        [](const depeche::Reject&) {}, [](const std::string&) {});
    return sorted(out);
}

}  // namespace

// The expected dispatches were found by reading the archive (grep and the
// text itself), not by running depeche: "FILE:LINE" in corpus/sample.
TEST_CASE("queries on the archive find exactly the expected dispatches", "[e2e][search]") {
    const Labels coalition = {"2015-2019.txt:10", "2020-2024.txt:15", "wire-2020-2024.jsonl:22",
                              "wire-2020-2024.jsonl:6"};
    const Labels islamic_state = {"2010-2014.txt:49", "2015-2019.txt:1",  "2015-2019.txt:10", "2015-2019.txt:13",
                                  "2015-2019.txt:24", "2015-2019.txt:28", "2015-2019.txt:8",  "wire-2020-2024.jsonl:6"};
    const Labels carrier = {"2010-2014.txt:14", "2015-2019.txt:10", "wire-2020-2024.jsonl:6"};
    const Labels parly = {"2015-2019.txt:28", "wire-2020-2024.jsonl:6", "wire-2020-2024.jsonl:8"};
    const Labels pelosi = {"2015-2019.txt:42", "2020-2024.txt:9", "wire-2020-2024.jsonl:13"};
    const struct {
        std::vector<std::string> args;
        Labels expected;
    } table[] = {
        // words: stems, accents, case
        {{"coalition"}, coalition},
        {{"COALITIONS"}, coalition},
        {{"\"jeux olympiques\""},
         {"2010-2014.txt:27", "2010-2014.txt:43", "2015-2019.txt:18", "2015-2019.txt:30", "2015-2019.txt:34",
          "2020-2024.txt:30", "2020-2024.txt:31", "wire-2020-2024.jsonl:17"}},
        {{"porte-avions"}, carrier},
        {{"\"porte avions\""}, carrier},
        // entities, and the look-alikes that must stay apart
        {{"--person", "Florence Parly"}, parly},
        {{"personne:parly"}, parly},
        {{"lieu:Florence"},
         {"2010-2014.txt:46", "2015-2019.txt:24", "wire-2020-2024.jsonl:11", "wire-2020-2024.jsonl:18"}},
        {{"--place", "nancy"},
         {"2010-2014.txt:3", "2010-2014.txt:8", "2015-2019.txt:39", "2020-2024.txt:2", "wire-2020-2024.jsonl:3"}},
        {{"--person", "Nancy Pelosi"}, pelosi},
        {{"person:pelosi"}, pelosi},
        {{"--org", "Orange"}, {"2010-2014.txt:45", "2015-2019.txt:51", "wire-2020-2024.jsonl:9"}},
        {{"--place", "Orange"}, {"2010-2014.txt:44", "2010-2014.txt:9", "2015-2019.txt:17", "wire-2020-2024.jsonl:11"}},
        {{"org:Daech"}, islamic_state},
        {{"--org", "état islamique"}, islamic_state},
        {{"--org", "EI"}, islamic_state},
        // filters combine: all must hold
        {{"--org", "EI", "--place", "Irak"}, {"2010-2014.txt:49", "2015-2019.txt:24", "wire-2020-2024.jsonl:6"}},
        {{"coalition", "--org", "Daech"}, {"2015-2019.txt:10", "wire-2020-2024.jsonl:6"}},
        {{"--from", "2016-01-01", "--to", "2016-12-31"}, dated("2016")},
        {{"date:2016"}, dated("2016")},
        // negatives: words and filters that must exclude
        {{"zzyzxq"}, {}},
        // "allemand" is another stem than "Allemagne": wire-2020-2024.jsonl:22 stays
        {{"coalition", "NOT", "Allemagne"}, {"2015-2019.txt:10", "wire-2020-2024.jsonl:22", "wire-2020-2024.jsonl:6"}},
        {{"coalition", "--from", "2022"}, {"wire-2020-2024.jsonl:22"}},
        {{"--person", "Charles de Gaulle", "porte-avions"}, {}},
        {{"\"coalition jeux\""}, {}},
    };
    for (const auto& row : table) {
        std::string shown;
        for (const auto& a : row.args) shown += a + " ";
        INFO("depeche-search " << shown);
        CHECK(found(row.args) == sorted(row.expected));
    }
}

namespace {

// "value (count), ..." of one facet of a JSON result.
std::string facet(const nlohmann::json& result, const char* name) {
    std::string out;
    for (const auto& f : result["facets"][name])
        out += (out.empty() ? "" : ", ") + f["value"].get<std::string>() + " (" +
               std::to_string(f["count"].get<int>()) + ")";
    return out;
}

}  // namespace

TEST_CASE("the seed-like dispatch: whole facet lists", "[e2e][seed]") {
    const std::string db = temp_path("depeche-seedlike");
    REQUIRE(index({"--db", db, DEPECHE_SOURCE_DIR "/corpus/sample/seed-like.txt"}).status == 0);
    const Run r = search({"--db", db, "--json", "--facet-limit", "0"});
    REQUIRE(r.status == 0);
    const auto j = nlohmann::json::parse(r.out);
    // People named in full, then by surname alone ("M. Zarif", "M. Kerry"):
    // the surname is never a separate person.
    CHECK(facet(j, "person") == "Hassan Rohani (1), John Kerry (1), Mohammad Javad Zarif (1), Yukiya Amano (1)");
    CHECK(facet(j, "place") ==
          "Allemagne (1), Arak (1), Chine (1), France (1), Genève (1), Iran (1), Parchin (1), Proche-Orient (1), "
          "Royaume-Uni (1), Russie (1), Suisse (1), Téhéran (1), Washington (1), aéroport de Genève (1), "
          "États-Unis (1)");
    // An organisation with its acronym: one value.
    CHECK(facet(j, "org") == "AIEA (1), Union européenne (1)");
    CHECK(facet(j, "date") == "2013-11 (1)");
    // "l'an dernier" is the year before the dispatch; the weekdays of a
    // dispatch dated 2013-11 stay 2013-11, never an invented day.
    CHECK(facet(j, "mentioned") == "2012 (1), 2013 (1), 2013-06 (1), 2013-11 (1)");
    const Run extract = run(DEPECHE_EXTRACT, {DEPECHE_SOURCE_DIR "/corpus/sample/seed-like.txt"});
    REQUIRE(extract.status == 0);
    const auto entities = nlohmann::json::parse(extract.out)["entities"];
    for (const auto& e : entities) {
        if (e["kind"] != "date") continue;
        const std::string value = e["name"];
        CHECK(value.size() <= 7);  // no day: the dispatch has none
    }
    fs::remove_all(db);
}

// The seed dispatch the project was specified from is not ours to commit:
// this test reads it from ../shared/seed when present.
TEST_CASE("the seed dispatch is found the ways a journalist would look for it", "[e2e][seed]") {
    const fs::path seed_dir = DEPECHE_SOURCE_DIR "/../shared/seed";
    if (!fs::is_directory(seed_dir)) {
        WARN("../shared/seed not present: skipped");
        return;
    }
    const std::string db = temp_path("depeche-seed");
    REQUIRE(index({"--db", db, seed_dir.string()}).status == 0);
    for (const auto& query : std::vector<std::vector<std::string>>{{"coalition"},
                                                                   {"etat islamique"},
                                                                   {"réunions"},
                                                                   {"\"Lancaster House\""},
                                                                   {"personne:\"Philip Hammond\""},
                                                                   {"--place", "Londres"},
                                                                   {"--person", "hammond"},
                                                                   {"--org", "EI"}}) {
        std::vector<std::string> args = {"--db", db, "--json"};
        args.insert(args.end(), query.begin(), query.end());
        const Run r = search(args);
        INFO(query.back());
        REQUIRE(r.status == 0);
        CHECK(nlohmann::json::parse(r.out)["total"] == 1);
    }
    const Run r = search({"--db", db, "--json", "--facet-limit", "0"});
    const auto j = nlohmann::json::parse(r.out);
    CHECK(facet(j, "person") == "Barack Obama (1), David Cameron (1), John Kerry (1), Philip Hammond (1)");
    for (const char* place : {"Londres (1)", "Irak (1)", "Syrie (1)", "Paris (1)", "Washington (1)"})
        CHECK_THAT(facet(j, "place"), Catch::Contains(place));
    CHECK_THAT(facet(j, "org"), Catch::Contains("État islamique (1)"));
    CHECK_THAT(facet(j, "org"), Catch::Contains("Al-Qaïda (1)"));
    CHECK(facet(j, "date") == "2022-03 (1)");
    CHECK(facet(j, "mentioned") == "2021 (1), 2022-03 (1)");
    fs::remove_all(db);
}

TEST_CASE("shards: each id in exactly one, and searched together they equal one database", "[e2e][shards]") {
    const std::string a = temp_path("depeche-shard-a"), b = temp_path("depeche-shard-b");
    REQUIRE(index({"--db", a, "--shard", "1/2", kSample}).status == 0);
    REQUIRE(index({"--db", b, "--shard", "2/2", kSample}).status == 0);
    const auto na = Xapian::Database(a).get_doccount(), nb = Xapian::Database(b).get_doccount();
    CHECK(na > 0);
    CHECK(nb > 0);
    CHECK(na + nb == labels().size());
    for (const auto& query : std::vector<std::vector<std::string>>{{"coalition"}, {"--person", "obama"}, {}}) {
        std::vector<std::string> both = {"--db", a, "--db", b, "--json", "--limit", "1000", "--facet-limit", "0"};
        std::vector<std::string> one = {"--db", database(), "--json", "--limit", "1000", "--facet-limit", "0"};
        both.insert(both.end(), query.begin(), query.end());
        one.insert(one.end(), query.begin(), query.end());
        const auto together = nlohmann::json::parse(search(both).out), merged = nlohmann::json::parse(search(one).out);
        CHECK(together["total"] == merged["total"]);
        CHECK(together["facets"] == merged["facets"]);
        std::vector<std::string> ids_together, ids_merged;
        for (const auto& h : together["hits"]) ids_together.push_back(h["id"]);
        for (const auto& h : merged["hits"]) ids_merged.push_back(h["id"]);
        CHECK(ids_together == ids_merged);
    }
    CHECK(index({"--db", a, "--shard", "3/2", kSample}).status == 2);
    CHECK(index({"--db", a, "--shard", "0/2", kSample}).status == 2);
}

TEST_CASE("deleting dispatches by id: facets follow, unknown ids are reported", "[e2e][delete]") {
    const std::string db = temp_path("depeche-delete");
    REQUIRE(index({"--db", db, kSample}).status == 0);
    auto total = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {"--db", db, "--json"});
        return nlohmann::json::parse(search(args).out)["total"].get<int>();
    };
    const int parly = total({"--person", "Florence Parly"});
    REQUIRE(parly == 3);
    const Run r = index({"--db", db, "--delete", "afp-2021-0225", "no-such-id"});
    CHECK(r.status == 3);
    CHECK(r.err.find("unknown id 'no-such-id'") != std::string::npos);
    CHECK(r.err.find("1 deleted, 1 unknown") != std::string::npos);
    CHECK(total({"--person", "Florence Parly"}) == parly - 1);
    const std::string list = db + "-ids.txt";
    std::ofstream(list) << "afp-2020-1000\r\n\n  afp-2022-0700  \n";
    CHECK(index({"--db", db, "--delete-from", list}).status == 0);
    CHECK(total({}) == static_cast<int>(labels().size()) - 3);
    fs::remove(list);
    CHECK(index({"--db", temp_path("depeche-none"), "--delete", "x"}).status == 1);
}

TEST_CASE("the run's figures as JSON (--stats-json); no progress line off a terminal", "[e2e][index]") {
    const std::string db = temp_path("depeche-stats"), stats = temp_path("depeche-stats") + ".json";
    const Run r = index({"--db", db, "--stats-json", stats, kSample});
    CHECK(r.status == 0);
    CHECK(r.err.find('\r') == std::string::npos);  // stderr is a file here: the summary only
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    const auto j = nlohmann::json::parse(slurp(stats));
    CHECK(j["added"] == 159);
    CHECK(j["replaced"] == 0);
    CHECK(j["rejected"] == 0);
    CHECK(j["files"] == 5);
    CHECK(j["bytes"].get<std::size_t>() > 100000);
    CHECK(j["seconds"].get<double>() > 0);
    CHECK(j["peak_rss_mb"].get<double>() > 1);
    CHECK(j["database"] == db);
    fs::remove(stats);
}

TEST_CASE("on a terminal, a progress line is drawn in place and erased", "[e2e][index]") {
    if (std::system("command -v script >/dev/null 2>&1") != 0) {
        WARN("script (util-linux) missing: cannot give depeche-index a terminal");
        return;
    }
    const std::string db = temp_path("depeche-tty"), log = temp_path("depeche-tty") + ".log";
    const std::string command = std::string(DEPECHE_INDEX) + " --db " + db + " --batch-size 20 " + kSample;
    // script runs the command on a pseudo-terminal and copies what it prints.
    const int status = std::system(("script -qec " + quote(command) + " /dev/null >" + log + " 2>&1").c_str());
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    const std::string out = slurp(log);
    CHECK(out.find("\rdepeche-index: ") != std::string::npos);
    CHECK(out.find(" dispatches, ") != std::string::npos);
    CHECK(out.find("ETA ") != std::string::npos);
    CHECK(out.find("159 added") != std::string::npos);
    fs::remove(log);
}

TEST_CASE("the progress line: rate, share done, time left", "[index]") {
    depeche::IndexReport r;
    r.added = 300;
    r.replaced = 100;
    r.bytes = 2'000'000;
    r.seconds = 4;
    CHECK(depeche::progress_line(r, std::nullopt) == "400 dispatches, 100/s, 0.50 MB/s");
    CHECK(depeche::progress_line(r, 8'000'000) == "400 dispatches, 100/s, 0.50 MB/s, 25%, ETA 12 s");
    r.rejected = 2;
    r.bytes = 9'000'000;  // more than the files held: never over 99% before the end
    CHECK(depeche::progress_line(r, 8'000'000) == "400 dispatches, 100/s, 2.25 MB/s, 2 rejected, 99%, ETA 0 s");
    CHECK(depeche::format_duration(3725) == "1 h 02 min");
    CHECK(depeche::format_duration(185) == "3 min 05 s");
    CHECK(depeche::format_duration(0.4) == "0 s");
}

TEST_CASE("the indexing pipeline's speed-ups change nothing: the simple path gives the same database", "[e2e][index]") {
    // The simple path: one analysis thread, a commit after every dispatch.
    // Against it, the default and an odd mix of threads and batch sizes
    // (chunks cut across commits, more workers than cores). Every term, wdf,
    // position, value and stored record must be the same, in the same order.
    auto dump = [](const std::vector<std::string>& options) {
        const std::string db = temp_path("depeche-pipeline");
        std::vector<std::string> args = {"--db", db, "--quiet"};
        args.insert(args.end(), options.begin(), options.end());
        args.push_back(kSample);
        const Run indexed = index(args);
        INFO(indexed.err);
        REQUIRE(indexed.status == 0);
        const Run dumped = run(DEPECHE_DB_DUMP, {db});
        REQUIRE(dumped.status == 0);
        fs::remove_all(db);
        return dumped.out;
    };
    const std::string simple = dump({"--threads", "1", "--batch-size", "1"});
    CHECK(simple.find("\ndocuments " + std::to_string(labels().size()) + "\n") != std::string::npos);
    CHECK(dump({}) == simple);
    CHECK(dump({"--threads", "3", "--batch-size", "7"}) == simple);
}
