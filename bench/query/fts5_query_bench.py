#!/usr/bin/env python3
"""The query mix of kavosh-query-bench against the SQLite FTS5 baseline.

    fts5_query_bench.py DB.sqlite [--queries bench/query/queries.tsv] [--rounds 5] [--json]
                        [--rows]

DB.sqlite is built by bench/scale/fts5_index.py (table docs(id UNINDEXED, title, body,
published UNINDEXED), unicode61 remove_diacritics 2). Timed as kavosh-query-bench: one
warm-up round, then --rounds rounds of every row once; p50/p95/p99/mean per class, for
"all searches" and for suggestions. A search is the top page by bm25(docs, 0, 3, 1) (a
title word weighs three body words, as in Kavosh) with the title and a snippet() of the
body, plus the total (SELECT count(*) ... MATCH), rendered to JSON like Kavosh's answer.

Translation of Kavosh's query language: words are ANDed, every token quoted; "a b" is an
FTS5 phrase; -word (or NOT word) is NOT; (a یا b) c is (a OR b) AND c. page= is OFFSET,
sort=newest/oldest is ORDER BY published (undated last), from=/to= (Jalali or ISO, as
in the API; bench/scale/jalali.py) a range of published; an empty query lists every row,
newest first. FTS5 has no extracted entities: a row with type=, org= or place= is run with
the rest only and reported as class "<class> (text only)"; a note says so. Suggestions
are the word completions of Kavosh's suggest: the terms starting with the last word
typed, from an fts5vocab table, most documents first, LIMIT 8.
--rows prints each row's FTS5 expression and total (for comparing with Kavosh's totals).
"""

import argparse
import json
import os
import sqlite3
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scale"))
from jalali import normalise_bound  # noqa: E402

BM25 = "bm25(docs, 0.0, 3.0, 1.0)"
ENTITY_FILTERS = ("type", "org", "place")
HANDLED = ("q", "page", "per_page", "sort", "from", "to", "month")
UNDATED_LAST = "published = ''"
QUOTES = {'"': '"', "«": "»", "“": "”"}
OR_WORDS = ("OR", "یا", "|")


def quote(text):
    return '"' + text.replace('"', '""') + '"'


def tokenize(query):
    """Kavosh query text -> list of (kind, value): word, phrase, (, ), -, or."""
    out = []
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c.isspace():
            i += 1
        elif c in QUOTES:
            end = query.find(QUOTES[c], i + 1)
            end = n if end < 0 else end  # an unbalanced quote runs to the end
            words = query[i + 1:end].split()
            if words:
                out.append(("phrase", " ".join(words)))
            i = end + 1
        elif c in "()":
            out.append((c, c))
            i += 1
        elif c == "-" and i + 1 < n and not query[i + 1].isspace():
            out.append(("-", "-"))
            i += 1
        else:
            j = i
            while j < n and not query[j].isspace() and query[j] not in '()"«“':
                j += 1
            word = query[i:j]
            i = j
            if word in OR_WORDS:
                out.append(("or", word))
            elif word == "NOT":
                out.append(("-", "-"))
            else:
                out.append(("word", word))
    return out


class Parser:
    """or := and (OR and)*; and := unary+; unary := [-] primary; primary := ( or ) | term."""

    def __init__(self, tokens):
        self.tokens, self.pos = tokens, 0

    def peek(self):
        return self.tokens[self.pos][0] if self.pos < len(self.tokens) else None

    def parse(self):
        expr = self.parse_or()
        while self.pos < len(self.tokens):  # a stray ')' is ignored
            self.pos += 1
            more = self.parse_or()
            expr = f"{expr} AND {more}" if expr and more else expr or more
        return expr

    def parse_or(self):
        parts = [self.parse_and()]
        while self.peek() == "or":
            self.pos += 1
            parts.append(self.parse_and())
        parts = [p for p in parts if p]
        if len(parts) > 1:
            return "(" + " OR ".join(parts) + ")"
        return parts[0] if parts else None

    def parse_and(self):
        positive, negative = [], []
        while self.peek() not in (None, "or", ")"):
            negate = False
            while self.peek() == "-":
                self.pos += 1
                negate = not negate
            item = self.parse_primary()
            if item:
                (negative if negate else positive).append(item)
        if not positive:
            return None  # FTS5's NOT needs a left side; a lone exclusion is dropped
        expr = positive[0] if len(positive) == 1 else "(" + " AND ".join(positive) + ")"
        for item in negative:
            expr = f"({expr} NOT {item})"
        return expr

    def parse_primary(self):
        kind = self.peek()
        if kind is None:
            return None
        value = self.tokens[self.pos][1]
        self.pos += 1
        if kind == "(":
            expr = self.parse_or()
            if self.peek() == ")":
                self.pos += 1
            return expr
        if kind in ("word", "phrase"):
            return quote(value)
        return None  # a stray ')' or operator


def to_match(query):
    expr = Parser(tokenize(query)).parse()
    if expr and expr.startswith("(") and expr.endswith(")") and expr.count("(") == 1:
        expr = expr[1:-1]
    return expr


class Row:
    def __init__(self, cls, query, params):
        self.query, self.params, self.notes = query, params, []
        dropped = [k for k in ENTITY_FILTERS if k in params]
        ignored = [k for k in params if k not in HANDLED and k not in ENTITY_FILTERS]
        self.cls = cls + " (text only)" if dropped else cls
        if dropped:
            self.notes.append(", ".join(k + "=" for k in dropped) + " not expressible (FTS5 has "
                              "no extracted entities): run with the rest only, as class "
                              f"'{self.cls}'")
        if ignored:
            self.notes.append(", ".join(k + "=" for k in ignored) + " ignored")
        self.match = to_match(query) if query.strip() else None
        if query.strip() and not self.match:
            self.notes.append("no FTS5 expression for the query: every row is listed")
        self.per_page = max(1, min(100, int(params.get("per_page", 10))))
        self.offset = (max(1, int(params.get("page", 1))) - 1) * self.per_page
        sort = params.get("sort", "relevance")
        if sort == "relevance" and self.match:
            order = BM25
        elif sort == "oldest":
            order = UNDATED_LAST + ", published, rowid"
        else:  # newest; an empty query is newest first, as in Kavosh
            order = UNDATED_LAST + ", published DESC, rowid DESC"
        where, self.args = [], []
        if self.match:
            where.append("docs MATCH ?")
            self.args.append(self.match)
        low = high = None
        if "month" in params:
            low, high = normalise_bound(params["month"], False), normalise_bound(params["month"], True)
        if "from" in params:
            low = normalise_bound(params["from"], False)
        if "to" in params:
            high = normalise_bound(params["to"], True)
        for bound, op, name in ((low, ">=", "from"), (high, "<=", "to")):
            if bound is None:
                continue
            if not bound:
                self.notes.append(f"{name}= unreadable, ignored")
                continue
            where.append(f"published {op} ?")
            self.args.append(bound)
        if low or high:
            where.append("published <> ''")  # undated articles fall outside every range
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        snippet = ("snippet(docs, 2, '<mark>', '</mark>', '…', 16)" if self.match
                   else "substr(body, 1, 160)")  # snippet() needs a MATCH
        self.sql = (f"SELECT id, title, {snippet}, published FROM docs{clause} "
                    f"ORDER BY {order} LIMIT {self.per_page} OFFSET {self.offset}")
        self.count_sql = f"SELECT count(*) FROM docs{clause}"

    def describe(self):
        params = "&".join(f"{k}={v}" for k, v in self.params.items() if k != "q")
        return f"{self.query!r}" + (f" {params}" if params else "")


def load(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t") + ["", ""]
            cls, query, params = fields[0], fields[1], fields[2]
            parsed = {}
            for part in params.split("&"):
                if "=" in part:
                    k, v = part.split("=", 1)
                    parsed.setdefault(k, urllib.parse.unquote_plus(v))
            rows.append((cls, query, parsed))
    return rows


def percentile(values, p):
    if not values:
        return 0.0
    v = sorted(values)
    i = int(p * (len(v) - 1) + 0.5)
    return v[min(i, len(v) - 1)]


def search(con, row):
    hits = [{"id": i, "title": t, "snippet_html": s, "date": d}
            for i, t, s, d in con.execute(row.sql, row.args)]
    total = con.execute(row.count_sql, row.args).fetchone()[0]
    # Rendering is part of answering, as in kavosh-query-bench.
    body = json.dumps({"query": row.query, "total": total, "page": row.offset // row.per_page + 1,
                       "per_page": row.per_page, "hits": hits}, ensure_ascii=False)
    return total, len(body)


def suggest(con, prefix):
    words = prefix.split()
    if not words:
        return []
    last = words[-1].lower()
    terms = con.execute("SELECT term FROM temp.docs_vocab WHERE term >= ? AND term < ? "
                        "ORDER BY doc DESC, term LIMIT 8", (last, last + "\U0010ffff")).fetchall()
    head = " ".join(words[:-1])
    return [(head + " " + t if head else t) for (t,) in terms]


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(prog="fts5_query_bench.py")
    parser.add_argument("db")
    parser.add_argument("--queries", default=os.path.join(here, "queries.tsv"))
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--rows", action="store_true",
                        help="print each row's FTS5 expression and total")
    args = parser.parse_args(argv)
    rounds = max(1, args.rounds)
    if not os.path.exists(args.db):
        print(f"fts5_query_bench.py: no database {args.db}", file=sys.stderr)
        return 2
    con = sqlite3.connect(f"file:{urllib.parse.quote(os.path.abspath(args.db))}?mode=ro",
                          uri=True)
    con.execute("CREATE VIRTUAL TABLE temp.docs_vocab USING fts5vocab(main, docs, row)")
    documents = con.execute("SELECT count(*) FROM docs").fetchone()[0]
    rows = []
    for cls, query, params in load(args.queries):
        rows.append((cls, query, None if cls == "suggest" else Row(cls, query, params)))
    if not rows:
        print("fts5_query_bench.py: empty query file", file=sys.stderr)
        return 2

    times, totals, per_row = {}, {}, []
    for rnd in range(rounds + 1):
        for cls, query, row in rows:
            start = time.perf_counter()
            if row is None:
                total = len(suggest(con, query))
            else:
                total, _ = search(con, row)
                cls = row.cls
            ms = (time.perf_counter() - start) * 1000.0
            if rnd == 0:  # warm-up
                totals[cls] = totals.get(cls, 0) + total
                per_row.append((cls, query, row, total))
                continue
            times.setdefault(cls, []).append(ms)
            if cls != "suggest":
                times.setdefault("all searches", []).append(ms)

    notes = []
    for cls, query, row, total in per_row:
        if row is not None:
            notes.extend(f"{row.describe()}: {n}" for n in row.notes)
            if total == 0 and row.match:
                notes.append(f"{row.describe()}: no match in FTS5")
    out = {"engine": "sqlite-fts5", "sqlite": sqlite3.sqlite_version, "documents": documents,
           "rounds": rounds, "classes": {}, "totals": totals, "notes": notes}
    for cls in sorted(times):
        v = times[cls]
        out["classes"][cls] = {"n": len(v), "p50": percentile(v, 0.5), "p95": percentile(v, 0.95),
                               "p99": percentile(v, 0.99), "mean": sum(v) / len(v)}
    if args.rows or args.json:
        out["rows"] = [{"class": cls, "query": query,
                        "params": ({k: v for k, v in row.params.items()} if row else {}),
                        "fts5": (row.match if row else None), "total": total}
                       for cls, query, row, total in per_row]
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    print(f"{'class':<20} {'n':>6} {'p50 ms':>9} {'p95 ms':>9} {'p99 ms':>9} {'mean ms':>9}")
    for cls, s in out["classes"].items():
        print(f"{cls:<20} {s['n']:>6} {s['p50']:>9.2f} {s['p95']:>9.2f} {s['p99']:>9.2f} "
              f"{s['mean']:>9.2f}")
    print(f"documents: {documents} (SQLite {sqlite3.sqlite_version} FTS5)")
    for n in notes:
        print("note: " + n)
    if args.rows:
        print("\nclass\tquery\tparams\tFTS5 expression\ttotal (suggest: suggestions)")
        for r in out["rows"]:
            params = "&".join(f"{k}={v}" for k, v in r["params"].items())
            print(f"{r['class']}\t{r['query']}\t{params}\t{r['fts5'] or ''}\t{r['total']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
