// The Scanner's rules for dates said relative to the dispatch date: demonstratives ("cette semaine", "cet
// été"), units ("l'an dernier", "la semaine du 12 janvier"), week-ends, holidays ("Noël", "la veille de
// Pâques", "la fête des mères 2015"), "hier", "demain", counts of units ("il y a deux ans", "dans trois
// jours") and weekdays ("jeudi", "lundi prochain", "mardi 3"), past or future by the clause's tense.
#include "dates_detail.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

namespace depeche::dates_detail {

// "cette semaine", "ce mois-ci", "cette année", "cet été", "ce matin" (not
// "cette année-là": that year is the story's, not the dispatch's).
std::optional<Found> Scanner::demonstrative(std::size_t i) const {
    const std::size_t j = i + 1;
    if (!spaced(j)) return {};
    if (hyphened(j + 1) && fw(j + 1) == "la") return {};
    std::size_t next = j + 1;
    if (hyphened(j + 1) && fw(j + 1) == "ci") ++next;
    std::string value;
    const std::string_view f = fw(j);
    if (f == "semaine") {
        value = shift(week_unit, 0);
    } else if (f == "mois") {
        value = shift(month_unit, 0);
    } else if (f == "annee") {
        value = shift(year_unit, 0);
    } else if (f == "matin" || f == "soir") {
        value = shift(day_unit, 0);
    } else if (has_kind(f, Kind::weekend)) {
        return weekend_rule(j, i);
    } else if (const int m = word_value(j, Kind::month)) {
        // "ce septembre", "cet août": that month of the dispatch's year.
        // "cette" too: the months' gender is a common slip, and the words
        // say nothing else.
        if (anchor_.precision == Anchor::none) return {};
        value = iso_ymd(anchor_.date.year, m);
    } else if (int s = word_value(j, Kind::season)) {
        // The dispatch year's ("cet été" in November is still 2016-SU, as
        // Recognizers-Text reads it), but "cet hiver" in January or
        // February is the winter begun in December.
        if (anchor_.precision == Anchor::none) return {};
        const bool early = anchor_.precision != Anchor::year && anchor_.date.month <= 2;
        value = iso_part(anchor_.date.year - (s == 4 && early ? 1 : 0), season_code(s));
    } else {
        return {};
    }
    if (value.empty()) return {};
    return Found{next, tok(i).start, tok(next - 1).end, value};
}

// "l'an dernier", "l'année prochaine", "la semaine dernière", "le mois
// prochain", "la semaine du 12 janvier".
std::optional<Found> Scanner::unit_rule(std::size_t i, int unit) const {
    const std::string_view f = fw(i);
    if (f == "jour")
        if (auto h = holiday_rule(i)) return h;
    if (f == "annees") return decade(i);
    if (f != "semaine" && f != "mois" && f != "an" && f != "annee") return {};
    if (unit == week_unit && fw(i + 1) == "du" && spaced(i + 1) && spaced(i + 2)) {
        std::optional<Atom> atom = parse_atom(i + 2, false);
        if (atom && atom->day && atom->month) {
            std::optional<Found> day = dated(i + 2, *atom);
            if (!day) return {};
            Found found{day->next, lead(i), day->end, {}};
            if (std::optional<PartialDate> d = parse_iso_date(day->value))
                found.value = iso_week(days_from_civil(d->year, d->month, d->day));
            return found;
        }
    }
    const int dir = last_or_next(i + 1);
    if (!dir) return {};
    std::string value = shift(unit, dir);
    if (value.empty()) return {};
    return Found{i + 2, lead(i), tok(i + 1).end, value};
}

// The token after "week-end" or "weekend" at token i (i when neither).
std::size_t Scanner::weekend_end(std::size_t i) const {
    if (fw(i) == "weekend") return i + 1;
    if (fw(i) == "week" && has(i + 1) && hyphened(i + 1) && fw(i + 1) == "end") return i + 2;
    return i;
}

// "le week-end dernier", "ce week-end", "le week-end prochain": the
// TIMEX3 weekend of an ISO week ("2011-W05-WE"). The week-end of the
// dispatch's week is "ce week-end"; "dernier" is the one before it (the
// week before), "prochain" the next one still to come.
std::optional<Found> Scanner::weekend_rule(std::size_t i, std::size_t first) const {
    std::size_t next = weekend_end(i);
    if (next == i) return {};
    const bool demonstrative = first != i;
    const int dir = demonstrative ? 0 : last_or_next(next);
    // "le week-end", "pendant le week-end", "au cours du week-end": the
    // week-end the clause's tense says, else the nearest (see below). Not
    // "le week-end de Pâques", "le week-end du 14 juillet", "le week-end
    // suivant" (the story's), nor "chaque week-end", "les week-ends", "le
    // journal du week-end".
    bool bare = false;
    if (!demonstrative && !dir) {
        if (i == 0 || i <= floor_ || !spaced(i)) return {};
        if (fw(i - 1) != "le" && !(fw(i - 1) == "du" && i >= 2 && (fw(i - 2) == "cours" || fw(i - 2) == "lors")))
            return {};
        if (has(next) && (spaced(next) || !elision(next).empty())) {
            const std::string_view n = fw(next);
            if (n == "de" || n == "du" || n == "des" || n == "suivant" || n == "precedent" || n == "d" ||
                elision(next) == "d" || lookup(n) || all_digits(n))
                return {};
        }
        bare = true;
    }
    if (dir) ++next;
    Found found{next, tok(first).start, tok(next - 1).end, {}};
    if (anchor_.precision != Anchor::day) {
        if (anchor_.precision != Anchor::none) found.value = to_iso(anchor_.date);
        return found;
    }
    const int today = weekday_of(anchor_.days);
    long week = dir;
    if (dir > 0 && today < 6) week = 0;  // on a weekday, the coming one
    if (bare && today < 6) {
        // A dispatch of Monday to Wednesday is nearer the week-end before it
        // (Wednesday: a tie, the past one, as pick_year); "a eu lieu durant le
        // week-end" in a Thursday dispatch is the one before too.
        const Tense tense = clause_tense(i, next - 1, true);
        week = tense == Tense::past || (tense == Tense::none && today <= 3) ? -1 : 0;
    } else if (demonstrative && today < 6 && clause_tense(first, next - 1, true) == Tense::past) {
        // "la police a arrêté deux hommes ce week-end" in a Monday dispatch:
        // the week-end just gone, not the one to come.
        week = -1;
    }
    const std::string value = iso_week(anchor_.days + 7 * week);
    if (!value.empty()) found.value = value + "-WE";
    return found;
}

// ---- holidays

// The holiday whose name begins at token k ("Noël", "lundi de Pâques",
// "la fête des mères" from "fête", "le jour de l'an" from "jour"), and the
// token after it; nothing for a name that is no holiday here ("Noël
// Mamère", "le nouvel an chinois", "la fête nationale chinoise").
std::optional<std::pair<Holiday, std::size_t>> Scanner::holiday_name(std::size_t k) const {
    if (!has(k)) return {};
    const std::string_view f = fw(k);
    const bool cap = tok(k).capitalised;
    auto word_at = [&](std::size_t j, std::string_view w) { return has(j) && spaced(j) && fw(j) == w; };
    auto linked = [&](std::size_t j) { return has(j) && (spaced(j) || hyphened(j)); };
    // A lower-case word after the name qualifies it: "le nouvel an chinois".
    auto qualified = [&](std::size_t j) {
        return has(j) && spaced(j) && !tok(j).capitalised && has_letter(fw(j)) && !lookup(fw(j));
    };
    // A capitalised word after a one-word name makes it a person's: "Noël Mamère".
    auto named = [&](std::size_t j) { return has(j) && spaced(j) && tok(j).capitalised && !lookup(fw(j)); };
    static const std::pair<std::string_view, Holiday> kOneWord[] = {
        {"noel", Holiday::christmas},       {"paques", Holiday::easter},
        {"toussaint", Holiday::all_saints}, {"assomption", Holiday::assumption},
        {"ascension", Holiday::ascension},  {"pentecote", Holiday::pentecost},
        {"halloween", Holiday::halloween},  {"thanksgiving", Holiday::thanksgiving}};
    // In lower case, "noël", "pâques", "toussaint", "pentecôte", "halloween" and "thanksgiving"
    // are still the holidays (no common noun reads so); "ascension" and
    // "assomption" are common nouns ("l'ascension du mont Blanc").
    for (const auto& [name, h] : kOneWord)
        if (f == name) {
            if ((!cap && (h == Holiday::ascension || h == Holiday::assumption)) || named(k + 1)) return {};
            return std::make_pair(h, k + 1);
        }
    if (f == "nouvel" && word_at(k + 1, "an") && !qualified(k + 2)) return std::make_pair(Holiday::new_year, k + 2);
    if (f == "jour" && word_at(k + 1, "de") && has(k + 2) && fw(k + 2) == "an" && elision(k + 2) == "l" &&
        !qualified(k + 3))
        return std::make_pair(Holiday::new_year, k + 3);
    if (f == "saint" && has(k + 1) && hyphened(k + 1)) {
        if (fw(k + 1) == "sylvestre") return std::make_pair(Holiday::new_years_eve, k + 2);
        if (fw(k + 1) == "valentin") return std::make_pair(Holiday::valentine, k + 2);
        return {};
    }
    if (f == "fete") {
        if (word_at(k + 1, "des") && word_at(k + 2, "meres")) return std::make_pair(Holiday::mothers_day, k + 3);
        if (word_at(k + 1, "des") && word_at(k + 2, "peres")) return std::make_pair(Holiday::fathers_day, k + 3);
        if (word_at(k + 1, "du") && word_at(k + 2, "travail")) return std::make_pair(Holiday::labour_day, k + 3);
        if (word_at(k + 1, "nationale") && !qualified(k + 2) && !word_at(k + 2, "de") && !word_at(k + 2, "du") &&
            !word_at(k + 2, "des"))
            return std::make_pair(Holiday::bastille_day, k + 2);
        return {};
    }
    if (const int weekday = word_value(k, Kind::weekday)) {
        if (weekday == 1 && word_at(k + 1, "de") && linked(k + 2)) {  // lundi de Pâques, de Pentecôte
            if (fw(k + 2) == "paques") return std::make_pair(Holiday::easter_monday, k + 3);
            if (fw(k + 2) == "pentecote") return std::make_pair(Holiday::whit_monday, k + 3);
        }
        if (weekday == 4 && word_at(k + 1, "de") && has(k + 2) && fw(k + 2) == "ascension")
            return std::make_pair(Holiday::ascension, k + 3);
        if (weekday == 5 && word_at(k + 1, "saint")) return std::make_pair(Holiday::good_friday, k + 2);
        if (weekday == 2 && word_at(k + 1, "gras")) return std::make_pair(Holiday::shrove_tuesday, k + 2);
    }
    return {};
}

// "Noël", "à la Toussaint", "la veille de Noël", "le lendemain de
// Pâques", "la fête des mères 2015", "Pâques dernier": the occurrence
// nearest the dispatch date on the side its tense says. A name after
// "de" that is no day of it ("les vacances de Noël") is left alone.
std::optional<Found> Scanner::holiday_rule(std::size_t i) const {
    long offset = 0;
    std::size_t k = i;
    if (has_kind(fw(i), Kind::holiday_lead) || (fw(i) == "jour" && !holiday_name(i))) {
        const std::string_view f = fw(i);
        if (f == "veille" || f == "reveillon") offset = -1;
        if (f == "lendemain") offset = 1;
        if (f == "surlendemain") offset = 2;
        k = i + 1;
        if (!spaced(k) || (fw(k) != "de" && fw(k) != "du")) {
            return {};
        } else {
            ++k;
            if (fw(k) == "la" && spaced(k + 1)) ++k;
            if (!spaced(k) && elision(k) != "l") return {};
        }
    } else if (i > 0 && spaced(i) && i > floor_) {
        const std::string_view p = fw(i - 1);
        if (p == "de" || p == "du" || p == "des" || p == "pere" || p == "papa") return {};
        if (p == "la" && i > 1 && (fw(i - 2) == "de" || fw(i - 2) == "des")) return {};  // vacances de la Toussaint
    }
    if (k == i && elision(i) == "d") return {};
    std::optional<std::pair<Holiday, std::size_t>> name = holiday_name(k);
    if (!name) return {};
    auto [holiday, next] = *name;
    // "la veille du réveillon", the eve of New Year's Eve: the day itself.
    if (fw(i) == "reveillon" && holiday == Holiday::new_year) offset = -1;
    if (fw(i) == "reveillon" && holiday == Holiday::new_years_eve) offset = 0;
    long year = 0;
    std::size_t y = next;
    if (fw(y) == "de" && spaced(y) && spaced(y + 1) && year_number(y + 1)) ++y;
    if (spaced(y) && year_number(y)) year = year_number(y), next = y + 1;
    const Tense strict = year ? Tense::none : trailing_tense(next);
    Found found{next, lead(i), tok(next - 1).end, {}};
    if (!year) {
        if (anchor_.precision == Anchor::none) return found;
        const Tense soft = strict == Tense::none ? clause_tense(i, next - 1) : Tense::none;
        year = holiday_year(holiday, offset, strict, soft);
    }
    if (const long day = holiday_day(holiday, year); day != kNoDay) found.value = iso_day(day + offset);
    return found;
}

// The year of a holiday named without one (see pick_year).
long Scanner::holiday_year(Holiday holiday, long offset, Tense strict, Tense soft) const {
    const long y0 = anchor_.date.year;
    if (anchor_.precision == Anchor::year) return y0;
    const long here = anchor_.precision == Anchor::day ? anchor_.days : days_from_civil(y0, anchor_.date.month, 15);
    for (int pass = soft == Tense::none ? 1 : 0; pass < 2; ++pass) {
        long best = 0, best_diff = 0;
        for (long y = y0 - 1; y <= y0 + 1; ++y) {
            const long day = holiday_day(holiday, y);
            if (day == kNoDay) continue;
            long diff = day + offset - here;
            // A dispatch dated to the month: a holiday of that month is "now".
            if (anchor_.precision == Anchor::month && civil_from_days(day + offset).year == y0 &&
                civil_from_days(day + offset).month == anchor_.date.month)
                diff = 0;
            if (strict == Tense::past && diff >= 0) continue;
            if (strict == Tense::future && diff <= 0) continue;
            if (pass == 0 && (soft == Tense::past ? diff > 0 : diff < 0)) continue;
            const long a = diff < 0 ? -diff : diff, b = best_diff < 0 ? -best_diff : best_diff;
            if (!best || a < b || (a == b && diff < best_diff)) best = y, best_diff = diff;
        }
        if (best) return best;
    }
    return y0;
}

// "aujourd'hui", "hier", "avant-hier", "demain", "après-demain".
std::optional<Found> Scanner::relative_day(std::size_t i, int offset) const {
    std::size_t start = tok(i).start;
    if (offset != 0 && i > floor_ && i > 0 && (hyphened(i) || spaced(i)) &&
        fw(i - 1) == (offset < 0 ? "avant" : "apres")) {
        offset *= 2;
        start = tok(i - 1).start;
    }
    std::string value = shift(day_unit, offset);
    if (value.empty()) return {};
    return Found{i + 1, start, tok(i).end, value};
}

// A count in digits or French words: "3", "trois", "vingt-deux",
// "vingt et un", "dix-sept". {0, i} when none.
std::pair<long, std::size_t> Scanner::quantity(std::size_t i) const {
    const std::string_view f = fw(i);
    if (all_digits(f)) {
        if (f.size() > 4) return {0, i};
        long n = 0;
        for (char c : f) n = n * 10 + (c - '0');
        return {n, i + 1};
    }
    long n = word_value(i, Kind::number);
    if (!n) return {0, i};
    std::size_t next = i + 1;
    const bool tens = n >= 20 && n <= 60 && n % 10 == 0;
    if (has(next) && hyphened(next)) {
        const int unit = word_value(next, Kind::number);
        if ((tens && unit >= 1 && unit <= 9) || (n == 10 && unit >= 7 && unit <= 9)) n += unit, ++next;
    } else if (tens && fw(next) == "et" && fw(next + 1) == "un") {
        n += 1, next += 2;
    }
    return {n, next};
}

// The token after a hedge on a count at token i ("environ", "près de",
// "à peu près", "plus de", "un peu moins de"), i when there is none. The
// count stays the value: "il y a près de deux ans" is two years back.
std::size_t Scanner::after_hedge(std::size_t i) const {
    auto word = [&](std::size_t k, std::string_view w) { return has(k) && spaced(k) && fw(k) == w; };
    std::size_t k = i;
    if (word(k, "un") && word(k + 1, "peu") && (word(k + 2, "plus") || word(k + 2, "moins"))) k += 2;
    if (word(k, "a") && word(k + 1, "peu") && word(k + 2, "pres")) return k + 3;
    if (word(k, "environ") || word(k, "quelque") || word(k, "presque")) return k + 1;
    if ((word(k, "pres") || word(k, "plus") || word(k, "moins")) && word(k + 1, "de")) return k + 2;
    return i;
}

// "une dizaine", "une quinzaine" at token i, then "de" or "d'": {N, the token after "de"}, {0, i} when not.
std::pair<long, std::size_t> Scanner::round_count(std::size_t i) const {
    static const std::pair<std::string_view, long> kRound[] = {
        {"dizaine", 10},   {"douzaine", 12},    {"quinzaine", 15},    {"vingtaine", 20},
        {"trentaine", 30}, {"quarantaine", 40}, {"cinquantaine", 50}, {"centaine", 100}};
    if (fw(i) != "une" || !has(i + 1) || !spaced(i + 1)) return {0, i};
    for (const auto& [name, n] : kRound) {
        if (fw(i + 1) != name) continue;
        if (has(i + 2) && spaced(i + 2) && fw(i + 2) == "de") return {n, i + 3};
        if (has(i + 2) && elision(i + 2) == "d") return {n, i + 2};  // "une centaine d'années"
    }
    return {0, i};
}

// "N jours/semaines/mois/ans" from token i, hedged or not ("environ trois
// semaines", "une quinzaine de jours"): {unit, N, next} or unit 0.
Scanner::Count Scanner::count_of_units(std::size_t i) const {
    if (!spaced(i)) return {};
    const std::size_t from = after_hedge(i);
    auto [n, next] = round_count(from);
    const bool round = next != from;
    if (!round) {
        std::tie(n, next) = quantity(from);
        if (next == from || !spaced(next)) return {};
    }
    const int unit = word_value(next, Kind::unit);
    if (!unit) return {};
    return {unit, n, next + 1, from != i || round};
}

// The date `c` units back (sign -1) or ahead (+1). An approximate count of
// days names no day: "il y a une dizaine de jours" is that day's week.
std::string Scanner::shift_count(const Count& c, int sign) const {
    if (c.approximate && c.unit == day_unit && anchor_.precision == Anchor::day)
        return iso_week(anchor_.days + sign * c.n);
    return shift(c.unit, sign * c.n);
}

// "il y a deux ans", "il y a 10 jours".
std::optional<Found> Scanner::ago(std::size_t i) const {
    if (fw(i + 1) != "y" || !spaced(i + 1) || !is_verb_a(i + 2) || !spaced(i + 2)) return {};
    const Count c = count_of_units(i + 3);
    if (!c.unit) return {};
    std::string value = shift_count(c, -1);
    if (value.empty()) return {};
    return Found{c.next, tok(i).start, tok(c.next - 1).end, value};
}

// "dans trois jours", "dans deux semaines".
std::optional<Found> Scanner::ahead(std::size_t i) const {
    const Count c = count_of_units(i + 1);
    if (!c.unit) return {};
    std::string value = shift_count(c, 1);
    if (value.empty()) return {};
    return Found{c.next, tok(i).start, tok(c.next - 1).end, value};
}

// "jeudi", "lundi prochain", "vendredi dernier", "jeudi 12 mars",
// "mardi 3", "ce vendredi", "vendredi de la semaine prochaine". See
// `clause_tense` for the choice between past and future.
std::optional<Found> Scanner::weekday_rule(std::size_t i, int weekday) const {
    if (auto h = holiday_rule(i)) return h;  // "lundi de Pâques", "Vendredi saint"
    // The explicit date wins: "jeudi 12 mars".
    if (spaced(i + 1)) {
        if (std::optional<Atom> atom = parse_atom(i + 1, false); atom && atom->day && atom->month) {
            return dated(i, *atom, weekday);
        }
        if (const int d = day_number(i + 1); d && all_digits(fw(i + 1)) && !noun_follows(i + 2))
            if (std::string value = day_of_nearby_month(weekday, d); !value.empty())
                return Found{i + 2, tok(i).start, tok(i + 1).end, value};
    }
    // "Vendredi saint", "Mardi gras", "Robinson et Vendredi"; but a verb
    // right before that gives a tense makes it the day ("je reviendrai
    // Mercredi", "a annoncé Mardi": headlines and forms capitalise them).
    if (tok(i).capitalised && !sentence_start(i) && !(i > floor_ && spaced(i) && cue(i - 1, true) != Tense::none))
        return {};
    if (spaced(i + 1) && (fw(i + 1) == "saint" || fw(i + 1) == "gras")) return {};
    // "ce vendredi": the one of the dispatch's week ("cette vendredi": the gender of a weekday is a common
    // slip, as for "cette mois").
    const bool this_week = i > floor_ && spaced(i) && (fw(i - 1) == "ce" || fw(i - 1) == "cet" || fw(i - 1) == "cette");
    const std::size_t first = this_week ? i - 1 : i;
    std::size_t next = i + 1;
    long week = this_week ? 0 : kNoWeek;
    int dir = 0;
    if (week == kNoWeek) week = week_after(next);
    if (week == kNoWeek) {
        dir = last_or_next(next);
        if (dir) ++next;
        // "dimanche et lundi prochains": the plural says both.
        if (!dir && fw(next) == "et" && spaced(next) && spaced(next + 1) && word_value(next + 1, Kind::weekday))
            dir = last_or_next(next + 2);
    }
    Found found{next, tok(first).start, tok(next - 1).end, {}};
    if (anchor_.precision != Anchor::day) {
        // Never invent precision: a month-only dispatch gives no day.
        if (anchor_.precision != Anchor::none) found.value = to_iso(anchor_.date);
        return found;
    }
    const int today = weekday_of(anchor_.days);
    const int ahead = (weekday - today + 7) % 7;  // 0-6 days to the next one
    const int back = (today - weekday + 7) % 7;   // 0-6 days since the last one
    long delta;
    if (week != kNoWeek) {
        delta = 7 * week + (weekday - today);
    } else if (dir > 0) {
        delta = ahead == 0 ? 7 : ahead;
    } else if (dir < 0) {
        delta = back == 0 ? -7 : -back;
    } else if (weekday == today) {
        delta = 0;  // "a annoncé vendredi" in a Friday dispatch
    } else {
        delta = clause_tense(i, next - 1, true) == Tense::future ? ahead : -back;
    }
    found.value = iso_day(anchor_.days + delta);
    return found;
}

// "de la semaine prochaine", "de la semaine dernière", "cette semaine"
// after a weekday: the week's offset from the dispatch's (kNoWeek when
// none), and `next` moved past it.
long Scanner::week_after(std::size_t& next) const {
    std::size_t k = next;
    if (!spaced(k)) return kNoWeek;
    if ((fw(k) == "cette") && fw(k + 1) == "semaine" && spaced(k + 1)) {
        next = k + 2;
        return 0;
    }
    if (fw(k) == "de" && spaced(k + 1)) ++k;
    if (fw(k) != "la" || !spaced(k + 1) || fw(k + 1) != "semaine") return kNoWeek;
    const int dir = last_or_next(k + 2);
    if (!dir) return kNoWeek;
    next = k + 3;
    return dir;
}

// "mardi 3": the 3rd of the dispatch month or a month next to it that is
// a Tuesday, the nearest one.
std::string Scanner::day_of_nearby_month(int weekday, int day) const {
    if (anchor_.precision < Anchor::month) return {};
    const long here = anchor_.date.year * 12L + anchor_.date.month - 1;
    const long anchor_days =
        anchor_.precision == Anchor::day ? anchor_.days : days_from_civil(anchor_.date.year, anchor_.date.month, 15);
    std::string best;
    long best_diff = 0;
    for (long m = here - 1; m <= here + 1; ++m) {
        const long y = m / 12, mon = m % 12 + 1;
        if (!is_valid_ymd(y, mon, day)) continue;
        const long days = days_from_civil(y, mon, day);
        if (weekday_of(days) != weekday) continue;
        const long diff = days - anchor_days;
        if (best.empty() || (diff < 0 ? -diff : diff) < (best_diff < 0 ? -best_diff : best_diff))
            best = iso_ymd(y, mon, day), best_diff = diff;
    }
    return best;
}

}  // namespace depeche::dates_detail
