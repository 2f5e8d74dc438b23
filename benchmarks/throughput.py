"""Throughput and memory of ``kg build`` against the bare spaCy parse, on 1 and all cores.

    python benchmarks/throughput.py [ARTICLES.jsonl] [--words 1000000] [--rss-words N] [--quick] [--no-dask] [--memory-only]
    python benchmarks/throughput.py --command [--scales 1 10]     # only the whole-command table

The corpus (default ``../shared/corpora/wikinews_en_2019_2020/articles.jsonl``) is repeated,
ids made unique, until it holds ``--words`` words. Every figure comes from a fresh
subprocess, so model loading and memory do not leak between rows:

- bare ``nlp.pipe`` (the statistical components only) with 1 and all cores (``n_process``);
- kg's streaming build (parse, extraction, actors, compact records) with 1 and all cores
  in-process, and on a Dask LocalCluster of all cores (``kg.pipeline.parallel.local_cluster``) started and
  warmed up before the timer, as a long-lived cluster would be; its start-up is printed under the
  table, with the rate it would give if counted;
- peak RSS of ``kg build --no-html`` for ``--rss-words`` (1×) and ten times that (10×), articles
  in a fixed shuffled order: of the main process while documents stream (records kept), at the
  end (after writing RDF, GraphML), and of the largest worker process (set by the longest batch:
  the corpus has one 19,876-word article).

The whole-command table (issue 21) times what a user waits for: ``kg build ARTICLES --out DIR``
run as a fresh process with every default output (store, Turtle, TriG, GraphML, HTML), beside
a fresh process that loads the model and runs bare ``nlp.pipe`` over the same articles, both on
all cores, wall clock measured from outside (interpreter start and model load on both sides).
The build's own phase split (``kg build --timings``) follows: parse+extract, actors, store,
exports (Turtle, TriG), GraphML and view (``*``: written by a forked child beside the store and
the exports), ``waited`` (what the build still waited for that child), wall seconds then, on a
second row, CPU seconds (steadier on a shared machine).
It runs at 1× (the corpus as it is) and at each ``--scales`` multiple (the corpus repeated,
ids made unique). Targets: whole build ≥ 0.8× the bare parse wall; the save (everything after
the parse: actors, store, exports and the wait for the child) ≤ 15% of the build's wall, printed
beside the whole wall outside the parse (start-up, imports, the summary and the exit as well);
main-process peak RSS at 10× within 1.3× of 1×.

Targets (issue 7): kg build ≥ 0.9 × bare parse at the same core count; ≥ 1.7× from 1 to 2
cores; peak RSS at 10× within 1.2× of 1×. CPU seconds are printed beside wall seconds because
on a shared machine wall time also measures the neighbours: ``cpu s`` is the whole measurement
(workers included), ``main cpu s`` the measuring process alone (with worker processes it should
stay small: parsing and extraction happen in the workers), ``cpu vs bare`` the ratio of CPU
per token. Bare and kg run the same statistical components (printed under the table). The
throughput rows write no output files; ``save s`` in the memory table is the time a whole
build spends after the last article is analysed (merging actors, store, Turtle, TriG, GraphML).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "wikinews_en_2019_2020" / "articles.jsonl"


def repeat_corpus(source: Path, words: int, target: Path, *, shuffle: bool = False) -> int:
    """Write ``source`` repeated (ids suffixed ``#rN``) until ``words`` words; returns the article count.

    ``shuffle`` takes the articles in a fixed random order, so that a sample smaller than
    the corpus has its mix of short and long articles rather than its first ones.
    """
    articles = [json.loads(line) for line in source.open(encoding="utf-8") if line.strip()]
    if shuffle:
        random.Random(0).shuffle(articles)
    written = count = 0
    with target.open("w", encoding="utf-8") as out:
        for round_ in range(10**6):
            for article in articles:
                if written >= words:
                    return count
                out.write(json.dumps({**article, "id": f"{article['id']}#r{round_}"}) + "\n")
                written += len(article["text"].split())
                count += 1
    return count


# -- measurements, each run in its own subprocess ------------------------------------------
def measure_bare(corpus: Path, jobs: int) -> dict:
    from kg.documents import read_documents
    from kg.pipeline.nlp import KG_COMPONENTS, load_nlp

    nlp = load_nlp()
    texts = (d.text for d in read_documents([corpus]))
    with nlp.select_pipes(disable=list(KG_COMPONENTS)):
        before = _cpu_self()
        start = time.perf_counter()
        tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=32, n_process=jobs))
        components = nlp.pipe_names
    return {"tokens": tokens, "seconds": time.perf_counter() - start, "main_cpu": _cpu_self() - before,
            "components": components}


def measure_kg(corpus: Path, jobs: int, dask: bool) -> dict:
    from kg.pipeline.nlp import load_nlp

    load_nlp()  # as for the bare parse: loading the model is not parsing
    if not dask:
        return _timed_build(corpus, jobs=jobs)
    from distributed import Client

    from kg.pipeline.parallel import local_cluster

    # The cluster a user keeps running: started, and the model loaded on its workers, before the
    # timer; what that costs is measured here and printed beside the row.
    before, start = _cpu_self(), time.perf_counter()
    with local_cluster(jobs) as address:
        seconds = time.perf_counter() - start
        with Client(address) as client:
            workers_cpu = sum(client.run(_cpu_self).values())
        startup = {"startup_seconds": seconds, "startup_cpu": _cpu_self() - before + workers_cpu}
        return {**_timed_build(corpus, jobs=jobs, scheduler=address), **startup}


def _timed_build(corpus: Path, **options) -> dict:
    from kg.graph import build

    tokens = []
    before = _cpu_self()
    start = time.perf_counter()
    build([corpus], progress=lambda r: tokens.append(r.tokens), **options)
    return {"tokens": sum(tokens), "seconds": time.perf_counter() - start, "main_cpu": _cpu_self() - before}


def _cpu_self() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure_rss(corpus: Path, jobs: int) -> dict:
    from kg.graph import build

    peak, parsed = [0.0], [0.0]

    def sample(result) -> None:
        peak[0] = max(peak[0], _rss_mb())
        parsed[0] = time.perf_counter()

    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        graph = build([corpus], out=out, jobs=jobs, html=False, progress=sample)
        seconds = time.perf_counter() - start
        records = sum(p.stat().st_size for p in (Path(out) / "records").iterdir())
    return {"documents": len(graph.results), "stream_mb": peak[0], "seconds": seconds,
            "save_seconds": start + seconds - parsed[0],
            "records_mb": records / 2**20,
            "end_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def measure_command(corpus: Path, jobs: int) -> dict:
    """``kg build`` as a user runs it: its own process, every default output; wall from outside."""
    kg = Path(sys.executable).with_name("kg")
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        done = subprocess.run([str(kg), "build", str(corpus), "--out", out, "--jobs", str(jobs), "--timings"],
                              capture_output=True, text=True, env={**os.environ, "CI": "1"})
        seconds = time.perf_counter() - start
        if done.returncode:
            sys.exit(f"kg build failed:\n{done.stderr[-2000:]}")
        sizes = {p.name: p.stat().st_size for p in Path(out).iterdir() if p.is_file()}
        store = sum(p.stat().st_size for p in (Path(out) / "store").rglob("*") if p.is_file())
    lines = done.stderr.splitlines()
    line = next(line for line in lines if line.startswith("kg: phases: "))
    cpu_line = next(line for line in lines if line.startswith("kg: cpu phases: "))
    rss = float(re.search(r"peak RSS of this process (\d+) MB", line).group(1))
    return {"seconds": seconds, "phases": _phases(line), "cpu_phases": _phases(cpu_line), "main_mb": rss,
            "files": sizes, "store_bytes": store,
            "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def _phases(line: str) -> dict[str, float]:
    """``{phase: seconds}`` of a ``kg build --timings`` line (``graphml*``: a phase run beside others)."""
    return {name: float(value) for name, value in re.findall(r"([\w+]+)\*? ([\d.]+) s(?=,| \()", line)}


def measure_bare_command(corpus: Path, jobs: int) -> dict:
    """Model load and bare ``nlp.pipe`` in this fresh process (its wall is taken from outside)."""
    return measure_bare(corpus, jobs)


def run_child(*args: str) -> dict:
    before = os.times()
    done = subprocess.run([sys.executable, __file__, "--measure", *args], capture_output=True, text=True,
                          env={**os.environ, "CI": "1"})
    if done.returncode:
        sys.exit(f"measurement {args} failed:\n{done.stderr[-2000:]}")
    after = os.times()
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    figures["process_seconds"] = after.elapsed - before.elapsed
    figures["cpu"] = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--words", type=int, default=1_000_000, help="words parsed per throughput row")
    parser.add_argument("--rss-words", type=int, default=None,
                        help="words of the 1× memory run (default: the corpus once); 10× is ten times that")
    parser.add_argument("--quick", action="store_true", help="small sizes (50k words, 10k for 1× memory)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="'all cores' (default: cpu count)")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask LocalCluster row")
    parser.add_argument("--memory-only", action="store_true", help="only the peak RSS table")
    parser.add_argument("--command", action="store_true", help="only the whole-command table (kg build vs bare parse)")
    parser.add_argument("--scales", type=int, nargs="+", default=[1],
                        help="corpus multiples of the whole-command table (default: 1; 1 10 for the issue's targets)")
    parser.add_argument("--measure", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        kind, corpus, jobs, dask = args.measure
        if kind == "bare":
            figures = measure_bare(Path(corpus), int(jobs))
        elif kind == "kg":
            figures = measure_kg(Path(corpus), int(jobs), dask == "dask")
        elif kind == "command":
            figures = measure_command(Path(corpus), int(jobs))
        else:
            figures = measure_rss(Path(corpus), int(jobs))
        print(json.dumps(figures))
        return 0

    words = 50_000 if args.quick else args.words
    corpus_words = sum(len(json.loads(line)["text"].split()) for line in args.articles.open(encoding="utf-8")
                       if line.strip())
    rss_words = args.rss_words or (10_000 if args.quick else corpus_words)
    if args.command:
        with tempfile.TemporaryDirectory() as tmp:
            print_command(args, corpus_words, Path(tmp))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        speed, one, ten = tmp / "speed.jsonl", tmp / "rss1.jsonl", tmp / "rss10.jsonl"
        if not args.memory_only:
            print_speed(args, words, speed)
        print_memory(args, rss_words, one, ten)
    return 0


def print_speed(args: argparse.Namespace, words: int, speed: Path) -> None:
    """The throughput table: bare parse and kg build, 1 and all cores, in-process and on Dask."""
    n = repeat_corpus(args.articles, words, speed)
    print(f"throughput corpus: {n} articles, {words:,} words from {args.articles}; all cores = {args.jobs}")
    print(f"{'run':<34}{'tokens':>10}{'wall s':>9}{'tokens/s':>10}{'cpu s':>8}{'main cpu s':>11}"
          f"{'cpu ms/1k tok':>14}{'vs bare':>9}{'cpu vs bare':>12}")
    bare = {}
    rows = [("bare", 1, ""), ("bare", args.jobs, ""), ("kg", 1, ""), ("kg", args.jobs, "")]
    if not args.no_dask:
        rows.append(("kg", args.jobs, "dask"))
    rates, cpu_per_token, startup = {}, {}, None
    for kind, jobs, dask in rows:
        f = run_child(kind, str(speed), str(jobs), dask or "-")
        rate = f["tokens"] / f["seconds"]
        rates[kind, jobs, dask] = rate
        # CPU per token is steadier than wall time on a shared machine; model loading is
        # in "cpu s" of both kinds alike, so the ratio is if anything unfair to kg.
        per_token = f["cpu"] / f["tokens"] * 1e6
        if kind == "bare":
            bare[jobs], cpu_per_token[jobs] = rate, per_token
            components = ", ".join(f["components"])
        label = {"bare": "bare nlp.pipe", "kg": "kg build"}[kind] + f", {jobs} core{'s' * (jobs > 1)}"
        label += " (Dask, warm)" if dask else (" (in-process)" if kind == "kg" else "")
        ratio = f"{rate / bare[jobs]:.2f}" if kind == "kg" else ""
        cpu_ratio = f"{cpu_per_token[jobs] / per_token:.2f}" if kind == "kg" else ""
        print(f"{label:<34}{f['tokens']:>10,}{f['seconds']:>9.1f}{rate:>10,.0f}{f['cpu']:>8.1f}"
              f"{f['main_cpu']:>11.1f}{per_token:>14.0f}{ratio:>9}{cpu_ratio:>12}")
        if "startup_seconds" in f:
            startup = f
    if startup:
        # "cpu s" of the Dask row includes the start-up (the workers' CPU is counted when they exit).
        cold = startup["tokens"] / (startup["seconds"] + startup["startup_seconds"])
        print(f"Dask LocalCluster start-up and model warm-up, before the timer: "
              f"{startup['startup_seconds']:.1f} wall s, {startup['startup_cpu']:.1f} cpu s; "
              f"with it counted {cold:,.0f} tokens/s, {cold / bare[args.jobs]:.2f} vs bare")
    print(f"bare runs: {components}; kg runs the same plus kg_paragraphs, kg_actors, extraction, "
          "records (no output files: see the memory table for whole builds)")
    for kind in ("bare", "kg"):
        print(f"speed-up 1→{args.jobs} cores, {kind}: {rates[kind, args.jobs, ''] / rates[kind, 1, '']:.2f}×")


def print_command(args: argparse.Namespace, corpus_words: int, tmp: Path) -> None:
    """The whole-command table: ``kg build`` with every output against the bare parse, and its phases."""
    load = os.getloadavg()[0]
    print(f"whole command, --jobs {args.jobs}, wall s from outside a fresh process (load average {load:.1f})")
    phases = ["parse+extract", "actors", "store", "exports", "graphml*", "view*", "waited"]
    print(f"{'size':<6}{'articles':>9}{'bare s':>8}{'kg s':>8}{'vs bare':>8}  "
          + "".join(f"{p:>14}" for p in phases) + f"{'save %':>8}{'after %':>8}{'main MB':>9}{'store MB':>9}")
    main_mb = {}
    for scale in args.scales:
        corpus = tmp / f"x{scale}.jsonl"
        articles = repeat_corpus(args.articles, scale * corpus_words, corpus)
        bare = run_child("bare", str(corpus), str(args.jobs), "-")
        kg = run_child("command", str(corpus), str(args.jobs), "-")
        wall = kg["seconds"]
        split, cpu = kg["phases"], kg["cpu_phases"]
        # the save phase (KnowledgeGraph.save: actors, store, exports and the wait for the child),
        # and everything outside the parse (also start-up, the summary printed and the exit)
        save = sum(split.get(p, 0.0) for p in ("actors", "store", "exports", "waited"))
        outside = wall - split["parse+extract"]
        main_mb[scale] = kg["main_mb"]
        print(f"{f'{scale}×':<6}{articles:>9}{bare['process_seconds']:>8.1f}{wall:>8.1f}"
              f"{bare['process_seconds'] / wall:>8.2f}  "
              + "".join(f"{split.get(p.rstrip('*'), 0.0):>8.1f} {100 * split.get(p.rstrip('*'), 0.0) / wall:>3.0f}% "
                        for p in phases)
              + f"{100 * save / wall:>7.0f}%{100 * outside / wall:>7.0f}%{kg['main_mb']:>9.0f}"
              f"{kg['store_bytes'] / 2**20:>9.0f}")
        print(f"{'  cpu s':<23}{bare['cpu']:>8.1f}{kg['cpu']:>8.1f}{bare['cpu'] / kg['cpu']:>8.2f}  "
              + "".join(f"{cpu.get(p.rstrip('*'), 0.0):>13.1f} " for p in phases))
    print(f"load average after: {os.getloadavg()[0]:.1f}; 'vs bare' = bare wall / kg wall (target ≥ 0.8); "
          "'save %' = the save phase, actors + store + exports + waited (target ≤ 15%); 'after %' = the wall "
          "outside the parse (start-up, save, summary and exit); * = in a child beside store and exports; "
          "cpu s: the whole process tree (bare: model load and parse; kg: every phase)")
    if 1 in main_mb:
        for scale, mb in main_mb.items():
            if scale != 1:
                print(f"main-process peak RSS {scale}×/1×: {mb / main_mb[1]:.2f} (target ≤ 1.3 at 10×)")


def print_memory(args: argparse.Namespace, rss_words: int, one: Path, ten: Path) -> None:
    """The memory table: peak RSS of whole builds of the corpus once and ten times."""
    print(f"\npeak RSS of kg build --no-html, --jobs {args.jobs}")
    print(f"{'size':<14}{'articles':>9}{'words':>10}{'streaming MB':>14}{'end MB':>9}{'worker MB':>11}"
          f"{'records MB':>12}{'wall s':>8}{'save s':>8}")
    result = {}
    for label, size, path in (("1×", rss_words, one), ("10×", 10 * rss_words, ten)):
        articles = repeat_corpus(args.articles, size, path, shuffle=True)
        f = run_child("rss", str(path), str(args.jobs), "-")
        result[label] = f
        print(f"{label:<14}{articles:>9}{size:>10,}{f['stream_mb']:>14.0f}{f['end_mb']:>9.0f}"
              f"{f['worker_mb']:>11.0f}{f['records_mb']:>12.1f}{f['seconds']:>8.0f}{f['save_seconds']:>8.0f}")
    for key, name in (("stream_mb", "streaming"), ("end_mb", "end"), ("worker_mb", "worker")):
        if result["1×"][key]:
            print(f"10×/1× {name}: {result['10×'][key] / result['1×'][key]:.2f}")


if __name__ == "__main__":
    sys.exit(main())
