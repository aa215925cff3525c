// parse_json_record (readers.cpp reads records without a JSON tree) against
// the nlohmann reading it replaced: on every record of corpus/ and on
// thousands of generated and mutated ones, valid and broken, both must
// accept the same records with the same fields and reject the others for the
// same reason.

#include "json_record_reference.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>

#include "readers.hpp"

using namespace depeche;

namespace {

std::string ours(std::string_view line) {
    return testing::json_record_summary(parse_json_record(line));
}

std::string reference(std::string_view line) {
    return testing::json_record_summary(testing::reference_json_record(line));
}

// Accepted and rejected records seen, to show the generator reaches both.
struct Tally {
    std::size_t accepted = 0;
    std::size_t rejected = 0;
    void check(const std::string& line) {
        const std::string expected = reference(line);
        INFO("record: " << line);
        REQUIRE(ours(line) == expected);
        (expected.rfind("ok|", 0) == 0 ? accepted : rejected) += 1;
    }
};

std::vector<std::string> corpus_records() {
    std::vector<std::string> out;
    for (const char* folder : {"/corpus/sample", "/tests/data", "/tests/fuzz/seeds/jsonl"}) {
        const std::filesystem::path dir = std::string(DEPECHE_SOURCE_DIR) + folder;
        if (!std::filesystem::is_directory(dir)) continue;
        for (const auto& entry : std::filesystem::directory_iterator(dir)) {
            if (!entry.is_regular_file()) continue;
            std::ifstream in(entry.path(), std::ios::binary);
            std::string line;
            while (std::getline(in, line))
                if (line.find('{') != std::string::npos) out.push_back(line);
        }
    }
    return out;
}

// Pieces of JSON chosen for the rules a reader can get wrong.
const std::vector<std::string> kStrings = {
    "",
    "Texte.",
    "  Corps du texte  ",
    "2015-01-15",
    "2015-01",
    "2015",
    "2015-02-30",
    "2015-01-15T10:00:00Z",
    "2015-01-15 10:00",
    "afp-1",
    R"(a\u0000b)",
    R"(\ud83d\ude00)",
    R"(\uD834\uDD1E)",
    R"(\ud83d)",
    R"(\ude00)",
    R"(\ud83d\u0041)",
    R"(\ud83dx)",
    R"(\u00e9t\u00C9)",
    R"(e\u0301te)",
    R"(\"cit\u00e9\" \\ \/ \b\f\n\r\t)",
    R"(\x)",
    R"(\u12)",
    R"(\uZZZZ)",
    "\x01",
    "tab\there",
    "\x7f",
    "Élysée, œuvre, 😀, l’État",
    "e\xCC\x81t\xC3\xA9",
    "\xC3",
    std::string(201, 'x'),
    std::string(200, 'y'),
    R"(\u001f)",
};

const std::vector<std::string> kScalars = {
    "0",
    "-0",
    "42",
    "-42",
    "01",
    "1.",
    ".5",
    "1.5",
    "-1.25e-3",
    "1e5",
    "1E+5",
    "1e",
    "1e-400",
    "1e400",
    "-1e400",
    "-",
    "+1",
    "-01",
    "0.0000",
    "true",
    "false",
    "null",
    "nul",
    "tru",
    "True",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775808",
    "-9223372036854775809",
    std::string(400, '9'),
    std::string(300, '1') + ".5",
};

const std::vector<std::string> kKeys = {
    "id", "date", "title", "text", R"(d\u0061te)",    R"(t\u0065xt)", "section",
    "",   "ID",   "text ", "url",  R"(\ud83d\ude00)", "extra",        R"(a\"b\\c\u0000)"};

const std::vector<std::string> kSpace = {"", "", "", " ", "\t", "\n", "\r", "  \n\t", "\f", "\xC2\xA0"};

struct Generator {
    std::mt19937 rng;

    std::size_t below(std::size_t n) { return rng() % n; }
    template <class T>
    const T& pick(const std::vector<T>& v) {
        return v[below(v.size())];
    }
    std::string space() { return below(4) ? "" : pick(kSpace); }
    std::string string() { return "\"" + pick(kStrings) + (below(8) ? "" : pick(kStrings)) + "\""; }

    std::string value(int depth) {
        switch (below(depth > 0 ? 6 : 3)) {
            case 0:
            case 1:
                return string();
            case 2:
                return pick(kScalars);
            case 3:
            case 4: {
                std::string out = "[" + space();
                for (std::size_t i = 0, n = below(4); i < n; ++i) out += (i ? "," : "") + space() + value(depth - 1);
                return out + space() + "]";
            }
            default: {
                std::string out = "{" + space();
                for (std::size_t i = 0, n = below(4); i < n; ++i)
                    out += std::string(i ? "," : "") + "\"" + pick(kKeys) + "\"" + space() + ":" + value(depth - 1);
                return out + space() + "}";
            }
        }
    }

    // Mostly records with a usable date and text, so the later checks run.
    std::string record() {
        std::vector<std::string> members;
        if (below(10)) members.push_back(R"("date":")" + std::string(below(3) ? "2015-01-15" : "2015-03") + "\"");
        if (below(10)) members.push_back(R"("text":"Le texte de la dépêche.")");
        for (std::size_t i = 0, n = below(5); i < n; ++i) {
            const std::string& key = pick(kKeys);
            const std::string v = below(3) ? string() : value(below(4));
            members.push_back("\"" + key + "\"" + space() + ":" + space() + v);
        }
        std::shuffle(members.begin(), members.end(), rng);
        std::string out = below(20) ? "" : "\xEF\xBB\xBF";
        out += space() + "{" + space();
        for (std::size_t i = 0; i < members.size(); ++i) out += (i ? "," + space() : "") + members[i] + space();
        out += "}" + space();
        if (below(30) == 0) out = std::string(30 + below(6), '[') + out + std::string(30 + below(6), ']');
        if (below(30) == 0) out = R"({"date":"2015-01","text":"t","x":)" + std::string(30 + below(4), '[') + "]";
        return out;
    }

    // One to three random edits, with bytes that matter to JSON.
    std::string mutate(std::string s) {
        static const std::string kBytes = "{}[]\",:\\/0123456789.-+eEtuDdn \t\r\n\x01\x7f\xC3\xA9";
        for (std::size_t edits = 1 + below(3); edits > 0 && !s.empty(); --edits) {
            const std::size_t at = below(s.size());
            switch (below(5)) {
                case 0:
                    s.erase(at, 1);
                    break;
                case 1:
                    s.insert(at, 1, kBytes[below(kBytes.size())]);
                    break;
                case 2:
                    s[at] = kBytes[below(kBytes.size())];
                    break;
                case 3:
                    s.resize(at);
                    break;
                default:
                    s.insert(at, s.substr(below(s.size()), below(12)));
            }
        }
        return s;
    }
};

}  // namespace

TEST_CASE("JSON Lines records: the reader agrees with nlohmann on corpus/", "[readers][json]") {
    const auto records = corpus_records();
    REQUIRE(records.size() > 20);
    Tally tally;
    Generator gen{std::mt19937(11)};
    for (const std::string& r : records) {
        tally.check(r);
        for (int i = 0; i < 20; ++i) tally.check(gen.mutate(r));
    }
    CHECK(tally.accepted > records.size() / 2);
    CHECK(tally.rejected > records.size());
}

TEST_CASE("JSON Lines records: the reader agrees with nlohmann on generated records", "[readers][json]") {
    Tally tally;
    Generator gen{std::mt19937(29)};
    for (int i = 0; i < 20000; ++i) {
        const std::string r = gen.record();
        tally.check(r);
        tally.check(gen.mutate(r));
    }
    // Both outcomes are common, so neither side is tested on one kind only.
    CHECK(tally.accepted > 4000);
    CHECK(tally.rejected > 4000);
}

TEST_CASE("JSON Lines records: the cases the nlohmann reading settles", "[readers][json]") {
    auto check = [](const std::string& line, const std::string& expected) {
        INFO("record: " << line);
        CHECK(ours(line) == expected);
        CHECK(reference(line) == expected);
    };
    // The last of duplicate keys wins; extra fields are sorted, their numbers
    // written nlohmann's way.
    check(R"({"date":5,"text":"a","date":"2015-01","x":2,"b":1.50,"x":[1E2]})",
          R"(ok|dep-)" + std::get<Article>(parse_json_record(R"({"date":"2015-01","text":"a"})")).id.substr(4) +
              R"(|2015-01||a|{"b":1.5,"x":[100.0]})");
    check(R"({"date":"2015-01","text":"a","text":null})", R"(reject|missing "text")");
    // Keys are compared unescaped; integers as nlohmann writes them.
    check(R"({"d\u0061te":"2015-01","text":"a","id":-0})", "ok|0|2015-01||a|{}");
    check(R"({"date":"2015-01","text":"a","id":18446744073709551616})", R"(reject|"id" is not a string)");
    check(R"({"date":"2015-01","text":"a\ud83d\ude00","id":"x"})", "ok|x|2015-01||a\xF0\x9F\x98\x80|{}");
    check(R"({"date":"2015-01","text":"a\ud83d","id":"x"})", "reject|broken JSON");
    check(R"({"date":"2015-01","text":"a","n":1e400})", "reject|broken JSON");
    check("\xEF\xBB\xBF{\"date\":\"2015-01\",\"text\":\"a\",\"id\":\"x\"}", "ok|x|2015-01||a|{}");
    check(R"({"date":"2015-01","text":"a","id":"x"} x)", "reject|broken JSON");
    check(" \"texte\" ", "reject|JSON record is not an object");
    // Text and title are trimmed and put in NFC, whether written raw or escaped;
    // NFC text, escapes among its accents (read without a second UTF-8 check), is kept as is.
    check(
        "{\"date\":\"2015-01\",\"id\":\"x\",\"title\":\" E\xCC\x81t\xC3\xA9\\t\",\"text\":\"\\u0065\\u0301t\\u00e9 \"}",
        "ok|x|2015-01|\xC3\x89t\xC3\xA9|\xC3\xA9t\xC3\xA9|{}");
    check("{\"date\":\"2015-01\",\"id\":\"x\",\"text\":\"\xC3\x89t\xC3\xA9 \\\"\xE2\x80\x99\\\\ \xE2\x82\xAC\"}",
          "ok|x|2015-01||\xC3\x89t\xC3\xA9 \"\xE2\x80\x99\\ \xE2\x82\xAC|{}");
    // Too deep is said before broken, wherever the break is.
    check("{\"a\":" + std::string(40, '['), "reject|JSON nested deeper than 32 levels");
    check("{\"a\":" + std::string(31, '[') + std::string(31, ']') + R"(,"date":"2015-01","text":"a","id":"x"})",
          R"(ok|x|2015-01||a|{"a":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]})");
}
