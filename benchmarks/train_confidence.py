"""Retrain the triple scorer (kg/extraction/confidence_model.json) and print its held-out figures.

    python benchmarks/train_confidence.py [--shared ../shared] [--no-seeds] [--dry-run]

Candidates are kg's own triples on CaRB dev (and, unless ``--no-seeds``, on the three seed
articles), each described by :func:`kg.extraction.confidence.features` at the moment it is made.
A CaRB triple is labelled good when CaRB's matcher (``../shared/eval/carb/score.py``) finds a gold
tuple it matches with precision and recall >= 0.5 (half its words are the gold's, and half the
gold's words are there); a seed triple when ``kg eval``'s matcher pairs it with a gold triple.
news_dev is never read: it stays unseen.

The model is an L2-penalised logistic regression fitted by Newton's method from zero weights:
no randomness, the same data give the same weights. Folds are by sentence (CaRB) or article
(seeds), five of them, dealt round-robin. Printed: per fold and pooled, the held-out ROC AUC of
the learned score, of the prior refined by the rule alone, and of the hand prior alone; and
CaRB's own P/R/F1/AUC (and precision at recall 0.1, 0.2, 0.3) when every CaRB triple carries
the score of the model that did not see its sentence. Two lines before them say how the
ranking carries over to news: the seeds' ROC AUC of a model fitted on CaRB alone, and with each
seed article held out in turn (the choice of ``--l2`` and ``--seed-weight`` rests on these
and on the CaRB folds, never on news_dev).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import carb  # noqa: E402  (benchmarks/carb.py: how CaRB reads kg's triples)

from kg.extraction.confidence import MODEL_PATH, features  # noqa: E402
from kg.model import Triple  # noqa: E402

#: kg.extraction.triples, the module (the package's ``triples`` is its function of the same name)
triple_rules = importlib.import_module("kg.extraction.triples")
DEFAULT_SHARED = Path(__file__).resolve().parents[2] / "shared"
FOLDS = 5
L2 = 100.0
#: How many CaRB triples a seed triple counts for: the seeds are news, what kg is for.
SEED_WEIGHT = 3.0
#: Whether the hand-set prior is an offset the learned weights refine (else a feature like the rest).
PRIOR = True
#: CaRB match precision from which a triple counts as one a reader keeps.
GOOD_PRECISION = 0.5
#: ... and the share of the gold tuple's words it covers.
GOOD_RECALL = 0.5


class Recorder:
    """Captures the features of every triple as kg makes it, keyed by where the triple sits."""

    def __init__(self) -> None:
        self.found: dict[tuple, dict[str, float]] = {}
        self._last: dict[str, float] = {}

    def __enter__(self) -> "Recorder":
        self._confidence, self._triple = triple_rules.confidence, triple_rules._triple

        def confidence(rule, subject, obj, **context):  # type: ignore[no-untyped-def]
            self._last = features(rule, subject, obj, **context)
            return 0.5  # every candidate kept alike: the model being trained has no say yet

        def make(*args):  # type: ignore[no-untyped-def]
            made = self._triple(*args)
            self.found[key(made)] = self._last
            return made

        triple_rules.confidence, triple_rules._triple = confidence, make
        return self

    def __exit__(self, *exc: Any) -> None:
        triple_rules.confidence, triple_rules._triple = self._confidence, self._triple


def key(t: Triple) -> tuple:
    """Where a triple sits: unchanged by CaRB's folding and by actor resolution's renaming."""
    return (t.doc, t.sentence_index, t.subject_span, t.object_span, t.relation_span, t.relation)


def carb_examples(carb_dir: Path) -> list[dict]:
    """kg's CaRB dev triples as CaRB reads them, each with its features, label and sentence."""
    scorer = carb_scorer(carb_dir)
    gold = {scorer.norm(k): v for k, v in scorer.read_gold(carb_dir / "dev.gold.tsv").items()}
    sentences = (carb_dir / "dev.sentences.txt").read_text(encoding="utf-8").splitlines()
    nlp = carb.load_nlp()
    examples = []
    with Recorder() as recorder:
        docs = nlp.pipe(carb.detokenise(s) for s in sentences)
        for i, doc in enumerate(docs):
            text, seen = doc.text, set()
            for t in carb.fold_targets(list(triple_rules.triples(doc, f"carb:{i}"))):
                relation = text[t.relation_span[0] : t.relation_span[1]] if t.relation_span else t.relation
                obj = f"{t.object_text} {t.circumstances or ''}".strip()
                if (t.subject_text, relation, obj) in seen:
                    continue
                seen.add((t.subject_text, relation, obj))
                predicted = scorer.Ex(relation, [t.subject_text, obj], 1.0)
                best = max((scorer.match(g, predicted) for g in gold.get(scorer.norm(sentences[i]), [])),
                           default=(0.0, 0.0))
                examples.append({
                    "features": recorder.found[key(t)], "good": best[0] >= GOOD_PRECISION and best[1] >= GOOD_RECALL, "group": f"carb:{i}",
                    "record": {"id": t.doc, "subject": t.subject_text, "relation": relation, "object": obj},
                })
    return examples


def seed_examples(gold_path: Path, articles: Path) -> list[dict]:
    """kg's resolved triples on the seed articles, labelled by ``kg eval``'s matcher."""
    from kg.documents import read_documents
    from kg.evaluation import read_gold, score
    from kg.pipeline import run

    with Recorder() as recorder:
        found = [t for result in run(read_documents([str(articles)])) for t in result.triples]
    records = [{**t.to_dict(), "_n": n} for n, t in enumerate(found)]
    matched = {pair[1].record["_n"] for pair in score(read_gold(gold_path), records).matched}
    return [{"features": recorder.found[key(t)], "good": n in matched, "group": t.doc}
            for n, t in enumerate(found) if key(t) in recorder.found]


def fit(x: np.ndarray, y: np.ndarray, l2: float = L2, weight: np.ndarray | None = None) -> np.ndarray:
    """Weights of an L2-penalised logistic regression by Newton's method, from zero.

    Column 0 is the bias (not penalised); the column of the hand-set ``prior`` (a logit), when
    ``PRIOR`` names column 1, is an offset of weight 1: the other weights refine the prior, and
    the penalty pulls the score back to it. ``weight`` counts each example that many times.
    """
    weight = np.ones(len(y)) if weight is None else weight
    offset, free = (x[:, 1], x.copy()) if PRIOR else (np.zeros(len(y)), x)
    if PRIOR:
        free[:, 1] = 0.0
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(offset + free @ w, -30, 30)))
        gradient = free.T @ (weight * (p - y)) + penalty * w
        hessian = (free * (weight * p * (1 - p))[:, None]).T @ free + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    if PRIOR:
        w[1] = 1.0
    return w


def roc_auc(scores: np.ndarray, labels: np.ndarray) -> float:
    """Chance that a good triple outscores a bad one (ties count half)."""
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    s = scores[order]
    i = 0
    while i < len(s):  # average ranks over ties
        j = i
        while j + 1 < len(s) and s[j + 1] == s[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    good = labels == 1
    n_good, n_bad = good.sum(), (~good).sum()
    return float((ranks[good].sum() - n_good * (n_good + 1) / 2) / (n_good * n_bad))


def matrix(examples: list[dict], names: list[str]) -> tuple[np.ndarray, np.ndarray]:
    index = {name: n for n, name in enumerate(names)}
    x = np.zeros((len(examples), len(names)))
    for row, example in enumerate(examples):
        for name, value in example["features"].items():
            if name in index:
                x[row, index[name]] = value
    return x, np.array([1.0 if e["good"] else 0.0 for e in examples])


def folds(examples: list[dict]) -> np.ndarray:
    """Fold of each example: its sentence's (or article's) turn, round-robin in order of appearance."""
    groups: dict[str, int] = {}
    for e in examples:
        groups.setdefault(e["group"], len(groups) % FOLDS)
    return np.array([groups[e["group"]] for e in examples])


def carb_scorer(carb_dir: Path) -> Any:
    """CaRB's scorer (``score.py``), loaded as a module."""
    spec = importlib.util.spec_from_file_location("carb_score", carb_dir / "score.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)  # type: ignore[union-attr]
    return scorer


#: Recall levels at which CaRB's precision is printed.
RECALLS = (0.1, 0.2, 0.3)


def carb_figures(carb_dir: Path, examples: list[dict], scores: np.ndarray) -> str:
    """CaRB's P/R/F1 (at its best cut) and AUC when each triple carries its score, and its precision at
    :data:`RECALLS` (the best precision of any cut reaching that recall)."""
    scorer = carb_scorer(carb_dir)
    sentences = (carb_dir / "dev.sentences.txt").read_text(encoding="utf-8").splitlines()
    predicted: dict[str, list] = {}
    for e, s in zip(examples, scores):
        r = e["record"]
        sentence = sentences[int(r["id"].split(":")[1])]
        predicted.setdefault(sentence, []).append(scorer.Ex(r["relation"], [r["subject"], r["object"]], round(float(s), 3)))
    precision, recall, _, (p, r, f1), auc = scorer.score(scorer.read_gold(carb_dir / "dev.gold.tsv"), predicted)
    at = [max((pk for pk, rk in zip(precision, recall) if rk >= level), default=0.0) for level in RECALLS]
    return (f"P {p:.3f} R {r:.3f} F1 {f1:.3f} AUC {auc:.3f}; precision at recall "
            + " ".join(f"{level}: {a:.3f}" for level, a in zip(RECALLS, at)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--no-seeds", action="store_true", help="train on CaRB dev alone")
    parser.add_argument("--l2", type=float, default=L2, help=f"penalty on the weights (default {L2})")
    parser.add_argument("--seed-weight", type=float, default=SEED_WEIGHT,
                        help=f"how many CaRB triples a seed triple counts for (default {SEED_WEIGHT})")
    parser.add_argument("--dry-run", action="store_true", help="print the figures, leave the model file alone")
    args = parser.parse_args()
    os.environ["KG_MIN_CONFIDENCE"] = "0"  # every candidate, the cut is the model's to make
    carb_dir = args.shared / "eval" / "carb"
    examples = carb_examples(carb_dir)
    n_carb = len(examples)
    seeds = seed_examples(args.shared / "eval" / "seeds" / "seeds.gold.jsonl", Path(__file__).parents[1] / "seeds")
    names = ["bias", "prior"] + sorted({n for e in examples + seeds for n in e["features"]} - {"bias", "prior"})
    # news the CaRB-only model never saw: how its ranking carries over from encyclopedic sentences
    xs, ys = matrix(seeds, names)
    xc, yc = matrix(examples, names)
    print(f"seeds ROC AUC of the model fitted on CaRB dev alone: {roc_auc(xs @ fit(xc, yc, args.l2), ys):.3f}")
    # each seed article held out in turn, the other two (weighted) and CaRB dev fitted
    articles = [e["group"] for e in seeds]
    seed_held_out = np.zeros(len(ys))
    for article in sorted(set(articles)):
        out = np.array([a == article for a in articles])
        xt, yt = np.vstack([xc, xs[~out]]), np.concatenate([yc, ys[~out]])
        wt = np.concatenate([np.ones(len(yc)), np.full(int((~out).sum()), args.seed_weight)])
        seed_held_out[out] = xs[out] @ fit(xt, yt, args.l2, wt)
    print(f"seeds ROC AUC, each article held out (seed weight {args.seed_weight}): {roc_auc(seed_held_out, ys):.3f}")
    if not args.no_seeds:
        examples += seeds
    x, y = matrix(examples, names)
    weight = np.where(np.arange(len(y)) < n_carb, 1.0, args.seed_weight)
    fold = folds(examples)
    rule_columns = [n for n, name in enumerate(names) if name in ("bias", "prior") or name.startswith("rule=")]
    held_out, rule_only = np.zeros(len(y)), np.zeros(len(y))
    print(f"{len(y)} candidates ({n_carb} CaRB dev, {len(y) - n_carb} seeds), {int(y.sum())} good; {len(names)} features")
    for k in range(FOLDS):
        train, test = fold != k, fold == k
        w = fit(x[train], y[train], args.l2, weight[train])
        held_out[test] = 1 / (1 + np.exp(-(x[test] @ w)))
        wr = fit(x[train][:, rule_columns], y[train], args.l2, weight[train])
        rule_only[test] = 1 / (1 + np.exp(-(x[test][:, rule_columns] @ wr)))
        print(f"fold {k}: {int(test.sum())} held out, ROC AUC learned {roc_auc(held_out[test], y[test]):.3f}"
              f" prior and rule {roc_auc(rule_only[test], y[test]):.3f}")
    carb_rows = np.arange(len(y)) < n_carb
    print(f"held out, pooled: ROC AUC learned {roc_auc(held_out, y):.3f}, prior and rule {roc_auc(rule_only, y):.3f},"
          f" hand prior alone {roc_auc(x[:, 1], y):.3f} (CaRB rows {roc_auc(held_out[carb_rows], y[carb_rows]):.3f}"
          f" / {roc_auc(rule_only[carb_rows], y[carb_rows]):.3f} / {roc_auc(x[carb_rows, 1], y[carb_rows]):.3f})")
    print(f"CaRB dev, held-out learned score: {carb_figures(carb_dir, examples[:n_carb], held_out[carb_rows])}")
    print(f"CaRB dev, hand prior alone: {carb_figures(carb_dir, examples[:n_carb], 1 / (1 + np.exp(-x[carb_rows, 1])))}")
    print(f"CaRB dev, held-out prior-and-rule score: {carb_figures(carb_dir, examples[:n_carb], rule_only[carb_rows])}")
    w = fit(x, y, args.l2, weight)
    weights = {name: round(float(v), 4) for name, v in zip(names, w)}
    print("weights, largest first: " + ", ".join(f"{n} {v:+.2f}" for n, v in sorted(weights.items(), key=lambda kv: -abs(kv[1]))[:15]))
    if not args.dry_run:
        model = {
            "about": "kg triple scorer: logistic regression over kg.extraction.confidence.features; "
                     "written by benchmarks/train_confidence.py",
            "trained_on": "CaRB dev (MIT, dair-iitd/CaRB)" + ("" if args.no_seeds else " + kg seed articles"),
            "label": f"CaRB: a gold tuple matched with precision >= {GOOD_PRECISION} and recall >= {GOOD_RECALL};"
                     " seeds: matched by kg eval",
            "candidates": len(y), "good": int(y.sum()), "l2": args.l2,
            "seed_weight": 0.0 if args.no_seeds else args.seed_weight,
            "held_out_roc_auc": round(roc_auc(held_out, y), 3),
            "weights": weights,
        }
        tmp = MODEL_PATH.with_suffix(".tmp")
        tmp.write_text(json.dumps(model, indent=1, sort_keys=False) + "\n", encoding="utf-8")
        tmp.replace(MODEL_PATH)
        print(f"wrote {MODEL_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
