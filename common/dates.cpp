#include "dates.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dates_detail.hpp"

// French date expressions, found on the analyser's tokens and resolved against
// the dispatch date. This file holds find_dates and the Scanner's core: the
// dispatch on the first token of an expression, dates as written read into
// atoms, and their resolution against the dispatch date. The rules are in
// dates_written.cpp and dates_relative.cpp, the words and tense cues in
// dates_words.cpp, the calendar and holidays in dates_calendar.cpp; what they
// share is in dates_detail.hpp.
//
// One pass over the tokens: a token that is neither a number nor one of the
// words in `lookup` costs one hash lookup. Each rule starts at the first token
// of its expression, so prepositions that only give context ("en mars 2019",
// "le 3 mars") stay outside the mention; range openers ("du 3 au 5 mai",
// "entre 2008 et 2010"), modifiers ("fin 2013") and demonstratives ("cette
// année") are part of it.

namespace depeche::dates_detail {

std::vector<DateMention> Scanner::run() {
    std::vector<DateMention> out;
    std::size_t i = 0;
    while (i < tokens_.size()) {
        // The cheap first test of at(): nearly every token is neither a
        // number nor a date word, and goes on without building a Found.
        const std::string& f = tokens_[i].folded;
        const Word* w = nullptr;
        if (f.empty() || ((f[0] < '0' || f[0] > '9') && !(w = lookup(f)) &&
                          !(f.size() == 3 && f[0] == 'h' && f[1] == 'u' && f[2] == 'i'))) {  // "hui" of "aujourd'hui"
            ++i;
            continue;
        }
        std::optional<Found> found = at(i, w);
        if (!found || found->next <= i) {
            ++i;
            continue;
        }
        if (!found->value.empty() && found->start < found->end) {
            out.push_back({std::move(found->value), std::string(text_.substr(found->start, found->end - found->start)),
                           found->start, found->end});
            last_mention_next_ = found->next;
            // A year before 1900 is a modern dispatch's background ("le Bolchoï, fondé en 1776, ne joue plus
            // depuis le 16 mars"), and the second year of a season ("la saison 2020/2021 [...] en juillet")
            // is not the year of the months after it: neither lends its year to them.
            if (const long y = written_year(out.back()); y >= kBareYearMin && between(i) != "/")
                last_year_ = y, last_year_token_ = found->next - 1;
            if (const std::optional<PartialDate> d = parse_iso_date(out.back().value); d && d->day)
                last_day_ = days_from_civil(d->year, d->month, d->day), last_day_token_ = found->next - 1;
        }
        floor_ = found->next;
        i = found->next;
    }
    return out;
}

// The last year of a mention's value when its text writes it in full
// ("11 août 2024", not "l'an dernier"); 0 otherwise.
long Scanner::written_year(const DateMention& m) {
    for (std::size_t p = m.value.size(); p >= 4; --p) {
        const std::string_view y = std::string_view(m.value).substr(p - 4, 4);
        if (all_digits(y) && (p == 4 || m.value[p - 5] == '/')) {
            if (m.text.find(y) == std::string::npos) return 0;
            return (y[0] - '0') * 1000 + (y[1] - '0') * 100 + (y[2] - '0') * 10 + (y[3] - '0');
        }
    }
    return 0;
}

// ---- dispatch on the first token of an expression

std::optional<Found> Scanner::at(std::size_t i, const Word* w) const {
    const std::string& f = tokens_[i].folded;
    if (f.empty()) return {};
    if (f[0] >= '0' && f[0] <= '9') return numeric(i);
    if (!w) {
        if (std::string_view(f) == "hui" && elision(i) == "aujourd") return relative_day(i, 0);
        return {};
    }
    switch (w->kind) {
        case Kind::month:
            if (auto r = range(i)) return r;
            return month_rule(i);
        case Kind::weekday:
            return weekday_rule(i, w->value);
        case Kind::relative_day:
            return relative_day(i, w->value);
        case Kind::unit:
            return unit_rule(i, w->value);
        case Kind::last:
            if (auto r = period(i)) return r;
            return nth_weekday(i);
        case Kind::demonstrative:
            return demonstrative(i);
        case Kind::modifier:
            return modified(i);
        case Kind::range_open:
            return range(i);
        case Kind::ordinal:
            if (auto r = period(i)) return r;
            if (auto r = nth_weekday(i)) return r;
            return day_month_rule(i);
        case Kind::number:
            if (auto r = counted_span(i)) return r;
            // "le quatre octobre": first the cheap test of spelled_day's context ("un", "une" are no day).
            if (w->value < 2 || w->value > 30 || i == 0 || (fw(i - 1).size() != 2 && !word_value(i - 1, Kind::weekday)))
                return {};
            return day_month_rule(i);
        case Kind::season:
            return season(i, w->value);
        case Kind::quarter_code:
            return quarter_code(i, w->value);
        case Kind::il:
            return ago(i);
        case Kind::dans:
            return ahead(i);
        case Kind::holiday:
        case Kind::holiday_lead:
            if (auto r = holiday_rule(i)) return r;
            return story_day(i);
        case Kind::weekend:
            return weekend_rule(i, i);
        case Kind::century:
            return century_rule(i);
        default:
            return {};
    }
}

std::optional<Found> Scanner::numeric(std::size_t i) const {
    if (auto r = numeric_span(i)) return r;
    if (auto a = numeric_date(i)) {
        if (auto r = dashed_day_span(i, *a)) return r;
        if (!a->explicit_year && !a->invalid) return dated(i, *a);
        return Found{a->next, tok(i).start, tok(a->next - 1).end,
                     a->invalid ? std::string() : iso_ymd(a->year, a->month, a->day)};
    }
    if (auto r = spaced_year_month(i)) return r;
    if (auto r = period(i)) return r;
    if (auto r = nth_weekday(i)) return r;
    if (auto r = hyphen_days(i)) return r;
    if (auto r = day_month_rule(i)) return r;
    if (auto r = listed_day(i)) return r;
    // "4 au 22 mai", "4 jusqu'à 23 le mois prochain": a span without its "du".
    if (fw(i + 1) == "au" || (fw(i + 1) == "a" && elision(i + 1) == "jusqu"))
        if (auto r = range(i)) return r;
    if (auto r = counted_span(i)) return r;
    return year_rule(i);
}

// ---- atoms: a date as written, without resolution

// The year of a two-digit year ("octobre 98", "22/04/16"): the one of
// 19yy and 20yy that is not more than twenty years after the dispatch.
long Scanner::century_year(long yy) const {
    const long limit = anchor_.precision == Anchor::none ? 2049 : anchor_.date.year + 20;
    return 2000 + yy <= limit ? 2000 + yy : 1900 + yy;
}

// "15/01/2015", "15.01.2015", "2015-01-15", "22/04/16", "15.05.99",
// "03/2015", "2016-11", "22/04", read from the bytes because the word
// breaker splits them differently. Decimals ("12.5"), scores ("2-1"),
// phone numbers ("01.23.45.67.89") and spans of years ("2008-09") are no
// dates.
std::optional<Atom> Scanner::numeric_date(std::size_t i) const {
    const std::size_t n = text_.size();
    const std::size_t p = tok(i).start;
    auto digit = [&](std::size_t k) { return k < n && text_[k] >= '0' && text_[k] <= '9'; };
    auto is_sep = [&](std::size_t k) { return k < n && (text_[k] == '/' || text_[k] == '-' || text_[k] == '.'); };
    if (p > 0 && (digit(p - 1) || (is_sep(p - 1) && p >= 2 && digit(p - 2)))) return {};
    // Inside a URL or a path ("lemonde.fr/2016/11/titre", "id=11/2016"): no date.
    auto in_word = [&](std::size_t k) {
        const char c = text_[k];
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' || c == '_' || c == '=' || c == '\\' ||
               c == '#' || c == '&' || c == '?' || c == '@';
    };
    if (p > 0 && in_word(p - 1)) return {};
    std::size_t q = p;
    auto read = [&](long& value) {
        const std::size_t from = q;
        value = 0;
        while (digit(q) && q - from < 5) value = value * 10 + (text_[q++] - '0');
        return q - from;
    };
    long a, b, c = 0;
    const std::size_t la = read(a);
    if (!is_sep(q)) return {};
    const char sep = text_[q++];
    const std::size_t lb = read(b);
    std::size_t lc = 0;
    if (lb < 1 || lb > 4) return {};
    if (q + 1 < n && text_[q] == sep && digit(q + 1)) {
        ++q;
        lc = read(c);
    }
    if (digit(q) || (is_sep(q) && digit(q + 1)) || (q < n && in_word(q))) return {};
    Atom atom;
    if (lc != 0) {
        if (lb > 2) return {};
        if (la == 4 && (lc == 1 || lc == 2) && sep != '.') {
            atom.year = a, atom.month = static_cast<int>(b), atom.day = static_cast<int>(c);
        } else if ((la == 1 || la == 2) && lc == 4) {
            atom.year = c, atom.month = static_cast<int>(b), atom.day = static_cast<int>(a);
        } else if ((la == 1 || la == 2) && lc == 2 && (sep == '/' || (la == 2 && lb == 2))) {
            atom.year = century_year(c), atom.month = static_cast<int>(b), atom.day = static_cast<int>(a);
        } else {
            return {};
        }
        atom.explicit_year = true;
        atom.invalid = !is_valid_ymd(atom.year, atom.month, atom.day);
    } else if (sep == '.') {
        return {};
    } else if (la == 4 && lb == 2 && b >= 1 && b <= 12 && b != (a + 1) % 100 && !numbered_text(i)) {
        atom.year = a, atom.month = static_cast<int>(b), atom.explicit_year = true;  // 2016-11, not 2008-09
    } else if (la == 4 && lb == 1 && b >= 1 && a >= kBareYearMin && a <= kBareYearMax && !numbered_text(i)) {
        atom.year = a, atom.month = static_cast<int>(b), atom.explicit_year = true;  // 2015-3, 2015/3
    } else if ((la == 1 || la == 2) && lb == 4 && a >= 1 && a <= 12) {
        atom.year = b, atom.month = static_cast<int>(a), atom.explicit_year = true;  // 03/2015
    } else if (sep == '/' && (la == 1 || la == 2) && (lb == 1 || lb == 2) && numeric_day_month_context(i, a, b)) {
        atom.month = static_cast<int>(b), atom.day = static_cast<int>(a);  // 22/04
        atom.invalid = atom.day > days_in_month(2000, atom.month);
    } else {
        return {};
    }
    if (atom.year < kMinYear || atom.year > kMaxYear) {
        if (atom.explicit_year) return {};
    }
    std::size_t j = i;
    while (has(j) && tok(j).end < q) ++j;
    if (!has(j) || tok(j).end != q) return {};
    atom.next = j + 1;
    return atom;
}

// Token i numbers a text, not a month: "la loi n° 2016-11", "le décret 2015-3".
bool Scanner::numbered_text(std::size_t i) const {
    if (i == 0) return false;
    static constexpr std::string_view kWords[] = {"n",      "no",      "numero",     "loi",     "decret",
                                                  "arrete", "article", "ordonnance", "dossier", "circulaire"};
    const std::string_view p = fw(i - 1);
    for (std::string_view w : kWords)
        if (p == w) return true;
    return between(i).find("\xC2\xB0") != std::string_view::npos;  // "n°2016-11"
}

// A year after a comma that ends the date ("12 janvier, 2016" then nothing or
// punctuation), not the subject of what follows ("le 12 janvier, 2016 marque").
bool Scanner::comma_year(std::size_t j) const {
    if (!has(j) || j == 0) return false;
    const std::string_view gap = between(j);
    if (gap.size() < 2 || gap[0] != ',' || gap.find_first_not_of(' ', 1) != std::string_view::npos) return false;
    const int y = year_number(j);
    return y >= kBareYearMin && y <= kBareYearMax && (!has(j + 1) || !spaced(j + 1));
}

// "22/04" is a day when it cannot be a fraction ("3/4 des électeurs") or
// a date word comes before it ("le 3/4", "lundi 3/4").
bool Scanner::numeric_day_month_context(std::size_t i, long day, long month) const {
    if (month < 1 || month > 12 || day < 1 || day > 31 || (day == 24 && month == 7)) return false;  // 24/7
    if (day > 12) return true;
    if (i == 0 || !spaced(i)) return false;
    const std::string_view p = fw(i - 1);
    return p == "le" || p == "du" || p == "au" || p == "depuis" || word_value(i - 1, Kind::weekday);
}

// A month name at token i (abbreviations only when `abbreviated`: after a day
// number). Without its full stop, as listings, tables and headings write them
// ("3 Sept", "22 janv 1995"), not before a name ("le 1 Jan Ullrich"), and
// "sept" in lower case (the number seven: "12 sept ans") only at the end of
// the text or a clause or before a year.
int Scanner::month_at(std::size_t i, bool abbreviated) const {
    if (int m = word_value(i, Kind::month)) return m;
    if (!abbreviated || !has(i) || fw(i).size() < 3 || fw(i).size() > 4) return 0;  // the cheap test first
    const int m = month_abbreviation(fw(i));
    if (!m) return 0;
    const std::size_t e = tok(i).end;
    if (e < text_.size() && text_[e] == '.') return m;
    if (has(i + 1) && spaced(i + 1) && tok(i + 1).capitalised && has_letter(fw(i + 1))) return 0;
    if (m == 9 && !tok(i).capitalised && has(i + 1) && spaced(i + 1) && !year_number(i + 1)) return 0;
    return m;
}

// Token j follows an abbreviated month's full stop and spaces ("3 oct. 2015").
bool Scanner::after_abbreviation(std::size_t j) const {
    if (!has(j) || j == 0) return false;
    const std::string_view gap = between(j);
    return gap.size() >= 2 && gap[0] == '.' && gap.find_first_not_of(' ', 1) == std::string_view::npos &&
           month_abbreviation(fw(j - 1)) != 0;
}

// "le quatre octobre", "jeudi vingt-cinq décembre", "le trente et un mai": a
// day in words, after "le", "du", "au" or a weekday (not "quatre mai" alone).
// The day and the token after it, or {0, i}.
std::pair<int, std::size_t> Scanner::spelled_day(std::size_t i) const {
    if (i == 0 || !has(i) || fw(i)[0] <= '9') return {0, i};  // the cheap test first: parse_atom reads every number
    const std::string_view p = fw(i - 1);
    if (p != "le" && p != "du" && p != "au" && !word_value(i - 1, Kind::weekday)) return {0, i};
    if (!spaced(i) || !word_value(i, Kind::number)) return {0, i};
    const auto [n, next] = quantity(i);
    if (n < 2 || n > 31) return {0, i};
    return {static_cast<int>(n), next};
}

// "15/01/2015", "15 janvier [2015]", "janvier [2015]", "2015", and with
// `bare_day` a day number alone ("du 3 au 5 mai").
std::optional<Atom> Scanner::parse_atom(std::size_t i, bool bare_day) const {
    if (!has(i)) return {};
    if (tok(i).folded[0] >= '0' && tok(i).folded[0] <= '9')
        if (auto a = numeric_date(i)) return a;
    Atom atom;
    auto year_after = [&](std::size_t j, bool day_month) {
        atom.next = j;
        if (day_month && comma_year(j)) {  // "lundi 12 janvier, 2016"
            atom.year = year_number(j), atom.explicit_year = true, atom.next = j + 1;
            return;
        }
        if (!spaced(j)) {
            // "3 oct. 2015" (not "le 3 oct. 2000 personnes": the full stop ended the sentence)
            if (!day_month || !after_abbreviation(j) || noun_follows(j + 1)) return;
            if (const int y = year_number(j)) {
                atom.year = y, atom.explicit_year = true, atom.next = j + 1;
            } else if (const long yy = two_digit_year(j)) {
                atom.year = century_year(yy % 100), atom.explicit_year = true, atom.next = j + 1;
            }
            return;
        }
        // "le 23 novembre de 1987" (not "le 3 mars de 2000 euros")
        if (day_month && fw(j) == "de" && spaced(j + 1) && year_number(j + 1) >= kBareYearMin &&
            year_number(j + 1) <= kBareYearMax && !noun_follows(j + 2)) {
            atom.year = year_number(j + 1), atom.explicit_year = true, atom.next = j + 2;
            return;
        }
        if (int y = year_number(j)) {
            atom.year = y, atom.explicit_year = true, atom.next = j + 1;
        } else if (const long yy = two_digit_year(j)) {
            atom.year = century_year(yy % 100), atom.explicit_year = true, atom.next = j + 1;
        }
    };
    if (const auto [d, k] = spelled_day(i); d && spaced(k)) {  // "le quatre octobre"
        if (const int m = word_value(k, Kind::month)) {
            atom.month = m, atom.day = d;
            year_after(k + 1, true);
            atom.invalid = atom.explicit_year ? !is_valid_ymd(atom.year, m, d) : d > days_in_month(2000, m);
            return atom;
        }
    }
    const int d = day_number(i);
    if (d && (spaced(i + 1) || hyphened(i + 1))) {  // "15 janvier", "le 14-Juillet"
        if (int m = month_at(i + 1, true)) {
            atom.month = m, atom.day = d;
            year_after(i + 2, true);
            // 29 février waits for its year; 31 février never is a date.
            atom.invalid = atom.explicit_year ? !is_valid_ymd(atom.year, m, d) : d > days_in_month(2000, m);
            return atom;
        }
    }
    if (int m = month_at(i, false)) {
        atom.month = m;
        year_after(i + 1, false);
        // Capitalised mid-sentence with no year: "Mars" the planet, "Avril" a name.
        if (!atom.explicit_year && tok(i).capitalised && !sentence_start(i)) return {};
        return atom;
    }
    if (int y = year_number(i)) {
        atom.year = y, atom.explicit_year = true, atom.next = i + 1;
        return atom;
    }
    if (bare_day && d && all_digits(fw(i))) {
        atom.day = d, atom.next = i + 1;
        return atom;
    }
    return {};
}

// ---- resolution against the dispatch date

// The year of a month (and day) written without one: the occurrence
// nearest the dispatch date, the past one on a tie; strictly before it
// after "dernier", strictly after it after "prochain" (`tense`). The
// clause's tense (`soft`) prefers the occurrences on its side of the
// dispatch date. With `weekday`, prefer the years where the date falls
// on that day.
std::optional<long> Scanner::pick_year(int month, int day, Tense tense, int weekday, Tense soft) const {
    if (anchor_.precision == Anchor::none) return {};
    const long y0 = anchor_.date.year;
    if (anchor_.precision == Anchor::year) {
        if (day && !is_valid_ymd(y0, month, day)) return {};
        return y0;
    }
    const bool by_day = day != 0 && anchor_.precision == Anchor::day;
    for (int pass = soft == Tense::none ? 1 : 0; pass < 2; ++pass) {
        std::optional<long> best;
        long best_diff = 0;
        bool best_weekday = false;
        for (long y = y0 - 1; y <= y0 + 1; ++y) {
            if (day && !is_valid_ymd(y, month, day)) continue;
            const long diff = by_day ? days_from_civil(y, month, day) - anchor_.days
                                     : (y * 12 + month) - (y0 * 12 + anchor_.date.month);
            // A day in the dispatch month counts as "dernier" and "prochain".
            const bool same_month_day = !by_day && day != 0 && diff == 0;
            if (tense == Tense::past && !(diff < 0 || same_month_day)) continue;
            if (tense == Tense::future && !(diff > 0 || same_month_day)) continue;
            if (pass == 0 && (soft == Tense::past ? diff > 0 : diff < 0)) continue;
            const bool on_weekday = weekday != 0 && day != 0 && weekday_of(days_from_civil(y, month, day)) == weekday;
            auto better = [&] {
                if (!best) return true;
                if (on_weekday != best_weekday) return on_weekday;
                const long a = diff < 0 ? -diff : diff, b = best_diff < 0 ? -best_diff : best_diff;
                return a < b || (a == b && diff < best_diff);
            };
            if (better()) best = y, best_diff = diff, best_weekday = on_weekday;
        }
        if (best) return best;
    }
    return {};
}

// The year written last in the sentence of token i, before it (0: none):
// "du 26 juillet au 11 août 2024, puis du 28 août au 8 septembre".
long Scanner::sentence_year(std::size_t i) const {
    if (!last_year_ || last_year_token_ >= i || anchor_.precision == Anchor::none) return 0;
    for (std::size_t k = last_year_token_ + 1; k <= i; ++k)
        if (between(k).find_first_of(".!?\n") != std::string_view::npos) return 0;
    return last_year_;
}

// The dispatch date moved by `n` units, at the precision of the unit, or
// the dispatch's own when it is coarser ("hier" in a dispatch of
// 2022-03 is 2022-03).
std::string Scanner::shift(int unit, long n) const {
    const PartialDate& p = anchor_.date;
    switch (anchor_.precision) {
        case Anchor::none:
            return {};
        case Anchor::year:
            return unit == year_unit ? iso_ymd(p.year + n) : iso_ymd(p.year);
        case Anchor::month:
            if (unit == year_unit) return iso_ymd(p.year + n);
            if (unit == month_unit) {
                const long total = p.year * 12L + (p.month - 1) + n;
                return iso_ymd(total / 12, total % 12 + 1);
            }
            return iso_ymd(p.year, p.month);
        case Anchor::day:
            if (unit == year_unit) return iso_ymd(p.year + n);
            if (unit == month_unit) {
                const long total = p.year * 12L + (p.month - 1) + n;
                return iso_ymd(total / 12, total % 12 + 1);
            }
            if (unit == week_unit) return iso_week(anchor_.days + 7 * n);
            return iso_day(anchor_.days + n);
    }
    return {};
}

}  // namespace depeche::dates_detail

namespace depeche {

namespace {

bool tokens_fit(std::string_view text, const std::vector<Token>& tokens) {
    std::size_t previous_end = 0;
    for (const Token& t : tokens) {
        if (t.elided_start > t.start || t.start >= t.end || t.end > text.size() || t.elided_start < previous_end ||
            t.folded.empty())
            return false;
        previous_end = t.end;
    }
    return true;
}

}  // namespace

std::vector<DateMention> find_dates(std::string_view text, const std::vector<Token>& tokens,
                                    const PartialDate& published) {
    // Tokens come from analyse(text); anything else (offsets out of order or
    // out of the text) finds nothing rather than reading out of bounds.
    if (tokens.empty() || !tokens_fit(text, tokens)) return {};
    return dates_detail::Scanner(text, tokens, published).run();
}

}  // namespace depeche
