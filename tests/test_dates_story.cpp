// The story's day of common/dates_story.cpp (issue 3): "la veille", "le lendemain", "l'avant-veille", "le
// surlendemain", "au lendemain de ...", counted from the day the sentence names or from the dispatch day;
// each form with the cases it must leave alone.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "date_cases.hpp"
#include "dates.hpp"

using namespace depeche;
using namespace depeche::date_cases;

// 2016-11-07 is a Monday.

TEST_CASE("la veille: the day before the sentence's day, else the dispatch's", "[dates]") {
    check({
        {"2016-11-07", "Les Bourses ont salué lundi l'accord conclu la veille à Bruxelles.",
         "lundi=2016-11-07 | la veille=2016-11-06"},
        {"2016-11-07", "Les Bourses ont salué l'accord conclu la veille à Bruxelles.", "la veille=2016-11-06"},
        {"2016-11-07", "La veille, 116 établissements avaient été touchés.", "La veille=2016-11-06"},
        {"2016-11-07", "19 décès, soit trois de plus que la veille.", "la veille=2016-11-06"},
        {"2016-11-07", "Condamné le 3 mai, il avait été arrêté la veille.", "3 mai=2016-05-03 | la veille=2016-05-02"},
        {"2016-11-07", "Il est arrivé le 3 mai ; il avait quitté Rome l'avant-veille.",
         "3 mai=2016-05-03 | l'avant-veille=2016-05-01"},
        {"2016-11-07", "Il est arrivé le 3 mai ; il avait quitté Rome l’avant-veille.",
         "3 mai=2016-05-03 | l’avant-veille=2016-05-01"},
        // "M." opens no sentence: vendredi is still the sentence's day.
        {"2016-11-07", "Paris a accueilli vendredi M. Obama, arrivé la veille au soir.",
         "vendredi=2016-11-04 | la veille=2016-11-03"},
        // The sentence before is the background, not the story's day: the dispatch's.
        {"2016-11-07", "Il y avait 949 cas samedi. Il y en a trois de plus que la veille.",
         "samedi=2016-11-05 | la veille=2016-11-06"},
        // not the story's day
        {"2016-11", "Les Bourses ont salué l'accord conclu la veille.", ""},
        {"2016-11-07", "L'agence assure la veille sanitaire du pays.", ""},
        {"2016-11-07", "L'ordinateur est en veille.", ""},
        {"2016-11-07", "Le pays vote à la veille des élections.", ""},
        {"2016-11-07", "Il a été arrêté la veille de son procès.", ""},
        {"2016-11-07", "Il a été arrêté la veille d'un procès.", ""},
    });
}

TEST_CASE("le lendemain: the day after a day named in the sentence or the one before", "[dates]") {
    check({
        {"2016-11-07", "Il a été arrêté le 3 mai et libéré le lendemain.",
         "3 mai=2016-05-03 | le lendemain=2016-05-04"},
        {"2016-11-07", "Il a été arrêté le 3 mai. Il a été libéré le lendemain matin.",
         "3 mai=2016-05-03 | le lendemain=2016-05-04"},
        {"2016-11-07", "Le Lendemain, lundi 7, la ville était calme.", "lundi 7=2016-11-07"},
        {"2016-11-07", "Le procès s'ouvrira le 3 mai et le verdict est attendu le surlendemain.",
         "3 mai=2017-05-03 | le surlendemain=2017-05-05"},
        {"2016-11-07", "Le cambriolage a eu lieu dimanche. Le gérant a porté plainte le lendemain.",
         "dimanche=2016-11-06 | le lendemain=2016-11-07"},
        // no day to count from: the dispatch's morrow would be "demain"
        {"2016-11-07", "Il a été libéré le lendemain.", ""},
        {"2016-11-07", "Il est arrivé le 3 mai. Il a dormi. Il a été libéré le lendemain.", "3 mai=2016-05-03"},
        {"2016-11-07", "Il a changé d'avis du jour au lendemain.", ""},
        {"2016-11-07", "Il est parti le 3 mai, le lendemain de son arrivée.", "3 mai=2016-05-03"},
        {"2016-11-07", "des lendemains qui chantent", ""},
    });
}

TEST_CASE("au lendemain de: the sentence's day, or the dispatch's in the lead", "[dates]") {
    check({
        {"2016-11-07", "La société a contesté lundi les faits, au lendemain de la suspension de son agrément.",
         "lundi=2016-11-07 | lendemain=2016-11-07"},
        {"2016-11-07", "La décision a été notifiée vendredi, au lendemain de la divulgation du rapport.",
         "vendredi=2016-11-04 | lendemain=2016-11-04"},
        {"2016-11-07", "Au lendemain de la victoire de la gauche, le président a reçu ses ministres.",
         "lendemain=2016-11-07"},
        {"2016-11-07", "Au lendemain du vote, le président a reçu ses ministres.", "lendemain=2016-11-07"},
        {"2016-11-07", "Au lendemain de l'incendie, la ville se réveille.", "lendemain=2016-11-07"},
        // after the lead, or without a day: as often a loose "after"
        {"2016-11-07", "Le président parle. Il avait jugé au lendemain du premier tour que le vote tenait.", ""},
        {"2016-11", "Au lendemain de la victoire de la gauche, le président a reçu ses ministres.", ""},
    });
}

TEST_CASE("the eve and morrow of a holiday stay the holiday's", "[dates]") {
    check({
        {"2016-11-07", "Il arrivera la veille de Noël.", "veille de Noël=2016-12-24"},
        {"2016-11-07", "Les soldes ouvriront le surlendemain de Noël.", "surlendemain de Noël=2016-12-27"},
    });
}

TEST_CASE("the story's day cut anywhere", "[dates]") {
    check_cut_anywhere({"Les Bourses ont salué lundi l'accord conclu la veille au soir.",
                        "Il est arrivé le 3 mai ; il avait quitté Rome l'avant-veille.",
                        "Il a été arrêté le 3 mai et libéré le surlendemain.",
                        "Au lendemain de la victoire, le président a reçu M. Dupont. La veille, il"},
                       PartialDate{2016, 11, 7});
}
