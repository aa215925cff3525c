// The date rules of common/dates_spans.cpp and the forms added with them (issue 3, Recognizers-Text):
// days joined by a dash or named by their month's place, months and years spaced around a slash, counted
// spans, the nth weekday of a month, the nth week of a year, decades in words, "ce septembre", a year after
// a comma, "le week-end", holidays in lower case. Each rule with the cases it must leave alone.
#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "date_cases.hpp"
#include "dates.hpp"

using namespace depeche;
using namespace depeche::date_cases;

// 2016-11-07 is a Monday, ISO week 45.

TEST_CASE("days of a month joined by a dash or named by its place", "[dates]") {
    check({
        {"2016-11-07", "Le salon se tient les 19-20 novembre.", "19-20 novembre=2016-11-19/2016-11-20"},
        {"2016-11-07", "les 19–20 novembre 2015", "19–20 novembre 2015=2015-11-19/2015-11-20"},
        {"2016-11-07", "du 4 au 22 de ce mois", "du 4 au 22 de ce mois=2016-11-04/2016-11-22"},
        {"2016-11-07", "du 4 au 22 ce mois-ci", "du 4 au 22 ce mois-ci=2016-11-04/2016-11-22"},
        {"2016-11-07", "La collecte aura lieu 4 au 23 le mois prochain.",
         "4 au 23 le mois prochain=2016-12-04/2016-12-23"},
        {"2016-11-07", "du 3 au 12 du mois dernier", "du 3 au 12 du mois dernier=2016-10-03/2016-10-12"},
        {"2016-11-07", "4-23 mois prochain", "4-23 mois prochain=2016-12-04/2016-12-23"},
        {"2016-11-07", "4 au 22 avril", "4 au 22 avril=2017-04-04/2017-04-22"},
        {"2016-11-07", "4 jusqu'à 22 avril", "4 jusqu'à 22 avril=2017-04-04/2017-04-22"},
        {"2016-11-07", "entre le 3 et le 12 septembre", "entre le 3 et le 12 septembre=2016-09-03/2016-09-12"},
        {"2016-11", "du 4 au 22 de ce mois", "du 4 au 22 de ce mois=2016-11-04/2016-11-22"},
        // not spans of days
        {"2016-11-07", "du 4 au 22 ce mois-là", ""},
        {"2016-11-07", "du 22 au 4 de ce mois", "ce mois=2016-11"},
        {"2016-11-07", "Le score était de 3-2 dimanche.", "dimanche=2016-11-06"},
        {"2016-11-07", "passé de 4 au 22 %", ""},
        {"2016-11-07", "de 4 au 22 mois de prison", ""},
        {"2016", "du 4 au 22 de ce mois", ""},
    });
}

TEST_CASE("a month and a year written with digits", "[dates]") {
    check({
        {"2016-11-07", "le bilan 2015-3", "2015-3=2015-03"},
        {"2016-11-07", "le bilan 2015/3", "2015/3=2015-03"},
        {"2016-11-07", "publié le 11 / 2016", "11 / 2016=2016-11"},
        {"2016-11-07", "publié le 11/ 2016.", "11/ 2016=2016-11"},
        {"2016-11-07", "publié le 11 /2016", "11 /2016=2016-11"},
        {"2016-11-07", "publié le 2016 - 11", "2016 - 11=2016-11"},
        {"2016-11-07", "publié le 2016 -11", "2016 -11=2016-11"},
        {"2016-11-07", "publié le 11  - 2016", "11  - 2016=2016-11"},
        {"2016-11-07", "numéro de 11/2016", "11/2016=2016-11"},
        // no month
        {"2016-11-07", "en 2015.3", ""},
        {"2016-11-07", "la loi n° 2016-11 du code", ""},
        {"2016-11-07", "la loi n°2016-11", ""},
        {"2016-11-07", "le décret 2015-3", ""},
        {"2016-11-07", "voir https://www.exemple.fr/2016/11/article", ""},
        {"2016-11-07", "voir exemple.fr/archives/11/2016", ""},
        {"2016-11-07", "voir exemple.fr/archives/11/2016/", ""},
        {"2016-11-07", "2016 - 11 = 2005", ""},
        {"2016-11-07", "11 / 2016 personnes", ""},
        {"2016-11-07", "les 3/4 des électeurs", ""},
        {"2016-11-07", "un score de 3-2", ""},
        {"2016-11-07", "13 / 2016", ""},
        {"2016-11-07", "2400 - 11", ""},
    });
}

TEST_CASE("a year after a comma or after de", "[dates]") {
    check({
        {"2016-11-07", "lundi 12 janvier, 2016", "lundi 12 janvier, 2016=2016-01-12"},
        {"2016-11-07", "le 12 janvier, 2018.", "12 janvier, 2018=2018-01-12"},
        {"2016-11-07", "le 23 novembre de 1987", "23 novembre de 1987=1987-11-23"},
        // the year is not the date's
        {"2016-11-07", "le 12 janvier, 2016 marque un tournant", "12 janvier=2017-01-12"},
        {"2016-11-07", "le 3 mars de 2000 euros", "3 mars=2017-03-03"},
        {"2016-11-07", "le 12 janvier, 2016,5 %", "12 janvier=2017-01-12"},
    });
}

TEST_CASE("a month after ce, cet, cette, and months with their context", "[dates]") {
    check({
        {"2016-11-07", "ce septembre", "ce septembre=2016-09"},
        {"2016-11-07", "cet août", "cet août=2016-08"},
        {"2016-11-07", "cet aout", "cet aout=2016-08"},
        {"2016-11-07", "cette février", "cette février=2016-02"},
        {"2016", "ce septembre", "ce septembre=2016-09"},
        {"2016-11-07", "prévu vers juin", "juin=2017-06"},
        {"2016-11-07", "des préavis déposés pour septembre", ""},
        {"2016-11-07", "jusqu'à juin", "juin=2016-06"},
        {"2016-11-07", "jusqu’à juin", "juin=2016-06"},
        // not a month of the dispatch's year
        {"2016-11-07", "ce septembre-là", ""},
        {"2016-11-07", "Il a mai ns", ""},
        {"2016-11-07", "il a juin", ""},
    });
}

TEST_CASE("the week-end without dernier or prochain", "[dates]") {
    check({
        {"2016-11-07", "Il sortira le week-end.", "week-end=2016-W45-WE"},
        {"2016-11-07", "Je vais sortir le weekend.", "weekend=2016-W45-WE"},
        {"2016-11-07", "Il est sorti le week-end.", "week-end=2016-W44-WE"},
        // no tense: the nearest, the one before on Wednesday (a tie)
        {"2016-11-07", "tout le week-end", "week-end=2016-W44-WE"},
        {"2016-11-09", "tout le week-end", "week-end=2016-W44-WE"},
        {"2016-11-10", "tout le week-end", "week-end=2016-W45-WE"},
        {"2016-11-13", "tout le week-end", "week-end=2016-W45-WE"},
        {"2016-11-07", "Il a été arrêté pendant le week-end.", "week-end=2016-W44-WE"},
        {"2016-11-07", "Au cours du week-end, la police arrêtera deux hommes.", "week-end=2016-W45-WE"},
        {"2016-11-07", "au cours du week-end, la police a arrêté deux hommes.", "week-end=2016-W44-WE"},
        {"2016-11-12", "Il a été arrêté le week-end.", "week-end=2016-W45-WE"},
        // "ce week-end" is the dispatch week's, unless a past says it is the one just gone
        {"2016-11-07", "Il est venu ce week-end.", "ce week-end=2016-W44-WE"},
        {"2016-11-11", "ce week-end, la police a arrêté deux hommes.", "ce week-end=2016-W44-WE"},
        {"2016-11-07", "Il viendra ce week-end.", "ce week-end=2016-W45-WE"},
        {"2016-11-13", "Il est venu ce week-end.", "ce week-end=2016-W45-WE"},
        {"2016-11", "le week-end", "week-end=2016-11"},
        // another week-end, or none
        {"2016-11-07", "le week-end de Pâques", ""},
        {"2016-11-07", "le week-end du 14 juillet", "14 juillet=2016-07-14"},
        {"2016-11-07", "le week-end suivant", ""},
        {"2016-11-07", "chaque week-end", ""},
        {"2016-11-07", "les week-ends", ""},
        {"2016-11-07", "le journal du week-end", ""},
        {"2016-11-07", "un week-end", ""},
    });
}

TEST_CASE("the nth weekday of a month, the nth week of a year", "[dates]") {
    check({
        {"2016-11-07", "le premier vendredi de juillet", "premier vendredi de juillet=2016-07-01"},
        {"2016-11-07", "le dernier lundi de mai 2016", "dernier lundi de mai 2016=2016-05-30"},
        {"2016-11-07", "le deuxième mardi d'avril 2017", "deuxième mardi d'avril 2017=2017-04-11"},
        {"2016-11-07", "le 3e jeudi de novembre", "3e jeudi de novembre=2016-11-17"},
        {"2016-11-07", "le premier dimanche de décembre prochain", "premier dimanche de décembre prochain=2016-12-04"},
        {"2016-11", "le premier vendredi de juillet", "premier vendredi de juillet=2016-07"},
        {"2016-11-07", "la troisième semaine de 2027", "troisième semaine de 2027=2027-W03"},
        {"2016-11-07", "la 12e semaine de 2016", "12e semaine de 2016=2016-W12"},
        {"2016-11-07", "la dernière semaine de 2015", "dernière semaine de 2015=2015-W53"},
        {"2016-11-07", "au troisième trimestre 2016", "troisième trimestre 2016=2016-Q3"},
        // no such day or week
        {"2016-11-07", "la 54e semaine de 2016", "2016=2016"},
        {"2016-11-07", "la troisième semaine de 2016 personnes", ""},
        {"2016-11-07", "le premier vendredi du mois", "vendredi=2016-11-04"},
    });
}

TEST_CASE("decades in words", "[dates]") {
    check({
        {"2016-11-07", "dans les années soixante-dix", "années soixante-dix=197"},
        {"2016-11-07", "les années quatre-vingt-dix", "années quatre-vingt-dix=199"},
        {"2016-11-07", "les années quatre-vingt", "années quatre-vingt=198"},
        {"2016-11-07", "les années trente", "années trente=193"},
        {"2016-11-07", "les années soixante", "années soixante=196"},
        {"2016-11-07", "les années deux mille", "années deux mille=200"},
        {"2016-11-07", "les années 70", "années 70=197"},
        // no century, or no decade
        {"2016-11-07", "les années vingt", ""},
        {"2016-11-07", "les années cinq", ""},
        {"2016-11-07", "trente années", ""},
    });
}

TEST_CASE("counted spans back from or ahead of the dispatch", "[dates]") {
    check({
        {"2016-11-07", "les trois dernières semaines", "trois dernières semaines=2016-10-17/2016-11-06"},
        {"2016-11-07", "les 3 prochaines semaines", "3 prochaines semaines=2016-11-08/2016-11-28"},
        {"2016-11-07", "au cours des dix derniers mois", "dix derniers mois=2016-01/2016-10"},
        {"2016-11-07", "ces deux dernières années", "deux dernières années=2014/2015"},
        {"2016-11-07", "les cinq derniers jours", "cinq derniers jours=2016-11-02/2016-11-06"},
        {"2016-11-07", "les vingt-deux prochains mois", "vingt-deux prochains mois=2016-12/2018-09"},
        {"2016-11", "les trois derniers mois", "trois derniers mois=2016-08/2016-10"},
        // no span of the dispatch's
        {"2016-11-07", "les deux dernières années de son mandat", ""},
        {"2016-11-07", "les trois derniers mois d'activité", ""},
        {"2016-11-07", "les trois derniers matchs", ""},
        {"2016-11-07", "trois dernières semaines", ""},
        {"2016-11", "les trois dernières semaines", ""},
    });
}

TEST_CASE("holidays in lower case", "[dates]") {
    check({
        {"2016-11-07", "à noël", "noël=2016-12-25"},
        {"2016-11-07", "à noel", "noel=2016-12-25"},
        {"2016-11-07", "la veille de noël", "veille de noël=2016-12-24"},
        {"2016-11-07", "à pâques", "pâques=2017-04-16"},
        {"2016-11-07", "Je reviendrai pour thanksgiving", "thanksgiving=2016-11-24"},
        {"2016-11-07", "le jour de Thanksgiving", "jour de Thanksgiving=2016-11-24"},
        {"2016-11-07", "Il est rentré pour Thanksgiving.", "Thanksgiving=2015-11-26"},
        {"2016-11-07", "Thanksgiving 2010", "Thanksgiving 2010=2010-11-25"},
        {"2016-11-07", "Thanksgiving 2018", "Thanksgiving 2018=2018-11-22"},
        // common nouns and names
        {"2016-11-07", "l'ascension du mont Blanc", ""},
        {"2016-11-07", "l'assomption du risque", ""},
        {"2016-11-07", "le père noël", ""},
        {"2016-11-07", "le sapin de noël", ""},
    });
}

TEST_CASE("abbreviated months, with or without their full stop", "[dates]") {
    check({
        // the year after the abbreviation's full stop was lost ("3 oct." then the nearest 3 October)
        {"2016-11-07", "Il est venu le 3 oct. 2015.", "3 oct. 2015=2015-10-03"},
        {"2016-11-07", "du 4 au 22 janv. 1995", "du 4 au 22 janv. 1995=1995-01-04/1995-01-22"},
        {"2016-11-07", "le 12 sept. 98", "12 sept. 98=1998-09-12"},
        // listings and headings leave the full stop out
        {"2016-11-07", "Je reviendrai le 1 janv", "1 janv=2017-01-01"},
        {"2016-11-07", "le 1 Jan", "1 Jan=2017-01-01"},
        {"2016-11-07", "Réunion le 22 Janv, 1995", "22 Janv, 1995=1995-01-22"},
        {"2016-11-07", "4 au 22 Janv, 1995", "4 au 22 Janv, 1995=1995-01-04/1995-01-22"},
        {"2016-11-07", "le 12 sept 2015", "12 sept 2015=2015-09-12"},
        {"2016-11-07", "le 12 Sept et le 3 oct", "12 Sept=2016-09-12 | 3 oct=2016-10-03"},
        {"2016-11-07", "le 12 sept.", "12 sept=2016-09-12"},
        // not a month
        {"2016-11-07", "12 sept ans de prison", ""},
        {"2016-11-07", "entre 12 sept fois", ""},
        {"2016-11-07", "le 1 Jan Ullrich", ""},
        // the full stop ended the sentence: the number after it is no year
        {"2016-11-07", "le 3 oct. 2000 personnes sont venues", "3 oct=2016-10-03"},
    });
}

TEST_CASE("days spanned to a month after de, and the nth weekday of a month named by its place", "[dates]") {
    check({
        {"2016-11-07", "du 3 au 12 de septembre", "du 3 au 12 de septembre=2016-09-03/2016-09-12"},
        {"2016-11-07", "Je serai dehors entre 3 et 12 de Sept", "entre 3 et 12 de Sept=2016-09-03/2016-09-12"},
        {"2016-11-07", "absent 3 jusqu'a 12 de Sept.", "3 jusqu'a 12 de Sept=2016-09-03/2016-09-12"},
        {"2016-11-07", "du 3 au 12 de mai 2015", "du 3 au 12 de mai 2015=2015-05-03/2015-05-12"},
        {"2016-11-07", "le premier vendredi de ce mois", "premier vendredi de ce mois=2016-11-04"},
        {"2016-11-07", "le dernier lundi du mois prochain", "dernier lundi du mois prochain=2016-12-26"},
        {"2016-11", "le dernier lundi du mois prochain", "dernier lundi du mois prochain=2016-12"},
        {"2016", "le premier vendredi de ce mois", ""},
        // not spans
        {"2016-11-07", "de 3 au 12 de sept fois", ""},
        {"2016-11-07", "du 12 au 3 de septembre", "septembre=2016-09"},
    });
}

TEST_CASE("days in words", "[dates]") {
    check({
        {"2016-11-07", "elle est née le quatre octobre", "quatre octobre=2016-10-04"},
        {"2016-11-07", "jeudi vingt-cinq décembre", "jeudi vingt-cinq décembre=2016-12-25"},
        {"2016-11-07", "le trente et un mai 2015", "trente et un mai 2015=2015-05-31"},
        {"2016-11-07", "depuis le dix-sept juin", "dix-sept juin=2016-06-17"},
        {"2016-11-07", "le deux mai", "deux mai=2017-05-02"},
        {"2016-11-07", "le premier mai", "premier mai=2017-05-01"},
        // a number before a month is no day without "le", "du", "au" or a weekday
        {"2016-11-07", "quatre mai", ""},
        {"2016-11-07", "les quatre octobre", ""},
        {"2016-11-07", "le trente-deux mai", ""},
        {"2016-11-07", "le trente février", ""},
    });
}

TEST_CASE("days in digits joined by a dash", "[dates]") {
    check({
        {"2019-01-10", "Soldes du 28/2-1/3.", "28/2-1/3=2019-02-28/2019-03-01"},
        {"2016-11-07", "10/1-11/2/2017", "10/1-11/2/2017=2017-01-10/2017-02-11"},
        {"2016-11-07", "12/01/2016 - 22/01/2016", "12/01/2016 - 22/01/2016=2016-01-12/2016-01-22"},
        {"2016-11-07", "12/01/2016-22/01/2016", "12/01/2016-22/01/2016=2016-01-12/2016-01-22"},
        {"2016-11-07", "Je serais dehors 12 Janvier, 2016 - 22/01/2016",
         "12 Janvier, 2016 - 22/01/2016=2016-01-12/2016-01-22"},
        {"2019-01-10", "le 3 mars – 5 avril", "3 mars – 5 avril=2019-03-03/2019-04-05"},
        // fractions, scores, paths, phone numbers, a span backwards
        {"2016-11-07", "1/2-3/4 des voix", ""},
        {"2016-11-07", "le score 6/4-6/3", ""},
        {"2016-11-07", "lemonde.fr/28/2-1/3", ""},
        {"2016-11-07", "tel 12/02-13/05-22", ""},
        {"2016-11-07", "28/3-1/3", ""},
    });
}

TEST_CASE("two digits after a month are no year when a day of a span follows", "[dates]") {
    check({
        {"2016-11-07", "en octobre 98", "octobre 98=1998-10"},
        {"2016-11-07", "en octobre 98 et 99", "octobre 98=1998-10"},
        {"2016-11-07", "d'octobre 98 à mars 99", "d'octobre 98 à mars 99=1998-10/1999-03"},
        // the English order: a day after its month, not October 2022
        {"2016-11-07", "depuis octobre 22 au 25", "octobre=2016-10"},
        {"2016-11-07", "en novembre 19 et 20", "novembre=2016-11"},
        {"2016-11-07", "Je serais sorti Novembre 19 au 20", ""},
    });
}

// As in test_dates.cpp: a text cut anywhere inside the new expressions reads nothing past its end.
TEST_CASE("the new expressions may end anywhere", "[dates]") {
    const std::vector<std::string> expressions = {
        "le 3 oct. 2015, du 4 au 22 Janv, 1995, le 1 Jan, 12 sept, entre 3 et 12 de Sept",
        "le premier vendredi de ce mois, jeudi vingt-cinq décembre, le trente et un mai",
        "28/2-1/3, 10/1-11/2/2017, 12/01/2016 – 22/01/2016, le 3 mars - 5 avril",
        "les 19-20 novembre et du 4 au 22 de ce mois-ci, 4 au 23 le mois prochain",
        "le 11 / 2016, 2016 - 11, 2015-3 et lundi 12 janvier, 2016 ou le 23 novembre de 1987",
        "ce septembre, le week-end, le premier vendredi de juillet 2016",
        "la troisième semaine de 2027, les années quatre-vingt-dix, les années deux mille dix",
        "les trois dernières semaines et des vingt-deux prochains mois, la veille de noël",
    };
    check_cut_anywhere(expressions, PartialDate{2016, 11, 7});
}

TEST_CASE("seasons without their year: dernier, prochain, the clause's tense", "[dates]") {
    check({
        {"2013-07-08", "l'or olympique l'été dernier", "l'été dernier=2012-SU"},
        {"2017-10-11", "L'été dernier, il avait dû être hospitalisé.", "L'été dernier=2017-SU"},
        {"2018-05-09", "Il l'avait annoncé à l'automne dernier.", "l'automne dernier=2017-FA"},
        {"2018-03-26", "Au printemps dernier, un spectateur a été secouru.", "printemps dernier=2017-SP"},
        {"2014-02-10", "l'hiver dernier", "l'hiver dernier=2012-WI"},
        {"2020-07-01", "le budget qui sera étudié à l'automne prochain", "l'automne prochain=2020-FA"},
        {"2013-07-08", "le printemps prochain", "printemps prochain=2014-SP"},
        {"2020-07-15", "M. Castex avait piloté au printemps le déconfinement.", "printemps=2020-SP"},
        {"2020-09-19", "Au printemps, elle inaugurera un nouveau bâtiment.", "printemps=2021-SP"},
        {"2013-04-20", "le gouvernement souhaitant une adoption avant l'été", "l'été=2013-SU"},
        {"2018-02-02", "les occupants quittent les lieux d'ici au printemps", "printemps=2018-SP"},
        {"2016-08-20", "jusqu'à l'automne", "l'automne=2016-FA"},
        {"2015-05-20", "Le film doit sortir à la fin de l'été.", "fin de l'été=2015-SU"},
        {"2018-11-28", "Au début de l'été, il a fait volte-face.", "début de l'été=2018-SU"},
        {"2019-05-10", "à la fin de l'été 2018", "fin de l'été 2018=2018-SU"},
        {"2019-03-22", "Les tarifs avaient été gelés pendant l'hiver.", "l'hiver=2018-WI"},
        // "cet hiver" in January is the winter begun in December.
        {"2014-01-15", "cet hiver", "cet hiver=2013-WI"},
        {"2013-12-15", "cet hiver", "cet hiver=2013-WI"},
        {"2016-11-07", "Je vais sortir cet été", "cet été=2016-SU"},
        // Every spring, every summer; names; "été" the participle; no month to tell.
        {"2015-05-20", "Au printemps, les arbres fleurissent.", ""},
        {"2015-05-20", "La route est saturée en été.", ""},
        {"2015-05-20", "Les terrasses vivaient en hiver.", ""},
        {"2015-05-20", "le printemps arabe a commencé", ""},
        {"2015-05-20", "Il est allé au Printemps de Bourges.", ""},
        {"2015-05-20", "les vacances d'été ont commencé", ""},
        {"2015-05-20", "Il a été dernier de la course.", ""},
        {"2015-05-20", "l'été où tout a changé", ""},
        {"2015", "l'été dernier", ""},
    });
    check_cut_anywhere({"l'été dernier", "au printemps prochain", "d'ici au printemps", "à la fin de l'été",
                        "avant l'été", "cet hiver"},
                       PartialDate{2016, 1, 15});
}

TEST_CASE("a year after a noun names its edition", "[dates]") {
    check({
        {"2010-12-03", "l'attribution des Coupes du monde 2018 à la Russie", "2018=2018"},
        {"2018-06-10", "le Mondial 2018", "2018=2018"},
        {"2019-05-10", "pour la saison 2019-2020", "2019-2020=2019/2020"},
        {"2020-07-10", "les JO 2024 seront", "2024=2024"},
        {"2020-07-10", "Le président du comité d'organisation de Paris 2024, Tony Estanguet", "2024=2024"},
        {"2020-11-10", "le projet de budget 2021, présenté lundi", "2021=2021 | lundi=2020-11-09"},
        {"2020-11-10", "le décret 2015-3 et la loi 2016-1088", ""},
        {"2020-06-06", "un intérêt pour ce millésime 2019", "2019=2019"},
        {"2020-06-05", "l'édition 2020 de la Journée mondiale", "2020=2020"},
        {"2020-03-10", "un texte 2020", "2020=2020"},
        // a verb or an adjective after the year
        {"2020-11-10", "Le budget 2021 prévoit une baisse.", "2021=2021"},
        {"2020-11-10", "le budget 2021 rectificatif", "2021=2021"},
        {"2018-06-10", "le Mondial 2018 commence jeudi", "2018=2018 | jeudi=2018-06-14"},
        // Counts, measures, numbers of what the noun numbers, verbs.
        {"2020-03-10", "la ville 2000 habitants", ""},
        {"2020-03-10", "l'article 2004 du code civil", ""},
        {"2020-03-10", "les 1500 mètres", ""},
        {"2020-03-10", "un Mirage 2000 s'est écrasé", ""},
        {"2020-03-10", "la Peugeot 2008 est sortie", ""},
        {"2020-03-10", "Le club compte 2000 adhérents.", ""},
        {"2020-03-10", "Le club compte 2000.", ""},
        {"2020-03-10", "un budget 2000 €", ""},
        {"2020-03-10", "la taille 2000,5", ""},
        {"2020-03-10", "Il en reste environ 2000.", ""},
        {"2020-03-10", "Paris 2000 personnes", ""},
        {"2020-03-10", "la ville 2000 chevaux", ""},
        {"2020-03-10", "la course 2000 km", ""},
        {"2020-03-10", "la ferme 2000 ha", ""},
    });
    check_cut_anywhere({"le Mondial 2018", "la saison 2019-2020", "un budget 2000 €", "la taille 2000,5"},
                       PartialDate{2020, 3, 10});
}

TEST_CASE("a season's two years, and years before 1900 after en, depuis, dès", "[dates]") {
    check({
        {"2017-09-03", "la saison 2016/2017 a été bonne", "2016=2016 | 2017=2017"},
        {"2017-09-03", "la saison 2016/17 a été bonne", "2016=2016 | 17=2017"},
        {"2017-09-03", "depuis 2012/2013", "2012=2012 | 2013=2013"},
        // not the next year: no second mention
        {"2017-09-03", "la saison 2016/2019", "2016=2016"},
        {"2017-09-03", "la saison 2016/18", "2016=2016"},
        {"2017-09-03", "Le château a été bâti en 1717.", "1717=1717"},
        {"2017-09-03", "Le club existe depuis 1869.", "1869=1869"},
        {"2017-09-03", "dès 1789, la ville", "1789=1789"},
        // neither lends its year to the days and months after it
        {"2017-09-03", "Le théâtre, fondé en 1776, est fermé depuis le 16 mars.", "1776=1776 | 16 mars=2017-03-16"},
        {"2020-05-29", "La saison 2020/2021 reprendra avec des matchs en juillet.",
         "2020=2020 | 2021=2021 | juillet=2020-07"},
        // a count or a measure, or no "en"/"depuis"
        {"2017-09-03", "Le livre a été tiré en 1500 exemplaires.", ""},
        {"2017-09-03", "Il a couru en 1500 m.", ""},
        {"2017-09-03", "Il a fini en 1500 h de travail.", ""},
        {"2017-09-03", "Le pont a été ouvert en 1869 à Paris.", "1869=1869"},
        {"2017-09-03", "Le pont construit en 1869 a été détruit.", "1869=1869"},
        {"2017-09-03", "Le prix est passé en 1500 €.", ""},
        {"2017-09-03", "Le prix est passé en 1500,5.", ""},
        {"2017-09-03", "la saison 1717", ""},
        {"2017-09-03", "vers 1717", ""},
        {"2017-09-03", "en 999", ""},
    });
    check_cut_anywhere({"la saison 2016/2017", "la saison 2016/17", "bâti en 1717 m"}, PartialDate{2017, 9, 3});
}
