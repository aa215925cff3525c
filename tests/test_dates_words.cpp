// The date grammar's word table and cue lists (common/dates_words.cpp): every
// word found with its role, nothing else found, and the scanner's cheap first
// tests that skip most tokens leaving every mention as it was.
#include "dates_detail.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer.hpp"
#include "dates.hpp"

using namespace depeche::dates_detail;

namespace {

std::string mentions(std::string_view published, std::string_view text) {
    const auto date = depeche::parse_iso_date(published);
    REQUIRE(date);
    std::string out;
    for (const auto& m : depeche::find_dates(text, depeche::analyse(text), *date)) {
        if (!out.empty()) out += " | ";
        out += m.text + "=" + m.value;
    }
    return out;
}

}  // namespace

TEST_CASE("every grammar word is found with its role and value", "[dates]") {
    struct Expected {
        const char* word;
        Kind kind;
        int value;
    };
    const std::vector<Expected> expected = {
        {"janvier", Kind::month, 1},
        {"aout", Kind::month, 8},
        {"decembre", Kind::month, 12},
        {"lundi", Kind::weekday, 1},
        {"dimanche", Kind::weekday, 7},
        {"aujourd'hui", Kind::relative_day, 0},
        {"hier", Kind::relative_day, -1},
        {"demain", Kind::relative_day, 1},
        {"semaines", Kind::unit, week_unit},
        {"mois", Kind::unit, month_unit},
        {"an", Kind::unit, year_unit},
        {"passee", Kind::last, 0},
        {"prochaines", Kind::next, 0},
        {"cet", Kind::demonstrative, 0},
        {"mi", Kind::modifier, 0},
        {"de", Kind::range_open, 0},
        {"du", Kind::range_open, 0},
        {"entre", Kind::range_open, 0},
        {"premier", Kind::ordinal, 1},
        {"second", Kind::ordinal, 2},
        {"hiver", Kind::season, 4},
        {"t3", Kind::quarter_code, 3},
        {"s2", Kind::quarter_code, 12},
        {"une", Kind::number, 1},
        {"seize", Kind::number, 16},
        {"soixante", Kind::number, 60},
        {"cent", Kind::number, 100},
        {"il", Kind::il, 0},
        {"dans", Kind::dans, 0},
        {"pentecote", Kind::holiday, 0},
        {"matin", Kind::holiday_lead, 0},
        {"weekend", Kind::weekend, 0},
        {"siecle", Kind::century, 0},
    };
    for (const auto& e : expected) {
        INFO(e.word);
        const Word* w = lookup(e.word);
        REQUIRE(w);
        CHECK(w->kind == e.kind);
        CHECK(w->value == e.value);
    }
}

TEST_CASE("words that are no grammar word are not found", "[dates]") {
    // Prefixes, extensions, one byte changed, the same first and last bytes
    // and length as a grammar word ("dx" like "du", "lunhi" like "lundi"),
    // accented (lookup takes folded words), upper case, and long words.
    for (const char* word : {"",
                             "d",
                             "janvie",
                             "janviers",
                             "janviez",
                             "dx",
                             "dd",
                             "lunhi",
                             "mardis",
                             "août",
                             "Mai",
                             "MAI",
                             "le",
                             "la",
                             "et",
                             "des",
                             "est",
                             "sur",
                             "aujourd",
                             "hui",
                             "t5",
                             "s3",
                             "anticonstitutionnellement",
                             "0",
                             "2015"}) {
        INFO(word);
        CHECK(lookup(word) == nullptr);
    }
    CHECK(has_kind("mars", Kind::month));
    CHECK_FALSE(has_kind("mars", Kind::weekday));
}

TEST_CASE("the cue lists find their words and nothing else", "[dates]") {
    CHECK(is_future_word("prochain"));
    CHECK(is_future_word("programmees"));
    CHECK_FALSE(is_future_word("programm"));
    CHECK_FALSE(is_future_word(""));
    CHECK(is_announcing_present("rencontrent"));
    CHECK_FALSE(is_announcing_present("rencontres"));
    CHECK(is_false_future("camera"));
    CHECK(is_false_imperfect("devaient"));
    CHECK(is_conditional("aurait", "aurait"));
    CHECK(is_conditional("espérerait", "espererait"));
    CHECK_FALSE(is_conditional("avait", "avait"));
    CHECK(is_false_infinitive("reporter"));
    CHECK_FALSE(is_false_infinitive("reporte"));
    // "-s", "-e", "-es" come off before the participle list is read; a word
    // that is only the ending leaves nothing to look up.
    CHECK(is_etre_participle("arrivees"));
    CHECK(is_etre_participle("venus"));
    CHECK_FALSE(is_etre_participle("s"));
    CHECK_FALSE(is_etre_participle("es"));
    CHECK_FALSE(is_etre_participle("mange"));
}

TEST_CASE("the first persons' future is a future cue for a weekday", "[dates]") {
    // 2016-11-07 is a Monday
    CHECK(mentions("2016-11-07", "Je reviendrai vendredi") == "vendredi=2016-11-11");
    CHECK(mentions("2016-11-07", "Je reviendrai cette vendredi") == "cette vendredi=2016-11-11");
    CHECK(mentions("2016-11-07", "vous verrez jeudi") == "jeudi=2016-11-10");
    CHECK(mentions("2016-11-07", "je vous le dirai demain mardi") == "demain=2016-11-08 | mardi=2016-11-08");
    // not for a month or a day of a month, as often one recalled
    CHECK(mentions("2020-05-05", "Je n'oublierai pas le 24 mars") == "24 mars=2020-03-24");
    CHECK(mentions("2016-11-07", "vous ne le ferez pas en septembre") == "septembre=2016-09");
    // nouns of the same shape
    CHECK(mentions("2016-11-07", "le vrai jeudi") == "jeudi=2016-11-03");
    CHECK(is_false_future("minerai"));
    // the conditional of the first persons says nothing ("j'aurais dû rentrer jeudi")
    CHECK(mentions("2016-11-07", "j'aurais dû rentrer jeudi") == "jeudi=2016-11-03");
}

TEST_CASE("a past with the subject after its auxiliary", "[dates]") {
    // 2018-04-26 is a Thursday: the Wednesday of the tweet, not of the quote's future
    CHECK(mentions("2018-04-26", "\"Je ne viendrai pas\", a-t-il tweeté mercredi.") == "mercredi=2018-04-25");
    CHECK(mentions("2018-04-26", "a-t-elle déclaré mercredi") == "mercredi=2018-04-25");
    CHECK(mentions("2018-04-24", "a-t-elle déclaré mercredi") == "mercredi=2018-04-18");
}

TEST_CASE("spans still open after the cheap test on the word after de, du, entre", "[dates]") {
    CHECK(mentions("2015-04-20", "du 1er mai au 3 juin") == "du 1er mai au 3 juin=2015-05-01/2015-06-03");
    CHECK(mentions("2015-04-20", "du premier mai au 3 juin") == "du premier mai au 3 juin=2015-05-01/2015-06-03");
    // "1er" alone is no bare day: only the end of this one is a date.
    CHECK(mentions("2015-04-20", "du 1er au 3 mai") == "3 mai=2015-05-03");
    CHECK(mentions("2015-06-01", "entre le 3 et le 5 mai 2015") == "entre le 3 et le 5 mai 2015=2015-05-03/2015-05-05");
    CHECK(mentions("2015-06", "de janvier à mars") == "de janvier à mars=2015-01/2015-03");
    CHECK(mentions("2015-06", "De mars à mai 2016, le chantier") == "De mars à mai 2016=2016-03/2016-05");
    // Not a span, but the date after "de" is still read on its own.
    CHECK(mentions("2015-06-01", "la fin de la guerre de 2003 à Bagdad") == "2003=2003");
    CHECK(mentions("2015-06-01", "le chef de l'Etat et le ministre de la Défense") == "");
}

TEST_CASE("to_iso and iso_ymd write the bytes snprintf wrote, in and out of their fast path's bounds", "[dates]") {
    // The snprintf formats the fast path replaced, as references.
    const auto printed = [](const char* format, auto... values) {
        char buf[64];
        std::snprintf(buf, sizeof buf, format, values...);
        return std::string(buf);
    };
    const auto reference_to_iso = [&](const depeche::PartialDate& d) {
        if (d.month < 1 || d.month > 12) return printed("%04d", d.year);
        if (d.day < 1 || d.day > 31) return printed("%04d-%02d", d.year, d.month);
        return printed("%04d-%02d-%02d", d.year, d.month, d.day);
    };
    const auto reference_ymd = [&](long y, long m, long d) {
        if (y < kMinYear || y > kMaxYear) return std::string();
        if (m == 0) return printed("%04ld", y);
        if (d == 0) return printed("%04ld-%02ld", y, m);
        return printed("%04ld-%02ld-%02ld", y, m, d);
    };
    for (int y : {-12345, -1, 0, 7, 99, 999, 1000, 1999, 2015, 9999, 10000, 123456})
        for (int m = -3; m <= 102; ++m)
            for (int d : {-5, -1, 0, 1, 9, 10, 28, 31, 32, 99, 100, 1000}) {
                CAPTURE(y, m, d);
                CHECK(depeche::to_iso({y, m, d}) == reference_to_iso({y, m, d}));
                CHECK(iso_ymd(y, m, d) == reference_ymd(y, m, d));
            }
}
