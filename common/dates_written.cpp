// The Scanner's rules for dates as written: a day and month ("15 janvier 2015", "le 3 mars dernier", "les 3
// et 4 mai"), a month ("mars 2019", "en janvier"), a year ("en 2009"), ranges ("du 3 au 5 mai", "entre 2008
// et 2010"), modifiers ("fin 2013", "mi-mars"), quarters and halves ("au premier trimestre 2019", "T1
// 2019"), seasons ("l'été 2018"), centuries ("XIXe siècle") and decades ("les années 1990").
#include "dates_detail.hpp"

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

namespace depeche::dates_detail {

// ---- rules

// "15 janvier 2015", "1er mai", "le 3 mars dernier" (after its atom).
std::optional<Found> Scanner::dated(std::size_t first, const Atom& atom, int weekday) const {
    std::size_t next = atom.next;
    const Tense tense = atom.explicit_year ? Tense::none : trailing_tense(next);
    Found found{next, tok(first).start, tok(next - 1).end, {}};
    if (atom.invalid) return found;
    long year = atom.year;
    if (!atom.explicit_year) {
        const long carried = tense == Tense::none ? sentence_year(first) : 0;
        if (carried && is_valid_ymd(carried, atom.month, atom.day) &&
            (!weekday || weekday_of(days_from_civil(carried, atom.month, atom.day)) == weekday)) {
            year = carried;
        } else {
            // The weekday says more than the tense ("avancé au mardi 23 avril").
            const Tense soft = tense == Tense::none && !weekday ? clause_tense(first, next - 1) : Tense::none;
            std::optional<long> y = pick_year(atom.month, atom.day, tense, weekday, soft);
            if (!y) return found;
            year = *y;
        }
    }
    if (is_valid_ymd(year, atom.month, atom.day)) found.value = iso_ymd(year, atom.month, atom.day);
    return found;
}

std::optional<Found> Scanner::day_month_rule(std::size_t i) const {
    std::optional<Atom> atom = parse_atom(i, false);
    if (!atom || !atom->day || !atom->month) return {};
    if (auto r = dashed_day_span(i, *atom)) return r;
    return dated(i, *atom);
}

// "les 3 et 4 mai", "les 3, 4 et 5 mai 2015": each day before the last
// takes the month and year of the last.
std::optional<Found> Scanner::listed_day(std::size_t i) const {
    const int d = day_number(i);
    if (!d || !all_digits(fw(i)) || i == 0) return {};
    const bool first = fw(i - 1) == "les" && spaced(i);
    const bool after_et = fw(i - 1) == "et" && spaced(i) && last_mention_next_ == i - 1;
    const bool after_comma = last_mention_next_ == i && between(i).find(',') != std::string_view::npos;
    if (!first && !after_et && !after_comma) return {};
    std::size_t j = i;
    for (int items = 0; items < 10; ++items) {
        if (fw(j + 1) == "et" && spaced(j + 1) && spaced(j + 2)) {
            j += 2;
        } else if (has(j + 1) && between(j + 1).find(',') != std::string_view::npos && between(j + 1).size() <= 2) {
            j += 1;
        } else {
            return {};
        }
        if (!day_number(j) || !all_digits(fw(j))) return {};
        std::optional<Atom> last = parse_atom(j, false);
        if (!last || !last->day || !last->month) continue;
        std::optional<Found> resolved = dated(j, *last);
        if (!resolved) return {};
        const std::optional<PartialDate> date = parse_iso_date(resolved->value);
        if (!date || !is_valid_ymd(date->year, date->month, d)) return {};
        return Found{i + 1, tok(i).start, tok(i).end, iso_ymd(date->year, date->month, d)};
    }
    return {};
}

// "mars 2019", and "janvier" alone after a word that makes it a date
// ("en janvier", "depuis janvier", "d'avril", "janvier dernier").
std::optional<Found> Scanner::month_rule(std::size_t i) const {
    std::optional<Atom> atom = parse_atom(i, false);
    if (!atom || atom->day || !atom->month) return {};
    if (atom->explicit_year)
        return Found{atom->next, tok(i).start, tok(atom->next - 1).end, iso_ymd(atom->year, atom->month)};
    std::size_t next = atom->next;
    const Tense tense = trailing_tense(next);
    if (tense == Tense::none && !month_context(i)) return {};
    Found found{next, tok(i).start, tok(next - 1).end, {}};
    if (tense == Tense::none)
        if (const long carried = sentence_year(i)) {
            found.value = iso_ymd(carried, atom->month);
            return found;
        }
    const Tense soft = tense == Tense::none ? clause_tense(i, next - 1) : Tense::none;
    if (std::optional<long> y = pick_year(atom->month, 0, tense, 0, soft)) found.value = iso_ymd(*y, atom->month);
    return found;
}

bool Scanner::month_context(std::size_t i) const {
    const std::string e = elision(i);
    if (e == "d" || e == "jusqu") return true;
    if (i == 0) return false;
    // "en janvier, février et mars": a month right after another date.
    if (last_mention_next_ == i && between(i).find(',') != std::string_view::npos) return true;
    if (!spaced(i)) return false;
    const std::string_view p = fw(i - 1);
    if ((p == "et" || p == "ou") && last_mention_next_ == i - 1) return true;
    // A month alone anywhere else stays unread: in OCR'd archives "mai" is
    // often a broken word ("les mai ns"). Not after "pour" either: "des
    // préavis déposés pour septembre" is ahead, and the clause's past
    // participle would put it a year back.
    static const std::unordered_set<std::string_view> kBefore = {"en",   "de",  "depuis", "courant", "debut",
                                                                 "fin",  "mi",  "avant",  "apres",   "jusqu",
                                                                 "mois", "ici", "vers",   "durant",  "pendant"};
    if (p == "a") return elision(i - 1) == "jusqu";  // "jusqu'à juin"
    return kBefore.count(p) != 0 || (p == "des" && tok(i - 1).text != "des" && tok(i - 1).text != "Des");
}

// A year alone, when the word before makes it one: "en 2009", "depuis
// 2009", "jusqu'en 2009", "d'ici 2020", "l'an 2000", "la crise de 2008"
// (not "2009 personnes", not "de 2000 euros").
std::optional<Found> Scanner::year_rule(std::size_t i) const {
    const int y = year_number(i);
    if (i > 0 && i == last_mention_next_ && last_year_token_ == i - 1 && between(i) == "/") {
        // "la saison 2016/2017", "2016/17": the year after a year and its slash, as its own mention (as
        // TimeBank marks them), when it is the next year.
        const std::string_view f = fw(i);
        const long next_year = last_year_ + 1;
        if (y == next_year || (f.size() == 2 && all_digits(f) && next_year % 100 == (f[0] - '0') * 10 + (f[1] - '0')))
            return Found{i + 1, tok(i).start, tok(i).end, iso_ymd(next_year)};
    }
    if (!y || y > kBareYearMax || i == 0) return {};
    // "« La Place de l'étoile » (1968)", "Corvette C8 (2020)": a year alone between brackets; not the
    // number of a plural before them ("les manifestants (2000)").
    const std::string_view gap = between(i);
    if (!gap.empty() && gap.back() == '(' && tok(i).end < text_.size() && text_[tok(i).end] == ')') {
        const Token& before = tok(i - 1);
        const bool counted = !before.capitalised && !before.folded.empty() &&
                             (before.folded.back() == 's' || before.folded.back() == 'x') &&
                             gap.find_first_not_of(" (") == std::string_view::npos;
        if (!counted) return Found{i + 1, tok(i).start, tok(i).end, iso_ymd(y)};
        return {};
    }
    // "en 2012, 2013 et 2014", "après 1908 et 1948": a year listed after a year.
    const bool comma_listed = i == last_mention_next_ && year_number(i - 1) && !gap.empty() && gap[0] == ',' &&
                              gap.find_first_not_of(' ', 1) == std::string_view::npos;
    if (!spaced(i) && !comma_listed) return {};
    const std::string_view p = fw(i - 1);
    const bool listed = comma_listed || ((p == "et" || p == "ou") && i >= 2 && last_mention_next_ == i - 1 &&
                                         year_number(i - 2) && spaced(i - 1));
    if (listed) {
        if (noun_follows(i + 1) || quantity_follows(i)) return {};
        return Found{i + 1, tok(i).start, tok(i).end, iso_ymd(y)};
    }
    const bool des = p == "des" && tok(i - 1).text != "des" && tok(i - 1).text != "Des";  // dès
    // "d'ici à 2030", "jusqu'à 2014", "(les origines) remontent à 1869": "à" that makes a year a time.
    static const std::unordered_set<std::string_view> kBeforeA = {"remonte",   "remontent",   "remontant",
                                                                  "remontait", "remontaient", "remonter"};
    const bool a_year =
        p == "a" && (elision(i - 1) == "jusqu" || (i >= 2 && ((fw(i - 2) == "ici" && elision(i - 2) == "d") ||
                                                              (spaced(i - 1) && kBeforeA.count(fw(i - 2))))));
    // A year before 1900 only after "en", "depuis", "dès", with no noun or unit after it: "bâti en 1717",
    // "depuis 1869", not "en 1500 exemplaires", "en 1500 m", "depuis 1500 €". (A one-letter word after it
    // is a unit symbol, but for the verb "a" and "y".)
    if (y < kBareYearMin) {
        const std::string_view after = spaced(i + 1) ? fw(i + 1) : std::string_view();
        const bool symbol = after.size() == 1 && after[0] >= 'b' && after[0] <= 'z' && after[0] != 'y';
        if (!(p == "en" || p == "depuis" || des || a_year) || noun_follows(i + 1) || symbol || quantity_follows(i))
            return {};
    }
    static const std::unordered_set<std::string_view> kStrong = {"en",      "depuis",  "an", "annee",
                                                                 "horizon", "courant", "ici"};
    static const std::unordered_set<std::string_view> kWeak = {"de",    "pour", "vers",  "avant",
                                                               "apres", "fin",  "debut", "mi"};
    if (kStrong.count(p) || des || a_year) {
        if (p == "ici" && elision(i - 1) != "d") return {};
    } else if (kWeak.count(p) ? noun_follows(i + 1) : !edition_year(i)) {
        return {};
    }
    // "en 2008-2010"
    if (has(i + 1) && hyphened(i + 1)) {
        const int y2 = year_number(i + 1);
        if (y2 > y && y2 <= kBareYearMax)
            return Found{i + 2, tok(i).start, tok(i + 1).end, iso_ymd(y) + "/" + iso_ymd(y2)};
    }
    return Found{i + 1, tok(i).start, tok(i).end, iso_ymd(y)};
}

// "du 3 au 5 mai 2015", "du 26 juillet au 11 août", "de janvier à mars",
// "d'avril à juin 2016", "entre 2008 et 2010", "entre le 3 et le 5 mai".
std::optional<Found> Scanner::range(std::size_t i) const {
    const std::string_view f = fw(i);
    std::size_t a1;
    std::size_t start;
    bool entre = false;
    if (f == "du" || f == "de" || f == "entre") {
        // "de" is the commonest French word: first the cheap test that the
        // next token can begin a date as parse_atom reads one (a number,
        // "premier", a month; "entre le ...").
        const std::string_view n = fw(i + 1);
        if (n.empty() || ((n[0] < '0' || n[0] > '9') && n != "premier" && !word_value(i + 1, Kind::month) &&
                          !(f == "entre" && n == "le")))
            return {};
        if (!spaced(i + 1)) return {};
        a1 = i + 1, start = tok(i).start, entre = f == "entre";
    } else if (elision(i) == "d") {
        a1 = i, start = tok(i).elided_start;
    } else if (day_number(i) && all_digits(fw(i))) {  // "4 au 22 mai" (numeric() checked the connector)
        a1 = i, start = tok(i).start;
    } else {
        return {};
    }
    if (entre && fw(a1) == "le" && spaced(a1 + 1)) ++a1;
    std::optional<Atom> x = parse_atom(a1, true);
    if (!x || x->invalid || !has(x->next)) return {};
    const std::size_t c = x->next;
    const std::string_view cf = fw(c);
    const bool connector_ok =
        entre ? cf == "et" && spaced(c) : (cf == "au" || cf == "a") && (spaced(c) || elision(c) == "jusqu");
    if (!connector_ok) return {};
    std::size_t a2 = c + 1;
    if (!spaced(a2)) return {};
    if (entre && fw(a2) == "le" && spaced(a2 + 1)) ++a2;
    std::optional<Atom> y = parse_atom(a2, false);
    if ((!y || (!y->month && !y->year)) && x->day && !x->month)  // "du 4 au 22 de ce mois"
        return days_of_month_phrase(i, start, x->day, a2);
    if (!y || y->invalid) return {};
    std::optional<std::string> value = span_value(*x, *y, i);
    if (!value) return {};
    return Found{y->next, start, tok(y->next - 1).end, *value};
}

// The value of the span from `x` to `y` written from token `first`.
std::optional<std::string> Scanner::span_value(Atom x, Atom y, std::size_t first) const {
    const bool x_bare_day = x.day && !x.month;
    if (x_bare_day) {
        if (!y.day) return {};
        x.month = y.month;
    }
    if ((x.month != 0) != (y.month != 0) || (x.day != 0) != (y.day != 0)) return {};
    if (!x.month) {  // two years
        if (x.year < kBareYearMin || y.year > kBareYearMax || x.year >= y.year || noun_follows(y.next)) return {};
        return iso_ymd(x.year) + "/" + iso_ymd(y.year);
    }
    // "du 28 décembre au 3 janvier" runs into the next year.
    const bool y_before_x = y.month < x.month;
    if (y.explicit_year && !x.explicit_year) {
        x.year = y.year - (y_before_x ? 1 : 0);
    } else if (x.explicit_year && !y.explicit_year) {
        y.year = x.year + (y_before_x ? 1 : 0);
    } else if (!x.explicit_year && !y.explicit_year) {
        std::optional<long> year;
        if (const long carried = sentence_year(first)) {
            year = carried;
        } else {
            year = pick_year(x.month, x.day, Tense::none, 0, clause_tense(first, y.next - 1));
        }
        if (!year) return {};
        x.year = *year;
        y.year = *year + (y_before_x ? 1 : 0);
    }
    if (x.day) {
        if (!is_valid_ymd(x.year, x.month, x.day) || !is_valid_ymd(y.year, y.month, y.day)) return {};
        if (days_from_civil(x.year, x.month, x.day) >= days_from_civil(y.year, y.month, y.day)) return {};
    } else if (x.year * 12 + x.month >= y.year * 12 + y.month) {
        return {};
    }
    const std::string a = iso_ymd(x.year, x.month, x.day), b = iso_ymd(y.year, y.month, y.day);
    if (a.empty() || b.empty()) return {};
    return a + "/" + b;
}

// "début juin", "fin 2013", "mi-mars", "courant 2015", "fin mars dernier".
std::optional<Found> Scanner::modified(std::size_t i) const {
    std::size_t j = i + 1;
    if (!has(j) || !(spaced(j) || hyphened(j))) return {};
    if ((fw(j) == "de" || fw(j) == "du") && spaced(j + 1)) ++j;
    if (fw(j) == "la" && spaced(j + 1) && fw(j + 1) == "semaine") ++j;
    // "en fin de semaine", "fin de la semaine prochaine", "fin du mois",
    // "début du mois dernier": that week, that month ("fin du mois de
    // mai" is May's, found from "mai").
    if ((fw(j) == "semaine" || (fw(j) == "mois" && !(fw(j + 1) == "de" && word_value(j + 2, Kind::month)))) &&
        elision(j).empty()) {
        std::size_t next = j + 1;
        const int dir = last_or_next(next);
        if (dir) ++next;
        std::string value = shift(fw(j) == "semaine" ? week_unit : month_unit, dir);
        if (value.empty()) return {};
        return Found{next, tok(i).start, tok(next - 1).end, value};
    }
    // "fin de l'année", "début de l'année dernière": the dispatch's year.
    if (fw(j) == "annee" && anchor_.precision != Anchor::none) {
        long year = anchor_.date.year;
        std::size_t next = j + 1;
        if (has(next) && spaced(next) && (fw(next) == "derniere" || fw(next) == "passee"))
            --year, ++next;
        else if (has(next) && spaced(next) && fw(next) == "prochaine")
            ++year, ++next;
        return Found{next, tok(i).start, tok(next - 1).end, iso_ymd(year)};
    }
    // "à la fin de l'été", "début de l'automne prochain": the season.
    if (const int s = word_value(j, Kind::season); s && elision(j) == "l") {
        std::optional<Found> found = season(j, s, true);
        if (!found || found->value.empty()) return {};
        found->start = tok(i).start;
        return found;
    }
    std::optional<Atom> atom = parse_atom(j, false);
    if (!atom || atom->day || atom->invalid) return {};
    if (!atom->month) {
        if (atom->year < kBareYearMin || atom->year > kBareYearMax || noun_follows(atom->next)) return {};
        return Found{atom->next, tok(i).start, tok(atom->next - 1).end, iso_ymd(atom->year)};
    }
    std::size_t next = atom->next;
    long year = atom->year;
    if (!atom->explicit_year) {
        std::optional<long> y = pick_year(atom->month, 0, trailing_tense(next));
        if (!y) return {};
        year = *y;
    }
    return Found{next, tok(i).start, tok(next - 1).end, iso_ymd(year, atom->month)};
}

// "au premier trimestre 2019", "2e trimestre", "premier semestre 2020".
std::optional<Found> Scanner::period(std::size_t i) const {
    int ordinal = period_ordinal(fw(i));
    if (!ordinal && fw(i + 1) == "semaine") ordinal = numbered_ordinal(fw(i));  // "la 12e semaine de 2016"
    if (!ordinal || !spaced(i + 1)) return {};
    const std::string_view unit = fw(i + 1);
    if (unit == "semaine") return week_of_year(i, ordinal);
    const bool quarter = unit == "trimestre";
    if (!quarter && unit != "semestre") return {};
    const int count = quarter ? 4 : 2;
    int n = ordinal == 9 ? count : ordinal;
    if (n > count) return {};
    std::size_t k = i + 2;
    if (fw(k) == "de" && spaced(k + 1) && year_number(k + 1)) ++k;
    long year = 0;
    std::size_t next = i + 2;
    if (spaced(k) && year_number(k)) {
        year = year_number(k), next = k + 1;
    } else {
        if (ordinal == 9) return {};  // "le dernier trimestre": of which year?
        if (anchor_.precision == Anchor::none) return {};
        year = anchor_.date.year;
        if (anchor_.precision != Anchor::year) {
            // Nearest such period, the past one on a tie.
            const long here = year * count + (anchor_.date.month - 1) * count / 12;
            long best = 0, best_diff = 0;
            for (long y = year - 1; y <= year + 1; ++y) {
                const long diff = y * count + (n - 1) - here;
                const long a = diff < 0 ? -diff : diff, b = best_diff < 0 ? -best_diff : best_diff;
                if (y == year - 1 || a < b || (a == b && diff < best_diff)) best = y, best_diff = diff;
            }
            year = best;
        }
    }
    const char part[3] = {quarter ? 'Q' : 'H', static_cast<char>('0' + n), 0};
    return Found{next, tok(i).start, tok(next - 1).end, iso_part(year, part)};
}

// "T1 2019", "S2 2020".
std::optional<Found> Scanner::quarter_code(std::size_t i, int code) const {
    if (!spaced(i + 1) || !year_number(i + 1)) return {};
    const char part[3] = {code > 10 ? 'H' : 'Q', static_cast<char>('0' + code % 10), 0};
    return Found{i + 2, tok(i).start, tok(i + 1).end, iso_part(year_number(i + 1), part)};
}

const char* Scanner::season_code(int season) {
    static const char* const kCodes[] = {"SP", "SU", "FA", "WI"};
    return kCodes[(season - 1) & 3];
}

// "l'été 2018", "au printemps de 2019" ("a été 2018" is no summer).
std::optional<Found> Scanner::season(std::size_t i, int which, bool part) const {
    if (fw(i) == "ete" && i > 0) {
        const std::string_view p = fw(i - 1);
        if (is_verb_a(i - 1) || p == "ont" || p == "avait" || p == "avaient" || p == "aura" || p == "auront" ||
            p == "aurait" || p == "auraient" || p == "ayant")
            return {};
    }
    std::size_t k = i + 1;
    if (fw(k) == "de" && spaced(k + 1)) ++k;
    if (spaced(k) && year_number(k))
        return Found{k + 1, lead(i), tok(k).end, iso_part(year_number(k), season_code(which))};
    return season_of_dispatch(i, which, part);
}

// The year of the season `which` (1 printemps ... 4 hiver; the winter of year y runs from December y to
// February y+1, as schema.cpp reads "2015-WI") that `when` picks around the dispatch's month: -2 the last
// one over ("l'été dernier": in July the summer before), +2 the next one to begin ("l'hiver prochain"), -1
// the last one begun (a past clause), +1 the first one not over (a future clause), 0 the one the dispatch
// falls in, else the nearest (a tie: the past one). 0 when the dispatch has no month.
long Scanner::season_year(int which, int when) const {
    if (anchor_.precision != Anchor::month && anchor_.precision != Anchor::day) return 0;
    const long d = anchor_.date.year * 12L + anchor_.date.month - 1;
    long best = 0, best_distance = 0;
    for (long y = anchor_.date.year - 2; y <= anchor_.date.year + 1; ++y) {  // in the order of their start
        const long start = y * 12 + which * 3 - 1, end = start + 2;
        if (when == -2 ? end < d : when == -1 ? start <= d : false) best = y;
        if ((when == 2 && start > d) || (when == 1 && end >= d)) return y;
        if (when == 0) {
            const long distance = start > d ? start - d : end < d ? d - end : 0;
            if (!best || distance < best_distance) best = y, best_distance = distance;
        }
    }
    return best;
}

// A season without its year: "l'été dernier", "au printemps prochain", "avant l'été", "d'ici au printemps",
// "(il) avait piloté au printemps", "à la fin de l'été" (from "fin": `part`). Without "dernier" or
// "prochain" it needs a preposition that makes it a time ("au", "à l'", "avant l'", "depuis l'"...)
// and a tense that says which: "au printemps, les arbres fleurissent" is every spring; the end or start of
// a season without a tense is the nearest one. Not "le printemps arabe", "l'été
// indien", "le Printemps de Bourges", "les vacances d'été", nor "a été".
std::optional<Found> Scanner::season_of_dispatch(std::size_t i, int which, bool part) const {
    if (tok(i).capitalised && !sentence_start(i)) return {};
    std::size_t next = i + 1;
    const int dir = last_or_next(next);
    // "L'été dernier, ..." opening the text.
    if (i == 0) {
        if (!dir || elision(i) != "l") return {};
        return season_found(i, which, 2 * dir, next + 1);
    }
    if (!spaced(i)) return {};
    if (dir) {
        ++next;
    } else if (noun_follows(next) || (has(next) && spaced(next) && fw(next) == "de")) {
        return {};
    }
    const std::string el = elision(i);
    const std::string_view p = fw(i - 1);
    bool ahead = false;  // "avant l'été", "d'ici au printemps", "jusqu'à l'automne"
    if (el == "l") {
        const std::string_view p2 = i >= 2 ? fw(i - 2) : std::string_view();
        if (p == "a" && !is_verb_a(i - 1)) {
            ahead = elision(i - 1) == "jusqu";
        } else if (p == "ici" && elision(i - 1) == "d") {
            ahead = true;
        } else if (p == "de") {
            if (p2 != "fin" && p2 != "debut" && p2 != "cours" && p2 != "milieu" && p2 != "courant" && !dir) return {};
        } else if (p == "avant") {
            ahead = true;
        } else if (p != "apres" && p != "depuis" && p != "pendant" && p != "durant" && p != "pour" &&
                   !(p == "des" && tok(i - 1).text != "des" && tok(i - 1).text != "Des") && !dir) {
            return {};
        }
    } else if (!el.empty()) {
        return {};
    } else if (p == "au") {  // not "en été", "en hiver": nearly always every summer, every winter
        ahead = i >= 2 && fw(i - 2) == "ici" && elision(i - 2) == "d";
    } else if (!(dir && p == "le")) {
        return {};
    }
    int when = 2 * dir;
    if (!dir) {
        const Tense tense = ahead ? Tense::future : clause_tense(i, next - 1);
        if (tense == Tense::none && !part) return {};
        when = tense == Tense::past ? -1 : tense == Tense::future ? 1 : 0;
    }
    return season_found(i, which, when, next);
}

std::optional<Found> Scanner::season_found(std::size_t i, int which, int when, std::size_t next) const {
    const long y = season_year(which, when);
    if (!y) return {};
    return Found{next, lead(i), tok(next - 1).end, iso_part(y, season_code(which))};
}

// A unit or a decimal part right after the number at token i makes it a quantity: "2000 %", "1500 €",
// "2000,5".
bool Scanner::quantity_follows(std::size_t i) const {
    std::size_t q = tok(i).end;
    for (;;) {
        const std::string_view gap = text_.substr(q, 3);
        if (!gap.empty() && gap[0] == ' ')
            ++q;
        else if (gap.substr(0, 2) == "\xC2\xA0")
            q += 2;
        else if (gap == "\xE2\x80\xAF")
            q += 3;
        else
            break;
    }
    if (q < text_.size()) {
        const std::string_view rest = text_.substr(q, 3);
        if (rest[0] == '%' || rest[0] == '$' || rest == "\xE2\x82\xAC" || rest.substr(0, 2) == "\xC2\xA3") return true;
        if (q == tok(i).end && (rest[0] == ',' || rest[0] == '.') && rest.size() > 1 && rest[1] >= '0' &&
            rest[1] <= '9')
            return true;
    }
    return false;
}

// A year that names an edition of what the noun before it names: "le Mondial 2018", "la saison
// 2019-2020", "les JO 2024", "le budget 2021", "la Coupe du monde 2018", "Paris 2024". A noun in lower case
// is told from a verb by its determiner ("compte 2000" is a count); a capitalised word opening a sentence
// likewise. Not a count ("la ville 2000 habitants", "un budget 2000 €", "2000,5"), nor the number of what
// the noun numbers ("l'article 2004", "le vol 2017", "Mirage 2000", "Peugeot 2008").
bool Scanner::edition_year(std::size_t i) const {
    if (i < 1 || i - 1 < floor_ || !spaced(i)) return false;
    const Token& n = tok(i - 1);
    if (n.stop || !has_letter(n.folded) || lookup(n.folded)) return false;
    // A number counts the plural noun after it ("2000 habitants", "2000 euros") or a unit symbol ("2000
    // km"); a word of another shape after a year is a verb or an adjective: "le budget 2021 prévoit", "le
    // Mondial 2018 féminin".
    if (noun_follows(i + 1)) {
        const std::string_view w = fw(i + 1);
        if (w.size() <= 3 || w.back() == 's' || w.back() == 'x') return false;
    }
    // "le décret 2015-3", "la loi 2016-1088": a number, not a span of years.
    if (hyphened(i + 1) && all_digits(fw(i + 1)) && year_number(i + 1) <= year_number(i)) return false;
    static const std::unordered_set<std::string_view> kNumbering = {
        "article", "articles", "alinea",  "numero",  "no",      "n",       "page",    "pages",    "chapitre",
        "tome",    "volume",   "vol",     "ligne",   "route",   "rn",      "rd",      "km",       "kilometre",
        "borne",   "porte",    "salle",   "chambre", "piste",   "quai",    "annexe",  "figure",   "tableau",
        "code",    "modele",   "version", "mirage",  "peugeot", "score",   "environ", "quelque",  "soit",
        "contre",  "plus",     "moins",   "presque", "total",   "chiffre", "nombre",  "effectif", "cap"};
    if (kNumbering.count(n.folded)) return false;
    if (quantity_follows(i)) return false;
    if (n.capitalised && !sentence_start(i - 1)) return true;
    const std::string el = elision(i - 1);
    if (el == "l" || el == "d") return true;
    static const std::unordered_set<std::string_view> kDeterminers = {
        "le",  "la",  "les", "du",  "des",  "de",    "au",    "aux", "un",    "une", "ce",  "cet", "cette",
        "ces", "son", "sa",  "ses", "leur", "leurs", "notre", "nos", "votre", "vos", "mon", "ma",  "mes"};
    return i >= 2 && spaced(i - 1) && !sentence_start(i - 1) && kDeterminers.count(fw(i - 2));
}

// "XIXe siècle", "19e siècle": TIMEX3 centuries ("18" = 1800-1899), from
// the 11th to the 21st.
std::optional<Found> Scanner::century_rule(std::size_t i) const {
    if (i == 0 || i <= floor_ || !spaced(i)) return {};
    std::string_view f = fw(i - 1);
    for (std::string_view tail : {"eme", "e"})
        if (f.size() > tail.size() && ends_with(f, tail)) {
            f.remove_suffix(tail.size());
            break;
        }
    int n = 0;
    if (all_digits(f) && f.size() <= 2) {
        for (char c : f) n = n * 10 + (c - '0');
    } else {
        // Roman numerals, read right to left.
        int previous = 0;
        for (auto it = f.rbegin(); it != f.rend(); ++it) {
            const int v = *it == 'i' ? 1 : *it == 'v' ? 5 : *it == 'x' ? 10 : *it == 'l' ? 50 : 0;
            if (!v) return {};
            n += v < previous ? -v : v;
            previous = v > previous ? v : previous;
        }
    }
    if (n < 11 || n > 21) return {};
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d", n - 1);
    return Found{i + 1, tok(i - 1).start, tok(i).end, buf};
}

// "les années 1990", "les années 2000", "les années 80": TIMEX3 decades
// ("199", "200", "198"). Two digits are the 1930s to the 1990s.
std::optional<Found> Scanner::decade(std::size_t i) const {
    if (!spaced(i + 1)) return {};
    const std::string_view f = fw(i + 1);
    std::string value;
    if (const int y = year_number(i + 1); y >= 1800 && y <= 2090 && y % 10 == 0) {
        value = std::string(f.substr(0, 3));
    } else if (f.size() == 2 && all_digits(f) && f[1] == '0' && f[0] >= '3') {
        value = std::string("19") + f[0];
    } else {
        std::size_t k = i + 1;
        const long spelled = spelled_decade(k);
        if (!spelled) return {};
        return Found{k, lead(i), tok(k - 1).end, std::to_string(spelled)};
    }
    return Found{i + 2, lead(i), tok(i + 1).end, value};
}

}  // namespace depeche::dates_detail
