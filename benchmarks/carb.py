"""CaRB dev: run kg over the benchmark's sentences and score them with CaRB's scorer.

    python benchmarks/carb.py [CARB_DIR] [--out PRED.jsonl]

CARB_DIR holds ``dev.sentences.txt``, ``dev.gold.tsv`` and ``score.py``
(default ``../shared/eval/carb``).  Prints ``P R F1 AUC`` as CaRB's scorer does.

CaRB compares surface words, not lemmas ("vetoed" never meets "veto"), so each
triple is written with its surface texts: the relation is the sentence text
under ``relation_span`` (auxiliaries, negation, particle, preposition) and the
arguments are ``subject_text``/``object_text``.  The sentences are PTB-tokenised;
`` and '' are turned back into plain quotes before parsing.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from kg.model import Document
from kg.pipeline import run

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval" / "carb"


def detokenise(sentence: str) -> str:
    return sentence.replace("``", '"').replace("''", '"').replace("-LRB-", "(").replace("-RRB-", ")")


def predictions(sentences: list[str]):
    documents = [Document(id=f"carb:{i}", text=detokenise(s)) for i, s in enumerate(sentences)]
    for result in run(documents):
        text = result.document.text
        for t in result.triples:
            relation = text[t.relation_span[0] : t.relation_span[1]] if t.relation_span else t.relation
            yield {
                "id": t.doc,
                "subject": t.subject_text,
                "relation": relation,
                "object": t.object_text,
                "confidence": t.confidence,
            }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("carb_dir", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--out", type=Path, default=Path("/tmp/kg_carb_dev.jsonl"))
    args = parser.parse_args()
    sentences_path = args.carb_dir / "dev.sentences.txt"
    sentences = sentences_path.read_text(encoding="utf-8").splitlines()
    started = time.perf_counter()
    with args.out.open("w", encoding="utf-8") as out:
        for record in predictions(sentences):
            out.write(json.dumps(record) + "\n")
    elapsed = time.perf_counter() - started
    scored = subprocess.run(
        [sys.executable, str(args.carb_dir / "score.py"), "score", str(sentences_path),
         str(args.carb_dir / "dev.gold.tsv"), str(args.out)],
        check=True, capture_output=True, text=True,
    )
    print(f"CaRB dev ({len(sentences)} sentences, {elapsed:.1f} s): {scored.stdout.strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
