"""Saving one article's record costs the same whether ``records/`` holds 1,000 files or 50,000.

A build writes one JSON record per article (``kg.records.save_records``, an atomic
write each: a temporary file, fsync, rename). For each folder size N, fills a
``records/`` folder with N synthetic records (plain writes, to get there fast), then
saves a batch of new records the way a build's flush does, in a fresh process (a
build is one process, and kg sweeps a folder's stray temporaries once per process).
Prints the milliseconds per record written at each size; flat is the target
(the reliability review measured 4.9 ms at 10k and 28.9 ms at 42k before the fix).

    python benchmarks/records_scale.py                      # N = 1,000, 10,000, 50,000
    python benchmarks/records_scale.py --sizes 1000 10000 --batch 200
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg.model import Document, Entity, Triple
from kg.pipeline import DocumentResult
from kg.records import record_name, save_records, to_record


def result(n: int) -> DocumentResult:
    """A small article's result (about 1 KB of JSON, like a short news item's)."""
    text = f"Report {n}. Kerry met Lavrov in Geneva on day {n}."
    document = Document(id=f"article-{n:06d}", text=text, title=f"Report {n}", date="2019-01-04",
                        source=f"corpus/articles.jsonl:{n + 1}")
    triple = Triple(doc=document.id, sentence_index=1, sentence=text[11:], start=11, end=len(text),
                    subject="John Kerry", relation="meet", object="Sergey Lavrov",
                    subject_text="Kerry", object_text="Lavrov", subject_type="Person", object_type="Person")
    entities = (Entity(name="John Kerry", type="Person", mentions=1, aliases=("Kerry",), docs=(document.id,)),
                Entity(name="Sergey Lavrov", type="Person", mentions=1, aliases=("Lavrov",), docs=(document.id,)))
    return DocumentResult(document, (triple,), entities, 2, 14)


def fill(records: Path, start: int, stop: int) -> None:
    """Write records ``start`` … ``stop - 1`` plainly (no fsync): the folder the timed saves meet."""
    records.mkdir(parents=True, exist_ok=True)
    for i in range(start, stop):
        r = result(i)
        (records / record_name(r.document.id)).write_text(json.dumps(to_record(r), ensure_ascii=False, sort_keys=True))


def timed_batch(records: Path, start: int, batch: int) -> float:
    """Seconds to save ``batch`` new records into ``records`` (run in a child process)."""
    results = [result(i) for i in range(start, start + batch)]
    began = time.perf_counter()
    for i in range(0, batch, 50):  # a build flushes every 50 articles
        save_records(records, results[i:i + 50])
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 50_000])
    parser.add_argument("--batch", type=int, default=500, help="records saved and timed at each size")
    parser.add_argument("--child", nargs=3, metavar=("DIR", "START", "BATCH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(timed_batch(Path(args.child[0]), int(args.child[1]), int(args.child[2])))
        return
    print(f"{'records in folder':>18}  {'ms per record saved':>20}")
    with tempfile.TemporaryDirectory(prefix="kg-records-") as scratch:
        records, filled = Path(scratch) / "records", 0
        for size in sorted(args.sizes):
            fill(records, filled, size)  # one folder grown from size to size
            filled = size
            seconds = float(subprocess.run(
                [sys.executable, __file__, "--child", str(records), str(10_000_000 + size), str(args.batch)],
                check=True, capture_output=True, text=True).stdout)
            for i in range(10_000_000 + size, 10_000_000 + size + args.batch):  # keep the folder at N
                (records / record_name(result(i).document.id)).unlink()
            print(f"{size:>18,}  {1000 * seconds / args.batch:>20.2f}", flush=True)


if __name__ == "__main__":
    main()
