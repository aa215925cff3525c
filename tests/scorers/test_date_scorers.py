"""timebank.py, recognizers.py and corpus_gold.py on hand-made inputs and predictions.

The expected counts were worked out by hand from data/ and predictions/; see the comments."""

import datetime as dt
import os
import unittest

from helpers import DATA, predictions, run
import corpus_gold
import recognizers
import timebank


class TimeBank(unittest.TestCase):
    def test_counts(self):
        res, out = run(timebank.main, "--data", DATA, "--predictions", predictions("timebank"))
        # gold calendar DATEs: hier, en juin, mercredi, jeudi (adjacent). Predicted: hier (right),
        # juin (partial overlap, wrong value), "mercredi jeudi" (one span over two: matches one, right),
        # 1998 (not annotated: FP), "mois" inside a DURATION and "aujourd'hui" = PRESENT_REF (neutral).
        self.assertEqual((res["gold"], res["pred"], res["tp"], res["fp"], res["fn"], res["right"], res["neutral"]),
                         (4, 4, 3, 1, 1, 2, 2))
        self.assertEqual(res["value_accuracy"], 0.5)
        self.assertIn("dates       4     4   3  75.0  75.0  75.0  50.0 (2/4)", out)

    def test_offsets_skip_tags_and_entities(self):
        _dct, text, timexes = timebank.read_tml(os.path.join(DATA, "fr-timebank", "Data", "2001-05-14-0001.tml"))
        s, e, _t, v = timexes[1]
        self.assertEqual((text[s:e], v), ("en juin", "2001-06"))
        self.assertIn("Gambetta & du quai", text)

    def test_missing_data_skips(self):
        res, out = run(timebank.main, "--data", os.path.join(DATA, "absent"))
        self.assertIsNone(res)
        self.assertIn("skipped:", out)


class Recognizers(unittest.TestCase):
    def test_counts(self):
        res, out = run(recognizers.main, "--data", DATA, "--predictions", predictions("recognizers"))
        # DateParser.json: "3 mai" right (past reading); the dotnet-unsupported case is left out;
        # "du 4 au 6 juin 2016" as 2016-06-04/2016-06-06 right (inclusive spoken end); vendredi as a
        # week: found, wrong.  DateTimeModel.json: "mars" inside "mars 2015" right, "demain" missed;
        # the time-only case is left out.
        self.assertEqual(res["DateParser.json"], {"cases": 3, "gold": 3, "found": 3, "right": 2})
        self.assertEqual(res["DateTimeModel.json"], {"cases": 1, "gold": 2, "found": 1, "right": 1})
        self.assertEqual(res["ALL"], {"cases": 4, "gold": 5, "found": 4, "right": 3})
        self.assertRegex(out, r"ALL\s+4\s+5\s+4\s+80.0\s+3\s+60.0")

    def test_intervals(self):
        d = dt.date
        self.assertEqual(recognizers.interval("2016-Q3"), (d(2016, 7, 1), d(2016, 9, 30)))
        self.assertEqual(recognizers.interval("2016-W45"), (d(2016, 11, 7), d(2016, 11, 13)))
        self.assertEqual(recognizers.interval("2010/2018"), (d(2010, 1, 1), d(2018, 12, 31)))
        self.assertEqual(recognizers.interval("197"), (d(1970, 1, 1), d(1979, 12, 31)))
        self.assertIsNone(recognizers.interval("2016-02-30"))
        self.assertEqual(recognizers.key("2016-SU"), "2016-SU")


class CorpusGold(unittest.TestCase):
    def test_counts(self):
        res, out = run(corpus_gold.main, "--gold", os.path.join(DATA, "corpus", "gold.jsonl"),
                       "--root", DATA, "--predictions", predictions("corpus_gold"))
        # persons: "Jean Yves Le Drian" = gold name up to the hyphen, "Le Drian" again = split entity (FP),
        # Merkel missed, "Francois Hollande" matches without the accent
        self.assertEqual(res["persons"], {"gold": 3, "pred": 3, "tp": 2})
        # places: "paris" (case), Allemagne (FP) for Berlin (FN), "Geneve" (accent)
        self.assertEqual(res["places"], {"gold": 3, "pred": 3, "tp": 2})
        # orgs: ONU and OMS through "also"; the OMS dispatch comes from a JSON Lines file
        self.assertEqual(res["orgs"], {"gold": 2, "pred": 2, "tp": 2})
        # dates: dimanche right; 2014 FP; "mardi et mercredi" overlaps both adjacent gold dates, takes
        # mercredi (larger overlap) with a wrong value, mardi missed
        self.assertEqual(res["dates"], {"gold": 3, "pred": 3, "tp": 2, "right": 1, "not_found": 0})
        self.assertIn("dates       3     3   2   66.7   66.7   66.7  33.3 (1/3)", out)

    def test_verbose_lists_errors(self):
        _res, out = run(corpus_gold.main, "--gold", os.path.join(DATA, "corpus", "gold.jsonl"),
                        "--root", DATA, "--predictions", predictions("corpus_gold"), "--verbose")
        self.assertIn("FP  person corpus/sample.txt:1: Le Drian", out)
        self.assertIn("FN  place  corpus/sample.txt:2: Berlin", out)

    def test_names(self):
        self.assertEqual(corpus_gold.norm_name("Jean-Yves  Le Drian"), corpus_gold.norm_name("jean yves le drian"))
        self.assertEqual(corpus_gold.norm_name("Côte d’Ivoire"), "cote d'ivoire")

    def test_missing_gold_skips(self):
        res, out = run(corpus_gold.main, "--gold", os.path.join(DATA, "absent.jsonl"))
        self.assertIsNone(res)
        self.assertIn("skipped: no gold file", out)


if __name__ == "__main__":
    unittest.main()
