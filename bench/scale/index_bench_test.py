"""Tests of the indexing benchmark's engines on a small corpus written here (hermetic).

    python3 bench/scale/index_bench_test.py BUILD_DIR

kavosh-xapian-defaults (the Xapian-defaults baseline) must index what it can, count
what it cannot, and replace on a re-run; index-bench.sh must run all three engines on
the same articles and print one row for each.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = None  # set from the command line

ARTICLES = [
    {"id": "a1", "title": "جلسه شورای هماهنگی بانک‌ها", "published": "2025-04-25",
     "body": "جلسه شورای هماهنگی بانک‌های استان برگزار شد.\nگزارش عملکرد ارائه شد."},
    {"id": "a2", "title": "کارگاه آموزشی سوخت", "published": "2025-04-26",
     "body": "کارگاه آموزشی ویژه کاربران ثبت میزان سوخت برگزار شد.\nپایان کارگاه."},
    {"id": "b1", "title": "نمایشگاه کتاب استان", "published": "2025-05-01",
     "body": "نمایشگاه کتاب روز پنجشنبه افتتاح شد.\nبازدید تا ۱۵ خرداد ادامه دارد."},
]


def xapian_terms(db, prefix):
    """The terms of `db` that start with `prefix`, by xapian-delve."""
    out = subprocess.run(["xapian-delve", "-a", db], capture_output=True, text=True, check=True)
    return [t for t in out.stdout.split() if t.startswith(prefix)]


class XapianDefaultsTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.tool = os.path.join(BUILD, "bin", "kavosh-xapian-defaults")

    def tearDown(self):
        self.dir.cleanup()

    def run_tool(self, lines):
        path = os.path.join(self.dir.name, "in.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        db = os.path.join(self.dir.name, "db")
        r = subprocess.run([self.tool, path, db], capture_output=True, text=True, check=False)
        self.assertEqual(r.returncode, 0, r.stderr)
        return json.loads(r.stdout), db

    def test_indexes_good_lines_counts_bad_ones_and_replaces_on_rerun(self):
        good = [json.dumps(a, ensure_ascii=False) for a in ARTICLES]
        report, db = self.run_tool(good + ["{not json", '{"title": "no id"}', "", "[1]"])
        self.assertEqual(report["read"], 6)
        self.assertEqual(report["indexed"], 3)
        self.assertEqual(report["rejected"], 3)
        self.assertGreater(report["bytes"], 0)
        self.assertGreater(report["seconds"], 0)
        self.assertEqual(sorted(xapian_terms(db, "Q")), ["Qa1", "Qa2", "Qb1"])
        # Xapian's defaults: unstemmed words from title and body, no Kavosh prefixes.
        words = xapian_terms(db, "")
        self.assertIn("نمایشگاه", words)
        self.assertIn("سوخت", words)
        self.assertFalse([t for t in words if t.startswith("Z")])
        # The same ids again into a fresh run of the tool: it starts from an empty
        # database, and an id given twice is one document.
        report, db = self.run_tool(good + good[:1])
        self.assertEqual(report["indexed"], 4)
        out = subprocess.run(["xapian-delve", db], capture_output=True, text=True, check=True)
        self.assertIn("number of documents = 3", out.stdout)


class IndexBenchTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        corpus = os.path.join(self.dir.name, "shared", "corpora", "mini")
        os.makedirs(corpus)
        with open(os.path.join(corpus, "docs.jsonl"), "w", encoding="utf-8") as f:
            for a in ARTICLES:
                f.write(json.dumps(a, ensure_ascii=False) + "\n")

    def tearDown(self):
        self.dir.cleanup()

    def test_three_engines_on_the_same_articles(self):
        for tool in ("xapian-compact", "/usr/bin/time"):
            if shutil.which(tool) is None:
                self.skipTest(f"{tool} not installed")
        env = dict(os.environ, KAVOSH_SHARED=os.path.join(self.dir.name, "shared"),
                   KAVOSH_BENCH_DIR=os.path.join(self.dir.name, "work"))
        r = subprocess.run([os.path.join(HERE, "index-bench.sh"), BUILD, "40"], env=env,
                           capture_output=True, text=True, check=False)
        self.assertEqual(r.returncode, 0, r.stderr)
        rows = {}
        for line in r.stdout.splitlines():
            cells = [c.strip() for c in line.strip("|").split("|")]
            if len(cells) == 10 and cells[0] == "40":
                rows[cells[2]] = cells
        self.assertEqual(sorted(rows), ["fts5", "kavosh", "xapian-defaults"], r.stdout)
        for engine, cells in rows.items():
            self.assertGreaterEqual(float(cells[3]), 0, engine)  # wall seconds, a number
            self.assertEqual(cells[1], rows["kavosh"][1], engine)  # the same input
        # Each engine indexed all 40 articles and wrote something.
        work = os.path.join(self.dir.name, "work")
        for name in ("xapian-defaults", "fts5", "kavosh"):
            with open(os.path.join(work, f"{name}-40.json")) as f:
                report = json.load(f)
            self.assertEqual(report["indexed"], 40, name)
            if name != "kavosh":
                self.assertGreater(report["bytes"], 0, name)
        self.assertTrue(re.search(r"machine: \d+ cores", r.stdout), r.stdout)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: index_bench_test.py BUILD_DIR [unittest args]")
    BUILD = os.path.abspath(sys.argv.pop(1))
    unittest.main()
