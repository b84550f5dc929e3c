"""Hand-computed checks of bench/relevance/metrics.py (trec_eval conventions).

Run: python3 -m unittest discover -s tests/relevance -p 'test_*.py'
"""

import math
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "bench", "relevance"))
import metrics  # noqa: E402


def run_lines(*rows):
    """rows: (qid, docid, score) -> run file lines with a meaningless rank column."""
    return [f"{q} Q0 {d} 999 {s} test" for q, d, s in rows]


def qrels_lines(*rows):
    return [f"{q} 0 {d} {j}" for q, d, j in rows]


class OrderingTest(unittest.TestCase):
    def test_score_descending(self):
        run = metrics.parse_run(run_lines(("1", "a", 0.5), ("1", "b", 2.0), ("1", "c", 1.0)))
        self.assertEqual([d for d, _ in metrics.ranked(run["1"])], ["b", "c", "a"])

    def test_ties_broken_by_docid_descending(self):
        run = metrics.parse_run(run_lines(
            ("1", "d1", 2.0), ("1", "d2", 1.0), ("1", "d3", 1.0), ("1", "d4", 0.5)))
        self.assertEqual([d for d, _ in metrics.ranked(run["1"])], ["d1", "d3", "d2", "d4"])

    def test_tie_order_is_byte_order_not_numeric(self):
        # strcmp: "d9" > "d10" because '9' > '1'.
        run = metrics.parse_run(run_lines(("1", "d10", 1.0), ("1", "d9", 1.0)))
        self.assertEqual([d for d, _ in metrics.ranked(run["1"])], ["d9", "d10"])

    def test_rank_column_is_ignored(self):
        lines = ["1 Q0 a 1 0.1 t", "1 Q0 b 2 0.9 t"]
        run = metrics.parse_run(lines)
        qrels = metrics.parse_qrels(qrels_lines(("1", "b", 1)))
        _, mean = metrics.evaluate(qrels, run)
        self.assertEqual(mean["recip_rank"], 1.0)

    def test_tie_changes_average_precision(self):
        # d2 and d3 tie; d3 goes first, so the one relevant document d2 is at rank 3.
        run = metrics.parse_run(run_lines(
            ("1", "d1", 2.0), ("1", "d2", 1.0), ("1", "d3", 1.0), ("1", "d4", 0.5)))
        qrels = metrics.parse_qrels(qrels_lines(("1", "d2", 1)))
        per_topic, _ = metrics.evaluate(qrels, run)
        self.assertAlmostEqual(per_topic["1"]["map"], 1 / 3)
        self.assertAlmostEqual(per_topic["1"]["recip_rank"], 1 / 3)
        # nDCG@10: 1/log2(4) over the ideal 1/log2(2).
        self.assertAlmostEqual(per_topic["1"]["ndcg_cut_10"], 0.5)


class MeasuresTest(unittest.TestCase):
    def test_binary_topic(self):
        # Relevant: d1, d3, d5 retrieved at ranks 1, 3, 5; d9 never retrieved.
        run = metrics.parse_run(run_lines(*[("7", f"d{i}", 10 - i) for i in range(1, 6)]))
        qrels = metrics.parse_qrels(qrels_lines(
            ("7", "d1", 1), ("7", "d3", 1), ("7", "d5", 1), ("7", "d9", 1), ("7", "d2", 0)))
        t = metrics.evaluate(qrels, run)[0]["7"]
        self.assertAlmostEqual(t["map"], (1 / 1 + 2 / 3 + 3 / 5) / 4)  # 0.566667
        self.assertAlmostEqual(t["P_10"], 0.3)
        self.assertAlmostEqual(t["recip_rank"], 1.0)
        self.assertAlmostEqual(t["recall_100"], 0.75)
        dcg = 1 + 1 / math.log2(4) + 1 / math.log2(6)
        idcg = 1 + 1 / math.log2(3) + 1 / math.log2(4) + 1 / math.log2(5)
        self.assertAlmostEqual(t["ndcg_cut_10"], dcg / idcg)  # 1.886853 / 2.561607
        self.assertAlmostEqual(t["ndcg_cut_10"], 0.736590, places=6)

    def test_unjudged_documents_count_as_non_relevant(self):
        run = metrics.parse_run(run_lines(("1", "x", 3.0), ("1", "y", 2.0), ("1", "r", 1.0)))
        qrels = metrics.parse_qrels(qrels_lines(("1", "r", 1), ("1", "y", 0)))
        t = metrics.evaluate(qrels, run)[0]["1"]
        self.assertAlmostEqual(t["map"], 1 / 3)
        self.assertAlmostEqual(t["recip_rank"], 1 / 3)
        self.assertAlmostEqual(t["P_10"], 0.1)
        self.assertAlmostEqual(t["recall_100"], 1.0)

    def test_graded_judgments(self):
        # Gains 2, 1, 0, unjudged at ranks 1-4; a grade-3 document is not retrieved.
        run = metrics.parse_run(run_lines(
            ("1", "d1", 4.0), ("1", "d2", 3.0), ("1", "d3", 2.0), ("1", "d4", 1.0)))
        qrels = metrics.parse_qrels(qrels_lines(
            ("1", "d1", 2), ("1", "d2", 1), ("1", "d3", 0), ("1", "d5", 3)))
        t = metrics.evaluate(qrels, run)[0]["1"]
        dcg = 2 / math.log2(2) + 1 / math.log2(3)  # 2.630930
        idcg = 3 / math.log2(2) + 2 / math.log2(3) + 1 / math.log2(4)  # 4.761860
        self.assertAlmostEqual(t["ndcg_cut_10"], dcg / idcg)
        self.assertAlmostEqual(t["ndcg_cut_10"], 0.552500, places=6)
        # Every grade above 0 is simply "relevant" for the binary measures.
        self.assertAlmostEqual(t["map"], (1 + 1) / 3)
        self.assertAlmostEqual(t["P_10"], 0.2)
        self.assertAlmostEqual(t["recall_100"], 2 / 3)
        self.assertAlmostEqual(t["recip_rank"], 1.0)

    def test_ndcg_stops_at_ten(self):
        # The only relevant document at rank 11 earns nothing at cutoff 10.
        rows = [("1", f"n{i:02d}", 100 - i) for i in range(1, 11)] + [("1", "rel", 1)]
        run = metrics.parse_run(run_lines(*rows))
        qrels = metrics.parse_qrels(qrels_lines(("1", "rel", 1)))
        t = metrics.evaluate(qrels, run)[0]["1"]
        self.assertEqual(t["ndcg_cut_10"], 0.0)
        self.assertEqual(t["P_10"], 0.0)
        self.assertAlmostEqual(t["recip_rank"], 1 / 11)
        self.assertAlmostEqual(t["map"], 1 / 11)

    def test_recall_stops_at_hundred(self):
        rows = [("1", f"n{i:03d}", 1000 - i) for i in range(1, 101)] + [("1", "rel", 1)]
        run = metrics.parse_run(run_lines(*rows))
        qrels = metrics.parse_qrels(qrels_lines(("1", "rel", 1), ("1", "n050", 1)))
        t = metrics.evaluate(qrels, run)[0]["1"]
        self.assertAlmostEqual(t["recall_100"], 0.5)
        self.assertAlmostEqual(t["map"], (1 / 50 + 2 / 101) / 2)

    def test_max_docs_truncates_like_trec_eval_M(self):
        run = metrics.parse_run(run_lines(("1", "a", 2.0), ("1", "r", 1.0)))
        qrels = metrics.parse_qrels(qrels_lines(("1", "r", 1)))
        self.assertEqual(metrics.evaluate(qrels, run, max_docs=1)[1]["map"], 0.0)
        self.assertEqual(metrics.evaluate(qrels, run, max_docs=2)[1]["map"], 0.5)

    def test_topic_without_relevant_documents_scores_zero(self):
        run = metrics.parse_run(run_lines(("1", "a", 1.0)))
        qrels = metrics.parse_qrels(qrels_lines(("1", "a", 0)))
        t = metrics.evaluate(qrels, run)[0]["1"]
        self.assertEqual(t, {m: 0.0 for m in metrics.MEASURES})


class MeanTest(unittest.TestCase):
    def test_topics_missing_from_run_count_zero(self):
        run = metrics.parse_run(run_lines(("1", "a", 1.0), ("9", "z", 1.0)))
        qrels = metrics.parse_qrels(qrels_lines(("1", "a", 1), ("2", "b", 1)))
        per_topic, mean = metrics.evaluate(qrels, run)
        self.assertEqual(sorted(per_topic), ["1", "2"])  # topic 9 is not judged: ignored
        self.assertEqual(per_topic["2"], {m: 0.0 for m in metrics.MEASURES})
        self.assertAlmostEqual(mean["map"], 0.5)
        self.assertAlmostEqual(mean["P_10"], 0.05)
        self.assertAlmostEqual(mean["ndcg_cut_10"], 0.5)
        self.assertAlmostEqual(mean["recip_rank"], 0.5)
        self.assertAlmostEqual(mean["recall_100"], 0.5)

    def test_empty_run(self):
        qrels = metrics.parse_qrels(qrels_lines(("1", "a", 1)))
        self.assertEqual(metrics.evaluate(qrels, {})[1]["map"], 0.0)

    def test_topics_ordered_numerically(self):
        qrels = metrics.parse_qrels(qrels_lines(("10", "a", 1), ("9", "a", 1), ("x", "a", 1)))
        self.assertEqual(list(metrics.evaluate(qrels, {})[0]), ["9", "10", "x"])


class FormatTest(unittest.TestCase):
    def test_duplicate_document_in_run_is_an_error(self):
        with self.assertRaisesRegex(metrics.FormatError, "run:2: document a retrieved twice"):
            metrics.parse_run(run_lines(("1", "a", 1.0), ("1", "a", 0.5)))

    def test_same_document_for_two_topics_is_fine(self):
        run = metrics.parse_run(run_lines(("1", "a", 1.0), ("2", "a", 1.0)))
        self.assertEqual(len(run), 2)

    def test_bad_lines(self):
        with self.assertRaisesRegex(metrics.FormatError, "expected 6 fields"):
            metrics.parse_run(["1 Q0 a 1 2.0"])
        with self.assertRaisesRegex(metrics.FormatError, "not a number"):
            metrics.parse_run(["1 Q0 a 1 high t"])
        with self.assertRaisesRegex(metrics.FormatError, "not finite"):
            metrics.parse_run(["1 Q0 a 1 nan t"])
        with self.assertRaisesRegex(metrics.FormatError, "expected 4 fields"):
            metrics.parse_qrels(["1 a 1"])
        with self.assertRaisesRegex(metrics.FormatError, "judged twice"):
            metrics.parse_qrels(["1 0 a 1", "1 0 a 0"])

    def test_blank_lines_are_skipped(self):
        self.assertEqual(metrics.parse_qrels(["", "1 0 a 1", "  "]), {"1": {"a": 1}})

    def test_write_run_round_trip(self):
        run = {"2": [("b", 1.0), ("a", 1.0), ("c", 3.5)], "1": [("x", 0.25)]}
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "run.txt")
            metrics.write_run(path, run, "peer")
            with open(path, encoding="utf-8") as f:
                lines = f.read().splitlines()
            self.assertEqual(lines, [
                "1 Q0 x 1 0.250000 peer",
                "2 Q0 c 1 3.500000 peer",
                "2 Q0 b 2 1.000000 peer",
                "2 Q0 a 3 1.000000 peer",
            ])
            self.assertEqual(metrics.read_run(path)["2"][0], ("c", 3.5))


if __name__ == "__main__":
    unittest.main()
