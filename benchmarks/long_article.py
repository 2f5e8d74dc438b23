"""What one very long article costs next to the same text as many articles.

Takes real Wikinews text (``articles.jsonl``, the whole corpus by default: 293
articles, 1.28M characters) and builds it three ways, each in a fresh process and
output folder, parsing in one process (``-j 1``) so the peak is one process's:

* ``many``: the articles as they are;
* ``one``: the same texts joined into one article (the reader cuts it into parts of
  :data:`kg.documents.readers.MAX_CHARS` characters, ``id``, ``id#2`` …);
* ``one-doc`` (``--single-doc``): the same article with the reader's cut switched off,
  so the pipeline parses it in pieces (:func:`kg.pipeline.pieces`) joined into one ``Doc``.

Prints, per way: wall time (parse / save) and CPU time (user + system: what to compare on a
busy machine), the build process's peak RSS when parsing ended and over the whole build (its
forked merge child included), the RSS left at the end, and the size of the outputs.

    python benchmarks/long_article.py                       # many + one
    python benchmarks/long_article.py --chars 500000 --single-doc
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora" / "wikinews_en_2019_2020" / "articles.jsonl"


def articles(path: Path, chars: int) -> list[dict]:
    out, total = [], 0
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            out.append({"id": row["id"], "title": row["title"], "date": row["date"], "text": row["text"]})
            total += len(row["text"])
            if total >= chars:
                break
    return out


def write_inputs(rows: list[dict], folder: Path) -> dict[str, Path]:
    many, one = folder / "many.jsonl", folder / "one.jsonl"
    many.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    joined = "\n\n".join(f"{r['title']}\n\n{r['text']}" for r in rows)
    one.write_text(json.dumps({"id": "long", "title": "All of it", "date": rows[0]["date"], "text": joined},
                              ensure_ascii=False) + "\n", encoding="utf-8")
    return {"many": many, "one": one, "one-doc": one}


def _rss_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def child(path: Path, out: Path, single_doc: bool) -> None:
    """Build ``path`` into ``out`` here, printing phase times and memory as one JSON line."""
    import kg.graph
    from kg.documents import read_documents

    if single_doc:
        read_documents.__kwdefaults__["max_chars"] = 10 ** 12
    t0 = time.perf_counter()
    graph = kg.graph.KnowledgeGraph(records=out / kg.graph.RECORDS_DIR)
    graph.add([path], jobs=1)
    parsed = time.perf_counter()
    parse_rss = _rss_mb("VmHWM")
    graph.save(out, html=True)
    done = time.perf_counter()
    print(json.dumps({"documents": len(graph.results), "triples": graph.results.triples(),
                      "parse_s": parsed - t0, "save_s": done - parsed, "parse_peak_mb": parse_rss,
                      "end_rss_mb": _rss_mb("VmRSS")}), flush=True)


def size_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 1e6
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def measure(way: str, path: Path, out: Path) -> dict:
    cmd = [sys.executable, __file__, "--child", str(path), str(out)] + (["--single-doc"] if way == "one-doc" else [])
    t0 = time.perf_counter()
    process = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - t0
    report = json.loads(process.stdout.read().strip().splitlines()[-1]) if status == 0 else {}
    report.update(way=way, status=status, wall_s=wall, cpu_s=usage.ru_utime + usage.ru_stime, peak_mb=usage.ru_maxrss / 1024,
                  out_mb=size_mb(out), store_mb=size_mb(out / "store"), records_mb=size_mb(out / "records"),
                  ttl_mb=size_mb(out / "graph.ttl"))
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--chars", type=int, default=2_000_000, help="take articles until this much text")
    parser.add_argument("--single-doc", action="store_true", help="also build the article without the reader's cut")
    parser.add_argument("--ways", nargs="*", help="only these ways (many, one, one-doc)")
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child, single_doc=args.single_doc)
        return
    ways = args.ways or (["many", "one"] + (["one-doc"] if args.single_doc else []))
    folder = Path(tempfile.mkdtemp(prefix="kg-long-"))
    try:
        rows = articles(args.corpus, args.chars)
        inputs = write_inputs(rows, folder)
        print(f"{len(rows)} articles, {sum(len(r['text']) for r in rows):,} characters of text", flush=True)
        print(f"{'way':<8}{'docs':>6}{'triples':>9}{'wall s':>8}{'cpu s':>7}{'parse s':>9}{'save s':>8}"
              f"{'parse MB':>9}{'peak MB':>9}{'end MB':>8}{'out MB':>8}{'store':>7}{'records':>8}{'ttl':>6}", flush=True)
        for way in ways:
            r = measure(way, inputs[way], folder / f"out-{way}")
            print(f"{way:<8}{r.get('documents', '-'):>6}{r.get('triples', '-'):>9}{r['wall_s']:>8.0f}{r['cpu_s']:>7.0f}"
                  f"{r.get('parse_s', 0):>9.0f}{r.get('save_s', 0):>8.0f}{r.get('parse_peak_mb', 0):>9.0f}{r['peak_mb']:>9.0f}"
                  f"{r.get('end_rss_mb', 0):>8.0f}{r['out_mb']:>8.1f}{r['store_mb']:>7.1f}{r['records_mb']:>8.1f}"
                  f"{r['ttl_mb']:>6.1f}" + ("" if r["status"] == 0 else f"  FAILED (status {r['status']})"),
                  flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
