#pragma once
// Calendar dates at the precision they carry, and French date expressions
// normalised against the dispatch date.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer.hpp"

namespace depeche {

/// A date known to the year, the month or the day. `month` and `day` are
/// 1-based; 0 means "not known". A day is never known without its month.
struct PartialDate {
    int year = 0;
    int month = 0;
    int day = 0;
    bool operator==(const PartialDate& o) const { return year == o.year && month == o.month && day == o.day; }
    bool operator!=(const PartialDate& o) const { return !(*this == o); }
};

/// Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" (4-digit years 1000-9999) and
/// checks the calendar ("2019-02-30" and "2022-13" are rejected).
std::optional<PartialDate> parse_iso_date(std::string_view text);

/// "2015", "2015-01", "2015-01-15" (zero-padded).
std::string to_iso(const PartialDate& date);

/// Days in `month` (1-12) of `year`, Gregorian.
int days_in_month(int year, int month);

/// Days since 1970-01-01 of a proleptic Gregorian date (month, day 1-based;
/// no check: an invalid date gives a meaningless number).
long days_from_civil(long year, long month, long day);

/// The day-precision date of a day number from days_from_civil.
PartialDate civil_from_days(long days);

/// A date expression found in a text.
struct DateMention {
    std::string value;      ///< TIMEX3 value: "2015-01-15", "2015-01", "2015", "2015-W03", "2015-05-03/2015-05-05"
    std::string text;       ///< the bytes at [start, end)
    std::size_t start = 0;  ///< UTF-8 byte offsets into the text
    std::size_t end = 0;
};

/// Finds French date expressions in `text` (whose tokens are `tokens`, from
/// `analyse(text)`) and resolves them against the dispatch date `published`:
/// "le 15 janvier 2015" -> 2015-01-15, "en mars 2019" -> 2019-03, "jeudi" ->
/// the right day (past or future by tense; never more precise than
/// `published` allows), "l'an dernier" -> the year before.
/// Thread-safe.
std::vector<DateMention> find_dates(std::string_view text, const std::vector<Token>& tokens,
                                    const PartialDate& published);

}  // namespace depeche
