"""Tables of spelling transforms and the overlap score of bench/relevance/robustness.py.

Run: python3 -m unittest discover -s tests/relevance -p 'test_*.py'
"""

import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "bench", "relevance"))
import fts5_peer  # noqa: E402
import robustness  # noqa: E402
import spelling  # noqa: E402

ZWNJ = "\u200c"  # ZERO WIDTH NON-JOINER


class SpellingTest(unittest.TestCase):
    def table(self, function, rows):
        for given, expected in rows:
            with self.subTest(given=given):
                self.assertEqual(function(given), expected)

    def test_persian_keyboard(self):
        self.table(spelling.persian_keyboard, [
            ("\u0643\u062a\u0627\u0628", "\u06a9\u062a\u0627\u0628"),  # كتاب -> کتاب
            ("\u0645\u064a \u0643\u0646\u062f", "\u0645\u06cc \u06a9\u0646\u062f"),  # مي كند
            ("\u0628\u0627\u0632\u0627\u0631", "\u0628\u0627\u0632\u0627\u0631"),  # بازار
            ("\u0649", "\u0649"),  # ALEF MAKSURA is not a keyboard difference: kept
        ])

    def test_arabic_letters(self):
        self.table(spelling.arabic_letters, [
            ("\u06a9\u0634\u0648\u0631", "\u0643\u0634\u0648\u0631"),  # کشور -> كشور
            ("\u0627\u06cc\u0631\u0627\u0646", "\u0627\u064a\u0631\u0627\u0646"),  # ایران
        ])

    def test_digits(self):
        self.table(lambda t: spelling.with_digits(t, "ascii"), [
            ("\u06f1\u06f4\u06f0\u06f4", "1404"),  # ۱۴۰۴
            ("\u0661\u0664\u0660\u0664", "1404"),  # ١٤٠٤
            ("COVID-19", "COVID-19"),
        ])
        self.table(lambda t: spelling.with_digits(t, "persian"), [
            ("98", "\u06f9\u06f8"),
            ("\u0669\u0668", "\u06f9\u06f8"),
        ])
        self.table(lambda t: spelling.with_digits(t, "arabic-indic"), [
            ("\u06f2\u06f0", "\u0662\u0660"),
        ])

    def test_zwnj(self):
        word = f"\u0645\u06cc{ZWNJ}\u0634\u0648\u062f"  # می‌شود
        self.assertEqual(spelling.zwnj_joined(word), "\u0645\u06cc\u0634\u0648\u062f")
        self.assertEqual(spelling.zwnj_spaced(word), "\u0645\u06cc \u0634\u0648\u062f")

    def test_tatweel_goes_after_a_joining_letter(self):
        self.table(spelling.with_tatweel, [
            ("\u06a9\u0634\u0648\u0631", "\u06a9\u0640\u0634\u0648\u0631"),  # کـشور
            # ALEF does not join forward: the tatweel goes after the next joining letter.
            ("\u0627\u06cc\u0631\u0627\u0646", "\u0627\u06cc\u0640\u0631\u0627\u0646"),  # ایـران
            ("98", "98"),
        ])

    def test_diacritics(self):
        self.table(spelling.with_diacritics, [
            ("\u06a9\u0634\u0648\u0631", "\u06a9\u064e\u0634\u0648\u0631"),  # کَشور
            ("\u0633\u0627\u0644", "\u0633\u0627\u0644"),  # سال: a long vowel follows, kept
            ("\u0628\u0645", "\u0628\u0645"),  # two letters: kept
        ])

    def test_hamza(self):
        self.assertEqual(spelling.hamza_dropped("\u062a\u0623\u0645\u06cc\u0646"),
                         "\u062a\u0627\u0645\u06cc\u0646")  # تأمین -> تامین
        self.assertEqual(spelling.hamza_waw("\u0645\u0633\u0626\u0648\u0644"),
                         "\u0645\u0633\u0624\u0648\u0644")  # مسئول -> مسؤول


class VariantsTest(unittest.TestCase):
    def test_classes_apply_only_when_they_change_the_query(self):
        word = f"\u06a9\u062a\u0627\u0628{ZWNJ}\u0647\u0627"  # کتاب‌ها
        forms = robustness.variants(word)
        self.assertEqual(sorted(forms), ["arabic-letters", "diacritics", "tatweel",
                                         "zwnj-joined", "zwnj-spaced"])
        self.assertEqual(forms["zwnj-spaced"], "\u06a9\u062a\u0627\u0628 \u0647\u0627")

    def test_digit_classes_are_the_other_scripts(self):
        forms = robustness.variants("\u0633\u0627\u0644 \u06f9\u06f8")  # سال ۹۸
        self.assertEqual(forms["digits-ascii"], "\u0633\u0627\u0644 98")
        self.assertEqual(forms["digits-arabic-indic"], "\u0633\u0627\u0644 \u0669\u0668")
        self.assertNotIn("digits-persian", forms)

    def test_overlap(self):
        self.assertEqual(robustness.overlap([], []), 1.0)
        self.assertEqual(robustness.overlap(["a", "b"], ["b", "a"]), 1.0)
        self.assertEqual(robustness.overlap(["a", "b"], []), 0.0)
        self.assertEqual(robustness.overlap(["a", "b", "c", "d"], ["a", "b"]), 0.5)
        self.assertEqual(robustness.overlap(["a"], ["a", "x"]), 0.5)

    def test_measure_averages_per_class(self):
        def search(text):
            return ["d1", "d2"] if ZWNJ in text or " " not in text else ["d1"]
        word = f"\u0645\u06cc{ZWNJ}\u0634\u0648\u062f"  # می‌شود
        report = robustness.measure([{"query": word, "group": "verb-prefix"}], search)
        self.assertEqual(report["classes"]["zwnj-joined"], {"mean": 1.0, "queries": 1})
        self.assertEqual(report["classes"]["zwnj-spaced"], {"mean": 0.5, "queries": 1})
        self.assertEqual(report["queries"][0]["hits"], 2)


class SelectionTest(unittest.TestCase):
    def test_selection_is_deterministic_and_grouped(self):
        plural = f"\u062a\u062d\u0631\u06cc\u0645{ZWNJ}\u0647\u0627"  # تحریم‌ها
        verb = f"\u0645\u06cc{ZWNJ}\u0634\u0648\u062f"  # می‌شود
        country = "\u06a9\u0634\u0648\u0631"  # کشور
        year = "\u0633\u0627\u0644 \u06f9\u06f8"  # سال ۹۸
        docs = [{"id": str(i), "body": f"{verb} {plural} {country} {year}"} for i in range(3)]
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "docs.jsonl")
            with open(path, "w", encoding="utf-8") as f:
                for d in docs:
                    f.write(json.dumps(d, ensure_ascii=False) + "\n")
            first = robustness.select_queries(path)
            self.assertEqual(first, robustness.select_queries(path))
        chosen = {q["query"]: q["group"] for q in first}
        self.assertEqual(chosen[verb], "verb-prefix")
        self.assertEqual(chosen[plural], "plural")
        self.assertEqual(chosen[country], "word")
        self.assertEqual(chosen[year], "with-number")


class Fts5QueryTest(unittest.TestCase):
    def test_words_are_quoted_and_or_ed(self):
        self.assertEqual(fts5_peer.build_query("a b"), '"a" OR "b"')
        self.assertEqual(fts5_peer.build_query('a "b', "and"), '"a" AND """b"')
        self.assertEqual(fts5_peer.build_query("a b", "phrase"), '"a b"')
        self.assertIsNone(fts5_peer.build_query("  "))

    def test_peer_ranks_title_and_body(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "docs.jsonl")
            with open(path, "w", encoding="utf-8") as f:
                f.write(json.dumps({"id": "x", "title": "rain", "body": "rain rain"}) + "\n")
                f.write(json.dumps({"id": "y", "title": "", "body": "sun and rain"}) + "\n")
                f.write(json.dumps({"id": "z", "title": "sun", "body": "sun"}) + "\n")
            with fts5_peer.Fts5Peer.build(path) as peer:
                hits = peer.search("rain OR", depth=10)
                self.assertEqual([d for d, _ in hits], ["x", "y"])
                self.assertGreater(hits[0][1], hits[1][1])
                self.assertEqual(peer.search("", depth=10), [])


if __name__ == "__main__":
    unittest.main()
