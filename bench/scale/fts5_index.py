#!/usr/bin/env python3
"""The SQLite FTS5 indexing baseline of bench/scale/index-bench.sh.

    fts5_index.py INPUT.jsonl DB.sqlite [--batch 2000] [--optimize]

Reads the same JSONL as kavosh-indexer and indexes title and body into one FTS5 table
with tokenize="unicode61 remove_diacritics 2" (what an off-the-shelf engine does with
Persian text), committing every --batch rows like kavosh-indexer's batches. The article's
date goes into the UNINDEXED column `published` as YYYY-MM-DD (ISO dates as is, Jalali
YYYY/MM/DD in any digits converted to Gregorian by jalali.py, else ''), so that the query
baseline (bench/query/fts5_query_bench.py) can sort by date and filter date ranges; the
conversion is part of the timed indexing. Prints one JSON object:
{"read":N,"indexed":N,"rejected":N,"seconds":S,"bytes":B}. With --optimize, then merges
the FTS5 segments and VACUUMs (the counterpart of xapian-compact; not timed in
"seconds"): "optimize_seconds" and "optimized_bytes".
"""

import argparse
import json
import os
import sqlite3
import sys
import time

from jalali import normalise_date


def main(argv):
    parser = argparse.ArgumentParser(prog="fts5_index.py")
    parser.add_argument("input")
    parser.add_argument("db")
    parser.add_argument("--batch", type=int, default=2000)
    parser.add_argument("--optimize", action="store_true")
    args = parser.parse_args(argv)
    if os.path.exists(args.db):
        os.remove(args.db)
    started = time.monotonic()
    con = sqlite3.connect(args.db)
    con.execute('CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, '
                'published UNINDEXED, tokenize="unicode61 remove_diacritics 2")')
    read = indexed = rejected = 0
    rows = []

    def flush():
        con.executemany("INSERT INTO docs(id, title, body, published) VALUES (?, ?, ?, ?)", rows)
        con.commit()
        rows.clear()

    with open(args.input, encoding="utf-8", errors="replace") as f:
        for line in f:
            if not line.strip():
                continue
            read += 1
            try:
                a = json.loads(line)
            except ValueError:
                rejected += 1
                continue
            if not isinstance(a, dict) or not (a.get("title") or a.get("body")):
                rejected += 1
                continue
            rows.append((str(a.get("id") or ""), str(a.get("title") or ""),
                         str(a.get("body") or ""), normalise_date(a.get("published"))))
            indexed += 1
            if len(rows) >= args.batch:
                flush()
    flush()
    seconds = time.monotonic() - started
    result = {"read": read, "indexed": indexed, "rejected": rejected,
              "seconds": round(seconds, 3), "bytes": os.path.getsize(args.db)}
    if args.optimize:
        started = time.monotonic()
        con.execute("INSERT INTO docs(docs) VALUES('optimize')")
        con.commit()
        con.execute("VACUUM")
        result["optimize_seconds"] = round(time.monotonic() - started, 3)
        result["optimized_bytes"] = os.path.getsize(args.db)
    con.close()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
