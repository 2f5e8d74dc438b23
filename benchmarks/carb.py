"""CaRB dev: run kg over the benchmark's sentences and score them with CaRB's scorer.

    python benchmarks/carb.py [CARB_DIR] [--out PRED.jsonl] [--dump MISSES.txt]

CARB_DIR holds ``dev.sentences.txt``, ``dev.gold.tsv`` and ``score.py``
(default ``../shared/eval/carb``).  Prints ``P R F1 AUC`` as CaRB's scorer does.

CaRB compares surface words, not lemmas ("vetoed" never meets "veto"), so each
triple is written with its surface texts: the relation is the sentence text
under ``relation_span`` (auxiliaries, negation, particle, preposition) and the
arguments are ``subject_text``/``object_text``.  The sentences are PTB-tokenised;
`` and '' are turned back into plain quotes before parsing.

CaRB's gold is n-ary and its scorer joins every argument after the first into one
object, so the object written here is kg's object followed by the triple's own
``circumstances`` (its time and place phrases, "in 1990", "at Charles City"), both
exactly as ``kg extract`` emits them.  kg's dyad of a theme and its target is folded back
into one tuple, and triples that read the same as written (the members of "the ministers of
Peru and Chile" share their surface words) are written once.  The figure without the circumstances is
printed too.  ``--dump`` writes, sentence by sentence, each gold tuple with the best
recall any kg triple reaches on it (0.00 = missed), then kg's triples: the to-do list.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

from kg.extraction import triples
from kg.extraction.lexicon import TARGET_PREPS
from kg.model import Triple
from kg.pipeline.nlp import load_nlp

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval" / "carb"


def detokenise(sentence: str) -> str:
    return sentence.replace("``", '"').replace("''", '"').replace("-LRB-", "(").replace("-RRB-", ")")


def predictions(sentences: list[str]) -> list[dict]:
    """kg's triples of every sentence, as CaRB records with ``circumstances`` kept apart."""
    nlp = load_nlp()
    records = []
    for i, doc in enumerate(nlp.pipe(detokenise(s) for s in sentences)):
        text = doc.text
        seen = set()
        for t in fold_targets(list(triples(doc, f"carb:{i}"))):
            relation = text[t.relation_span[0] : t.relation_span[1]] if t.relation_span else t.relation
            written = (t.subject_text, relation, t.object_text, t.circumstances)
            if written in seen:
                continue  # "the ministers of Peru and Chile": kg's two triples are one tuple as written
            seen.add(written)
            records.append({
                "id": t.doc,
                "subject": t.subject_text,
                "relation": relation,
                "object": t.object_text,
                "circumstances": t.circumstances or "",
                "confidence": t.confidence,
            })
    return records


def fold_targets(found: list[Triple]) -> list[Triple]:
    """One n-ary tuple for a theme and its target, as CaRB writes them.

    kg gives "sold two ships to a Greek operator" as ``sell | two ships`` and ``sell ships to |
    Greek operator`` (the dyad); CaRB's gold has one tuple whose second argument is
    "two ships to a Greek operator", so the pair is joined back into the theme's triple.
    """
    folded, dropped = {}, set()
    for t in found:
        *words, prep = t.relation.split()
        theme = next((
            th for th in found
            if th is not t and th.subject_text == t.subject_text and words and prep in TARGET_PREPS
            and " ".join(words).startswith(th.relation)  # "sell" + the theme's noun ("ships") + "to"
            and all(w in th.object_text.lower() for w in " ".join(words)[len(th.relation):].split())
        ), None)
        if theme is not None and id(theme) not in folded:
            # "problems with the Comanche": the theme as written may hold the target already
            written = theme.object_text if t.object_text in theme.object_text else f"{theme.object_text} {prep} {t.object_text}"
            folded[id(theme)] = replace(theme, object_text=written)
            dropped.add(id(t))
    return [folded.get(id(t), t) for t in found if id(t) not in dropped]


def score(carb_dir: Path, records: list[dict], out: Path, with_circumstances: bool) -> str:
    """CaRB's figures for ``records``, written to ``out`` first (objects + circumstances or not)."""
    with out.open("w", encoding="utf-8") as handle:
        for record in records:
            extra = record["circumstances"] if with_circumstances else ""
            handle.write(json.dumps({**record, "object": f"{record['object']} {extra}".strip()}) + "\n")
    scored = subprocess.run(
        [sys.executable, str(carb_dir / "score.py"), "score", str(carb_dir / "dev.sentences.txt"),
         str(carb_dir / "dev.gold.tsv"), str(out)],
        check=True, capture_output=True, text=True,
    )
    return scored.stdout.strip()


def dump(carb_dir: Path, sentences: list[str], records: list[dict], path: Path) -> None:
    """Write every gold tuple with its best recall against kg's triples, and kg's triples, per sentence."""
    spec = importlib.util.spec_from_file_location("carb_score", carb_dir / "score.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    gold = scorer.read_gold(carb_dir / "dev.gold.tsv")
    found: dict[int, list] = {}
    for r in records:
        obj = f"{r['object']} {r['circumstances']}".strip()
        found.setdefault(int(r["id"].split(":")[1]), []).append(scorer.Ex(r["relation"], [r["subject"], obj], r["confidence"]))
    with path.open("w", encoding="utf-8") as out:
        for i, sentence in enumerate(sentences):
            predicted = found.get(i, [])
            out.write(f"\n### {i}: {sentence}\n")
            for g in gold.get(sentence, []):
                recall = max((scorer.match(g, p)[1] for p in predicted), default=0.0)
                out.write(f"  G {recall:.2f} | {' | '.join([g.args[0] if g.args else '', g.rel, ' || '.join(g.args[1:])])}\n")
            for p in predicted:
                out.write(f"  P {p.conf:.2f} | {p.args[0]} | {p.rel} | {p.args[1]}\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("carb_dir", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--out", type=Path, default=Path("/tmp/kg_carb_dev.jsonl"))
    parser.add_argument("--dump", type=Path, help="write gold tuples with their best recall, and kg's triples")
    args = parser.parse_args()
    sentences = (args.carb_dir / "dev.sentences.txt").read_text(encoding="utf-8").splitlines()
    started = time.perf_counter()
    records = predictions(sentences)
    elapsed = time.perf_counter() - started
    print(f"parsed and extracted {len(sentences)} sentences in {elapsed:.1f} s")
    labels = (("kg triples with their circumstances", True), ("objects alone, circumstances dropped", False))
    for label, with_circumstances in labels:
        out = args.out if with_circumstances else args.out.with_suffix(".bare.jsonl")
        print(f"CaRB dev, {label}: {score(args.carb_dir, records, out, with_circumstances)}")
    if args.dump:
        dump(args.carb_dir, sentences, records, args.dump)
    return 0


if __name__ == "__main__":
    sys.exit(main())
