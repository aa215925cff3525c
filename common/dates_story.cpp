// The Scanner's rules for the story's day: "la veille", "le lendemain", "l'avant-veille", "le
// surlendemain", "au lendemain de l'incendie". Wire copy tells each story on its own day and dates the
// dispatch that day ("Les Bourses ont salué vendredi l'accord conclu la veille"), so these words count from
// the day the sentence has already named, or else from the dispatch day. Where neither reading is sure,
// nothing is given: a day read from the wrong anchor is a wrong date.
#include "dates_detail.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace depeche::dates_detail {

// A sentence ends between token i-1 and token i: a full stop, "!", "?" or a line end, but not the dot of
// an initial or of "M." / "MM." ("La veille au soir, M. Hollande avait dîné"), which starts no sentence.
bool Scanner::sentence_break(std::size_t i) const {
    if (i == 0 || !has(i)) return false;
    const std::string_view gap = between(i);
    if (gap.find_first_of("!?\n") != std::string_view::npos) return true;
    const std::size_t dot = gap.find('.');
    if (dot == std::string_view::npos) return false;
    const Token& before = tok(i - 1);
    const bool abbreviation =
        dot == 0 && before.capitalised && (before.text.size() == 1 || before.text == "MM" || before.text == "Mme");
    return !abbreviation;
}

// The first token of the sentence that holds token i.
std::size_t Scanner::sentence_first(std::size_t i) const {
    while (i > 0 && !sentence_break(i)) --i;
    return i;
}

// The day of the last day-precise mention that ends at or after token `first` and before token `i`;
// kNoDay when none.
long Scanner::day_named_since(std::size_t first, std::size_t i) const {
    if (last_day_ == kNoDay || last_day_token_ < first || last_day_token_ >= i) return kNoDay;
    return last_day_;
}

// "la veille", "l'avant-veille": the day before the day the sentence names before it ("a dénoncé mardi les
// violences qui ont émaillé la veille le comité"), else before the dispatch day ("soit trois de plus que la
// veille", "La veille, il avait déclaré"). Only the sentence's own day: a day of the sentence before is as
// often the story's background ("contre 949 samedi soir. [...] soit trois de plus que la veille" in a Sunday
// dispatch is Saturday).
// "le lendemain", "le surlendemain": the day after the day named in the sentence or the one before ("Le 17
// novembre dernier, [...] et le lendemain"); never after the dispatch day, which news would call "demain".
// "au lendemain de l'incendie": the sentence's own day when it names one before ("a contesté vendredi [...],
// au lendemain de la suspension"), the dispatch day in the lead, whose story is the dispatch's; elsewhere
// it is as often a loose "after" ("entamé au lendemain de la chute du pont") and is left out.
// Not: "du jour au lendemain", "la veille sanitaire", "à la veille des élections" (an event's eve, days
// or weeks before it; the eve of a holiday is holiday_rule's).
std::optional<Found> Scanner::story_day(std::size_t i) const {
    if (i == 0 || i <= floor_ || !(spaced(i) || hyphened(i))) return {};
    const std::string_view f = fw(i);
    const std::string_view before = fw(i - 1);
    long offset = 0;
    std::size_t start = tok(i - 1).start;
    bool loose = false;  // "au lendemain"
    if (f == "veille") {
        if (hyphened(i) && before == "avant" && elision(i - 1) == "l")
            offset = -2, start = tok(i - 1).elided_start;
        else if (spaced(i) && before == "la")
            offset = -1;
        else
            return {};
    } else if (f == "lendemain" || f == "surlendemain") {
        if (!spaced(i)) return {};
        offset = f == "lendemain" ? 1 : 2;
        if (before == "au") {
            if (fw(i - 2) == "jour") return {};  // "du jour au lendemain": suddenly
            loose = true, start = tok(i).start;
        } else if (before != "le") {
            return {};
        }
    } else {
        return {};
    }
    const std::size_t next = i + 1;
    const bool of_event = has(next) && ((spaced(next) && (fw(next) == "de" || fw(next) == "du" || fw(next) == "des")) ||
                                        elision(next) == "d");
    if (of_event && !(loose && offset == 1)) return {};
    if (!of_event && noun_follows(next)) return {};  // "la veille sanitaire", "la veille technologique"
    Found found{next, start, tok(i).end, {}};
    const std::size_t first = sentence_first(i);
    const long named = day_named_since(first, i);
    long day = kNoDay;
    if (of_event) {
        // "au lendemain de X" is the day the clause happens on, X's morrow.
        if (named != kNoDay)
            day = named;
        else if (first == 0 && anchor_.precision == Anchor::day)
            day = anchor_.days;
    } else if (named != kNoDay) {
        day = named + offset;
    } else if (offset < 0) {
        if (anchor_.precision == Anchor::day) day = anchor_.days + offset;
    } else if (first > 0) {
        const long earlier = day_named_since(sentence_first(first - 1), first);
        if (earlier != kNoDay) day = earlier + offset;
    }
    if (day == kNoDay) return {};
    found.value = iso_day(day);
    return found;
}

}  // namespace depeche::dates_detail
