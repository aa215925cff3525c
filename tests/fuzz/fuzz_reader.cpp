// libFuzzer target: the line-format or JSON Lines reader (FUZZ_FORMAT) over
// a whole input file. Every non-blank line must come out as exactly one
// article or one reject naming its line; articles are valid UTF-8 with a
// date and a text. JSON Lines records (each line, and the whole input as one
// record) must also read as the nlohmann reading they replaced reads them.

#include <sstream>

#include "../json_record_reference.hpp"
#include "analyzer.hpp"
#include "fuzz_check.hpp"
#include "readers.hpp"

using namespace depeche;

namespace {

void check_against_reference(std::string_view record) {
    FUZZ_CHECK(testing::json_record_summary(parse_json_record(record)) ==
               testing::json_record_summary(testing::reference_json_record(record)));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    const std::string_view text = fuzz::as_text(data, size);
    if (FUZZ_FORMAT == InputFormat::jsonl) check_against_reference(text);
    std::size_t lines = 0;
    for (std::size_t at = 0; at < text.size();) {
        std::size_t end = text.find('\n', at);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(at, end - at);
        if (lines == 0 && at == 0 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.remove_prefix(3);
        if (line.find_first_not_of(" \t\r") != std::string_view::npos) ++lines;
        if (FUZZ_FORMAT == InputFormat::jsonl) check_against_reference(line);
        at = end + 1;
    }
    std::istringstream in{std::string(text)};
    std::size_t articles = 0, rejects = 0;
    const ReadCounts counts = read_stream(
        in, "fuzz", FUZZ_FORMAT,
        [&](Article&& a) {
            ++articles;
            FUZZ_CHECK(!a.id.empty());
            FUZZ_CHECK(!a.text.empty());
            FUZZ_CHECK(is_valid_utf8(a.text) && is_valid_utf8(a.title));
            FUZZ_CHECK(a.published.year > 0 && a.published.month >= 1 && a.published.month <= 12);
            FUZZ_CHECK(a.source.rfind("fuzz:", 0) == 0);
        },
        [&](const Reject& r) {
            ++rejects;
            FUZZ_CHECK(r.source.rfind("fuzz:", 0) == 0);
            FUZZ_CHECK(!r.reason.empty());
        });
    FUZZ_CHECK(counts.records == articles && counts.rejected == rejects);
    FUZZ_CHECK(articles + rejects == lines);
    return 0;
}
