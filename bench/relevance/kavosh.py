"""Drives the Kavosh programs of a build directory for the evaluation.

Usage:
    tools = KavoshTools("build")
    if tools.missing(): ...  # names of programs not built
    tools.index(db, "docs.jsonl")
    tools.run_topics(db, "topics.tsv", "run.txt", depth=100)
    tools.search_json(db, "کتاب", per_page=10)["hits"]

Only the command-line contract of docs/interfaces.md is used.
"""

import json
import math
import os
import shutil
import subprocess
import time


class KavoshError(RuntimeError):
    pass


class KavoshTools:
    def __init__(self, build_dir):
        self.indexer = os.path.join(build_dir, "bin", "kavosh-indexer")
        self.search = os.path.join(build_dir, "bin", "kavosh-search")

    def missing(self):
        return [p for p in (self.indexer, self.search) if not os.access(p, os.X_OK)]

    def index(self, db, jsonl_path, fresh=True):
        """Indexes a JSONL corpus; returns (indexer summary, seconds)."""
        if fresh and os.path.exists(db):
            shutil.rmtree(db)
        started = time.perf_counter()
        done = subprocess.run([self.indexer, "--db", db, "--json", jsonl_path],
                              capture_output=True, text=True)
        seconds = time.perf_counter() - started
        if done.returncode not in (0, 1):
            raise KavoshError(f"kavosh-indexer failed ({done.returncode}): {done.stderr[-2000:]}")
        summary = {}
        for line in reversed(done.stdout.splitlines()):
            if line.startswith("{"):
                summary = json.loads(line)
                break
        return summary, seconds

    def run_topics(self, db, topics_path, run_path, depth=100):
        """Writes a TREC run for a topics file; returns the wall-clock seconds."""
        started = time.perf_counter()
        done = subprocess.run([self.search, "--db", db, "--topics", topics_path,
                               "--run", run_path, "--depth", str(depth)],
                              capture_output=True, text=True)
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            raise KavoshError(f"kavosh-search --topics failed ({done.returncode}): "
                              f"{done.stderr[-2000:]}")
        return seconds

    def search_json(self, db, query, per_page=10, options=()):
        """The /api/v1/search object for one query; `options` go before the query."""
        done = subprocess.run([self.search, "--db", db, "--json", "--per-page", str(per_page),
                               *options, query], capture_output=True, text=True)
        if done.returncode != 0:
            raise KavoshError(f"kavosh-search failed ({done.returncode}) for {query!r}: "
                              f"{done.stderr[-2000:]}")
        try:
            return json.loads(done.stdout)
        except json.JSONDecodeError as e:
            raise KavoshError(f"kavosh-search --json printed no JSON for {query!r}: {e}")


def check_run_file(path, topics, depth, known_ids=None):
    """Problems in a run file that metrics.parse_run accepts but that look wrong.

    topics: {qid: query}. Returns a list of human-readable warnings.
    """
    warnings = []
    lines = {}
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            fields = line.split()
            if not fields:
                continue
            if len(fields) != 6:
                warnings.append(f"{path}:{number}: {len(fields)} fields, expected 6")
                continue
            lines.setdefault(fields[0], []).append((number, fields))
    for qid, query in topics.items():
        rows = lines.get(qid, [])
        if not rows:
            warnings.append(f"topic {qid} ({query}): no results")
            continue
        if len(rows) > depth:
            warnings.append(f"topic {qid}: {len(rows)} results, more than --depth {depth}")
        previous = math.inf
        for expected_rank, (number, (_, q0, docid, rank, score, tag)) in enumerate(rows, 1):
            where = f"{path}:{number}"
            if q0 != "Q0" or tag != "kavosh":
                warnings.append(f"{where}: columns 2/6 are {q0!r}/{tag!r}, expected 'Q0'/'kavosh'")
            if rank != str(expected_rank):
                warnings.append(f"{where}: rank {rank}, expected {expected_rank}")
            try:
                value = float(score)
            except ValueError:
                value = math.nan
            if not math.isfinite(value):
                warnings.append(f"{where}: score {score!r} is not a finite number")
            elif value > previous:
                warnings.append(f"{where}: score {score} rises above the previous rank's")
            else:
                previous = value
            if known_ids is not None and docid not in known_ids:
                warnings.append(f"{where}: document {docid!r} is not in the corpus")
    tied = [qid for qid, rows in lines.items()
            if len({r[1][4] for r in rows}) < len(rows)]
    if tied:
        warnings.append(f"{path}: {len(tied)} topic(s) have equal scores at several ranks "
                        f"(e.g. topic {tied[0]}); trec_eval orders those by docid, not by rank")
    for qid in lines:
        if qid not in topics:
            warnings.append(f"{path}: results for topic {qid}, which is not in the topics file")
    return warnings
