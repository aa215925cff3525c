"""hipe.py and bio.py on hand-made token files and hand-made predictions.

The expected counts were worked out by hand from data/ and predictions/; see the comments."""

import os
import unittest

from helpers import DATA, predictions, run
import bio
import hipe
import scoring


def counts(row):
    return row["gold"], row["pred"], row["strict_tp"], row["fuzzy_tp"]


class Hipe(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.res, cls.out = run(hipe.main, "--data", DATA, "--predictions", predictions("hipe"))

    def test_rebuilt_text(self):
        # NoSpaceAfter, EndOfLine and the "¬" hyphenation mark
        docs = hipe.read_tsv(os.path.join(DATA, "hipe2022-fr", "tiny-a-fr.tsv"))
        self.assertEqual(hipe.rebuild(docs[1]["tokens"])[0],
                         "Le train entre Paris Londres passe\npar Marseille et le journal Le Temps.")
        self.assertEqual(hipe.dispatch_date(docs[1]["date"]), "1900-01")  # "NA"
        # NoSpaceAfter that would glue words is a lost line break; "l" + "’" + "hui" still join
        toks = [("de", "NoSpaceAfter"), ("France", "NoSpaceAfter"), (".", "NoSpaceAfter"), ("Le", "_"),
                ("l", "NoSpaceAfter"), ("’", "NoSpaceAfter"), ("an", "_")]
        self.assertEqual(hipe.rebuild(toks)[0], "de\nFrance.\nLe l’an")

    def test_file_a(self):
        r = self.res["tiny-a-fr.tsv"]
        # pers: gold "M. Paul Durand", predicted "Paul Durand" (partial overlap)
        self.assertEqual(counts(r["pers"]), (1, 1, 0, 1))
        # loc: gold Lyon, Paris, Londres, Marseille; predicted Lyon (exact), "Paris Londres" (one span over
        # two adjacent entities), Marseille (exact, across the hyphenated line end), "Société Générale" (wrong type)
        self.assertEqual(counts(r["loc"]), (4, 4, 2, 3))
        # org: gold Société Générale (predicted as a place); predicted "Le Temps" over a gold prod (ignored type)
        self.assertEqual(counts(r["org"]), (1, 1, 0, 0))
        # time: gold "3 mars", predicted "le 3 mars"
        self.assertEqual(counts(r["time"]), (1, 1, 0, 1))
        self.assertEqual(counts(r["ALL"]), (6, 6, 2, 4))
        self.assertEqual(r["ALL"]["strict"], scoring.prf(2, 6, 6))
        self.assertIn("ALL(pers+loc+org)     6     6      33.3  33.3  33.3     66.7   66.7   66.7", self.out)

    def test_unannotated_type_is_not_scored(self):
        r = self.res["tiny-b-fr.tsv"]
        self.assertEqual(counts(r["pers"]), (1, 1, 1, 1))
        self.assertEqual(counts(r["time"]), (0, 0, 0, 0))  # the predicted 1850 is dropped: no time in this file
        self.assertRegex(self.out, r"time\s+n/a\s+0\s+-")

    def test_missing_data_skips(self):
        res, out = run(hipe.main, "--data", os.path.join(DATA, "absent"))
        self.assertIsNone(res)
        self.assertTrue(out.startswith("skipped: no HIPE-2022 TSV files in"))


class Bio(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.res, cls.out = run(bio.main, "--data", DATA, "--predictions", predictions("bio"))

    def test_europeana(self):
        r = self.res["europeana"]
        self.assertEqual(counts(r["PER"]), (1, 1, 1, 1))  # Jean Martin, exact
        # gold Rennes, Brest (IOB1 B-LOC: touching); predicted "Rennes Brest" and "France" (inside the org)
        self.assertEqual(counts(r["LOC"]), (2, 2, 0, 1))
        self.assertEqual(counts(r["ORG"]), (1, 0, 0, 0))  # Banque de France missed
        self.assertEqual(counts(r["ALL"]), (4, 3, 1, 2))
        self.assertIn("ALL(PER+LOC+ORG)     4     3      33.3   25.0   28.6     66.7   50.0   57.1", self.out)

    def test_wikineural(self):
        r = self.res["wikineural"]
        self.assertEqual(counts(r["PER"]), (1, 1, 0, 1))  # "Curie" for "Marie Curie"
        self.assertEqual(counts(r["LOC"]), (2, 1, 1, 1))  # Varsovie exact, Pologne predicted as an org
        self.assertEqual(counts(r["ORG"]), (1, 2, 1, 1))  # Institut du radium exact, Pologne wrong type
        self.assertEqual(counts(r["ALL"]), (4, 4, 2, 3))

    def test_detokenised_text(self):
        text, spans = bio.join_tokens(["à", "l'", "Institut", "(", "Pologne", ")", "."])
        self.assertEqual(text, "à l'Institut (Pologne).")
        self.assertEqual(spans[2], (4, 12))

    def test_missing_data_skips(self):
        res, out = run(bio.main, "--data", os.path.join(DATA, "absent"))
        self.assertEqual(res, {})
        self.assertEqual(out.count("skipped:"), 2)


if __name__ == "__main__":
    unittest.main()
