"""Ranked-retrieval measures computed the way trec_eval 9.0.x computes them.

Usage:
    qrels = metrics.read_qrels("qrels-dev.txt")
    run = metrics.read_run("run.txt")
    per_topic, mean = metrics.evaluate(qrels, run)
    mean["map"]  # same figure as `trec_eval -c -m map qrels run`

Conventions (all of them trec_eval's; docs/relevance.md explains each):
  * A run is re-ranked before scoring: score descending, ties broken by docid
    descending in byte order (trec_eval's comp_sim_docno: strcmp(b, a)). The rank
    column of the run file is ignored, exactly as trec_eval ignores it.
  * At most `max_docs` (trec_eval's -M, default 1000) results per topic are used.
  * A document is relevant when its judgment is > 0 (trec_eval's default -l 1).
    Unjudged documents count as non-relevant.
  * Means are over every topic of the qrels (trec_eval -c): a topic with no line
    in the run scores 0 on every measure. Run topics absent from the qrels are
    ignored.

Measure names are trec_eval's, so figures can be compared line by line.
"""

import math

# The measures reported, in table order, with their short column labels.
MEASURES = ("map", "ndcg_cut_10", "P_10", "recip_rank", "recall_100")
LABELS = {
    "map": "MAP",
    "ndcg_cut_10": "nDCG@10",
    "P_10": "P@10",
    "recip_rank": "MRR",
    "recall_100": "R@100",
}

DEFAULT_MAX_DOCS = 1000


class FormatError(ValueError):
    """A qrels or run line that trec_eval would refuse."""


def parse_qrels(lines, source="qrels"):
    """Reads `qid iter docid judgment` lines into {qid: {docid: judgment}}."""
    qrels = {}
    for number, line in enumerate(lines, 1):
        fields = line.split()
        if not fields:
            continue
        if len(fields) != 4:
            raise FormatError(f"{source}:{number}: expected 4 fields, got {len(fields)}")
        qid, _, docid, judgment = fields
        try:
            value = int(judgment)
        except ValueError:
            raise FormatError(f"{source}:{number}: judgment {judgment!r} is not an integer")
        topic = qrels.setdefault(qid, {})
        if docid in topic:
            raise FormatError(f"{source}:{number}: document {docid} judged twice for topic {qid}")
        topic[docid] = value
    return qrels


def parse_run(lines, source="run"):
    """Reads `qid Q0 docid rank score tag` lines into {qid: [(docid, score)]}."""
    run = {}
    seen = set()
    for number, line in enumerate(lines, 1):
        fields = line.split()
        if not fields:
            continue
        if len(fields) != 6:
            raise FormatError(f"{source}:{number}: expected 6 fields, got {len(fields)}")
        qid, _, docid, _, score, _ = fields
        try:
            value = float(score)
        except ValueError:
            raise FormatError(f"{source}:{number}: score {score!r} is not a number")
        if not math.isfinite(value):
            raise FormatError(f"{source}:{number}: score {score!r} is not finite")
        if (qid, docid) in seen:
            raise FormatError(f"{source}:{number}: document {docid} retrieved twice for topic {qid}")
        seen.add((qid, docid))
        run.setdefault(qid, []).append((docid, value))
    return run


def read_qrels(path):
    with open(path, encoding="utf-8") as f:
        return parse_qrels(f, str(path))


def read_run(path):
    with open(path, encoding="utf-8") as f:
        return parse_run(f, str(path))


def write_run(path, run, tag):
    """Writes {qid: [(docid, score)]} as a TREC run file, ranks in trec_eval order."""
    with open(path, "w", encoding="utf-8") as f:
        for qid in sorted(run, key=topic_key):
            for rank, (docid, score) in enumerate(ranked(run[qid]), 1):
                f.write(f"{qid} Q0 {docid} {rank} {score:.6f} {tag}\n")


def ranked(results):
    """The (docid, score) pairs in trec_eval's order.

    trec_eval compares docids with strcmp, i.e. by UTF-8 bytes; comparing Python
    strings by code point gives the same order.
    """
    by_docid = sorted(results, key=lambda r: r[0], reverse=True)
    # sorted() is stable, so equal scores keep the docid-descending order.
    return sorted(by_docid, key=lambda r: r[1], reverse=True)


def evaluate_topic(ranking, judgments, max_docs=DEFAULT_MAX_DOCS):
    """Measures for one topic.

    ranking: docids in rank order (already in trec_eval order, see ranked()).
    judgments: {docid: judgment} for the topic.
    """
    ranking = ranking[:max_docs]
    relevant = sum(1 for v in judgments.values() if v > 0)
    gains = [judgments.get(docid, 0) for docid in ranking]

    precision_sum = 0.0
    found = 0
    first_relevant = 0
    for position, gain in enumerate(gains, 1):
        if gain > 0:
            found += 1
            precision_sum += found / position
            if not first_relevant:
                first_relevant = position

    return {
        "map": precision_sum / relevant if relevant else 0.0,
        "ndcg_cut_10": _ndcg(gains, judgments, 10),
        "P_10": sum(1 for g in gains[:10] if g > 0) / 10,
        "recip_rank": 1.0 / first_relevant if first_relevant else 0.0,
        "recall_100": sum(1 for g in gains[:100] if g > 0) / relevant if relevant else 0.0,
    }


def _ndcg(gains, judgments, cutoff):
    # Gain = the judgment itself; rank r is discounted by log2(r + 1), as in
    # trec_eval 9.0.5 and later (older 9.0 releases left ranks 1 and 2 undiscounted).
    dcg = sum(g / math.log2(r + 1) for r, g in enumerate(gains[:cutoff], 1) if g > 0)
    ideal_gains = sorted((v for v in judgments.values() if v > 0), reverse=True)
    ideal = sum(g / math.log2(r + 1) for r, g in enumerate(ideal_gains[:cutoff], 1))
    return dcg / ideal if ideal > 0 else 0.0


def evaluate(qrels, run, max_docs=DEFAULT_MAX_DOCS):
    """Returns ({qid: {measure: value}}, {measure: mean over the qrels topics})."""
    per_topic = {}
    for qid in sorted(qrels, key=topic_key):
        ranking = [docid for docid, _ in ranked(run.get(qid, []))]
        per_topic[qid] = evaluate_topic(ranking, qrels[qid], max_docs)
    count = len(per_topic)
    mean = {m: (sum(t[m] for t in per_topic.values()) / count if count else 0.0)
            for m in MEASURES}
    return per_topic, mean


def topic_key(qid):
    # Numeric topic ids sort numerically, others after them by text.
    return (0, int(qid), "") if qid.isdigit() else (1, 0, qid)
