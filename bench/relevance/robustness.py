"""Spelling robustness: does a query find the same articles however it is typed?

Usage:
    queries = select_queries("iranian-news/docs.jsonl")       # 30, deterministic
    report = measure(queries, lambda text: [ids of the top 10])
    report["classes"]["zwnj-joined"]["mean"]                   # 1.0 = always identical

For every query the canonical form is the spelling most frequent in the corpus; each
variant class rewrites it the way docs/persian-text.md says people and scrapers do. The
score of a variant is the overlap of its top-10 set with the canonical form's:
|A ∩ B| / max(|A|, |B|), 1.0 when both are empty, so 1.0 means identical sets.
"""

import collections
import json
import re

import spelling

TOP = 10

# Function words that must not be picked as "content words" when choosing queries.
# Only for query selection; it is not a search stoplist.
_FUNCTION_WORDS = set("""
و در به از که این آن را با است برای تا بر هم خود یک یا اما نیز اگر هر چه وی او ما من شما
آنها اینکه بود شد شده کرد کرده کند کنند دارد دارند باید باشد هستند نیست داد داده داشت
داشته خواهد گفت گفته همه همین دیگر برخی بعد پس پیش روی بین حتی چند هیچ بسیار بیشتر
درباره همچنین یکی شود شدن کردند بوده اند ای های ها می نمی اين هزار میلیون دو سه
""".split())

_TOKEN = re.compile(r"[\w\u200c]+")  # word characters, with ZERO WIDTH NON-JOINER inside
_VERB_PREFIXES = ("\u0645\u06cc", "\u0646\u0645\u06cc")  # می, نمی
_PLURALS = ("\u0647\u0627", "\u0647\u0627\u06cc")  # ها, های
# Endings that make a ZWNJ form a verb or an indefinite rather than a compound: اند, ای
_NOT_COMPOUND_ENDINGS = ("\u0627\u0646\u062f", "\u0627\u06cc")

# (group, how many queries) in selection order; docs/relevance.md describes each.
GROUPS = (("verb-prefix", 4), ("plural", 4), ("compound", 4), ("word", 6),
          ("two-words", 5), ("with-number", 5), ("hamza", 2))


def _persian_letters(word):
    return all("\u0621" <= ch <= "\u064a" or "\u067e" <= ch <= "\u06d3" or ch == "\u06cc"
               for ch in word)


def _content_word(word):
    return len(word) >= 3 and _persian_letters(word) and word not in _FUNCTION_WORDS


def _modern(word):
    # Spelt with Persian letters (the corpus also has some Arabic yeh/kaf forms).
    return spelling.ARABIC_YEH not in word and spelling.ARABIC_KAF not in word


def _number(word):
    return len(word) >= 2 and all(spelling.digit_script(ch) for ch in word)


def _zwnj_parts(word):
    parts = word.split(spelling.ZWNJ)
    if len(parts) != 2 or not all(len(p) >= 2 and _persian_letters(p) for p in parts):
        return None
    return parts


def count_words(jsonl_path):
    """Token and adjacent-pair frequencies over titles and bodies."""
    words = collections.Counter()
    pairs = collections.Counter()
    with open(jsonl_path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            record = json.loads(line)
            for field in ("title", "body"):
                tokens = [t.strip(spelling.ZWNJ) for t in _TOKEN.findall(record.get(field) or "")]
                tokens = [t for t in tokens if t]
                words.update(tokens)
                pairs.update(zip(tokens, tokens[1:]))
    return words, pairs


def _by_frequency(counter):
    # Most frequent first; equal counts in code point order, so the choice is stable.
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def select_queries(jsonl_path):
    """The 30 evaluation queries: [{"query": text, "group": name}], deterministic."""
    words, pairs = count_words(jsonl_path)
    ranked_words = [w for w, _ in _by_frequency(words)]
    ranked_pairs = [p for p, _ in _by_frequency(pairs)]

    def verb_prefix(w):
        parts = _zwnj_parts(w)
        return parts is not None and _modern(w) and parts[0] in _VERB_PREFIXES

    def plural(w):
        parts = _zwnj_parts(w)
        return (parts is not None and _modern(w) and parts[1] in _PLURALS
                and _content_word(parts[0]))

    def compound(w):
        parts = _zwnj_parts(w)
        return (parts is not None and _modern(w) and parts[0] not in _VERB_PREFIXES
                and parts[1] not in _PLURALS and parts[1] not in _NOT_COMPOUND_ENDINGS
                and (_content_word(parts[0]) or _content_word(parts[1])))

    def word(w):
        return (_content_word(w) and _modern(w) and len(w) >= 4
                and (spelling.FARSI_YEH in w or spelling.KEHEH in w))

    def hamza(w):
        return _content_word(w) and _modern(w)

    def two_words(p):
        return all(_content_word(w) and _modern(w) for w in p)

    def with_number(p):
        return _content_word(p[0]) and _modern(p[0]) and _number(p[1])

    chosen = []

    def take(group, count, candidates):
        seen = {q["query"] for q in chosen}
        for text in candidates:
            if len([q for q in chosen if q["group"] == group]) == count:
                break
            if text not in seen:
                chosen.append({"query": text, "group": group})
                seen.add(text)

    counts = dict(GROUPS)
    take("verb-prefix", counts["verb-prefix"], (w for w in ranked_words if verb_prefix(w)))
    take("plural", counts["plural"], (w for w in ranked_words if plural(w)))
    take("compound", counts["compound"], (w for w in ranked_words if compound(w)))
    take("word", counts["word"], (w for w in ranked_words if word(w)))
    take("two-words", counts["two-words"], (" ".join(p) for p in ranked_pairs if two_words(p)))
    take("with-number", counts["with-number"],
         (" ".join(p) for p in ranked_pairs if with_number(p)))
    # One word with alef-hamza (تأ…) and one with hamza on yeh before waw (…ئو…).
    take("hamza", 1, (w for w in ranked_words
                      if hamza(w) and spelling.ALEF_HAMZA_ABOVE in w))
    take("hamza", 2, (w for w in ranked_words
                      if hamza(w) and spelling.YEH_HAMZA_ABOVE + "\u0648" in w))  # ئو
    return chosen


def variants(query):
    """{class: variant text} for every class that changes this query."""
    forms = {
        "zwnj-joined": spelling.zwnj_joined(query),
        "zwnj-spaced": spelling.zwnj_spaced(query),
        "arabic-letters": spelling.arabic_letters(query),
        "tatweel": spelling.with_tatweel(query),
        "diacritics": spelling.with_diacritics(query),
        "hamza": spelling.hamza_waw(spelling.hamza_dropped(query)),
    }
    scripts = {spelling.digit_script(ch) for ch in query} - {None}
    for script in spelling.DIGIT_SCRIPTS:
        if scripts and scripts != {script}:
            forms[f"digits-{script}"] = spelling.with_digits(query, script)
    return {name: text for name, text in forms.items() if text != query}


def overlap(canonical, variant):
    a, b = set(canonical), set(variant)
    if not a and not b:
        return 1.0
    return len(a & b) / max(len(a), len(b))


def measure(queries, search):
    """Runs every query and its variants through `search(text) -> [doc ids]`.

    Returns {"classes": {class: {"mean", "queries"}}, "queries": [per-query details]}.
    """
    details = []
    by_class = collections.defaultdict(list)
    for item in queries:
        canonical = search(item["query"])[:TOP]
        row = {"query": item["query"], "group": item["group"], "hits": len(canonical),
               "variants": {}}
        for name, text in variants(item["query"]).items():
            score = overlap(canonical, search(text)[:TOP])
            row["variants"][name] = {"text": text, "overlap": round(score, 4)}
            by_class[name].append(score)
        details.append(row)
    classes = {name: {"mean": round(sum(s) / len(s), 4), "queries": len(s)}
               for name, s in sorted(by_class.items())}
    every = [s for scores in by_class.values() for s in scores]
    overall = round(sum(every) / len(every), 4) if every else None
    return {"classes": classes, "overall": overall, "queries": details}
