"""scripts/eval-relevance end to end, hermetic: a tiny made-up collection in a temporary
../shared, and stand-in kavosh-indexer / kavosh-search programs that honour the
command-line contract of docs/interfaces.md with a trivial exact-word ranking.

Run: python3 -m unittest discover -s tests/relevance -p 'test_*.py'
"""

import json
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SCRIPT = os.path.join(ROOT, "scripts", "eval-relevance")

KAF = "\u0643"  # ARABIC LETTER KAF, as the archive writes it
BOOK = "\u0643\u062a\u0627\u0628"  # كتاب with Arabic kaf
MARKET = "\u0628\u0627\u0632\u0627\u0631"  # بازار: no yeh or kaf, same in both spellings
RAIN = "\u0628\u0627\u0631\u0627\u0646"  # باران
ZWNJ = "\u200c"  # ZERO WIDTH NON-JOINER

DOCS = [
    {"id": "d1", "title": BOOK, "body": f"{BOOK} {BOOK}"},
    {"id": "d2", "title": "", "body": BOOK},
    {"id": "d3", "title": "", "body": f"{MARKET} {MARKET}"},
    {"id": "d4", "title": "", "body": MARKET},
    {"id": "d5", "title": RAIN, "body": RAIN},
]
TOPICS = f"1\t{BOOK}\n2\t{MARKET}\n"
QRELS = "1 0 d1 1\n1 0 d2 1\n2 0 d3 1\n"

# Enough half-space words, plain words and numbers for every robustness group.
NEWS = [
    {"id": f"n{i}", "title": "", "body": body} for i, body in enumerate([
        f"می{ZWNJ}شود کتاب{ZWNJ}های رئیس{ZWNJ}جمهور ویروس کرونا سال ۹۸ تأکید مسئولان",
        f"می{ZWNJ}کند تحریم{ZWNJ}ها بین{ZWNJ}المللی ایران کشور سال ۹۹",
        f"میشود کتابهای رئیس جمهور ویروس کرونا سال 98 تاکید",
    ])]

# The stand-ins. The database is a directory holding the JSONL it was given.
FAKE_INDEXER = textwrap.dedent("""\
    #!/usr/bin/env python3
    import json, os, shutil, sys
    db = sys.argv[sys.argv.index("--db") + 1]
    os.makedirs(db, exist_ok=True)
    shutil.copy(sys.argv[-1], os.path.join(db, "docs.jsonl"))
    n = sum(1 for line in open(sys.argv[-1], encoding="utf-8") if line.strip())
    print(json.dumps({"read": n, "indexed": n, "updated": 0, "duplicates": 0,
                      "rejected": 0, "documents": n}))
    """)
FAKE_SEARCH = textwrap.dedent("""\
    #!/usr/bin/env python3
    import json, os, sys
    args = sys.argv[1:]
    def option(name, default=None):
        return args[args.index(name) + 1] if name in args else default
    db = option("--db")
    docs = [json.loads(l) for l in open(os.path.join(db, "docs.jsonl"), encoding="utf-8")]
    def search(query):
        words = query.split()
        scored = []
        for d in docs:
            s = sum(d["title"].split().count(w) * 2 + d["body"].split().count(w) for w in words)
            if s:
                scored.append((d["id"], float(s)))
        scored.sort(key=lambda r: (-r[1], r[0]))
        if os.environ.get("FAKE_KAVOSH_DEGRADE"):
            scored = [(d, float(len(scored) - i)) for i, (d, _) in enumerate(reversed(scored))]
        return scored
    if "--topics" in args:
        depth = int(option("--depth", "100"))
        with open(option("--run"), "w", encoding="utf-8") as out:
            for line in open(option("--topics"), encoding="utf-8"):
                qid, query = line.rstrip("\\n").split("\\t")
                for rank, (d, s) in enumerate(search(query)[:depth], 1):
                    out.write(f"{qid} Q0 {d} {rank} {s} kavosh\\n")
    else:
        hits = search(args[-1])[:int(option("--per-page", "10"))]
        print(json.dumps({"query": args[-1], "total": len(hits), "took_ms": 0.5,
                          "hits": [{"id": d, "score": s} for d, s in hits]}))
    """)


class RunnerTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.shared = os.path.join(self.tmp.name, "shared")
        self.build = os.path.join(self.tmp.name, "build")
        self.out = os.path.join(self.tmp.name, "out")
        ham = os.path.join(self.shared, "corpora", "hamshahri")
        news = os.path.join(self.shared, "corpora", "iranian-news")
        os.makedirs(ham)
        os.makedirs(news)
        self.write(os.path.join(ham, "docs.jsonl"), "".join(
            json.dumps(d, ensure_ascii=False) + "\n" for d in DOCS))
        self.write(os.path.join(ham, "topics-dev.tsv"), TOPICS)
        self.write(os.path.join(ham, "qrels-dev.txt"), QRELS)
        self.write(os.path.join(news, "docs.jsonl"), "".join(
            json.dumps(d, ensure_ascii=False) + "\n" for d in NEWS))
        self.baseline = os.path.join(self.tmp.name, "baseline.json")
        self.write(self.baseline, json.dumps({
            "tolerance": 0.01, "kavosh": {"archive": {"map": 1.0}, "persian": {"map": 0.5}}}))

    def write(self, path, text):
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)

    def install_fakes(self):
        os.makedirs(os.path.join(self.build, "bin"))
        for name, text in (("kavosh-indexer", FAKE_INDEXER), ("kavosh-search", FAKE_SEARCH)):
            path = os.path.join(self.build, "bin", name)
            self.write(path, text)
            os.chmod(path, 0o755)

    def run_script(self, *args, shared=None, degrade=False):
        env = dict(os.environ, KAVOSH_SHARED=shared or self.shared)
        env.pop("FAKE_KAVOSH_DEGRADE", None)
        if degrade:
            env["FAKE_KAVOSH_DEGRADE"] = "1"
        return subprocess.run([sys.executable, SCRIPT, "--build", self.build, "--out", self.out,
                               *args], capture_output=True, text=True, env=env, timeout=300)

    def summary(self):
        with open(os.path.join(self.out, "relevance.json"), encoding="utf-8") as f:
            return json.load(f)

    def test_without_shared_data_it_skips(self):
        missing = os.path.join(self.tmp.name, "nowhere")
        done = self.run_script("--short", shared=missing)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("skipping", done.stderr)
        done = self.run_script("--short", "--check", self.baseline, shared=missing)
        self.assertEqual(done.returncode, 77, done.stderr)

    def test_without_kavosh_the_peer_runs_alone_and_the_gate_skips(self):
        done = self.run_script("--short")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("not built", done.stderr)
        self.assertEqual(list(self.summary()["results"]), ["fts5"])
        done = self.run_script("--short", "--check", self.baseline)
        self.assertEqual(done.returncode, 77, done.stderr)

    def test_gate_passes_at_the_baseline(self):
        self.install_fakes()
        done = self.run_script("--short", "--check", self.baseline)
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        results = self.summary()["results"]
        self.assertEqual(results["kavosh"]["archive"]["map"], 1.0)
        # Topic 1 is written with Arabic kaf; typed with a Persian keyboard the
        # exact-word stand-in finds nothing for it.
        self.assertEqual(results["kavosh"]["persian"]["map"], 0.5)
        self.assertEqual(results["kavosh"]["persian"]["topics_without_hits"], ["1"])
        self.assertIn("MAP archive: 1.0000, baseline 1.0000", done.stdout)
        with open(os.path.join(self.out, "topics-persian.tsv"), encoding="utf-8") as f:
            self.assertNotIn(KAF, f.read())

    def test_gate_fails_on_a_regression(self):
        self.install_fakes()
        done = self.run_script("--short", "--check", self.baseline, degrade=True)
        self.assertEqual(done.returncode, 1, done.stdout + done.stderr)
        self.assertIn("MAP archive: 0.7500, baseline 1.0000 (tolerance 0.01): REGRESSION",
                      done.stdout)

    def test_unreadable_baseline_is_an_error(self):
        self.install_fakes()
        done = self.run_script("--short", "--check", os.path.join(self.tmp.name, "none.json"))
        self.assertEqual(done.returncode, 2, done.stdout + done.stderr)
        self.assertIn("cannot read the baseline", done.stderr)

    def test_full_run_has_both_engines_latency_and_robustness(self):
        self.install_fakes()
        done = self.run_script()
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        summary = self.summary()
        self.assertEqual(sorted(summary["results"]), ["fts5", "kavosh"])
        self.assertEqual(summary["results"]["kavosh"]["archive"]["latency_source"],
                         "--json took_ms")
        self.assertEqual(summary["results"]["kavosh"]["archive"]["latency_ms"], 0.5)
        self.assertEqual(summary["results"]["fts5"]["archive"]["map"], 1.0)
        self.assertIn("zwnj-joined", summary["robustness"]["kavosh"]["classes"])
        self.assertIn("zwnj-joined", summary["robustness"]["fts5"]["classes"])
        self.assertFalse([w for w in summary["warnings"] if "differ" in w], summary["warnings"])
        self.assertIn("spelling robustness", done.stdout)
        for name in ("run-kavosh-archive.txt", "run-kavosh-persian.txt",
                     "run-fts5-archive.txt", "run-fts5-persian.txt"):
            self.assertTrue(os.path.isfile(os.path.join(self.out, name)), name)


if __name__ == "__main__":
    unittest.main()
