// Helpers shared by the date tests: a dispatch's date mentions as one line,
// and tables of cases checked against it.
#pragma once

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dates.hpp"

namespace depeche::date_cases {

// Every date mention of `text` in a dispatch of `published`, as one line:
// "15 janvier 2015=2015-01-15 | jeudi=2015-01-22".
inline std::string dates(std::string_view text, std::string_view published) {
    const std::optional<PartialDate> dispatch = parse_iso_date(published);
    REQUIRE(dispatch);
    const std::vector<Token> tokens = analyse(text);
    std::string out;
    for (const DateMention& m : find_dates(text, tokens, *dispatch)) {
        REQUIRE(m.start < m.end);
        REQUIRE(m.text == text.substr(m.start, m.end - m.start));
        if (!out.empty()) out += " | ";
        out += m.text + "=" + m.value;
    }
    return out;
}

struct Case {
    const char* published;
    const char* text;
    const char* expected;
};

inline void check(const std::vector<Case>& cases) {
    for (const Case& c : cases) {
        CAPTURE(c.published, c.text);
        CHECK(dates(c.text, c.published) == c.expected);
    }
}

// Each expression cut at every byte, in dispatches of `day` and of its month
// and year: mentions stay inside the text, and nothing reads past the last
// token (the tokens are copied with no spare capacity, so that the
// sanitizer build catches such a read).
inline void check_cut_anywhere(const std::vector<std::string>& expressions, PartialDate day) {
    const PartialDate month{day.year, day.month, 0}, year{day.year, 0, 0};
    for (const std::string& expression : expressions) {
        for (std::size_t cut = 0; cut <= expression.size(); ++cut) {
            const std::string text = expression.substr(0, cut);
            CAPTURE(text);
            const std::vector<Token> analysed = analyse(text);
            const std::vector<Token> tokens(analysed);
            for (const PartialDate& published : {day, month, year}) {
                for (const DateMention& m : find_dates(text, tokens, published)) {
                    REQUIRE(m.start < m.end);
                    REQUIRE(m.end <= text.size());
                }
            }
        }
    }
}

}  // namespace depeche::date_cases
