"""A build of many short articles keeps its pace: articles per second at 1k, 10k, 50k and 100k.

Synthesises short articles (two consecutive sentences each, with their article's
date and a title of their own) by cutting the corpus into sentences and going round it
as often as needed, writes them to one JSONL file and builds them into an output
folder with ``kg build``'s library call, which saves each article's record as it goes.
At each size it prints the rate over the last tenth of the articles parsed so far,
the same per CPU second (with ``--jobs 1`` the parse runs in this process, so that pace
holds on a machine busy with other work), per CPU second over the same texts (the first
1,000 articles at 1k, their copy in the latest round of the corpus from one round on: the
like-for-like pace) and the process's resident memory; then the
time and peak memory of the save (store, exports, page) unless ``--no-save``. The target
(issue 24): the rate at 100k at least 0.8x the rate at 1k, and memory flat.

    nice -n 10 python benchmarks/many_articles.py --sizes 1000 10000             # ~15 min on 2 busy cores
    python benchmarks/many_articles.py                                          # 1k, 10k, 50k, 100k: hours
    python benchmarks/many_articles.py --corpus my.jsonl --sizes 500 5000 --no-save --jobs 2
"""
from __future__ import annotations

import argparse
import itertools
import json
import re
import resource
import tempfile
import time
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "wikinews_en_2019_2020" / "articles.jsonl"
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


def sentences(corpus: Path) -> list[tuple[str, str]]:
    """Every sentence of the corpus with its article's date, in order."""
    found = []
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            article = json.loads(line)
            date = article.get("date") or ""
            for paragraph in article.get("text", "").split("\n"):
                found += [(s.strip(), date) for s in SENTENCE_END.split(paragraph) if len(s.strip()) > 20]
    return found


def short_articles(pool: list[tuple[str, str]], count: int) -> Iterator[dict]:
    """``count`` articles of two consecutive sentences, round the corpus as often as needed."""
    for i, start in zip(range(count), itertools.cycle(range(0, len(pool) - 1))):
        (first, date), (second, _) = pool[start], pool[start + 1]
        yield {"id": f"short-{i:06d}", "title": f"Short report {i}", "date": date, "text": f"{first} {second}"}


#: How many articles the like-for-like pace is taken over (see ``same_texts`` in :func:`main`).
REFERENCE = 1000


def rss_mb() -> float:
    """Resident memory of this process now, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 50_000, 100_000],
                        help="Article counts to report at; the build runs to the largest.")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="JSONL articles to cut up.")
    parser.add_argument("--out", type=Path, help="Output folder [default: a temporary one, removed].")
    parser.add_argument("--jobs", type=int, default=1, help="Parser processes (kg build --jobs).")
    parser.add_argument("--no-save", action="store_true", help="Stop after parsing (records only).")
    args = parser.parse_args()

    import kg
    from kg.graph import RECORDS_DIR, KnowledgeGraph

    sizes = sorted(set(args.sizes))
    total = sizes[-1]
    work = Path(tempfile.mkdtemp(prefix="kg-many-"))
    out = args.out or work / "out"
    articles = work / "articles.jsonl"
    pool = sentences(args.corpus)
    with articles.open("w", encoding="utf-8") as sink:
        for article in short_articles(pool, total):
            sink.write(json.dumps(article, ensure_ascii=False) + "\n")
    print(f"{total} short articles ({articles.stat().st_size / 1e6:.1f} MB) -> {out}, jobs={args.jobs}", flush=True)

    stamps: list[float] = []
    # CPU seconds beside the wall clock: with --jobs 1 the parse runs in this process, so
    # articles per CPU second is the pace on a machine shared with other work.
    cpu: list[float] = []
    # Articles differ in length (a window at 1k is 100 of them, at 50k a tenth of the corpus
    # round), so the pace is also given per character, and over the same texts: the first
    # REFERENCE articles, and their copy in the latest round of the corpus (from 1 round +
    # REFERENCE on: 12.5k with Wikinews), parsed with that many articles built before them.
    chars: list[int] = [0]
    by_index: dict[int, float] = {}  # CPU clock when article i was done
    round_ = len(pool) - 1
    checkpoints = iter(sizes)
    next_size = next(checkpoints)

    def report() -> None:
        done = len(stamps)
        window = max(50, done // 10)
        first = -1 - window if done > window else None
        rate = window / (stamps[-1] - stamps[first]) if first else done / (stamps[-1] - began)
        cpu_seconds = cpu[-1] - cpu[first] if first else cpu[-1] - began_cpu
        cpu_rate = (window if first else done) / cpu_seconds
        char_rate = (chars[-1] - chars[first if first else 0]) / cpu_seconds / 1000
        print(f"{done:>8} articles  {rate:7.1f} articles/s (last {window})  "
              f"{cpu_rate:7.1f} articles/CPU s  {char_rate:6.1f} k chars/CPU s  "
              f"{same_texts(done):>7} articles/CPU s (same texts)  "
              f"{done / (stamps[-1] - began):7.1f} articles/s overall  RSS {rss_mb():6.0f} MB", flush=True)

    def same_texts(done: int) -> str:
        """Articles per CPU second over the latest copy of the first REFERENCE texts ("-" before the
        first copy after the originals). The first of them only starts the clock: the model load is
        not in the figure, nor any article before."""
        start = (done - REFERENCE) // round_ * round_ if done >= REFERENCE else None
        if start is None or start == 0 and done > REFERENCE:
            return "-"
        first, end = by_index.get(start), by_index.get(start + REFERENCE - 1)
        return "-" if first is None or end is None else f"{(REFERENCE - 1) / (end - first):.1f}"

    def progress(result) -> None:
        nonlocal next_size
        stamps.append(time.perf_counter())
        cpu.append(time.process_time())
        chars.append(chars[-1] + len(result.document.text))
        by_index[int(result.document.id.rsplit("-", 1)[-1])] = cpu[-1]
        if len(stamps) == next_size:
            report()
            next_size = next(checkpoints, None)

    began, began_cpu = time.perf_counter(), time.process_time()
    if args.no_save:
        KnowledgeGraph(records=out / RECORDS_DIR).add([articles], jobs=args.jobs, progress=progress)
    else:
        kg.build([articles], out=out, jobs=args.jobs, progress=progress)
    if stamps and next_size is not None:  # fewer articles than asked (a few may say nothing usable)
        report()
    if not args.no_save:
        saved = time.perf_counter() - stamps[-1]
        print(f"save (store, exports, page): {saved:.0f} s", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"total {time.perf_counter() - began:.0f} s; peak RSS {peak:.0f} MB (largest child {children:.0f} MB)")
    if args.out is None:
        import shutil

        shutil.rmtree(work)
    else:
        articles.unlink()


if __name__ == "__main__":
    main()
