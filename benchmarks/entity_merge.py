"""Pairwise mention-merge P/R/F1 of kg's actors against an entities gold file.

    python benchmarks/entity_merge.py [GOLD.entities.jsonl ARTICLES...]

Defaults to the seeds (``tests/data/seeds.entities.jsonl`` over ``seeds/``).  For the
news development set::

    python benchmarks/entity_merge.py ../shared/eval/news_dev/entities.jsonl \\
        ../shared/eval/news_dev/articles.jsonl

The scorer is the one of ``tests/test_entity_merge.py`` (pairs of (document, surface
form) mentions that one gold entity lists, against pairs one kg corpus entity has among
its per-document aliases); this only points it at other files.  Prints corpus-wide and
within-document figures, and with ``--misses`` the gold pairs kg split and joined.
"""
from __future__ import annotations

import argparse
import sys
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_entity_merge import gold_nodes, head_lookup, pairwise, predicted_nodes  # noqa: E402

from kg.documents import read_documents  # noqa: E402
from kg.pipeline import corpus_entities  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", default=str(ROOT / "tests" / "data" / "seeds.entities.jsonl"))
    parser.add_argument("articles", nargs="*", default=[str(ROOT / "seeds")])
    parser.add_argument("--misses", action="store_true", help="list the gold pairs kg got wrong")
    args = parser.parse_args(argv)
    gold = gold_nodes(Path(args.gold))
    corpus = corpus_entities(list(read_documents([Path(p) for p in args.articles])))
    predicted = predicted_nodes(corpus)
    for label, within in (("corpus-wide", False), ("within documents", True)):
        p, r, f = pairwise(gold, predicted, within_documents=within)
        print(f"mention pairs, {label:16}  P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    if args.misses:
        nodes = head_lookup(predicted)
        for a, b in combinations(sorted(gold), 2):
            if a[0] != b[0]:
                continue
            same_gold = bool(gold[a] & gold[b])
            same_pred = bool(nodes(a) & nodes(b))
            if same_gold != same_pred:
                kind = "split" if same_gold else "joined"
                print(f"{kind:6} {a[0][:30]:30} {a[1]!r} ~ {b[1]!r}  kg: {sorted(nodes(a))} / {sorted(nodes(b))}")


if __name__ == "__main__":
    main()
