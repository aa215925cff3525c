// The Scanner's rules for spans and numbered periods that the rules of dates as written do not read: days
// joined by a dash ("19-20 novembre"), days in digits or two dates joined by one ("28/2-1/3", "12 janvier
// 2016 - 22/01/2016"), days of a month named by its place or after "de" ("du 4 au 22 de ce mois", "4 au 23
// le mois prochain", "entre 3 et 12 de Sept"), a month and year spaced around a slash or dash ("11 / 2016"), counted
// spans back or ahead of the dispatch ("les trois dernières semaines", "des dix derniers mois"), the nth weekday of a
// month ("le premier vendredi de juillet"), the nth week of a year ("la troisième semaine de 2027") and
// decades in words ("les années soixante-dix").
#include "dates_detail.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace depeche::dates_detail {

// "19-20 novembre", "4-23 mois prochain": token i is the first day. A score
// before a month ("3-2 mai": the second number not after the first) is no span.
std::optional<Found> Scanner::hyphen_days(std::size_t i) const {
    // Cheap first test (numeric() tries every number): a dash right after it.
    const std::size_t e = tok(i).end;
    if (e >= text_.size() || (text_[e] != '-' && text_[e] != '\xE2')) return {};
    const int d1 = day_number(i);
    if (!d1 || !all_digits(fw(i)) || !dashed(i + 1) || !all_digits(fw(i + 1))) return {};
    std::optional<Atom> y = parse_atom(i + 1, false);
    if (!y || !y->day || !y->month || y->invalid) return days_of_month_phrase(i, tok(i).start, d1, i + 1);
    Atom x;
    x.day = d1, x.next = i + 1;
    std::optional<std::string> value = span_value(x, *y, i);
    if (!value) return {};
    return Found{y->next, tok(i).start, tok(y->next - 1).end, *value};
}

// "28/2-1/3", "10/1-11/2/2017", "12/01/2016 - 22/01/2016": two days in digits joined by a dash (or an en
// dash, spaced or not), read from the bytes as numeric_date reads one. A day without its year needs what
// makes "22/04" a day (numeric_day_month_context: a day over 12, or "le", "du"... before it): "1/2-3/4" is
// two fractions.
std::optional<Found> Scanner::numeric_span(std::size_t i) const {
    const std::size_t n = text_.size();
    if (tok(i).end >= n || text_[tok(i).end] != '/') return {};  // cheap first test: numeric() tries every number
    const std::size_t p = tok(i).start;
    auto digit = [&](std::size_t k) { return k < n && text_[k] >= '0' && text_[k] <= '9'; };
    auto in_word = [&](std::size_t k) {
        if (k >= n) return false;
        const char c = text_[k];
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' || c == '_' || c == '=' || c == '\\' ||
               c == '#' || c == '&' || c == '?' || c == '@';
    };
    // A number (or a dotted or dashed one) goes on: "1.28/2", "28/2-1/3-5".
    auto goes_on = [&](std::size_t k, std::size_t after) {
        return k < n && (digit(k) || in_word(k) || ((text_[k] == '-' || text_[k] == '.') && digit(after)));
    };
    if (p > 0 && goes_on(p - 1, p >= 2 ? p - 2 : n)) return {};
    std::size_t q = p;
    auto number = [&](long& value) {
        const std::size_t from = q;
        value = 0;
        while (digit(q) && q - from < 5) value = value * 10 + (text_[q++] - '0');
        return q - from;
    };
    auto day = [&](Atom& a) {
        long d = 0, m = 0, y = 0;
        const std::size_t ld = number(d);
        if (ld < 1 || ld > 2 || q >= n || text_[q] != '/') return false;
        ++q;
        const std::size_t lm = number(m);
        if (lm < 1 || lm > 2 || d < 1 || d > 31 || m < 1 || m > 12) return false;
        if (q + 1 < n && text_[q] == '/' && digit(q + 1)) {
            ++q;
            const std::size_t ly = number(y);
            if (ly != 4 && ly != 2) return false;
            a.year = ly == 2 ? century_year(y) : y, a.explicit_year = true;
        }
        a.day = static_cast<int>(d), a.month = static_cast<int>(m);
        return true;
    };
    Atom x, y;
    if (!day(x)) return {};
    while (q < n && text_[q] == ' ') ++q;
    if (q < n && text_[q] == '-')
        ++q;
    else if (q + 3 <= n && text_.compare(q, 3, "\xE2\x80\x93") == 0)
        q += 3;
    else
        return {};
    while (q < n && text_[q] == ' ') ++q;
    if (!digit(q) || !day(y) || goes_on(q, q + 1)) return {};
    if (!y.explicit_year && !x.explicit_year && !numeric_day_month_context(i, x.day, x.month)) return {};
    std::size_t j = i;
    while (has(j) && tok(j).end < q) ++j;
    if (!has(j) || tok(j).end != q) return {};
    y.next = j + 1;
    std::optional<std::string> value = span_value(x, y, i);
    if (!value) return {};
    return Found{j + 1, p, q, *value};
}

// "12 janvier 2016 - 22/01/2016", "le 3 mars - 5 avril": a day, a dash (or an en dash) and a later day.
// Token `first` begins the first day, `x` read from it.
std::optional<Found> Scanner::dashed_day_span(std::size_t first, const Atom& x) const {
    const std::size_t k = x.next;
    if (!x.day || !x.month || x.invalid || !has(k) || k == 0) return {};
    std::string_view gap = between(k);
    while (!gap.empty() && gap.front() == ' ') gap.remove_prefix(1);
    while (!gap.empty() && gap.back() == ' ') gap.remove_suffix(1);
    if (gap != "-" && gap != "\xE2\x80\x93") return {};
    std::optional<Atom> y = parse_atom(k, false);
    if (!y || !y->day || !y->month || y->invalid) return {};
    std::optional<std::string> value = span_value(x, *y, first);
    if (!value) return {};
    return Found{y->next, tok(first).start, tok(y->next - 1).end, *value};
}

// The month named after a day by its place from the dispatch's: "de ce mois", "ce mois-ci", "du mois
// prochain", "le mois dernier". "cette mois" is taken too: the gender of "mois" is a common slip, and the
// words say nothing else.
std::pair<int, std::size_t> Scanner::month_phrase(std::size_t k) const {
    if (!spaced(k)) return {0, 0};
    if ((fw(k) == "de" || fw(k) == "du" || fw(k) == "le") && spaced(k + 1)) ++k;
    if (has_kind(fw(k), Kind::demonstrative) && fw(k - 1) != "du" && fw(k - 1) != "le") {
        if (!spaced(k + 1) || fw(k + 1) != "mois") return {0, 0};
        std::size_t next = k + 2;
        if (hyphened(next) && fw(next) == "ci") ++next;
        if (hyphened(next) && fw(next) == "la") return {0, 0};  // "ce mois-là": the story's
        return {0, next};
    }
    if (fw(k) != "mois" || (has(k) && !elision(k).empty())) return {0, 0};
    const int dir = last_or_next(k + 1);
    return dir ? std::make_pair(dir, k + 2) : std::make_pair(0, std::size_t{0});
}

// Days d1 to the day at token k, of the month named after it ("4 au 22 de ce mois"), or after "de" ("du 3
// au 12 de septembre", "entre 3 et 12 de Sept": the month's name after "de", as "de ce mois" has it).
// `first` is the span's first token, `start` its first byte.
std::optional<Found> Scanner::days_of_month_phrase(std::size_t first, std::size_t start, int d1, std::size_t k) const {
    const int d2 = day_number(k);
    if (!d2 || !all_digits(fw(k)) || d1 >= d2) return {};
    if (fw(k + 1) == "de" && spaced(k + 1) && spaced(k + 2)) {
        if (const int m = month_at(k + 2, true)) {
            Atom x, y;
            x.day = d1, y.day = d2, y.month = m, y.next = k + 3;
            if (spaced(k + 3) && year_number(k + 3) >= kBareYearMin && year_number(k + 3) <= kBareYearMax &&
                !noun_follows(k + 4))
                y.year = year_number(k + 3), y.explicit_year = true, y.next = k + 4;
            else if (comma_year(k + 3))
                y.year = year_number(k + 3), y.explicit_year = true, y.next = k + 4;
            Found found{y.next, start, tok(y.next - 1).end, {}};
            if (std::optional<std::string> value = span_value(x, y, first)) found.value = *value;
            return found;
        }
    }
    const auto [offset, next] = month_phrase(k + 1);
    if (!next) return {};
    Found found{next, start, tok(next - 1).end, {}};
    if (anchor_.precision < Anchor::month) return found;
    const long total = anchor_.date.year * 12L + (anchor_.date.month - 1) + offset;
    const long y = total / 12, m = total % 12 + 1;
    if (is_valid_ymd(y, m, d1) && is_valid_ymd(y, m, d2)) found.value = iso_ymd(y, m, d1) + "/" + iso_ymd(y, m, d2);
    return found;
}

// "11 / 2016", "11/ 2016", "2016 - 11": a month and a year 1900-2100 with one slash or dash and a space
// (unspaced, numeric_date reads them). Not a sum or a count: no operator or number around, no noun after.
std::optional<Found> Scanner::spaced_year_month(std::size_t i) const {
    // Cheap first test (numeric() tries every number): a slash or dash after
    // at most two spaces.
    std::size_t e = tok(i).end;
    while (e < text_.size() && e < tok(i).end + 2 && text_[e] == ' ') ++e;
    if (e >= text_.size() || (text_[e] != '/' && text_[e] != '-')) return {};
    if (!has(i + 1) || !all_digits(fw(i + 1))) return {};
    int marks = 0;
    bool space = false;
    for (const char c : between(i + 1)) {
        if (c == '/' || c == '-')
            ++marks;
        else if (c == ' ')
            space = true;
        else
            return {};
    }
    if (marks != 1 || !space) return {};
    auto arithmetic = [](std::string_view gap) { return gap.find_first_of("/-+=*%:x.,") != std::string_view::npos; };
    if (i > 0 && arithmetic(between(i))) return {};
    if (has(i + 2) && (arithmetic(between(i + 2)) || noun_follows(i + 2) || all_digits(fw(i + 2)) || fw(i + 2) == "h" ||
                       between(i + 2).empty()))
        return {};
    const int y1 = year_number(i), y2 = year_number(i + 1);
    const std::size_t month_token = y1 ? i + 1 : i;
    const int year = y1 ? y1 : y2;
    const std::string_view mf = fw(month_token);
    if (!year || (y1 && y2) || year < kBareYearMin || year > kBareYearMax || mf.size() > 2) return {};
    const int month = mf.size() == 1 ? mf[0] - '0' : (mf[0] - '0') * 10 + (mf[1] - '0');
    if (month < 1 || month > 12) return {};
    return Found{i + 2, tok(i).start, tok(i + 1).end, iso_ymd(year, month)};
}

// "les trois dernières semaines", "des 10 derniers jours", "ces deux dernières années", "les 3 prochains
// mois": the whole units before the dispatch's (or after it), as a span at the unit's precision (weeks in
// days: the 21 days before the dispatch day). Needs a dispatch at least as precise as the unit.
std::optional<Found> Scanner::counted_span(std::size_t i) const {
    if (i == 0 || fw(i - 1).size() != 3) return {};  // cheap first test: "les", "des", "ces", "aux"
    const std::string_view p = fw(i - 1);
    if (p != "les" && p != "des" && p != "ces" && p != "aux") return {};
    if (!spaced(i)) return {};
    const auto [n, k] = quantity(i);
    if (k == i || n < 2 || n > 1000) return {};
    const int dir = last_or_next(k);
    if (!dir || !spaced(k + 1)) return {};
    const int unit = word_value(k + 1, Kind::unit);
    if (!unit) return {};
    // "les deux dernières années de son quinquennat": the last years of something else.
    if (has(k + 2) &&
        ((spaced(k + 2) && (fw(k + 2) == "de" || fw(k + 2) == "du" || fw(k + 2) == "des")) || elision(k + 2) == "d"))
        return {};
    Found found{k + 2, tok(i).start, tok(k + 1).end, {}};
    const long from = dir < 0 ? -n : 1, to = dir < 0 ? -1 : n;
    std::string a, b;
    if (unit == day_unit || unit == week_unit) {
        if (anchor_.precision != Anchor::day) return found;
        const long scale = unit == week_unit ? 7 : 1;
        a = iso_day(anchor_.days + (dir < 0 ? from * scale : 1));
        b = iso_day(anchor_.days + (dir < 0 ? -1 : to * scale));
    } else if (unit == month_unit) {
        if (anchor_.precision < Anchor::month) return found;
        const long here = anchor_.date.year * 12L + (anchor_.date.month - 1);
        a = iso_ymd((here + from) / 12, (here + from) % 12 + 1);
        b = iso_ymd((here + to) / 12, (here + to) % 12 + 1);
    } else {
        if (anchor_.precision < Anchor::year) return found;
        a = iso_ymd(anchor_.date.year + from), b = iso_ymd(anchor_.date.year + to);
    }
    if (!a.empty() && !b.empty()) found.value = a + "/" + b;
    return found;
}

// "le premier vendredi de juillet", "le dernier lundi de mai 2016", "le 3e jeudi d'avril": the nth such
// weekday of the month (the year as for "en juillet": pick_year, the clause's tense).
std::optional<Found> Scanner::nth_weekday(std::size_t i) const {
    const std::string_view f = fw(i);
    if (f.empty() || (f.back() >= '0' && f.back() <= '9')) return {};  // cheap first test: numeric() tries every number
    const int n = period_ordinal(f);
    if (!n || !spaced(i + 1)) return {};
    const int weekday = word_value(i + 1, Kind::weekday);
    if (!weekday) return {};
    std::size_t m;
    if (fw(i + 2) == "de" && spaced(i + 2) && spaced(i + 3))
        m = i + 3;
    else if (has(i + 2) && elision(i + 2) == "d" && tok(i + 2).elided_start > tok(i + 1).end)
        m = i + 2;
    else
        m = 0;
    std::optional<Atom> atom = m ? parse_atom(m, false) : std::nullopt;
    if (!atom || atom->day || !atom->month || atom->invalid) {
        // "le premier vendredi de ce mois", "le dernier lundi du mois prochain": the month by its place.
        const auto [offset, after] = month_phrase(i + 2);
        if (!after) return {};
        Found found{after, tok(i).start, tok(after - 1).end, {}};
        if (anchor_.precision < Anchor::month) return found;
        const long total = anchor_.date.year * 12L + (anchor_.date.month - 1) + offset;
        atom = Atom{};
        atom->year = total / 12, atom->month = static_cast<int>(total % 12 + 1), atom->explicit_year = true;
        atom->next = after;
        if (anchor_.precision == Anchor::month) {
            found.value = iso_ymd(atom->year, atom->month);  // never more precise than the dispatch allows
            return found;
        }
    }
    std::size_t next = atom->next;
    Found found{next, tok(i).start, tok(next - 1).end, {}};
    long year = atom->year;
    if (!atom->explicit_year) {
        const Tense tense = trailing_tense(next);
        found.next = next, found.end = tok(next - 1).end;
        const Tense soft = tense == Tense::none ? clause_tense(i, next - 1) : Tense::none;
        std::optional<long> y = pick_year(atom->month, 0, tense, 0, soft);
        if (!y) return found;
        year = *y;
    }
    if (anchor_.precision != Anchor::none && anchor_.precision < Anchor::day && !atom->explicit_year) {
        found.value = iso_ymd(year, atom->month);  // never more precise than the dispatch allows
        return found;
    }
    long day;
    if (n == 9) {
        const long last = days_from_civil(year, atom->month, days_in_month(static_cast<int>(year), atom->month));
        day = last - (weekday_of(last) - weekday + 7) % 7;
    } else {
        const long first = days_from_civil(year, atom->month, 1);
        day = first + (weekday - weekday_of(first) + 7) % 7 + 7L * (n - 1);
    }
    found.value = iso_day(day);
    return found;
}

// "la troisième semaine de 2027", "la 12e semaine 2016", "la dernière semaine de 2016": ISO week n of the
// year (week 1 holds 4 January; the last holds 28 December). Token i is the ordinal, `n` its value (9:
// "dernière").
std::optional<Found> Scanner::week_of_year(std::size_t i, int n) const {
    std::size_t k = i + 2;
    if (fw(k) == "de" && spaced(k) && spaced(k + 1) && year_number(k + 1)) ++k;
    const int year = spaced(k) ? year_number(k) : 0;
    if (!year || noun_follows(k + 1)) return {};
    const long jan4 = days_from_civil(year, 1, 4);
    const long week1 = jan4 - (weekday_of(jan4) - 1);
    const long dec28 = days_from_civil(year, 12, 28);
    const long weeks = (dec28 - week1) / 7 + 1;
    if (n == 9) n = static_cast<int>(weeks);
    if (n < 1 || n > weeks) return {};
    return Found{k + 1, tok(i).start, tok(k).end, iso_week(week1 + 7L * (n - 1))};
}

// A decade in words after "années", from token k: "trente" ... "soixante", "soixante-dix",
// "quatre-vingt(s)", "quatre-vingt-dix" (the 1930s to the 1990s, as "les années 30" to "90"), "deux mille"
// (the 2000s); the TIMEX3 decade (197) and k moved past it, or 0. "vingt" and "dix" say no century.
long Scanner::spelled_decade(std::size_t& k) const {
    const std::string_view f = fw(k);
    if (!spaced(k)) return 0;
    if (f == "deux" && fw(k + 1) == "mille" && spaced(k + 1)) {
        if (spaced(k + 2) && fw(k + 2) == "dix") {
            k += 3;
            return 201;
        }
        k += 2;
        return 200;
    }
    long tens = 0;
    std::size_t next = k + 1;
    if (f == "quatre" && hyphened(k + 1) && (fw(k + 1) == "vingt" || fw(k + 1) == "vingts")) {
        tens = 80, next = k + 2;
    } else {
        const int v = word_value(k, Kind::number);
        if (v < 30 || v > 60 || v % 10 != 0) return 0;
        tens = v;
    }
    if ((tens == 60 || tens == 80) && hyphened(next) && fw(next) == "dix") tens += 10, ++next;
    k = next;
    return 190 + tens / 10;
}

}  // namespace depeche::dates_detail
