"""What a confidence threshold does to P/R/F1 on a gold set: kg runs once, then every cut is scored.

    python benchmarks/confidence_sweep.py GOLD.jsonl PATHS... [--by doc] [--steps 0.3,0.4,0.5]

Prints, for each threshold, the triples kept and ``kg eval``'s P R F1 over them, and the ROC AUC
of the confidence as a test of "this triple matches a gold triple" (0.5 = no better than chance).
Run it on data the scorer was not trained on (news_dev) to judge a default threshold.
"""
from __future__ import annotations

import argparse
import os
import sys

from kg.documents import read_documents
from kg.evaluation import read_gold, score
from kg.pipeline import run


def roc_auc(scores: list[float], good: list[bool]) -> float:
    """Chance that a matched triple outscores an unmatched one (ties count half)."""
    pos = [s for s, g in zip(scores, good) if g]
    neg = [s for s, g in zip(scores, good) if not g]
    if not pos or not neg:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--by", choices=("doc", "sentence"), default="doc")
    parser.add_argument("--steps", default="0,0.2,0.3,0.4,0.45,0.5,0.55,0.6,0.65,0.7,0.75,0.8")
    args = parser.parse_args()
    os.environ["KG_MIN_CONFIDENCE"] = "0"  # every candidate, the cut is what is judged here
    gold = read_gold(args.gold)
    found = [t.to_dict() for result in run(read_documents(args.paths)) for t in result.triples]
    for n, record in enumerate(found):
        record["_n"] = n
    everything = score(gold, found, by=args.by)
    matched = {pair[1].record["_n"] for pair in everything.matched}
    auc = roc_auc([r["confidence"] for r in found], [r["_n"] in matched for r in found])
    print(f"{len(found)} triples, {len(matched)} matched; ROC AUC of the confidence: {auc:.3f}")
    for step in (float(s) for s in args.steps.split(",")):
        kept = [r for r in found if r["confidence"] >= step]
        result = score(gold, kept, by=args.by)
        print(f"min confidence {step:.2f}: {len(kept):4d} kept  P {result.precision:.3f} R {result.recall:.3f} F1 {result.f1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
