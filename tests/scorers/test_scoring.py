"""The shared library: BIO decoding, greedy overlap matching, strict/fuzzy counts."""

import unittest

import helpers  # noqa: F401  (sets sys.path)
import scoring


class DecodeBio(unittest.TestCase):
    def test_iob2(self):
        self.assertEqual(scoring.decode_bio(["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-LOC"]),
                         [(0, 2, "PER"), (3, 4, "LOC"), (4, 6, "LOC")])

    def test_iob1_starts_at_i_and_splits_at_b(self):
        # IOB1 (Europeana): entities open with I-, B- only where two of one type touch
        self.assertEqual(scoring.decode_bio(["I-LOC", "B-LOC", "O", "I-ORG", "I-ORG"]),
                         [(0, 1, "LOC"), (1, 2, "LOC"), (3, 5, "ORG")])

    def test_type_change_and_junk(self):
        self.assertEqual(scoring.decode_bio(["I-PER", "I-LOC", "_", "B-", "I-org"]),
                         [(0, 1, "PER"), (1, 2, "LOC"), (4, 5, "org")])


class Matching(unittest.TestCase):
    def test_largest_overlap_wins(self):
        gold = [(0, 2), (3, 10)]
        pred = [(1, 8)]  # overlaps the first by 1, the second by 5
        self.assertEqual(scoring.match_greedy(gold, pred), [(1, 0)])

    def test_touching_spans_do_not_overlap(self):
        # half-open spans: "Paris" [0,5) and " Londres" [5,13) share no byte
        self.assertEqual(scoring.match_greedy([(0, 5)], [(5, 13)]), [])

    def test_one_to_one(self):
        gold = [(0, 5)]
        pred = [(0, 5), (0, 4)]
        self.assertEqual(scoring.match_greedy(gold, pred), [(0, 0)])

    def test_span_counts(self):
        c = scoring.SpanCounts()
        gold = [(0, 2, "pers"), (3, 4, "loc"), (4, 5, "loc"), (7, 9, "org")]
        pred = [(0, 2, "pers"),   # exact
                (3, 5, "loc"),    # covers two adjacent gold places: fuzzy credit for one
                (7, 8, "loc")]    # wrong type over the org: no credit at all
        c.add_document(gold, pred)
        self.assertEqual(c.row(["pers", "loc", "org"]),
                         {"gold": 4, "pred": 3, "strict_tp": 1, "fuzzy_tp": 2,
                          "strict": scoring.prf(1, 3, 4), "fuzzy": scoring.prf(2, 3, 4)})
        p, r, f = scoring.prf(2, 3, 4)
        self.assertEqual((p, r), (2 / 3, 0.5))
        self.assertAlmostEqual(f, 4 / 7)

    def test_prf_zero(self):
        self.assertEqual(scoring.prf(0, 0, 0), (0.0, 0.0, 0.0))


class Dates(unittest.TestCase):
    def test_calendar(self):
        for v in ["1999", "1999-05", "1999-05-17", "1999-W20", "2001-Q3", "196X", "196"]:
            self.assertTrue(scoring.is_calendar(v), v)
        for v in ["PRESENT_REF", "XXXX-SU", "1999-W20-WE", "1999-05-17TEV", "P3M", "1999-13"]:
            self.assertFalse(scoring.is_calendar(v), v)
        self.assertEqual(scoring.norm_timex("196X"), "196")


if __name__ == "__main__":
    unittest.main()
