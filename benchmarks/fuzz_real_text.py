"""Real-text fuzz at scale: many thousands of recombined and cut news texts through kg.

    python benchmarks/fuzz_real_text.py [--cases 5000] [--seed 0] [--corpus FILE.jsonl]... [--build 200]

The cases are drawn as in ``tests/test_fuzz_real_text.py`` (whole articles, slices
cut at any character, paragraphs of different articles, sentence pairs, shuffled
sentences, tiny fragments) from the Wikinews corpus (default
``../shared/corpora/wikinews_en_2019_2020/articles.jsonl``) and the seed articles,
analysed by one pipeline in this process; the first ``--build`` cases also go
through ``kg.build`` into a temporary folder.  Prints the number of cases, the
crashes and invariant failures (each with its case number, kind and the start of
its text), and the time taken.  Exits 1 on any crash.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_fuzz_real_text import SEEDS, check_result, real_text_cases, real_texts  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "wikinews_en_2019_2020" / "articles.jsonl"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--corpus", type=Path, action="append")
    parser.add_argument("--build", type=int, default=200, help="how many of the cases also go through kg.build")
    args = parser.parse_args(argv)

    import kg
    from kg.model import Document
    from kg.pipeline import analyse_all
    from kg.pipeline.nlp import load_nlp

    texts = real_texts(args.corpus or [DEFAULT_CORPUS], [SEEDS])
    cases = list(real_text_cases(texts, args.cases, args.seed))
    started = time.perf_counter()
    failures = []
    documents = (Document(id=f"case{i}", text=text) for i, (_, text) in enumerate(cases))
    for i, ((kind, text), result) in enumerate(zip(cases, analyse_all(load_nlp(), documents))):
        try:
            check_result(result, text)
        except AssertionError as exc:
            failures.append(f"case {i} ({kind}): {exc}: {text[:120]!r}")
    analysed = time.perf_counter() - started

    built = min(args.build, len(cases))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "cases.jsonl"
        corpus.write_text("".join(json.dumps({"id": f"case{i}", "text": text}) + "\n"
                                  for i, (_, text) in enumerate(cases[:built])), encoding="utf-8")
        problems: list = []
        try:
            kg.build([corpus], out=Path(tmp) / "out", html=False, on_problem=problems.append)
        except Exception as exc:  # noqa: BLE001 - counted and printed
            failures.append(f"kg.build of the first {built} cases: {type(exc).__name__}: {exc}")
        failures += [f"kg.build: {p}" for p in problems if p.reason == "analysis failed"]

    print(f"texts drawn from: {len(texts)} articles")
    print(f"cases analysed: {len(cases)} in {analysed:.0f} s; through kg.build: {built}")
    print(f"crashes or broken invariants: {len(failures)}")
    for line in failures[:50]:
        print("  " + line)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
