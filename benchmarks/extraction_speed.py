"""Extraction speed: sentences/s of bare spaCy parsing vs kg's rules on the same parses.

    python benchmarks/extraction_speed.py [ARTICLES.jsonl] [--limit N] [--model NAME]

Default input: ``../shared/corpora/wikinews_en_2019_2020/articles.jsonl`` (one article
a line with ``text``).  The parse is timed with ``nlp.pipe``; extraction is then timed
over the very same ``Doc`` objects, so the two figures compare like with like.
Target: extraction adds at most 10 % to the parse time.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from kg.extraction import triples
from kg.pipeline.nlp import KG_COMPONENTS, load_nlp

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "wikinews_en_2019_2020" / "articles.jsonl"


def read_texts(path: Path, limit: int) -> list[str]:
    texts = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if len(texts) >= limit:
                break
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=300, help="articles to read (default 300)")
    parser.add_argument("--model", default=None)
    args = parser.parse_args()
    texts = read_texts(args.articles, args.limit)
    nlp = load_nlp(args.model)

    # bare spaCy: kg's own components (actor resolution) are not part of the parse
    with nlp.select_pipes(disable=[c for c in KG_COMPONENTS if c in nlp.pipe_names]):
        started = time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=32))
        parse = time.perf_counter() - started
    sentences = sum(1 for doc in docs for _ in doc.sents)

    # best of three: the machine is shared, and one slow pass says nothing about the rules
    extraction = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        count = sum(1 for doc in docs for _ in triples(doc))
        extraction = min(extraction, time.perf_counter() - started)

    print(f"{len(docs)} articles, {sentences} sentences, {count} triples")
    print(f"parse (nlp.pipe):  {sentences / parse:8.1f} sentences/s  ({parse:.1f} s)")
    print(f"kg extraction:     {sentences / extraction:8.1f} sentences/s  ({extraction:.2f} s)")
    print(f"extraction adds {100 * extraction / parse:.1f} % to the parse time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
