"""The relevance evaluation behind scripts/eval-relevance (docs/relevance.md).

Kavosh and the SQLite FTS5 peer each index a corpus of ../shared, run its topics in two
spellings (as given, and as typed on a Persian keyboard), and are scored with
metrics.py; the full run also measures spelling robustness (robustness.py). One table
on standard output, everything in OUT/relevance.json.

Exit status: 0 done, 1 --check found a regression, 2 error, 77 --check could not run
(no ../shared, or Kavosh not built): CTest reports 77 as a skipped test.
"""

import argparse
import datetime
import json
import os
import platform
import sys
import time

import fts5_peer
import kavosh
import metrics
import robustness
import spelling

EXIT_REGRESSION = 1
EXIT_ERROR = 2
EXIT_SKIP = 77

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SPELLINGS = {
    "archive": lambda text: text,  # as the topics file has it: Arabic yeh and kaf
    "persian": spelling.persian_keyboard,  # yeh and kaf as a Persian keyboard types them
}
ROBUSTNESS_CORPUS = "iranian-news"
# kavosh-search --topics treats a topic as a description: any word may match and the
# query is expanded from the top results. The --json pass asks for the same.
TOPIC_OPTIONS = ("--match", "any", "--expand")
DEFAULT_TOLERANCE = 0.01


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="eval-relevance",
        description="Relevance of Kavosh and the SQLite FTS5 peer on a shared test "
                    "collection (MAP, nDCG@10, P@10, MRR, R@100), and spelling robustness.")
    p.add_argument("--build", default=os.path.join(ROOT, "build"),
                   help="build directory with bin/kavosh-indexer and bin/kavosh-search "
                        "(default: %(default)s)")
    p.add_argument("--corpus", default="hamshahri",
                   help="folder of ../shared/corpora with docs.jsonl, topics-dev.tsv and "
                        "qrels-dev.txt (default: %(default)s)")
    p.add_argument("--out", help="directory for indexes, run files and relevance.json "
                                 "(default: BUILD/relevance)")
    p.add_argument("--short", action="store_true",
                   help="what the MAP gate needs: no per-query latency pass, no robustness")
    p.add_argument("--check", metavar="BASELINE",
                   help="fail if Kavosh's MAP in either spelling is more than the "
                        "baseline's tolerance below its recorded figure")
    p.add_argument("--engines", default="kavosh,fts5",
                   help="comma-separated subset of kavosh,fts5 (default: %(default)s)")
    p.add_argument("--no-robustness", action="store_true", help="skip the robustness test")
    p.add_argument("--fts5-query", choices=fts5_peer.QUERY_MODES, default="or",
                   help="how the FTS5 peer combines query words (default: %(default)s)")
    p.add_argument("--depth", type=int, default=100, help="results per topic (default: 100)")
    p.add_argument("--reuse-index", action="store_true",
                   help="keep Kavosh databases already in OUT (only when they are current)")
    return p.parse_args(argv)


def shared_dir():
    return os.path.normpath(os.environ.get("KAVOSH_SHARED") or os.path.join(ROOT, "..", "shared"))


def read_topics(path):
    topics = {}
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            qid, sep, query = line.partition("\t")
            if not sep:
                raise metrics.FormatError(f"{path}:{number}: expected qid<TAB>query")
            topics[qid.strip()] = query.strip()
    return topics


def write_topics(path, topics):
    with open(path, "w", encoding="utf-8") as f:
        for qid, query in topics.items():
            f.write(f"{qid}\t{query}\n")


def corpus_ids(jsonl_path):
    ids = set()
    with open(jsonl_path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                record = json.loads(line)
                if "id" in record:
                    ids.add(str(record["id"]))
    return ids


def log(message):
    print(message, file=sys.stderr, flush=True)


class Evaluation:
    def __init__(self, args, corpus_dir, out):
        self.args = args
        self.out = out
        self.docs = os.path.join(corpus_dir, "docs.jsonl")
        self.topics = read_topics(os.path.join(corpus_dir, "topics-dev.tsv"))
        self.qrels = metrics.read_qrels(os.path.join(corpus_dir, "qrels-dev.txt"))
        self.results = {}  # engine -> spelling -> measures and latency
        self.per_topic = {}  # engine -> spelling -> qid -> measures
        self.engines = {}  # engine -> facts about the index
        self.warnings = []
        self.topic_files = {}
        for name, respell in SPELLINGS.items():
            path = os.path.join(out, f"topics-{name}.tsv")
            write_topics(path, {q: respell(t) for q, t in self.topics.items()})
            self.topic_files[name] = path

    def score(self, engine, name, run, latency_ms, latency_source):
        per_topic, mean = metrics.evaluate(self.qrels, run)
        row = {m: round(v, 4) for m, v in mean.items()}
        row["latency_ms"] = round(latency_ms, 2)
        row["latency_source"] = latency_source
        row["topics_without_hits"] = sorted((q for q in self.topics if not run.get(q)),
                                            key=metrics.topic_key)
        self.results.setdefault(engine, {})[name] = row
        self.per_topic.setdefault(engine, {})[name] = {
            q: {m: round(v, 4) for m, v in t.items()} for q, t in per_topic.items()}

    def run_kavosh(self, tools):
        db = os.path.join(self.out, "kavosh-db")
        if self.args.reuse_index and os.path.isdir(db):
            log(f"kavosh: reusing {db}")
            info = {"reused": True}
        else:
            log(f"kavosh: indexing {self.docs} ...")
            summary, seconds = tools.index(db, self.docs)
            info = {"index_seconds": round(seconds, 1), "indexer": summary}
            log(f"kavosh: indexed in {seconds:.1f} s: {json.dumps(summary)}")
        self.engines["kavosh"] = info
        known = corpus_ids(self.docs)
        for name, topics_path in self.topic_files.items():
            run_path = os.path.join(self.out, f"run-kavosh-{name}.txt")
            seconds = tools.run_topics(db, topics_path, run_path, self.args.depth)
            topics = read_topics(topics_path)
            for w in kavosh.check_run_file(run_path, topics, self.args.depth, known):
                self.warnings.append(f"kavosh {name}: {w}")
            run = metrics.read_run(run_path)
            latency, source = seconds * 1000 / len(topics), "batch wall time / topics"
            if not self.args.short:
                latency, source = self.kavosh_latency(tools, db, name, topics, run)
            self.score("kavosh", name, run, latency, source)

    def kavosh_latency(self, tools, db, name, topics, run):
        # The same topics through --json, one process each: took_ms is the engine's own
        # time, and the hits must be the run file's documents in the same order.
        took = []
        for qid, query in topics.items():
            answer = tools.search_json(db, query, per_page=min(self.args.depth, 100),
                                       options=TOPIC_OPTIONS)
            took.append(float(answer.get("took_ms", 0.0)))
            json_ids = [h.get("id") for h in answer.get("hits", [])]
            run_ids = [d for d, _ in run.get(qid, [])][:len(json_ids) if json_ids else None]
            if json_ids != run_ids:
                self.warnings.append(
                    f"kavosh {name}: topic {qid}: --json hits differ from the --topics run "
                    f"(--json {len(json_ids)} hits, first {json_ids[:3]}; run first {run_ids[:3]})")
        return sum(took) / len(took), "--json took_ms"

    def run_fts5(self, peer):
        for name, respell in SPELLINGS.items():
            run, seconds = {}, 0.0
            for qid, query in self.topics.items():
                started = time.perf_counter()
                run[qid] = peer.search(respell(query), self.args.depth, self.args.fts5_query)
                seconds += time.perf_counter() - started
            metrics.write_run(os.path.join(self.out, f"run-fts5-{name}.txt"), run, "fts5")
            self.score("fts5", name, run, seconds * 1000 / len(self.topics), "in-process")

    def table(self):
        header = ["engine", "spelling"] + [metrics.LABELS[m] for m in metrics.MEASURES]
        header.append("latency ms")
        rows = []
        for engine, spellings in self.results.items():
            for name, row in spellings.items():
                rows.append([engine, name] + [f"{row[m]:.4f}" for m in metrics.MEASURES]
                            + [f"{row['latency_ms']:.2f}"])
        widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
        return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()
                         for r in [header] + rows)


def robustness_table(report):
    engines = list(report)
    classes = sorted({c for r in report.values() for c in r["classes"]})
    lines = ["variant class          queries  " + "  ".join(e.ljust(7) for e in engines)]
    for c in classes:
        count = next(r["classes"][c]["queries"] for r in report.values() if c in r["classes"])
        cells = [f"{report[e]['classes'][c]['mean']:.3f}".ljust(7) if c in report[e]["classes"]
                 else "-".ljust(7) for e in engines]
        lines.append(f"{c:<22} {count:>7}  " + "  ".join(cells))
    lines.append(f"{'all variants':<22} {'':>7}  "
                 + "  ".join(f"{report[e]['overall']:.3f}".ljust(7) for e in engines))
    return "\n".join(line.rstrip() for line in lines)


def run_robustness(evaluation, tools, engines, shared):
    docs = os.path.join(shared, "corpora", ROBUSTNESS_CORPUS, "docs.jsonl")
    if not os.path.isfile(docs):
        log(f"robustness: skipping, {docs} not found")
        return None
    log(f"robustness: choosing queries from {docs} ...")
    queries = robustness.select_queries(docs)
    report = {}
    if "kavosh" in engines:
        db = os.path.join(evaluation.out, "kavosh-news-db")
        if not (evaluation.args.reuse_index and os.path.isdir(db)):
            log("robustness: indexing with kavosh-indexer ...")
            tools.index(db, docs)

        def kavosh_search(text):
            return [h["id"] for h in tools.search_json(db, text, per_page=robustness.TOP)["hits"]]

        report["kavosh"] = robustness.measure(queries, kavosh_search)
        for row in report["kavosh"]["queries"]:
            if row["hits"] == 0:
                evaluation.warnings.append(f"robustness: kavosh finds nothing for {row['query']}")
    if "fts5" in engines:
        with fts5_peer.Fts5Peer.build(docs) as peer:
            report["fts5"] = robustness.measure(
                queries, lambda text: [d for d, _ in peer.search(text, robustness.TOP,
                                                                 evaluation.args.fts5_query)])
    return report


def load_baseline(path):
    with open(path, encoding="utf-8") as f:
        baseline = json.load(f)
    if not isinstance(baseline.get("kavosh"), dict) or not baseline["kavosh"]:
        raise ValueError(f"{path}: no \"kavosh\" figures")
    return baseline


def check(results, baseline):
    """(report lines, failures) for Kavosh's MAP per spelling against the baseline."""
    tolerance = baseline.get("tolerance", DEFAULT_TOLERANCE)
    failures, lines = [], []
    for name, recorded in baseline["kavosh"].items():
        measured = results.get("kavosh", {}).get(name, {}).get("map")
        if measured is None:
            failures.append(f"MAP {name}: not measured")
            continue
        verdict = "ok" if measured >= recorded["map"] - tolerance else "REGRESSION"
        line = (f"MAP {name}: {measured:.4f}, baseline {recorded['map']:.4f} "
                f"(tolerance {tolerance}): {verdict}")
        lines.append(line)
        if verdict != "ok":
            failures.append(line)
    return lines, failures


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = set(engines) - {"kavosh", "fts5"}
    if unknown:
        log(f"eval-relevance: unknown engine(s) {', '.join(sorted(unknown))}")
        return EXIT_ERROR
    skip = EXIT_SKIP if args.check else 0
    baseline = None
    if args.check:
        try:
            baseline = load_baseline(args.check)
        except (OSError, ValueError) as e:
            log(f"eval-relevance: cannot read the baseline: {e}")
            return EXIT_ERROR

    shared = shared_dir()
    corpus_dir = os.path.join(shared, "corpora", args.corpus)
    needed = [os.path.join(corpus_dir, f) for f in ("docs.jsonl", "topics-dev.tsv", "qrels-dev.txt")]
    absent = [p for p in needed if not os.path.isfile(p)]
    if absent:
        log(f"eval-relevance: skipping, {absent[0]} not found (set KAVOSH_SHARED)")
        return skip

    build = os.path.abspath(args.build)
    tools = kavosh.KavoshTools(build)
    if "kavosh" in engines and tools.missing():
        log(f"eval-relevance: {', '.join(tools.missing())} not built: Kavosh is not evaluated")
        if args.check:
            return EXIT_SKIP
        engines.remove("kavosh")
    if args.check and "kavosh" not in engines:
        log("eval-relevance: --check needs the kavosh engine")
        return EXIT_ERROR

    out = os.path.abspath(args.out or os.path.join(build, "relevance"))
    os.makedirs(out, exist_ok=True)
    started = time.perf_counter()
    evaluation = Evaluation(args, corpus_dir, out)
    try:
        if "kavosh" in engines:
            evaluation.run_kavosh(tools)
        if "fts5" in engines:
            log(f"fts5: indexing {evaluation.docs} ...")
            with fts5_peer.Fts5Peer.build(evaluation.docs) as peer:
                evaluation.engines["fts5"] = {"index_seconds": round(peer.index_seconds, 1),
                                              "documents": peer.documents,
                                              "tokenizer": fts5_peer.TOKENIZER,
                                              "query": args.fts5_query}
                evaluation.run_fts5(peer)
        report = None
        if not args.short and not args.no_robustness:
            report = run_robustness(evaluation, tools, engines, shared)
    except (kavosh.KavoshError, metrics.FormatError, OSError) as e:
        log(f"eval-relevance: {e}")
        return EXIT_ERROR

    print(f"{args.corpus}: {len(evaluation.topics)} topics, {len(evaluation.qrels)} judged, "
          f"depth {args.depth}")
    print(evaluation.table())
    if report:
        print()
        print(f"spelling robustness on {ROBUSTNESS_CORPUS}: mean top-{robustness.TOP} overlap "
              f"with the canonical form ({len(next(iter(report.values()))['queries'])} queries)")
        print(robustness_table(report))
    for w in evaluation.warnings:
        print(f"warning: {w}")

    summary = {
        "corpus": args.corpus,
        "topics": len(evaluation.topics),
        "depth": args.depth,
        "short": args.short,
        "date": datetime.date.today().isoformat(),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "command": " ".join(["scripts/eval-relevance"] + (sys.argv[1:] if argv is None else argv)),
        "seconds": round(time.perf_counter() - started, 1),
        "engines": evaluation.engines,
        "results": evaluation.results,
        "per_topic": evaluation.per_topic,
        "robustness": report,
        "warnings": evaluation.warnings,
    }
    with open(os.path.join(out, "relevance.json"), "w", encoding="utf-8") as f:
        json.dump(summary, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"\nwritten: {os.path.join(out, 'relevance.json')} ({summary['seconds']} s)")

    if args.check:
        lines, failures = check(evaluation.results, baseline)
        print("\n".join(lines + [f for f in failures if f not in lines]))
        if failures:
            return EXIT_REGRESSION
    return 0
