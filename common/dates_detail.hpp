#pragma once
// What the parts of the date finder share (not a public API; see dates.hpp):
//   dates_calendar.cpp  civil day numbers, ISO strings, the dispatch date as an Anchor, holidays
//   dates_words.cpp     the grammar's words (months, weekdays, numbers, cues) and the tense of a clause
//   dates.cpp           find_dates and the Scanner's core: dispatch, atoms, resolution against the dispatch
//   dates_written.cpp   the rules of dates as written: "15 janvier 2015", "mars 2019", ranges, quarters
//   dates_relative.cpp  the rules of dates relative to the dispatch: weekdays, holidays, "hier", "il y a"
//   dates_story.cpp     the story's day: "la veille", "le lendemain", "au lendemain de l'incendie"
//   dates_spans.cpp     spans and numbered periods: "19-20 novembre", "28/2-1/3", "du 4 au 22 de ce mois", "11 / 2016",
//                       "les trois dernières semaines", "le premier vendredi de juillet", "les années soixante"
// The Scanner's token access and the small string and calendar helpers are
// defined here, inline, as they were when the finder was one file: the rules
// call them at every token.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzer.hpp"
#include "dates.hpp"

namespace depeche::dates_detail {

// ---- calendar (dates_calendar.cpp) -------------------------------------------

constexpr int kMinYear = 1000;
constexpr int kMaxYear = 9999;
// A number alone is taken for a year only in this range ("en 2009").
constexpr int kBareYearMin = 1900;
constexpr int kBareYearMax = 2100;

inline bool is_valid_ymd(long y, long m, long d) {
    return y >= kMinYear && y <= kMaxYear && m >= 1 && m <= 12 && d >= 1 &&
           d <= days_in_month(static_cast<int>(y), static_cast<int>(m));
}

// 1 = Monday ... 7 = Sunday (1970-01-01 was a Thursday).
inline int weekday_of(long days) {
    return static_cast<int>(((days % 7 + 7) % 7 + 3) % 7) + 1;
}

std::string iso_ymd(long y, long m = 0, long d = 0);
std::string iso_day(long days);
std::string iso_week(long days);
std::string iso_part(long y, const char* part);

// The dispatch date, validated, with its precision.
struct Anchor {
    enum Precision { none, year, month, day };
    Precision precision = none;
    PartialDate date;
    long days = 0;  // days_from_civil, when precision == day
};

Anchor make_anchor(const PartialDate& p);

// ---- holidays (dates_calendar.cpp) -------------------------------------------

enum class Holiday : std::uint8_t {
    new_year,
    valentine,
    shrove_tuesday,
    good_friday,
    easter,
    easter_monday,
    ascension,
    pentecost,
    whit_monday,
    labour_day,
    mothers_day,
    fathers_day,
    bastille_day,
    assumption,
    halloween,
    all_saints,
    thanksgiving,  // the American one, which French news reports
    christmas,
    new_years_eve
};

constexpr long kNoDay = -1000000000L;

long easter_sunday(long y);
long holiday_day(Holiday holiday, long y);

// ---- the grammar (dates_words.cpp) -------------------------------------------

enum class Kind : std::uint8_t {
    month,          // value 1-12
    weekday,        // 1 = lundi ... 7 = dimanche
    relative_day,   // offset from the dispatch day: hier = -1
    unit,           // 1 day, 2 week, 3 month, 4 year
    last,           // dernier, passé
    next,           // prochain
    demonstrative,  // ce, cet, cette
    modifier,       // début, fin, mi, courant
    range_open,     // du, de, entre
    ordinal,        // premier, deuxième... (quarters, "premier mai")
    season,         // 1 printemps ... 4 hiver
    quarter_code,   // T1-T4 (value 1-4), S1-S2 (value 11-12)
    number,         // un ... cent
    il,             // "il y a deux ans"
    dans,           // "dans trois jours"
    holiday,        // first word of a holiday's name: noel, paques, fete...
    holiday_lead,   // veille, lendemain, reveillon, soir, nuit, matin ("la veille de Noël")
    weekend,        // week (of "week-end"), weekend
    century,        // siecle
};

struct Word {
    Kind kind;
    int value;
};

enum Unit { day_unit = 1, week_unit = 2, month_unit = 3, year_unit = 4 };

// The grammar's first test, inline: a word can only be one of its words when some word has its first byte
// and its length and some word its last byte and its length (a bit per length, lengths from 31 on sharing
// one). The date scan asks about every token and nearly every token fails here; the call to the table cost
// about 30 instructions a token.
struct WordBits {
    std::uint32_t first[256];
    std::uint32_t last[256];
};
extern const WordBits kGrammarBits;                    // filled from the table when the program loads (dates_words.cpp)
const Word* lookup_in_table(std::string_view folded);  // `folded` not empty

inline const Word* lookup(std::string_view folded) {
    const std::size_t n = folded.size();
    if (n == 0) return nullptr;
    const std::uint32_t bit = std::uint32_t{1} << (n < 31 ? n : 31);
    if (!(kGrammarBits.first[static_cast<unsigned char>(folded.front())] & bit) ||
        !(kGrammarBits.last[static_cast<unsigned char>(folded.back())] & bit))
        return nullptr;
    return lookup_in_table(folded);
}

inline bool has_kind(std::string_view folded, Kind kind) {
    const Word* w = lookup(folded);
    return w && w->kind == kind;
}

int month_abbreviation(std::string_view folded);
int period_ordinal(std::string_view f);
int numbered_ordinal(std::string_view f);

inline bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

inline bool has_letter(std::string_view s) {
    for (char c : s)
        if ((c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80) return true;
    return false;
}

inline bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// ---- tense cues around a weekday (dates_words.cpp) ---------------------------

enum class Tense { none, past, future };

bool is_future_word(std::string_view f);
bool is_announcing_present(std::string_view f);
bool is_false_future(std::string_view f);
bool is_false_imperfect(std::string_view f);
bool is_conditional(std::string_view word, std::string_view f);
bool is_false_infinitive(std::string_view f);
bool spelled_as_participle(std::string_view word);
bool is_etre_participle(std::string_view f);
bool is_participle_shape(std::string_view f);

// ---- the scanner -------------------------------------------------------------

// A date expression that is no date ("31 février") is consumed with an empty
// value, so that its parts are not read again ("février" alone).
struct Found {
    std::size_t next = 0;  // first token after the expression
    std::size_t start = 0;
    std::size_t end = 0;
    std::string value;
};

// A date as written: any of year, month and day may be missing.
struct Atom {
    long year = 0;
    int month = 0;
    int day = 0;
    bool explicit_year = false;
    bool invalid = false;  // written like a date, but none ("31 février 2015")
    std::size_t next = 0;
};

class Scanner {
public:
    Scanner(std::string_view text, const std::vector<Token>& tokens, const PartialDate& published)
        : text_(text), tokens_(tokens), anchor_(make_anchor(published)) {
        past_end_.start = past_end_.end = past_end_.elided_start = text.size();
    }

    std::vector<DateMention> run();

private:
    std::string_view text_;
    const std::vector<Token>& tokens_;
    Token past_end_;  // what tok() reads past the last token: empty, at the end of the text
    Anchor anchor_;
    std::size_t floor_ = 0;              // first token no mention holds
    std::size_t last_mention_next_ = 0;  // token after the last mention (0: none)
    long last_year_ = 0;                 // the year the last mention with a written year ends in
    std::size_t last_year_token_ = 0;    // the last token of that mention
    long last_day_ = kNoDay;             // the day of the last mention of one day (days_from_civil)
    std::size_t last_day_token_ = 0;     // the last token of that mention

    static long written_year(const DateMention& m);

    // ---- token access

    // Every rule may look a few tokens ahead of what it has checked: past
    // the last token, a text reads as empty tokens at its end.
    bool has(std::size_t i) const { return i < tokens_.size(); }
    const Token& tok(std::size_t i) const { return has(i) ? tokens_[i] : past_end_; }
    std::string_view fw(std::size_t i) const {
        return has(i) ? std::string_view(tokens_[i].folded) : std::string_view();
    }

    // The bytes between token i-1 and token i (its elision included in i).
    std::string_view between(std::size_t i) const {
        const std::size_t from = i == 0 ? 0 : tok(i - 1).end;
        return text_.substr(from, tok(i).elided_start - from);
    }

    // Only spaces between token i-1 and token i (French typography puts
    // no-break and thin spaces in dates: "15 janvier").
    bool spaced(std::size_t i) const {
        if (i == 0 || !has(i)) return false;
        const std::string_view gap = between(i);
        for (std::size_t k = 0; k < gap.size();) {
            const auto c = static_cast<unsigned char>(gap[k]);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                ++k;
            } else if (c == 0xC2 && k + 1 < gap.size() && static_cast<unsigned char>(gap[k + 1]) == 0xA0) {
                k += 2;
            } else if (c == 0xE2 && k + 2 < gap.size() && static_cast<unsigned char>(gap[k + 1]) == 0x80 &&
                       (static_cast<unsigned char>(gap[k + 2]) == 0xAF ||
                        static_cast<unsigned char>(gap[k + 2]) == 0x89)) {
                k += 3;
            } else {
                return false;
            }
        }
        return true;
    }

    bool hyphened(std::size_t i) const {
        if (i == 0 || !has(i)) return false;
        const std::string_view gap = between(i);
        return gap == "-" || gap == "\xE2\x80\x90" || gap == "\xE2\x80\x91";
    }

    // A hyphen or an en dash between two numbers: "19-20 novembre", "19–20 novembre".
    bool dashed(std::size_t i) const { return hyphened(i) || (has(i) && between(i) == "\xE2\x80\x93"); }

    // Token i begins a sentence, a quotation or a paragraph.
    bool sentence_start(std::size_t i) const {
        if (i == 0) return true;
        const std::string_view gap = between(i);
        if (gap.find_first_of(".!?\n:\"(") != std::string_view::npos) return true;
        static constexpr std::string_view kMarks[] = {"\xC2\xAB", "\xE2\x80\x9C", "\xE2\x80\x94",
                                                      "\xE2\x80\x93"};  // « “ — –
        for (std::string_view mark : kMarks)
            if (gap.find(mark) != std::string_view::npos) return true;
        return false;
    }

    // A tense cue does not reach across these.
    bool clause_break(std::size_t i) const { return between(i).find_first_of(".!?;") != std::string_view::npos; }

    // The elided word in front of token i, folded: "l", "d", "jusqu"...
    std::string elision(std::size_t i) const {
        std::string out;
        const Token& t = tok(i);
        for (std::size_t k = t.elided_start; k < t.start && out.size() < 8; ++k) {
            char c = text_[k];
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            if (c < 'a' || c > 'z') break;
            out.push_back(c);
        }
        return out;
    }

    // The expression begins at token i; an elided article belongs to it
    // ("l'an dernier"), an elided preposition does not ("jusqu'en 2009").
    std::size_t lead(std::size_t i) const { return elision(i) == "l" ? tok(i).elided_start : tok(i).start; }

    // "a" the verb, not "à" (both fold to "a").
    bool is_verb_a(std::size_t i) const { return has(i) && (tok(i).text == "a" || tok(i).text == "A"); }

    int word_value(std::size_t i, Kind kind) const {
        if (!has(i)) return 0;
        const Word* w = lookup(tokens_[i].folded);
        return w && w->kind == kind ? w->value : 0;
    }

    int last_or_next(std::size_t i) const {  // -1 dernier, +1 prochain, 0 neither
        if (!spaced(i)) return 0;
        const Word* w = lookup(fw(i));
        if (!w) return 0;
        return w->kind == Kind::last ? -1 : w->kind == Kind::next ? 1 : 0;
    }

    // "dernier" or "prochain" at token `next`: the tense it gives, and `next`
    // moved past it.
    Tense trailing_tense(std::size_t& next) const {
        const int dir = last_or_next(next);
        if (dir == 0) return Tense::none;
        ++next;
        return dir < 0 ? Tense::past : Tense::future;
    }

    // 1-31 for "15", "01", "1er", "premier"; 0 otherwise.
    int day_number(std::size_t i) const {
        const std::string_view f = fw(i);
        if (f == "1er" || f == "premier") return 1;
        if (f.size() > 2 || !all_digits(f)) return 0;
        const int d = f.size() == 1 ? f[0] - '0' : (f[0] - '0') * 10 + (f[1] - '0');
        return d >= 1 && d <= 31 ? d : 0;
    }

    // A four-digit number 1000-9999.
    int year_number(std::size_t i) const {
        const std::string_view f = fw(i);
        if (f.size() != 4 || !all_digits(f) || f[0] == '0') return 0;
        return (f[0] - '0') * 1000 + (f[1] - '0') * 100 + (f[2] - '0') * 10 + (f[3] - '0');
    }

    // Two digits right after a month name that are a year ("octobre 98",
    // "le 10 novembre 93"), not a count ("le 3 mars 15 personnes") nor an
    // hour ("le 5 mai 20 h"): 100 + yy (so that "00" is true), or 0.
    long two_digit_year(std::size_t j) const {
        const std::string_view f = fw(j);
        if (f.size() != 2 || !all_digits(f) || noun_follows(j + 1)) return 0;
        if (has(j + 1) && (all_digits(fw(j + 1)) || fw(j + 1) == "h")) return 0;
        // A day after its month, in the English order: "novembre 19 au 20", "octobre 22 et 23", "novembre 23
        // de 1987", "novembre 19-20" (no year: "octobre 98 à mars 99" keeps its).
        if (has(j + 2) && (spaced(j + 1) || dashed(j + 1))) {
            const std::string_view w = fw(j + 1);
            if (((w == "au" || w == "a" || w == "et") && day_number(j + 2) && all_digits(fw(j + 2))) ||
                (w == "de" && year_number(j + 2)))
                return 0;
        }
        if (tok(j).end < text_.size() && (text_[tok(j).end] == ',' || text_[tok(j).end] == ':') &&
            tok(j).end + 1 < text_.size() && text_[tok(j).end + 1] >= '0' && text_[tok(j).end + 1] <= '9')
            return 0;  // "12,5", "20:30"
        return 100 + (f[0] - '0') * 10 + (f[1] - '0');
    }

    // A lower-case word that is no date word right after token i-1: "2009
    // personnes", "de 2000 euros".
    bool noun_follows(std::size_t j) const {
        if (!has(j) || !spaced(j)) return false;
        const Token& t = tok(j);
        return !t.stop && !t.capitalised && has_letter(t.folded) && !lookup(t.folded);
    }

    // ---- dispatch, atoms and resolution against the dispatch date (dates.cpp)

    // The expression that begins at token i, whose date word is `w` (from
    // lookup, null for a number or no date word).
    std::optional<Found> at(std::size_t i, const Word* w) const;
    std::optional<Found> numeric(std::size_t i) const;
    long century_year(long yy) const;
    std::optional<Atom> numeric_date(std::size_t i) const;
    bool numeric_day_month_context(std::size_t i, long day, long month) const;
    bool numbered_text(std::size_t i) const;
    bool comma_year(std::size_t j) const;
    int month_at(std::size_t i, bool abbreviated) const;
    bool after_abbreviation(std::size_t j) const;
    std::pair<int, std::size_t> spelled_day(std::size_t i) const;
    std::optional<Atom> parse_atom(std::size_t i, bool bare_day) const;
    std::optional<long> pick_year(int month, int day, Tense tense, int weekday = 0, Tense soft = Tense::none) const;
    long sentence_year(std::size_t i) const;
    std::string shift(int unit, long n) const;

    // ---- rules of dates as written (dates_written.cpp)

    std::optional<Found> dated(std::size_t first, const Atom& atom, int weekday = 0) const;
    std::optional<Found> day_month_rule(std::size_t i) const;
    std::optional<Found> listed_day(std::size_t i) const;
    std::optional<Found> month_rule(std::size_t i) const;
    bool month_context(std::size_t i) const;
    std::optional<Found> year_rule(std::size_t i) const;
    std::optional<Found> range(std::size_t i) const;
    std::optional<std::string> span_value(Atom x, Atom y, std::size_t first) const;
    std::optional<Found> modified(std::size_t i) const;
    std::optional<Found> period(std::size_t i) const;
    std::optional<Found> quarter_code(std::size_t i, int code) const;
    static const char* season_code(int season);
    std::optional<Found> season(std::size_t i, int which, bool part = false) const;
    long season_year(int which, int when) const;
    std::optional<Found> season_of_dispatch(std::size_t i, int which, bool part) const;
    std::optional<Found> season_found(std::size_t i, int which, int when, std::size_t next) const;
    bool edition_year(std::size_t i) const;
    bool quantity_follows(std::size_t i) const;
    std::optional<Found> century_rule(std::size_t i) const;
    std::optional<Found> decade(std::size_t i) const;

    // ---- spans and numbered periods (dates_spans.cpp)

    std::optional<Found> hyphen_days(std::size_t i) const;
    std::optional<Found> numeric_span(std::size_t i) const;
    std::optional<Found> dashed_day_span(std::size_t first, const Atom& x) const;
    // "de ce mois", "du mois prochain" after a day: {month offset from the dispatch's, next}; next 0 when none.
    std::pair<int, std::size_t> month_phrase(std::size_t k) const;
    std::optional<Found> days_of_month_phrase(std::size_t first, std::size_t start, int d1, std::size_t k) const;
    std::optional<Found> spaced_year_month(std::size_t i) const;
    std::optional<Found> counted_span(std::size_t i) const;
    std::optional<Found> nth_weekday(std::size_t i) const;
    std::optional<Found> week_of_year(std::size_t i, int n) const;
    long spelled_decade(std::size_t& k) const;

    // ---- rules of dates relative to the dispatch (dates_relative.cpp)

    std::optional<Found> demonstrative(std::size_t i) const;
    std::optional<Found> unit_rule(std::size_t i, int unit) const;
    std::size_t weekend_end(std::size_t i) const;
    std::optional<Found> weekend_rule(std::size_t i, std::size_t first) const;
    std::optional<std::pair<Holiday, std::size_t>> holiday_name(std::size_t k) const;
    std::optional<Found> holiday_rule(std::size_t i) const;
    long holiday_year(Holiday holiday, long offset, Tense strict, Tense soft) const;
    std::optional<Found> relative_day(std::size_t i, int offset) const;
    std::pair<long, std::size_t> quantity(std::size_t i) const;
    // "N jours/semaines/mois/ans": see count_of_units.
    struct Count {
        int unit = 0;
        long n = 0;
        std::size_t next = 0;
        bool approximate = false;  // hedged or round: "environ dix jours", "une quinzaine de jours"
    };
    std::string shift_count(const Count& c, int sign) const;
    std::size_t after_hedge(std::size_t i) const;
    std::pair<long, std::size_t> round_count(std::size_t i) const;
    Count count_of_units(std::size_t i) const;
    std::optional<Found> ago(std::size_t i) const;
    std::optional<Found> ahead(std::size_t i) const;
    std::optional<Found> weekday_rule(std::size_t i, int weekday) const;
    static constexpr long kNoWeek = 1000;
    long week_after(std::size_t& next) const;
    std::string day_of_nearby_month(int weekday, int day) const;

    // ---- the story's day (dates_story.cpp)

    bool sentence_break(std::size_t i) const;
    std::size_t sentence_first(std::size_t i) const;
    long day_named_since(std::size_t first, std::size_t i) const;
    std::optional<Found> story_day(std::size_t i) const;

    // ---- the tense of a clause (dates_words.cpp)

    Tense clause_tense(std::size_t first, std::size_t last, bool near = false) const;
    bool is_auxiliary(std::size_t k, std::string_view participle) const;
    bool is_date_word(std::size_t k) const;
    bool infinitive_cue(std::size_t k) const;
    bool countdown_cue(std::size_t k) const;
    Tense cue(std::size_t k, bool near = false) const;
    bool inverted_past(std::size_t k) const;
};

}  // namespace depeche::dates_detail
