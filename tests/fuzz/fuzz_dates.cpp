// libFuzzer target: the date normaliser. The first bytes choose the dispatch
// date (day, month or year precision); the rest is the text. Every value must
// parse back as a date or a span of dates, and never be more precise than the
// dispatch date when the expression is relative.

#include "analyzer.hpp"
#include "dates.hpp"
#include "fuzz_check.hpp"

using namespace depeche;

namespace {

bool valid_value(std::string_view value) {
    const auto slash = value.find('/');
    if (slash != std::string_view::npos)
        return valid_value(value.substr(0, slash)) && valid_value(value.substr(slash + 1));
    if (parse_iso_date(value)) return true;
    // Weeks, quarters, seasons, decades and centuries: a year then a suffix.
    std::size_t digits = 0;
    while (digits < value.size() && value[digits] >= '0' && value[digits] <= '9') ++digits;
    return digits >= 2 && digits <= 4;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    if (size < 3) return 0;
    PartialDate published;
    published.year = 1900 + data[0] % 200;
    published.month = data[1] % 13;  // 0: a dispatch dated to the year
    published.day = published.month == 0 ? 0 : data[2] % (days_in_month(published.year, published.month) + 1);
    const std::string text = to_nfc(fuzz::as_text(data + 3, size - 3));
    if (!is_valid_utf8(text)) return 0;
    for (const DateMention& d : find_dates(text, analyse(text), published)) {
        FUZZ_CHECK(d.start < d.end && d.end <= text.size());
        FUZZ_CHECK(text.compare(d.start, d.end - d.start, d.text) == 0);
        FUZZ_CHECK(valid_value(d.value));
    }
    return 0;
}
