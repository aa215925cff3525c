// Calendar arithmetic for the date finder: civil day numbers, month lengths, ISO 8601 dates (parsed and
// written, with weeks, quarters, halves and seasons), the dispatch date as an Anchor of known precision, and
// the French holidays of a year (Easter by the computus, and the feasts that follow it).
#include "dates_detail.hpp"

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace depeche {

// H. Hinnant's civil-day algorithms.
long days_from_civil(long y, long m, long d) {
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

PartialDate civil_from_days(long z) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const long d = doy - (153 * mp + 2) / 5 + 1;
    const long m = mp < 10 ? mp + 3 : mp - 9;
    const long y = yoe + era * 400 + (m <= 2);
    return {static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

int days_in_month(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) return 29;
    return kDays[month - 1];
}

std::optional<PartialDate> parse_iso_date(std::string_view text) {
    auto number = [&](std::size_t from, std::size_t length) {
        int n = 0;
        for (std::size_t k = from; k < from + length; ++k) {
            if (text[k] < '0' || text[k] > '9') return -1;
            n = n * 10 + (text[k] - '0');
        }
        return n;
    };
    if (text.size() != 4 && text.size() != 7 && text.size() != 10) return std::nullopt;
    PartialDate date;
    date.year = number(0, 4);
    if (date.year < dates_detail::kMinYear) return std::nullopt;
    if (text.size() >= 7) {
        if (text[4] != '-') return std::nullopt;
        date.month = number(5, 2);
        if (date.month < 1 || date.month > 12) return std::nullopt;
    }
    if (text.size() == 10) {
        if (text[7] != '-') return std::nullopt;
        date.day = number(8, 2);
        if (date.day < 1 || date.day > days_in_month(date.year, date.month)) return std::nullopt;
    }
    return date;
}

namespace {

// snprintf's "%04ld", "%04ld-%02ld" or "%04ld-%02ld-%02ld" (m == 0: the year alone, d == 0: no day) for a year in
// 0..9999 and a month and day in 0..99, written without parsing a format: snprintf cost about 1,400
// instructions a date, 1% of depeche-extract. Returns the bytes written to `buf` (10 at most), 0 outside those
// bounds.
std::size_t write_ymd(long y, long m, long d, char* buf) {
    if (y < 0 || y > 9999 || m < 0 || m > 99 || d < 0 || d > 99) return 0;
    const auto two = [buf](std::size_t at, long v) {
        buf[at] = static_cast<char>('0' + v / 10);
        buf[at + 1] = static_cast<char>('0' + v % 10);
    };
    two(0, y / 100);
    two(2, y % 100);
    std::size_t size = 4;
    if (m != 0) {
        buf[4] = '-';
        two(5, m);
        size = 7;
        if (d != 0) {
            buf[7] = '-';
            two(8, d);
            size = 10;
        }
    }
    return size;
}

}  // namespace

std::string to_iso(const PartialDate& date) {
    const bool month = date.month >= 1 && date.month <= 12, day = month && date.day >= 1 && date.day <= 31;
    char buf[40];
    if (const std::size_t n = write_ymd(date.year, month ? date.month : 0, day ? date.day : 0, buf))
        return std::string(buf, n);
    if (date.month < 1 || date.month > 12)
        std::snprintf(buf, sizeof buf, "%04d", date.year);
    else if (date.day < 1 || date.day > 31)
        std::snprintf(buf, sizeof buf, "%04d-%02d", date.year, date.month);
    else
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", date.year, date.month, date.day);
    return buf;
}

}  // namespace depeche

namespace depeche::dates_detail {

// Empty when the year is outside 1000-9999: callers then drop the mention.
std::string iso_ymd(long y, long m, long d) {
    if (y < kMinYear || y > kMaxYear) return {};
    char buf[64];
    if (const std::size_t n = write_ymd(y, m, m != 0 ? d : 0, buf)) return std::string(buf, n);
    if (m == 0)
        std::snprintf(buf, sizeof buf, "%04ld", y);
    else if (d == 0)
        std::snprintf(buf, sizeof buf, "%04ld-%02ld", y, m);
    else
        std::snprintf(buf, sizeof buf, "%04ld-%02ld-%02ld", y, m, d);
    return buf;
}

std::string iso_day(long days) {
    const PartialDate p = civil_from_days(days);
    return iso_ymd(p.year, p.month, p.day);
}

// ISO 8601 week of a day: the week belongs to the year of its Thursday.
std::string iso_week(long days) {
    const long thursday = days + (4 - weekday_of(days));
    const int year = civil_from_days(thursday).year;
    if (year < kMinYear || year > kMaxYear) return {};
    const long week = (thursday - days_from_civil(year, 1, 1)) / 7 + 1;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-W%02ld", year, week);
    return buf;
}

// Suffix of a quarter ("Q1"), half ("H1") or season ("SU") value.
std::string iso_part(long y, const char* part) {
    std::string value = iso_ymd(y);
    return value.empty() ? value : value + "-" + part;
}

Anchor make_anchor(const PartialDate& p) {
    Anchor a;
    if (p.year < kMinYear || p.year > kMaxYear) return a;
    if (p.month == 0) {
        if (p.day != 0) return a;
        a.precision = Anchor::year;
    } else if (p.month < 1 || p.month > 12) {
        return a;
    } else if (p.day == 0) {
        a.precision = Anchor::month;
    } else if (!is_valid_ymd(p.year, p.month, p.day)) {
        return a;
    } else {
        a.precision = Anchor::day;
        a.days = days_from_civil(p.year, p.month, p.day);
    }
    a.date = p;
    return a;
}

// ---- holidays ---------------------------------------------------------------

// Easter Sunday of a Gregorian year, by the computus: the first Sunday after
// the ecclesiastical full moon on or after 21 March.
long easter_sunday(long y) {
    const long golden = y % 19;  // place in the 19-year lunar cycle
    const long century = y / 100;
    const long skipped_leaps = century - century / 4;  // Gregorian correction
    const long moon_shift = (8 * century + 13) / 25;   // lunar correction
    const long epact = (19 * golden + 15 + skipped_leaps - moon_shift) % 30;
    // Days from 21 March to the full moon, with the two exceptions of the rule.
    long full_moon = epact;
    if (epact == 29 || (epact == 28 && golden > 10)) --full_moon;
    const long moon = days_from_civil(y, 3, 21) + full_moon;
    return moon + (7 - weekday_of(moon) % 7);  // the next Sunday, strictly after
}

// The day number of `holiday` in year `y` (French customs, and the American Thanksgiving), kNoDay when out
// of range.
long holiday_day(Holiday holiday, long y) {
    if (y < kMinYear || y > kMaxYear) return kNoDay;
    auto sunday_on_or_before = [](long day) { return day - weekday_of(day) % 7; };
    switch (holiday) {
        case Holiday::new_year:
            return days_from_civil(y, 1, 1);
        case Holiday::valentine:
            return days_from_civil(y, 2, 14);
        case Holiday::shrove_tuesday:
            return easter_sunday(y) - 47;
        case Holiday::good_friday:
            return easter_sunday(y) - 2;
        case Holiday::easter:
            return easter_sunday(y);
        case Holiday::easter_monday:
            return easter_sunday(y) + 1;
        case Holiday::ascension:
            return easter_sunday(y) + 39;
        case Holiday::pentecost:
            return easter_sunday(y) + 49;
        case Holiday::whit_monday:
            return easter_sunday(y) + 50;
        case Holiday::labour_day:
            return days_from_civil(y, 5, 1);
        case Holiday::mothers_day: {
            // The last Sunday of May, a week later when Pentecost falls on it.
            const long last_sunday = sunday_on_or_before(days_from_civil(y, 5, 31));
            return last_sunday == easter_sunday(y) + 49 ? last_sunday + 7 : last_sunday;
        }
        case Holiday::fathers_day:
            return sunday_on_or_before(days_from_civil(y, 6, 21));  // third Sunday of June
        case Holiday::bastille_day:
            return days_from_civil(y, 7, 14);
        case Holiday::assumption:
            return days_from_civil(y, 8, 15);
        case Holiday::halloween:
            return days_from_civil(y, 10, 31);
        case Holiday::all_saints:
            return days_from_civil(y, 11, 1);
        case Holiday::thanksgiving: {
            // The fourth Thursday of November.
            const long first = days_from_civil(y, 11, 1);
            return first + (4 - weekday_of(first) + 7) % 7 + 21;
        }
        case Holiday::christmas:
            return days_from_civil(y, 12, 25);
        case Holiday::new_years_eve:
            return days_from_civil(y, 12, 31);
    }
    return kNoDay;
}

}  // namespace depeche::dates_detail
