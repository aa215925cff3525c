#include "readers.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

using namespace depeche;

namespace {

// "ok:<id>:<date>:<text>" or "reject:<reason>".
std::string line(std::string_view input) {
    auto r = parse_line_record(input);
    if (auto* reason = std::get_if<std::string>(&r)) return "reject:" + *reason;
    const auto& a = std::get<Article>(r);
    return "ok:" + to_iso(a.published) + ":" + a.text;
}

std::string json(std::string_view input) {
    auto r = parse_json_record(input);
    if (auto* reason = std::get_if<std::string>(&r)) return "reject:" + *reason;
    const auto& a = std::get<Article>(r);
    return "ok:" + a.id + ":" + to_iso(a.published) + ":" + a.title + ":" + a.text + ":" + a.extra_json;
}

struct TempDir {
    std::filesystem::path path;
    TempDir() {
        path = std::filesystem::temp_directory_path() / ("depeche-readers-" + std::to_string(std::random_device{}()));
        std::filesystem::create_directories(path);
    }
    ~TempDir() { std::filesystem::remove_all(path); }
    void write(const std::string& name, const std::string& content) const {
        std::filesystem::create_directories((path / name).parent_path());
        std::ofstream(path / name, std::ios::binary) << content;
    }
};

}  // namespace

TEST_CASE("line format: good records", "[readers]") {
    CHECK(line("date 2022-03 Les chefs des diplomaties.") == "ok:2022-03:Les chefs des diplomaties.");
    CHECK(line("   date 2015-01-15   Texte.  \r") == "ok:2015-01-15:Texte.");
    CHECK(line("date 2015-01-15\tTexte") == "ok:2015-01-15:Texte");
    // NFC: a decomposed é comes out composed.
    CHECK(line("date 2015-01-15 e\xCC\x81t\xC3\xA9") == "ok:2015-01-15:\xC3\xA9t\xC3\xA9");
}

TEST_CASE("line format: the id depends on the content only", "[readers]") {
    auto a = std::get<Article>(parse_line_record("date 2015-01-15 Texte."));
    auto b = std::get<Article>(parse_line_record("  date 2015-01-15 Texte.\r"));
    auto c = std::get<Article>(parse_line_record("date 2015-01-16 Texte."));
    CHECK(a.id == b.id);
    CHECK(a.id != c.id);
    CHECK(a.id.rfind("dep-", 0) == 0);
    CHECK(a.id.size() == 20);
}

TEST_CASE("line format: bad records say why", "[readers]") {
    CHECK(line("date 2022-13 Texte") == "reject:impossible date '2022-13'");
    CHECK(line("date 2019-02-30 Texte") == "reject:impossible date '2019-02-30'");
    CHECK(line("date 2019 Texte") == "reject:date '2019' needs at least a month (YYYY-MM)");
    CHECK(line("date 2019-02-10") == "reject:empty text");
    CHECK(line("date 2019-02-10    ") == "reject:empty text");
    CHECK(line("Texte sans date") == "reject:missing 'date YYYY-MM[-DD]' at the start of the line");
    CHECK(line(std::string("date 2019-02-10 a\0b", 19)) == "reject:NUL byte in the record");
    CHECK(line("date 2019-02-10 caf\xC3") == "reject:invalid UTF-8");
    CHECK(line("date 99999-01-01 Texte").rfind("reject:impossible date", 0) == 0);
}

TEST_CASE("JSON Lines: fields, ids and extra fields", "[readers]") {
    CHECK(json(R"({"id":"afp-1","date":"2021-04-12","title":"Titre","text":"Corps.","section":"eco"})") ==
          R"(ok:afp-1:2021-04-12:Titre:Corps.:{"section":"eco"})");
    CHECK(json(R"({"date":"2021-04-12T08:00:00Z","text":"Corps."})").rfind("ok:dep-", 0) == 0);
    CHECK(json(R"({"id":42,"date":"2021-04","text":"Corps.","title":null})") == "ok:42:2021-04::Corps.:{}");
}

TEST_CASE("JSON Lines: bad records say why", "[readers]") {
    CHECK(json(R"({"date":"2021-04-12","text":"Corps."")") == "reject:broken JSON");
    CHECK(json(R"([1,2])") == "reject:JSON record is not an object");
    CHECK(json(R"({"text":"Corps."})") == "reject:missing \"date\"");
    CHECK(json(R"({"date":"2021-02-29","text":"Corps."})") == "reject:impossible date '2021-02-29'");
    CHECK(json(R"({"date":"2021-02-01","text":"   "})") == "reject:empty text");
    CHECK(json(R"({"date":"2021-02-01","text":["a"]})") == "reject:\"text\" is not a string");
    CHECK(json(R"({"id":"","date":"2021-02-01","text":"a"})") == "reject:empty \"id\"");
    CHECK(json(R"({"id":")" + std::string(300, 'x') + R"(","date":"2021-02-01","text":"a"})") ==
          "reject:\"id\" longer than 200 bytes");
    CHECK(json(std::string(100, '[') + std::string(100, ']')) == "reject:JSON nested deeper than 32 levels");
}

TEST_CASE("read_inputs: folders, formats, rejects with file and line", "[readers]") {
    TempDir dir;
    dir.write("a.txt",
              "\xEF\xBB\xBF"
              "date 2015-01-15 Premier.\r\n\r\ndate 2015-13-01 Mauvais.\r\ndate 2015-01-16 Second.\r\n");
    dir.write("sub/b.jsonl", "{\"id\":\"x\",\"date\":\"2016-02-02\",\"text\":\"Trois.\"}\n{broken\n");
    dir.write("README.txt", "Not dispatches.\nAt all.\n");
    dir.write("ignored.md", "date 2015-01-15 Jamais lu.\n");
    std::vector<std::string> seen, rejects, warnings;
    ReadOptions options;
    options.inputs = {dir.path.string()};
    const auto counts = read_inputs(
        options, [&](Article&& a) { seen.push_back(a.source.substr(dir.path.string().size()) + " " + a.text); },
        [&](const Reject& r) { rejects.push_back(r.source.substr(dir.path.string().size()) + " " + r.reason); },
        [&](const std::string& w) { warnings.push_back(w); });
    CHECK(seen == std::vector<std::string>{"/a.txt:1 Premier.", "/a.txt:4 Second.", "/sub/b.jsonl:1 Trois."});
    CHECK(rejects == std::vector<std::string>{"/a.txt:3 impossible date '2015-13-01'", "/sub/b.jsonl:2 broken JSON"});
    CHECK(warnings.size() == 1);
    CHECK(counts.records == 3);
    CHECK(counts.rejected == 2);
    CHECK(counts.files == 2);
}

TEST_CASE("read_stream: a stream read like a file, named in every source", "[readers]") {
    std::istringstream in(
        "\xEF\xBB\xBF{\"id\":\"x\",\"date\":\"2016-02-02\",\"text\":\"Un.\"}\r\n"
        "date 2016-02-03 Deux.\n  \ndate 2016-02-30 Trois.\n");
    std::vector<std::string> seen, rejects;
    const auto counts = read_stream(
        in, "flux", InputFormat::automatic, [&](Article&& a) { seen.push_back(a.source + " " + a.text); },
        [&](const Reject& r) { rejects.push_back(r.source); });
    CHECK(seen == std::vector<std::string>{"flux:1 Un.", "flux:2 Deux."});
    CHECK(rejects == std::vector<std::string>{"flux:4"});
    CHECK(counts.records == 2);
    CHECK(counts.rejected == 1);
}

TEST_CASE("read_inputs: an explicit input that does not exist throws", "[readers]") {
    ReadOptions options;
    options.inputs = {"/nonexistent/depeche"};
    CHECK_THROWS_WITH(read_inputs(
                          options, [](Article&&) {}, [](const Reject&) {}, [](const std::string&) {}),
                      Catch::Contains("/nonexistent/depeche"));
}

TEST_CASE("garbage in: random lines never throw", "[readers][fuzz]") {
    std::mt19937 rng(7);
    for (int round = 0; round < 2000; ++round) {
        std::string s(rng() % 80, '\0');
        for (auto& c : s) c = static_cast<char>(rng() % 256);
        if (round % 3 == 0) s = "date 2015-01-15 " + s;
        if (round % 3 == 1) s = "{\"date\":\"2015-01-15\",\"text\":\"" + s;
        CHECK_NOTHROW(parse_line_record(s));
        CHECK_NOTHROW(parse_json_record(s));
    }
}
