"""The SQLite FTS5 peer: what an off-the-shelf engine does with the same data.

Usage:
    with Fts5Peer.build("docs.jsonl") as peer:
        hits = peer.search("بازسازي شهر بم", depth=100)  # [(docid, score)], best first

Index: one FTS5 table (title, body), tokenize="unicode61 remove_diacritics 2", in a
temporary file that is deleted on close. Ranking: FTS5's built-in bm25() with equal
column weights; the score written to run files is -bm25 (bigger is better).

Query construction (docs/relevance.md): every whitespace-separated word of the
query becomes a quoted FTS5 string and the strings are OR-ed:
    بازسازي شهر بم  ->  "بازسازي" OR "شهر" OR "بم"
Quoting keeps FTS5 operators and punctuation in a topic from being parsed as query
syntax; a word that the tokenizer splits (a half-space inside it) becomes a phrase.
"""

import json
import os
import sqlite3
import tempfile
import time

TOKENIZER = "unicode61 remove_diacritics 2"

# Query constructions; "or" is the one reported (see the module docstring). The others
# are kept so the choice can be re-measured: scripts/eval-relevance --fts5-query.
QUERY_MODES = ("or", "and", "phrase")


def build_query(text, mode="or"):
    words = [w for w in text.split() if w]
    if not words:
        return None
    quoted = ['"' + w.replace('"', '""') + '"' for w in words]
    if mode == "or":
        return " OR ".join(quoted)
    if mode == "and":
        return " AND ".join(quoted)
    if mode == "phrase":
        return '"' + " ".join(w.replace('"', '""') for w in words) + '"'
    raise ValueError(f"unknown FTS5 query mode {mode!r}")


class Fts5Peer:
    def __init__(self, connection, path, documents):
        self._db = connection
        self._path = path
        self.documents = documents
        self.index_seconds = 0.0

    @classmethod
    def build(cls, jsonl_path):
        """Indexes every record of a JSONL corpus (fields id, title, body)."""
        handle, path = tempfile.mkstemp(prefix="kavosh-fts5-", suffix=".sqlite")
        os.close(handle)
        started = time.perf_counter()
        db = sqlite3.connect(path)
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA synchronous=OFF")
        db.execute(f"CREATE VIRTUAL TABLE docs USING fts5(docid UNINDEXED, title, body, "
                   f"tokenize='{TOKENIZER}')")
        count = 0
        with open(jsonl_path, encoding="utf-8") as f:
            rows = []
            for line in f:
                if not line.strip():
                    continue
                record = json.loads(line)
                rows.append((str(record["id"]), record.get("title") or "", record.get("body") or ""))
                if len(rows) >= 1000:
                    db.executemany("INSERT INTO docs VALUES (?, ?, ?)", rows)
                    count += len(rows)
                    rows = []
            db.executemany("INSERT INTO docs VALUES (?, ?, ?)", rows)
            count += len(rows)
        db.commit()
        peer = cls(db, path, count)
        peer.index_seconds = time.perf_counter() - started
        return peer

    def search(self, text, depth=100, mode="or"):
        """The top `depth` (docid, score) pairs for a query, best first."""
        query = build_query(text, mode)
        if query is None:
            return []
        rows = self._db.execute(
            "SELECT docid, bm25(docs) FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?",
            (query, depth)).fetchall()
        return [(docid, -score) for docid, score in rows]

    def close(self):
        if self._db is not None:
            self._db.close()
            self._db = None
            os.unlink(self._path)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
