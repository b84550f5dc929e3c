"""Tests of bench/scale/scale-corpus on a small corpus written here (hermetic).

    python3 bench/scale/scale_corpus_test.py
"""

import datetime
import importlib.machinery
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TOOL = os.path.join(HERE, "scale-corpus")


def load_tool():
    loader = importlib.machinery.SourceFileLoader("scale_corpus", TOOL)
    spec = importlib.util.spec_from_loader("scale_corpus", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


ARTICLES = [
    {"id": "a1", "title": "جلسه شورای هماهنگی بانک‌ها", "source": "alef",
     "body": "جلسه شورای هماهنگی بانک‌های استان برگزار شد.\nگزارش عملکرد ارائه شد.\nپایان.",
     "category": "اقتصاد", "tags": ["بانک"]},
    {"id": "a2", "title": "کارگاه آموزشی سوخت", "source": "alef",
     "body": "کارگاه آموزشی ویژه کاربران ثبت میزان سوخت برگزار شد."},
    {"id": "b1", "title": "نمایشگاه کتاب \"استان\"", "source": "be",
     "body": "نمایشگاه کتاب روز پنجشنبه افتتاح شد.\nبازدید از نمایشگاه تا ۱۵ خرداد ادامه دارد."},
    {"title": "", "body": "بی‌عنوان: کنار گذاشته می‌شود."},
]


class ScaleCorpusTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        corpus = os.path.join(self.dir.name, "corpora", "mini")
        os.makedirs(corpus)
        with open(os.path.join(corpus, "docs.jsonl"), "w", encoding="utf-8") as f:
            for a in ARTICLES:
                f.write(json.dumps(a, ensure_ascii=False) + "\n")
            f.write("{not json\n")

    def tearDown(self):
        self.dir.cleanup()

    def run_tool(self, *args):
        env = dict(os.environ, KAVOSH_SHARED=self.dir.name)
        return subprocess.run([sys.executable, TOOL, *args], env=env, capture_output=True,
                              text=True, check=False)

    def generate(self, count, seed=1):
        out = os.path.join(self.dir.name, f"out-{count}-{seed}.jsonl")
        r = self.run_tool("--out", out, "--count", str(count), "--seed", str(seed))
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out, "rb") as f:
            return f.read()

    def test_same_seed_same_bytes_other_seed_other_bytes(self):
        self.assertEqual(self.generate(200, 5), self.generate(200, 5))
        self.assertNotEqual(self.generate(200, 5), self.generate(200, 6))

    def test_articles_are_recombined_real_lines_with_fresh_ids_and_dates(self):
        lines = self.generate(300, 3).decode("utf-8").splitlines()
        self.assertEqual(len(lines), 300)
        real_lines = {s for a in ARTICLES if a["title"] for s in a["body"].split("\n")}
        real_titles = {a["title"] for a in ARTICLES if a["title"]}
        ids = set()
        jalali = 0
        for line in lines:
            a = json.loads(line)
            ids.add(a["id"])
            self.assertTrue(a["id"].startswith("scale-3-"))
            self.assertIn(a["title"], real_titles)
            self.assertIn(a["source"], {"alef", "be"})
            for part in a["body"].split("\n"):
                self.assertIn(part, real_lines)
            published = a["published"]
            if "/" in published:
                jalali += 1
                year = int(published[:4].translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")))
                self.assertIn(year, (1402, 1403, 1404))
            else:
                day = datetime.date.fromisoformat(published)
                self.assertTrue(datetime.date(2023, 3, 21) <= day <= datetime.date(2026, 3, 20))
        self.assertEqual(len(ids), 300)
        self.assertGreater(jalali, 30)

    def test_gregorian_to_jalali(self):
        tool = load_tool()
        self.assertEqual(tool.gregorian_to_jalali(2023, 3, 21), (1402, 1, 1))
        self.assertEqual(tool.gregorian_to_jalali(2025, 3, 20), (1403, 12, 30))  # leap year
        self.assertEqual(tool.gregorian_to_jalali(2025, 4, 25), (1404, 2, 5))
        self.assertEqual(tool.gregorian_to_jalali(2026, 3, 20), (1404, 12, 29))

    def test_no_corpus_is_an_error_with_a_message(self):
        env = dict(os.environ, KAVOSH_SHARED=os.path.join(self.dir.name, "absent"))
        r = subprocess.run([sys.executable, TOOL, "--out", os.devnull, "--count", "5"], env=env,
                           capture_output=True, text=True, check=False)
        self.assertEqual(r.returncode, 2)
        self.assertIn("no input corpus", r.stderr)


if __name__ == "__main__":
    unittest.main()
