#include "dates.hpp"

#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

// French date expressions, found on the analyser's tokens and resolved against
// the dispatch date.
//
// The month and weekday names, the number words and the cue words below are
// hard-coded: they are the closed grammar of French date expressions (like
// the stop word list), not a lexicon that grows, and the rules need each one
// with its role ("dernier" after a weekday, "mi" before a month). Locale data
// (CLDR) would add nothing the rules could use.
//
// One pass over the tokens: a token that is neither a number nor one of the
// words in `lookup` costs one hash lookup. Each rule starts at the first token
// of its expression, so prepositions that only give context ("en mars 2019",
// "le 3 mars") stay outside the mention; range openers ("du 3 au 5 mai",
// "entre 2008 et 2010"), modifiers ("fin 2013") and demonstratives ("cette
// année") are part of it.

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

namespace {

// ---- calendar ---------------------------------------------------------------

constexpr int kMinYear = 1000;
constexpr int kMaxYear = 9999;
// A number alone is taken for a year only in this range ("en 2009").
constexpr int kBareYearMin = 1900;
constexpr int kBareYearMax = 2100;

bool is_valid_ymd(long y, long m, long d) {
    return y >= kMinYear && y <= kMaxYear && m >= 1 && m <= 12 && d >= 1 &&
           d <= days_in_month(static_cast<int>(y), static_cast<int>(m));
}

// 1 = Monday ... 7 = Sunday (1970-01-01 was a Thursday).
int weekday_of(long days) {
    return static_cast<int>(((days % 7 + 7) % 7 + 3) % 7) + 1;
}

// Empty when the year is outside 1000-9999: callers then drop the mention.
std::string iso_ymd(long y, long m = 0, long d = 0) {
    if (y < kMinYear || y > kMaxYear) return {};
    char buf[64];
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

// The dispatch date, validated, with its precision.
struct Anchor {
    enum Precision { none, year, month, day };
    Precision precision = none;
    PartialDate date;
    long days = 0;  // days_from_civil, when precision == day
};

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
    christmas,
    new_years_eve
};

constexpr long kNoDay = -1000000000L;

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

// The day number of `holiday` in year `y` (French customs), kNoDay when out of range.
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
        case Holiday::christmas:
            return days_from_civil(y, 12, 25);
        case Holiday::new_years_eve:
            return days_from_civil(y, 12, 31);
    }
    return kNoDay;
}

// ---- the grammar ------------------------------------------------------------

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

const Word* lookup(std::string_view folded) {
    static const std::unordered_map<std::string_view, Word> kWords = [] {
        std::unordered_map<std::string_view, Word> words;
        // Values from `first`, `step` apart: add(Kind::month, 1, 1, {...}) numbers the months.
        auto add = [&](Kind kind, int first, int step, std::initializer_list<const char*> names) {
            for (const char* name : names) words.emplace(name, Word{kind, first}), first += step;
        };
        add(Kind::month, 1, 1,
            {"janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre",
             "novembre", "decembre"});
        add(Kind::weekday, 1, 1, {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"});
        add(Kind::relative_day, 0, 0, {"aujourd'hui", "aujourdhui"});
        add(Kind::relative_day, -1, 0, {"hier"});
        add(Kind::relative_day, 1, 0, {"demain"});
        add(Kind::unit, day_unit, 0, {"jour", "jours"});
        add(Kind::unit, week_unit, 0, {"semaine", "semaines"});
        add(Kind::unit, month_unit, 0, {"mois"});
        add(Kind::unit, year_unit, 0, {"an", "ans", "annee", "annees"});
        add(Kind::last, 0, 0, {"dernier", "derniere", "derniers", "dernieres", "passe", "passee"});
        add(Kind::next, 0, 0, {"prochain", "prochaine", "prochains", "prochaines"});
        add(Kind::demonstrative, 0, 0, {"ce", "cet", "cette"});
        add(Kind::modifier, 0, 0, {"debut", "fin", "mi", "courant"});
        add(Kind::range_open, 0, 0, {"du", "de", "entre"});
        add(Kind::ordinal, 1, 1, {"premier", "deuxieme", "troisieme", "quatrieme"});
        add(Kind::ordinal, 2, 0, {"second"});
        add(Kind::season, 1, 1, {"printemps", "ete", "automne", "hiver"});
        add(Kind::quarter_code, 1, 1, {"t1", "t2", "t3", "t4"});
        add(Kind::quarter_code, 11, 1, {"s1", "s2"});
        add(Kind::number, 1, 0, {"un", "une"});
        add(Kind::number, 2, 1,
            {"deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze", "treize",
             "quatorze", "quinze", "seize"});
        add(Kind::number, 20, 10, {"vingt", "trente", "quarante", "cinquante", "soixante"});
        add(Kind::number, 100, 0, {"cent"});
        add(Kind::il, 0, 0, {"il"});
        add(Kind::dans, 0, 0, {"dans"});
        add(Kind::holiday, 0, 0,
            {"noel", "paques", "toussaint", "assomption", "ascension", "pentecote", "halloween", "nouvel", "saint",
             "fete"});
        add(Kind::holiday_lead, 0, 0, {"veille", "lendemain", "reveillon", "soir", "nuit", "matin"});
        add(Kind::weekend, 0, 0, {"week", "weekend"});
        add(Kind::century, 0, 0, {"siecle"});
        return words;
    }();
    auto it = kWords.find(folded);
    return it == kWords.end() ? nullptr : &it->second;
}

bool has_kind(std::string_view folded, Kind kind) {
    const Word* w = lookup(folded);
    return w && w->kind == kind;
}

// Abbreviated months, only taken after a day number and before a full stop
// ("12 sept. 2015"): "sept" alone is the number seven.
int month_abbreviation(std::string_view folded) {
    static const std::unordered_map<std::string_view, int> kAbbr = {{"janv", 1}, {"fev", 2},  {"fevr", 2},
                                                                    {"avr", 4},  {"juil", 7}, {"sept", 9},
                                                                    {"oct", 10}, {"nov", 11}, {"dec", 12}};
    auto it = kAbbr.find(folded);
    return it == kAbbr.end() ? 0 : it->second;
}

// Ordinal of a quarter or half: "premier", "1er", "2e", "2ème", "dernier"
// (the last one: only with an explicit year).
int period_ordinal(std::string_view f) {
    if (f == "premier" || f == "premiere" || f == "1er" || f == "1re" || f == "1ere") return 1;
    if (f == "deuxieme" || f == "second" || f == "seconde" || f == "2e" || f == "2eme") return 2;
    if (f == "troisieme" || f == "3e" || f == "3eme") return 3;
    if (f == "quatrieme" || f == "4e" || f == "4eme") return 4;
    if (f == "dernier") return 9;
    return 0;
}

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

bool has_letter(std::string_view s) {
    for (char c : s)
        if ((c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80) return true;
    return false;
}

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// ---- tense cues around a weekday --------------------------------------------

enum class Tense { none, past, future };

bool is_future_word(std::string_view f) {
    static const std::unordered_set<std::string_view> kWords = {
        "prochain", "prochaine", "prochains", "prochaines", "doit",       "doivent",    "devra",   "devront",
        "devrait",  "devraient", "va",        "vont",       "aura",       "auront",     "sera",    "seront",
        "ira",      "iront",     "prevu",     "prevue",     "prevus",     "prevues",    "attendu", "attendue",
        "attendus", "attendues", "programme", "programmee", "programmes", "programmees"};
    return kWords.count(f) != 0;
}

// Present tense of verbs that announce an event: "les syndicats organisent
// une manifestation jeudi" is a future Thursday.
bool is_announcing_present(std::string_view f) {
    static const std::unordered_set<std::string_view> kWords = {
        "organise", "organisent", "tient",     "tiennent",    "reunit",    "reunissent", "accueille", "accueillent",
        "recoit",   "recoivent",  "manifeste", "manifestent", "ouvre",     "ouvrent",    "debute",    "debutent",
        "commence", "commencent", "appelle",   "appellent",   "rend",      "rendent",    "vote",      "votent",
        "entame",   "entament",   "celebre",   "celebrent",   "rencontre", "rencontrent"};
    return kWords.count(f) != 0;
}

// Nouns and names that look like a future ("-ra", "-ront", "-rons").
bool is_false_future(std::string_view f) {
    static const std::unordered_set<std::string_view> kWords = {
        "camera", "opera",   "extra",    "sahara",   "cobra",     "mantra",    "sierra",   "ultra",     "contra",
        "para",   "zebra",   "agora",    "tiara",    "mascara",   "cholera",   "angora",   "tora",      "hora",
        "era",    "front",   "affront",  "patrons",  "environs",  "citrons",   "marrons",  "escadrons", "biberons",
        "perons", "larrons", "macarons", "potirons", "vignerons", "bucherons", "chaperons"};
    return kWords.count(f) != 0;
}

// Nouns in "-ait" that are no imperfect; "devait" announces as often as it
// reports.
bool is_false_imperfect(std::string_view f) {
    static const std::unordered_set<std::string_view> kWords = {"portrait", "retrait",  "extrait", "souhait",
                                                                "attrait",  "bienfait", "forfait", "parfait",
                                                                "abstrait", "distrait", "devait",  "devaient"};
    return kWords.count(f) != 0;
}

// The conditional, a future seen from the past ("le vote aurait lieu
// jeudi", "les motions pourraient être examinées lundi"): "-erait" as
// written (the imperfect of "espérer" is "espérait", with its accent), and
// the irregular stems.
bool is_conditional(std::string_view word, std::string_view f) {
    static const std::unordered_set<std::string_view> kIrregular = {
        "serait",      "seraient",  "aurait",      "auraient", "pourrait",  "pourraient", "voudrait",
        "voudraient",  "faudrait",  "irait",       "iraient",  "ferait",    "feraient",   "viendrait",
        "viendraient", "tiendrait", "tiendraient", "verrait",  "verraient", "devrait",    "devraient"};
    if (kIrregular.count(f)) return true;
    return f.size() >= 7 && (ends_with(word, "erait") || ends_with(word, "eraient"));
}

// Nouns in "-er" and "-ir" that follow "de" or "pour" as often as an
// infinitive does.
bool is_false_infinitive(std::string_view f) {
    static const std::unordered_set<std::string_view> kWords = {
        "premier", "dernier", "hier",    "fer",      "mer",       "hiver",   "cancer", "dossier",  "quartier",
        "pouvoir", "avenir",  "plaisir", "loisir",   "desir",     "soir",    "espoir", "devoir",   "savoir",
        "janvier", "fevrier", "foyer",   "loyer",    "chantier",  "palmier", "acier",  "papier",   "metier",
        "pilier",  "cahier",  "sentier", "atelier",  "cuir",      "elixir",  "empire", "super",    "laser",
        "leader",  "manager", "poker",   "revolver", "hamburger", "cluster", "hacker", "sprinter", "reporter"};
    return kWords.count(f) != 0;
}

// "organisé", "organisées": the accent the folding took off tells the
// participle from the present "organise".
bool spelled_as_participle(std::string_view word) {
    for (std::string_view tail : {"é", "ée", "és", "ées"})
        if (ends_with(word, tail)) return true;
    return false;
}

// Participles of the verbs conjugated with "être" ("il est arrivé"), any
// gender and number.
bool is_etre_participle(std::string_view f) {
    static const std::unordered_set<std::string_view> kWords = {
        "arrive",  "parti",   "mort",   "ne",     "venu",    "revenu",   "devenu", "alle",     "rentre",
        "tombe",   "reste",   "entre",  "sorti",  "monte",   "descendu", "passe",  "retourne", "intervenu",
        "parvenu", "survenu", "decede", "repart", "reparti", "redevenu", "apparu", "disparu",  "advenu"};
    if (kWords.count(f)) return true;
    for (std::string_view tail : {"s", "e", "es"})
        if (ends_with(f, tail) && kWords.count(f.substr(0, f.size() - tail.size()))) return true;
    return false;
}

bool is_participle_shape(std::string_view f) {
    static const char* const kEndings[] = {"e", "es", "i", "is", "u", "us", "it", "its", "int", "ert", "ort"};
    for (const char* e : kEndings)
        if (ends_with(f, e)) return true;
    return false;
}

// ---- the scanner ------------------------------------------------------------

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
        : text_(text), tokens_(tokens), anchor_(make_anchor(published)) {}

    std::vector<DateMention> run() {
        std::vector<DateMention> out;
        std::size_t i = 0;
        while (i < tokens_.size()) {
            std::optional<Found> found = at(i);
            if (!found || found->next <= i) {
                ++i;
                continue;
            }
            if (!found->value.empty() && found->start < found->end) {
                out.push_back({std::move(found->value),
                               std::string(text_.substr(found->start, found->end - found->start)), found->start,
                               found->end});
                last_mention_next_ = found->next;
                if (const long y = written_year(out.back())) last_year_ = y, last_year_token_ = found->next - 1;
            }
            floor_ = found->next;
            i = found->next;
        }
        return out;
    }

private:
    std::string_view text_;
    const std::vector<Token>& tokens_;
    Anchor anchor_;
    std::size_t floor_ = 0;              // first token no mention holds
    std::size_t last_mention_next_ = 0;  // token after the last mention (0: none)
    long last_year_ = 0;                 // the year the last mention with a written year ends in
    std::size_t last_year_token_ = 0;    // the last token of that mention

    // The last year of a mention's value when its text writes it in full
    // ("11 août 2024", not "l'an dernier"); 0 otherwise.
    static long written_year(const DateMention& m) {
        for (std::size_t p = m.value.size(); p >= 4; --p) {
            const std::string_view y = std::string_view(m.value).substr(p - 4, 4);
            if (all_digits(y) && (p == 4 || m.value[p - 5] == '/')) {
                if (m.text.find(y) == std::string::npos) return 0;
                return (y[0] - '0') * 1000 + (y[1] - '0') * 100 + (y[2] - '0') * 10 + (y[3] - '0');
            }
        }
        return 0;
    }

    // ---- token access

    bool has(std::size_t i) const { return i < tokens_.size(); }
    const Token& tok(std::size_t i) const { return tokens_[i]; }
    std::string_view fw(std::size_t i) const {
        return has(i) ? std::string_view(tokens_[i].folded) : std::string_view();
    }

    // The bytes between token i-1 and token i (its elision included in i).
    std::string_view between(std::size_t i) const {
        const std::size_t from = i == 0 ? 0 : tokens_[i - 1].end;
        return text_.substr(from, tokens_[i].elided_start - from);
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

    // ---- dispatch on the first token of an expression

    std::optional<Found> at(std::size_t i) const {
        const std::string& f = tokens_[i].folded;
        if (f.empty()) return {};
        if (f[0] >= '0' && f[0] <= '9') return numeric(i);
        const Word* w = lookup(f);
        if (!w) {
            if (f == "hui" && elision(i) == "aujourd") return relative_day(i, 0);
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
                return period(i);
            case Kind::demonstrative:
                return demonstrative(i);
            case Kind::modifier:
                return modified(i);
            case Kind::range_open:
                return range(i);
            case Kind::ordinal:
                if (auto r = period(i)) return r;
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
                return holiday_rule(i);
            case Kind::weekend:
                return weekend_rule(i, i);
            case Kind::century:
                return century_rule(i);
            default:
                return {};
        }
    }

    std::optional<Found> numeric(std::size_t i) const {
        if (auto a = numeric_date(i)) {
            if (!a->explicit_year && !a->invalid) return dated(i, *a);
            return Found{a->next, tok(i).start, tok(a->next - 1).end,
                         a->invalid ? std::string() : iso_ymd(a->year, a->month, a->day)};
        }
        if (auto r = period(i)) return r;
        if (auto r = day_month_rule(i)) return r;
        if (auto r = listed_day(i)) return r;
        return year_rule(i);
    }

    // ---- atoms: a date as written, without resolution

    // The year of a two-digit year ("octobre 98", "22/04/16"): the one of
    // 19yy and 20yy that is not more than twenty years after the dispatch.
    long century_year(long yy) const {
        const long limit = anchor_.precision == Anchor::none ? 2049 : anchor_.date.year + 20;
        return 2000 + yy <= limit ? 2000 + yy : 1900 + yy;
    }

    // "15/01/2015", "15.01.2015", "2015-01-15", "22/04/16", "15.05.99",
    // "03/2015", "2016-11", "22/04", read from the bytes because the word
    // breaker splits them differently. Decimals ("12.5"), scores ("2-1"),
    // phone numbers ("01.23.45.67.89") and spans of years ("2008-09") are no
    // dates.
    std::optional<Atom> numeric_date(std::size_t i) const {
        const std::size_t n = text_.size();
        const std::size_t p = tok(i).start;
        auto digit = [&](std::size_t k) { return k < n && text_[k] >= '0' && text_[k] <= '9'; };
        auto is_sep = [&](std::size_t k) { return k < n && (text_[k] == '/' || text_[k] == '-' || text_[k] == '.'); };
        if (p > 0 && (digit(p - 1) || (is_sep(p - 1) && p >= 2 && digit(p - 2)))) return {};
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
        if (digit(q) || (is_sep(q) && digit(q + 1))) return {};
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
        } else if (la == 4 && lb == 2 && b >= 1 && b <= 12 && b != (a + 1) % 100) {
            atom.year = a, atom.month = static_cast<int>(b), atom.explicit_year = true;  // 2016-11, not 2008-09
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

    // "22/04" is a day when it cannot be a fraction ("3/4 des électeurs") or
    // a date word comes before it ("le 3/4", "lundi 3/4").
    bool numeric_day_month_context(std::size_t i, long day, long month) const {
        if (month < 1 || month > 12 || day < 1 || day > 31 || (day == 24 && month == 7)) return false;  // 24/7
        if (day > 12) return true;
        if (i == 0 || !spaced(i)) return false;
        const std::string_view p = fw(i - 1);
        return p == "le" || p == "du" || p == "au" || p == "depuis" || word_value(i - 1, Kind::weekday);
    }

    // A month name at token i (abbreviations only when `abbreviated` and a
    // full stop follows).
    int month_at(std::size_t i, bool abbreviated) const {
        if (int m = word_value(i, Kind::month)) return m;
        if (!abbreviated || !has(i)) return 0;
        const std::size_t e = tok(i).end;
        return e < text_.size() && text_[e] == '.' ? month_abbreviation(fw(i)) : 0;
    }

    // "15/01/2015", "15 janvier [2015]", "janvier [2015]", "2015", and with
    // `bare_day` a day number alone ("du 3 au 5 mai").
    std::optional<Atom> parse_atom(std::size_t i, bool bare_day) const {
        if (!has(i)) return {};
        if (tok(i).folded[0] >= '0' && tok(i).folded[0] <= '9')
            if (auto a = numeric_date(i)) return a;
        Atom atom;
        auto year_after = [&](std::size_t j) {
            atom.next = j;
            if (!spaced(j)) return;
            if (int y = year_number(j)) {
                atom.year = y, atom.explicit_year = true, atom.next = j + 1;
            } else if (const long yy = two_digit_year(j)) {
                atom.year = century_year(yy % 100), atom.explicit_year = true, atom.next = j + 1;
            }
        };
        const int d = day_number(i);
        if (d && (spaced(i + 1) || hyphened(i + 1))) {  // "15 janvier", "le 14-Juillet"
            if (int m = month_at(i + 1, true)) {
                atom.month = m, atom.day = d;
                year_after(i + 2);
                // 29 février waits for its year; 31 février never is a date.
                atom.invalid = atom.explicit_year ? !is_valid_ymd(atom.year, m, d) : d > days_in_month(2000, m);
                return atom;
            }
        }
        if (int m = month_at(i, false)) {
            atom.month = m;
            year_after(i + 1);
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
    std::optional<long> pick_year(int month, int day, Tense tense, int weekday = 0, Tense soft = Tense::none) const {
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
                const bool on_weekday =
                    weekday != 0 && day != 0 && weekday_of(days_from_civil(y, month, day)) == weekday;
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
    long sentence_year(std::size_t i) const {
        if (!last_year_ || last_year_token_ >= i || anchor_.precision == Anchor::none) return 0;
        for (std::size_t k = last_year_token_ + 1; k <= i; ++k)
            if (between(k).find_first_of(".!?\n") != std::string_view::npos) return 0;
        return last_year_;
    }

    // The dispatch date moved by `n` units, at the precision of the unit, or
    // the dispatch's own when it is coarser ("hier" in a dispatch of
    // 2022-03 is 2022-03).
    std::string shift(int unit, long n) const {
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

    // ---- rules

    // "15 janvier 2015", "1er mai", "le 3 mars dernier" (after its atom).
    std::optional<Found> dated(std::size_t first, const Atom& atom, int weekday = 0) const {
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

    std::optional<Found> day_month_rule(std::size_t i) const {
        std::optional<Atom> atom = parse_atom(i, false);
        if (!atom || !atom->day || !atom->month) return {};
        return dated(i, *atom);
    }

    // "les 3 et 4 mai", "les 3, 4 et 5 mai 2015": each day before the last
    // takes the month and year of the last.
    std::optional<Found> listed_day(std::size_t i) const {
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
    std::optional<Found> month_rule(std::size_t i) const {
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

    bool month_context(std::size_t i) const {
        const std::string e = elision(i);
        if (e == "d" || e == "jusqu") return true;
        if (i == 0) return false;
        // "en janvier, février et mars": a month right after another date.
        if (last_mention_next_ == i && between(i).find(',') != std::string_view::npos) return true;
        if (!spaced(i)) return false;
        const std::string_view p = fw(i - 1);
        if ((p == "et" || p == "ou") && last_mention_next_ == i - 1) return true;
        static const std::unordered_set<std::string_view> kBefore = {
            "en", "de", "depuis", "courant", "debut", "fin", "mi", "avant", "apres", "jusqu", "mois", "ici"};
        return kBefore.count(p) != 0 || (p == "des" && tok(i - 1).text != "des" && tok(i - 1).text != "Des");
    }

    // A year alone, when the word before makes it one: "en 2009", "depuis
    // 2009", "jusqu'en 2009", "d'ici 2020", "l'an 2000", "la crise de 2008"
    // (not "2009 personnes", not "de 2000 euros").
    std::optional<Found> year_rule(std::size_t i) const {
        const int y = year_number(i);
        if (y < kBareYearMin || y > kBareYearMax || i == 0 || !spaced(i)) return {};
        const std::string_view p = fw(i - 1);
        static const std::unordered_set<std::string_view> kStrong = {"en",      "depuis",  "an", "annee",
                                                                     "horizon", "courant", "ici"};
        static const std::unordered_set<std::string_view> kWeak = {"de",    "pour", "vers",  "avant",
                                                                   "apres", "fin",  "debut", "mi"};
        const bool des = p == "des" && tok(i - 1).text != "des" && tok(i - 1).text != "Des";  // dès
        if (kStrong.count(p) || des) {
            if (p == "ici" && elision(i - 1) != "d") return {};
        } else if (!kWeak.count(p) || noun_follows(i + 1)) {
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
    std::optional<Found> range(std::size_t i) const {
        const std::string_view f = fw(i);
        std::size_t a1;
        std::size_t start;
        bool entre = false;
        if (f == "du" || f == "de" || f == "entre") {
            if (!spaced(i + 1)) return {};
            a1 = i + 1, start = tok(i).start, entre = f == "entre";
        } else if (elision(i) == "d") {
            a1 = i, start = tok(i).elided_start;
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
        if (!y || y->invalid) return {};
        std::optional<std::string> value = span_value(*x, *y, i);
        if (!value) return {};
        return Found{y->next, start, tok(y->next - 1).end, *value};
    }

    // The value of the span from `x` to `y` written from token `first`.
    std::optional<std::string> span_value(Atom x, Atom y, std::size_t first) const {
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
    std::optional<Found> modified(std::size_t i) const {
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
    std::optional<Found> period(std::size_t i) const {
        const int ordinal = period_ordinal(fw(i));
        if (!ordinal || !spaced(i + 1)) return {};
        const std::string_view unit = fw(i + 1);
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
    std::optional<Found> quarter_code(std::size_t i, int code) const {
        if (!spaced(i + 1) || !year_number(i + 1)) return {};
        const char part[3] = {code > 10 ? 'H' : 'Q', static_cast<char>('0' + code % 10), 0};
        return Found{i + 2, tok(i).start, tok(i + 1).end, iso_part(year_number(i + 1), part)};
    }

    static const char* season_code(int season) {
        static const char* const kCodes[] = {"SP", "SU", "FA", "WI"};
        return kCodes[(season - 1) & 3];
    }

    // "l'été 2018", "au printemps de 2019" ("a été 2018" is no summer).
    std::optional<Found> season(std::size_t i, int which) const {
        if (fw(i) == "ete" && i > 0) {
            const std::string_view p = fw(i - 1);
            if (is_verb_a(i - 1) || p == "ont" || p == "avait" || p == "avaient" || p == "aura" || p == "auront" ||
                p == "aurait" || p == "auraient" || p == "ayant")
                return {};
        }
        std::size_t k = i + 1;
        if (fw(k) == "de" && spaced(k + 1)) ++k;
        if (!spaced(k) || !year_number(k)) return {};
        return Found{k + 1, lead(i), tok(k).end, iso_part(year_number(k), season_code(which))};
    }

    // "cette semaine", "ce mois-ci", "cette année", "cet été", "ce matin" (not
    // "cette année-là": that year is the story's, not the dispatch's).
    std::optional<Found> demonstrative(std::size_t i) const {
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
        } else if (int s = word_value(j, Kind::season)) {
            if (anchor_.precision == Anchor::none) return {};
            value = iso_part(anchor_.date.year, season_code(s));
        } else {
            return {};
        }
        if (value.empty()) return {};
        return Found{next, tok(i).start, tok(next - 1).end, value};
    }

    // "l'an dernier", "l'année prochaine", "la semaine dernière", "le mois
    // prochain", "la semaine du 12 janvier".
    std::optional<Found> unit_rule(std::size_t i, int unit) const {
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
    std::size_t weekend_end(std::size_t i) const {
        if (fw(i) == "weekend") return i + 1;
        if (fw(i) == "week" && has(i + 1) && hyphened(i + 1) && fw(i + 1) == "end") return i + 2;
        return i;
    }

    // "le week-end dernier", "ce week-end", "le week-end prochain": the
    // TIMEX3 weekend of an ISO week ("2011-W05-WE"). The week-end of the
    // dispatch's week is "ce week-end"; "dernier" is the one before it (the
    // week before), "prochain" the next one still to come.
    std::optional<Found> weekend_rule(std::size_t i, std::size_t first) const {
        std::size_t next = weekend_end(i);
        if (next == i) return {};
        const bool demonstrative = first != i;
        const int dir = demonstrative ? 0 : last_or_next(next);
        if (!demonstrative && !dir) return {};
        if (dir) ++next;
        Found found{next, tok(first).start, tok(next - 1).end, {}};
        if (anchor_.precision != Anchor::day) {
            if (anchor_.precision != Anchor::none) found.value = to_iso(anchor_.date);
            return found;
        }
        const int today = weekday_of(anchor_.days);
        long week = dir;
        if (dir > 0 && today < 6) week = 0;  // on a weekday, the coming one
        const std::string value = iso_week(anchor_.days + 7 * week);
        if (!value.empty()) found.value = value + "-WE";
        return found;
    }

    // "XIXe siècle", "19e siècle": TIMEX3 centuries ("18" = 1800-1899), from
    // the 11th to the 21st.
    std::optional<Found> century_rule(std::size_t i) const {
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
    std::optional<Found> decade(std::size_t i) const {
        if (!spaced(i + 1)) return {};
        const std::string_view f = fw(i + 1);
        std::string value;
        if (const int y = year_number(i + 1); y >= 1800 && y <= 2090 && y % 10 == 0) {
            value = std::string(f.substr(0, 3));
        } else if (f.size() == 2 && all_digits(f) && f[1] == '0' && f[0] >= '3') {
            value = std::string("19") + f[0];
        } else {
            return {};
        }
        return Found{i + 2, lead(i), tok(i + 1).end, value};
    }

    // ---- holidays

    // The holiday whose name begins at token k ("Noël", "lundi de Pâques",
    // "la fête des mères" from "fête", "le jour de l'an" from "jour"), and the
    // token after it; nothing for a name that is no holiday here ("Noël
    // Mamère", "le nouvel an chinois", "la fête nationale chinoise").
    std::optional<std::pair<Holiday, std::size_t>> holiday_name(std::size_t k) const {
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
            {"noel", Holiday::christmas},        {"paques", Holiday::easter},       {"toussaint", Holiday::all_saints},
            {"assomption", Holiday::assumption}, {"ascension", Holiday::ascension}, {"pentecote", Holiday::pentecost},
            {"halloween", Holiday::halloween}};
        for (const auto& [name, h] : kOneWord)
            if (f == name) {
                if (!cap || named(k + 1)) return {};
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
    std::optional<Found> holiday_rule(std::size_t i) const {
        long offset = 0;
        std::size_t k = i;
        if (has_kind(fw(i), Kind::holiday_lead) || (fw(i) == "jour" && !holiday_name(i))) {
            const std::string_view f = fw(i);
            if (f == "veille" || f == "reveillon") offset = -1;
            if (f == "lendemain") offset = 1;
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
    long holiday_year(Holiday holiday, long offset, Tense strict, Tense soft) const {
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
    std::optional<Found> relative_day(std::size_t i, int offset) const {
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
    std::pair<long, std::size_t> quantity(std::size_t i) const {
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

    // "N jours/semaines/mois/ans" from token i: {unit, N, next} or unit 0.
    struct Count {
        int unit = 0;
        long n = 0;
        std::size_t next = 0;
    };
    Count count_of_units(std::size_t i) const {
        if (!spaced(i)) return {};
        auto [n, next] = quantity(i);
        if (next == i || !spaced(next)) return {};
        const int unit = word_value(next, Kind::unit);
        if (!unit) return {};
        return {unit, n, next + 1};
    }

    // "il y a deux ans", "il y a 10 jours".
    std::optional<Found> ago(std::size_t i) const {
        if (fw(i + 1) != "y" || !spaced(i + 1) || !is_verb_a(i + 2) || !spaced(i + 2)) return {};
        const Count c = count_of_units(i + 3);
        if (!c.unit) return {};
        std::string value = shift(c.unit, -c.n);
        if (value.empty()) return {};
        return Found{c.next, tok(i).start, tok(c.next - 1).end, value};
    }

    // "dans trois jours", "dans deux semaines".
    std::optional<Found> ahead(std::size_t i) const {
        const Count c = count_of_units(i + 1);
        if (!c.unit) return {};
        std::string value = shift(c.unit, c.n);
        if (value.empty()) return {};
        return Found{c.next, tok(i).start, tok(c.next - 1).end, value};
    }

    // "jeudi", "lundi prochain", "vendredi dernier", "jeudi 12 mars",
    // "mardi 3", "ce vendredi", "vendredi de la semaine prochaine". See
    // `clause_tense` for the choice between past and future.
    std::optional<Found> weekday_rule(std::size_t i, int weekday) const {
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
        // "Vendredi saint", "Mardi gras", "Robinson et Vendredi".
        if (tok(i).capitalised && !sentence_start(i)) return {};
        if (spaced(i + 1) && (fw(i + 1) == "saint" || fw(i + 1) == "gras")) return {};
        // "ce vendredi": the one of the dispatch's week.
        const bool this_week = i > floor_ && spaced(i) && (fw(i - 1) == "ce" || fw(i - 1) == "cet");
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
            delta = clause_tense(i, next - 1) == Tense::future ? ahead : -back;
        }
        found.value = iso_day(anchor_.days + delta);
        return found;
    }

    static constexpr long kNoWeek = 1000;

    // "de la semaine prochaine", "de la semaine dernière", "cette semaine"
    // after a weekday: the week's offset from the dispatch's (kNoWeek when
    // none), and `next` moved past it.
    long week_after(std::size_t& next) const {
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
    std::string day_of_nearby_month(int weekday, int day) const {
        if (anchor_.precision < Anchor::month) return {};
        const long here = anchor_.date.year * 12L + anchor_.date.month - 1;
        const long anchor_days = anchor_.precision == Anchor::day
                                     ? anchor_.days
                                     : days_from_civil(anchor_.date.year, anchor_.date.month, 15);
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

    // Past or future for a date at tokens [first, last]: the nearest cue
    // within a few words, in the same sentence, decides; none when there is
    // none (a weekday then is past: wire copy mostly reports).
    Tense clause_tense(std::size_t first, std::size_t last) const {
        constexpr std::size_t kBack = 6, kForward = 5;
        bool back_open = true, forward_open = true;
        std::size_t comma = 0;  // the first token after a comma, forward (0: none yet)
        for (std::size_t d = 1; d <= kBack || d <= kForward; ++d) {
            if (back_open && d <= kBack) {
                if (first < d || clause_break(first - d + 1)) {
                    back_open = false;
                } else if (Tense t = cue(first - d); t != Tense::none) {
                    return t;
                }
            }
            if (forward_open && d <= kForward) {
                const std::size_t k = last + d;
                if (!has(k) || clause_break(k)) {
                    forward_open = false;
                } else {
                    if (!comma && between(k).find(',') != std::string_view::npos) comma = k;
                    // "... le 7 juillet, a précisé le ministre": the past of an
                    // attribution (verb first, after a comma) is not the event's.
                    const Tense t = cue(k);
                    const bool attribution = t == Tense::past && comma && k == comma + 1 && is_verb_a(comma);
                    if (t != Tense::none && !attribution) return t;
                }
            }
        }
        return Tense::none;
    }

    // Token k is the auxiliary of the participle `participle` in a past
    // tense. "est" and "sont" make one only with a reflexive ("s'est rendu")
    // or a verb conjugated with "être" ("sont arrivés"); otherwise they make
    // a present passive ("les étapes sont fixées au 9 juin").
    bool is_auxiliary(std::size_t k, std::string_view participle) const {
        if (is_verb_a(k)) return true;
        if (!has(k)) return false;
        const std::string_view f = fw(k);
        if (f == "est" || f == "sont")
            return elision(k) == "s" || (k > 0 && fw(k - 1) == "se") || is_etre_participle(participle);
        static const std::unordered_set<std::string_view> kAux = {"ont", "avait", "avaient", "etait",   "etaient",
                                                                  "ete", "eu",    "aurait",  "auraient"};
        return kAux.count(f) != 0;
    }

    // A word of a date expression: "dernier" after it is the date's, not the
    // clause's ("l'équipe victorieuse samedi dernier, pour affronter dimanche").
    bool is_date_word(std::size_t k) const {
        const Word* w = lookup(fw(k));
        if (w) return w->kind == Kind::weekday || w->kind == Kind::month || w->kind == Kind::unit;
        return all_digits(fw(k));
    }

    // An infinitive after "de", "pour", "à" or a verb of intent: what is still
    // to be done ("a promis de saisir la justice lundi", "pour affronter
    // dimanche l'Irlande", "à partir de dimanche").
    bool infinitive_cue(std::size_t k) const {
        const std::string_view f = fw(k);
        if (f.size() < 4 || !(ends_with(f, "er") || ends_with(f, "ir")) || is_false_infinitive(f)) return false;
        const std::string e = elision(k);
        if (e == "d") return true;
        if ((!e.empty() && e != "s") || k == 0 || !spaced(k)) return false;
        static const std::unordered_set<std::string_view> kBefore = {
            "de",      "pour",      "doit",     "doivent",    "va",     "vont",      "peut",     "peuvent",
            "veut",    "veulent",   "compte",   "comptent",   "entend", "entendent", "souhaite", "souhaitent",
            "prevoit", "prevoient", "pourrait", "pourraient", "afin",   "sans"};
        const Token& p = tok(k - 1);
        return kBefore.count(p.folded) != 0 || p.text == "\xC3\xA0" || p.text == "\xC3\x80";  // à À
    }

    // "à cinq jours du scrutin": counting down to an event.
    bool countdown_cue(std::size_t k) const {
        const std::string_view f = fw(k);
        if ((f != "jours" && f != "semaines") || k < 2 || !spaced(k)) return false;
        const std::string_view n = fw(k - 1);
        if (!all_digits(n) && !word_value(k - 1, Kind::number)) return false;
        const std::string_view a = tok(k - 2).text;
        if (a != "\xC3\xA0" && a != "\xC3\x80" && a != "A") return false;
        const std::string_view de = fw(k + 1);
        return (de == "de" || de == "du" || de == "des") && fw(k + 2) != "prison";
    }

    // The tense token k gives, if any.
    Tense cue(std::size_t k) const {
        const Token& t = tok(k);
        const std::string_view f = t.folded;
        if (t.capitalised || !has_letter(f)) return Tense::none;
        if (k > 0 && (has_kind(f, Kind::last) || has_kind(f, Kind::next)) && is_date_word(k - 1)) return Tense::none;
        if (countdown_cue(k)) return Tense::future;
        if (is_future_word(f) && (f.compare(0, 9, "programme") != 0 || spelled_as_participle(t.text)))
            return Tense::future;  // "programmé", not "le programme"
        if (has_kind(f, Kind::last)) return Tense::past;
        if (f == "lieu" && k > 0) {  // "a lieu" announces, "a eu lieu" reports
            if (fw(k - 1) == "eu") return Tense::past;
            if (is_verb_a(k - 1) || fw(k - 1) == "ont" || is_conditional(tok(k - 1).text, fw(k - 1)))
                return Tense::future;
            return Tense::none;
        }
        // Passé composé: "a annoncé", "ont déclaré", "s'est rendu", "a été tué".
        if (!t.stop && is_participle_shape(f) &&
            ((k >= 1 && is_auxiliary(k - 1, f)) || (k >= 2 && is_auxiliary(k - 2, f) && !clause_break(k - 1))))
            return Tense::past;
        if (is_conditional(t.text, f) || infinitive_cue(k)) return Tense::future;
        if (is_announcing_present(f) && !spelled_as_participle(t.text)) return Tense::future;
        if (f.size() >= 4 && (ends_with(f, "ra") || ends_with(f, "ront") || ends_with(f, "rons")) &&
            !is_false_future(f))
            return Tense::future;
        if (f.size() >= 5 && (ends_with(f, "ait") || ends_with(f, "aient")) && !is_false_imperfect(f))
            return Tense::past;
        return Tense::none;
    }
};

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
    if (date.year < kMinYear) return std::nullopt;
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

std::string to_iso(const PartialDate& date) {
    char buf[40];
    if (date.month < 1 || date.month > 12)
        std::snprintf(buf, sizeof buf, "%04d", date.year);
    else if (date.day < 1 || date.day > 31)
        std::snprintf(buf, sizeof buf, "%04d-%02d", date.year, date.month);
    else
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", date.year, date.month, date.day);
    return buf;
}

std::vector<DateMention> find_dates(std::string_view text, const std::vector<Token>& tokens,
                                    const PartialDate& published) {
    // Tokens come from analyse(text); anything else (offsets out of order or
    // out of the text) finds nothing rather than reading out of bounds.
    if (tokens.empty() || !tokens_fit(text, tokens)) return {};
    return Scanner(text, tokens, published).run();
}

}  // namespace depeche
