"""CaRB dev: run kg over the benchmark's sentences and score them with CaRB's scorer.

    python benchmarks/carb.py [CARB_DIR] [--out PRED.jsonl]

CARB_DIR holds ``dev.sentences.txt``, ``dev.gold.tsv`` and ``score.py``
(default ``../shared/eval/carb``).  Prints ``P R F1 AUC`` as CaRB's scorer does.

CaRB compares surface words, not lemmas ("vetoed" never meets "veto"), so each
triple is written with its surface texts: the relation is the sentence text
under ``relation_span`` (auxiliaries, negation, particle, preposition) and the
arguments are ``subject_text``/``object_text``.  The sentences are PTB-tokenised;
`` and '' are turned back into plain quotes before parsing.

CaRB's gold is n-ary and its scorer joins every argument after the first into one
object, so the object written here also carries the predicate's own circumstances
(its other prepositional and bare-noun adjuncts, "in 1990", "on one occasion"), which
kg keeps out of its graph.  Without them the same triples score about 0.03 F1 lower.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from kg.extraction import triples
from kg.nlp import load_nlp

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval" / "carb"


def detokenise(sentence: str) -> str:
    return sentence.replace("``", '"').replace("''", '"').replace("-LRB-", "(").replace("-RRB-", ")")


#: Dependents of the predicate that CaRB counts as further arguments ("in 1990", "for the first time").
ADJUNCT_DEPS = frozenset(("prep", "npadvmod", "agent", "dative"))


def adjuncts(doc, t) -> str:
    """The predicate's adjuncts outside the object ("in 1990"), which CaRB counts as arguments."""
    obj = doc.char_span(*t.object_span, alignment_mode="expand")
    if obj is None:
        return ""
    predicate = obj.root
    while predicate.pos_ not in ("VERB", "AUX") and predicate.head.i != predicate.i:
        predicate = predicate.head
    end = max(obj.end - 1, max((c.right_edge.i for c in obj.root.children if c.dep_ == "prep"), default=0))
    words = [
        c for c in predicate.children
        if c.dep_ in ADJUNCT_DEPS and (c.i > end or c.i < predicate.i)
        and not any(x.i in range(obj.start, obj.end) for x in c.subtree)
    ]
    return " ".join(doc[c.left_edge.i : c.right_edge.i + 1].text for c in words)


def predictions(sentences: list[str], with_adjuncts: bool = True):
    nlp = load_nlp()
    texts = [detokenise(s) for s in sentences]
    for i, doc in enumerate(nlp.pipe(texts)):
        text = doc.text
        for t in triples(doc, f"carb:{i}"):
            relation = text[t.relation_span[0] : t.relation_span[1]] if t.relation_span else t.relation
            extra = adjuncts(doc, t) if with_adjuncts else ""
            yield {
                "id": t.doc,
                "subject": t.subject_text,
                "relation": relation,
                "object": f"{t.object_text} {extra}".strip(),
                "confidence": t.confidence,
            }


def score(carb_dir: Path, sentences: list[str], out: Path, with_adjuncts: bool) -> str:
    with out.open("w", encoding="utf-8") as handle:
        for record in predictions(sentences, with_adjuncts):
            handle.write(json.dumps(record) + "\n")
    scored = subprocess.run(
        [sys.executable, str(carb_dir / "score.py"), "score", str(carb_dir / "dev.sentences.txt"),
         str(carb_dir / "dev.gold.tsv"), str(out)],
        check=True, capture_output=True, text=True,
    )
    return scored.stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("carb_dir", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--out", type=Path, default=Path("/tmp/kg_carb_dev.jsonl"))
    args = parser.parse_args()
    sentences = (args.carb_dir / "dev.sentences.txt").read_text(encoding="utf-8").splitlines()
    # Both figures: kg's triples exactly as it extracts them, and with the predicate's
    # adjuncts appended to the object, CaRB's n-ary convention.
    for label, with_adjuncts in (("kg triples as extracted", False), ("objects + adjuncts (CaRB n-ary)", True)):
        started = time.perf_counter()
        out = args.out.with_suffix(".adjuncts.jsonl") if with_adjuncts else args.out
        result = score(args.carb_dir, sentences, out, with_adjuncts)
        elapsed = time.perf_counter() - started
        print(f"CaRB dev, {label} ({len(sentences)} sentences, {elapsed:.1f} s): {result}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
