#!/usr/bin/env python3
"""Compares the answers of two running kavosh-searchd servers on the query mix.

    bench/query/compare_answers.py http://127.0.0.1:8801 http://127.0.0.1:8802 \
        [--queries bench/query/queries.tsv] [--facet-limit 50]

For a change that must not change answers (a faster way to count, a new index layout),
serve the index before and after, each with its own build, and compare: for every search
row the total, whether it is exact, the ids of the page, and every facet (values and
counts, up to --facet-limit) must be equal; suggestion rows are skipped (their order is
allowed to change). Prints one line per row and exits 1 if any row differs.
"""
import argparse
import json
import sys
import urllib.parse
import urllib.request


def rows(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            parts += [""] * (3 - len(parts))
            yield parts[0], parts[1], parts[2]


def answer(base, q, params, facet_limit):
    url = f"{base}/api/v1/search?q={urllib.parse.quote(q)}&facet_limit={facet_limit}"
    if params:
        url += "&" + "&".join(
            f"{k}={urllib.parse.quote(v)}" for k, v in (p.split("=", 1) for p in params.split("&")))
    with urllib.request.urlopen(url, timeout=60) as r:
        return json.load(r)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("--queries", default="bench/query/queries.tsv")
    ap.add_argument("--facet-limit", type=int, default=50)
    args = ap.parse_args()
    differ = 0
    for cls, q, params in rows(args.queries):
        if cls == "suggest":
            continue
        a = answer(args.before, q, params, args.facet_limit)
        b = answer(args.after, q, params, args.facet_limit)
        checks = {
            "total": (a["total"], b["total"]),
            "exact": (a.get("total_is_exact"), b.get("total_is_exact")),
            "page": ([h["id"] for h in a["hits"]], [h["id"] for h in b["hits"]]),
            "facets": (a.get("facets"), b.get("facets")),
        }
        bad = [name for name, (x, y) in checks.items() if x != y]
        exact = "exact" if a.get("total_is_exact") else "estimated"
        print(f"{'DIFFERS ' + ','.join(bad) if bad else 'same'}\t{cls}\t{q or '(empty)'}\t{params}"
              f"\ttotal {a['total']} / {b['total']} ({exact})")
        differ += bool(bad)
    print(f"{differ} rows differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
