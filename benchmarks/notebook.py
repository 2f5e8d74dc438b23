"""The notebook path on a saved build: in-process query latency and memory, against ``kg query``.

A notebook opens a build with ``kg.graph.load(DIR)`` and asks it questions. This script
times, in one fresh process as a notebook would run them, every library query
(``--repeat`` times each: median and p95), then ``graph.nx``, ``graph.stats()``,
``graph.to_pandas()`` and ``graph.to_html()``, printing the process's peak RSS after
each step. For comparison it times what ``kg query`` does for one query once its
process has started (open the build's store, run the query, close it), in another
fresh process. The targets (issue 24): library queries within 2x of ``kg query``'s
time, p95 under 100 ms, the notebook process under 1 GB.

``--scale K`` first makes a build K times the size of ``--graph`` without parsing
anything, into ``--scaled-out`` (kept for the next run): each article's record is copied
K times under new ids, and so is each article's named graph in the store (one pass of
Oxigraph's bulk loader; the actors' graph stays as it is, the summary graph gets the
copies' counts, as a build of the copies would write them). ``--full-save`` saves the copies instead, as a
build saves (store, exports, page): the same store, but an hour and more at 10x on a
busy two-core machine.
``--notebooks`` also runs ``notebooks/*.ipynb`` against the build and prints each
one's time (needs nbclient and a ``python3`` kernel).

    python benchmarks/notebook.py --graph out/wikinews                 # the 293-article build
    python benchmarks/notebook.py --graph out/wikinews --scale 10 --scaled-out out/wikinews-x10
    python benchmarks/notebook.py --graph out/wikinews --notebooks --repeat 5
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def peak_mb() -> float:
    """This process's peak resident memory so far, in MB.

    ``VmHWM``, not ``ru_maxrss``: Linux carries the latter over from the image before
    ``exec``, so a child started by a big parent would report the parent's peak.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def scale_build(source: Path, out: Path, factor: int, full_save: bool = False) -> None:
    """``out``: the build ``source`` with every article ``factor`` times, under new ids (see the module's text)."""
    from kg.graph import RECORDS_DIR, KnowledgeGraph
    from kg.records import Records, save_records

    records = Records(source / RECORDS_DIR)

    def copies():
        for doc_id in sorted(records):
            result = records[doc_id]
            for k in range(factor):
                yield renamed(result, copy_id(doc_id, k))

    began = time.perf_counter()
    save_records(out / RECORDS_DIR, copies())
    if full_save:
        KnowledgeGraph(records=out / RECORDS_DIR).save(out)
    else:
        copy_store(source / "store", out / "store", factor)
    print(f"scaled build: {len(records) * factor} articles in {out} ({time.perf_counter() - began:.0f} s)")


def copy_id(doc_id: str, k: int) -> str:
    return f"{doc_id}~{k}" if k else doc_id


def copy_store(source: Path, target: Path, factor: int) -> None:
    """Each document's named graph ``factor`` times, its IRIs under the copies' ids; the actors' graph once;
    the summary graph as a build of the copies would write it (:func:`scaled_summary`)."""
    import pyoxigraph as ox

    from kg.rdf.namespaces import KG, document_id, document_iri, is_document_iri, summary_graph

    def moved(term, old: str, new: str):
        if isinstance(term, ox.NamedNode) and term.value.startswith(old):
            return ox.NamedNode(new + term.value[len(old):])
        return term

    identifier = ox.NamedNode("http://purl.org/dc/terms/identifier")
    stamp, summary = ox.NamedNode(str(KG.fingerprint)), ox.NamedNode(str(summary_graph()))
    counted: list[tuple[str, str]] = []  # (copy's id, fingerprint): the documents the summary counts
    kept: list = []

    def quads():
        for quad in ox.Store.read_only(str(source)).quads_for_pattern(None, None, None, None):
            graph = quad.graph_name
            if graph == summary:
                kept.append(quad)
                continue
            yield quad
            if isinstance(graph, ox.NamedNode) and is_document_iri(graph.value):
                old = graph.value
                for k in range(factor):
                    new_id = copy_id(document_id(old), k)
                    if quad.predicate == stamp:
                        counted.append((new_id, quad.object.value))
                    if not k:
                        continue
                    new = str(document_iri(new_id))
                    # a copy's id is its own, as a build of the copies would write it (pages sort on it)
                    obj = ox.Literal(new_id) if quad.predicate == identifier else moved(quad.object, old, new)
                    yield ox.Quad(moved(quad.subject, old, new), quad.predicate, obj, ox.NamedNode(new))

    store = ox.Store(str(target))
    store.bulk_extend(quads())
    store.bulk_extend(scaled_summary(kept, factor, counted))
    store.optimize()


def scaled_summary(quads: list, factor: int, counted: list[tuple[str, str]]):
    """The summary graph ``quads`` of a build, for that build with each article ``factor`` times.

    Every count is a sum of the articles' shares, so the copies' counts are ``factor``
    times the build's; the bands and speaker names are derived from them again, and the
    digest of the counted documents (``counted``) is the copies'. Without it a
    store's first reader finds the summary counting other documents and recounts
    it from every article (82 s at 10x Wikinews), which a build of the copies never does.
    """
    from collections import defaultdict

    import pyoxigraph as ox
    from rdflib import Literal

    from kg.rdf.namespaces import KG, summary_graph
    from kg.rdf.store import counted_digest, from_ox, to_ox
    from kg.rdf.summary import COUNT_PROPERTIES, DERIVED_PROPERTIES, summary_node_triples

    graph, nodes = to_ox(summary_graph()), defaultdict(list)
    for quad in quads:
        nodes[from_ox(quad.subject)].append((from_ox(quad.predicate), from_ox(quad.object)))
    for node, pairs in nodes.items():
        if node == summary_graph():  # the version mark, and the digest of the documents counted
            triples = {(node, p, o) for p, o in pairs if p != KG.countedDocuments}
            triples.add((node, KG.countedDocuments, Literal(counted_digest(counted))))
        else:
            counts = {p: int(o) * factor for p, o in pairs if p in COUNT_PROPERTIES}
            description = [(node, p, o) for p, o in pairs if p not in COUNT_PROPERTIES + DERIVED_PROPERTIES]
            triples = summary_node_triples(node, counts, description)
        yield from (ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph) for s, p, o in triples)


def renamed(result, doc_id: str):
    """One article's result under another id (its triples, actors and merge log follow)."""
    old = result.document.id
    if doc_id == old:
        return result
    document = replace(result.document, id=doc_id)
    triples = tuple(replace(t, doc=doc_id) for t in result.triples)
    entities = tuple(replace(e, docs=tuple(doc_id if d == old else d for d in e.docs),
                             merges=tuple(replace(m, doc=doc_id if m.doc == old else m.doc) for m in e.merges))
                     for e in result.entities)
    return replace(result, document=document, triples=triples, entities=entities)


def query_plan(actor: str, actor2: str) -> list[tuple[str, dict]]:
    """Every library query with parameters that name actors of the build."""
    from kg.rdf.queries import library

    values = {"actor": actor, "actor1": actor, "actor2": actor2, "class": "ASSAULT"}
    plan = []
    for name, query in sorted(library().items()):
        params = {p.name: values[p.name] for p in query.params if p.default is None and p.name in values}
        plan.append((name, params))
    return plan


def summary(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median_ms": 1000 * statistics.median(ordered), "p95_ms": 1000 * p95, "max_ms": 1000 * ordered[-1]}


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (the actor merge runs in one)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def run_library(graph_dir: str, plan: list, repeat: int) -> dict:
    """The notebook process: load, every query ``repeat`` times, then the NetworkX, pandas and HTML views."""
    import kg

    report: dict = {"steps": {}, "queries": {}}
    began = time.perf_counter()
    graph = kg.graph.load(graph_dir)
    report["steps"]["load"] = {"s": time.perf_counter() - began, "cpu_s": time.process_time(), "peak_mb": peak_mb()}
    queries_began, queries_cpu = time.perf_counter(), cpu_seconds()
    for name, params in plan:
        times, cpu, rows = [], [], 0
        for _ in range(repeat):
            began, began_cpu = time.perf_counter(), time.process_time()
            rows = len(graph.query(name, **params))
            times.append(time.perf_counter() - began)
            cpu.append(time.process_time() - began_cpu)
        # the first run opens the store (and finds its caches cold): reported apart
        report["queries"][name] = {**summary(times[1:] or times), "first_ms": 1000 * times[0], "rows": rows,
                                   "cpu_ms": summary(cpu[1:] or cpu)["median_ms"]}
    report["steps"]["queries"] = {"s": time.perf_counter() - queries_began, "cpu_s": cpu_seconds() - queries_cpu,
                                  "peak_mb": peak_mb()}
    html = Path(graph_dir) / "notebook-benchmark.html"
    steps = [("nx", lambda: graph.nx.number_of_edges()), ("stats", lambda: graph.stats()["counts"]),
             ("to_pandas", lambda: [len(frame) for frame in graph.to_pandas()]),
             ("to_html", lambda: graph.to_html(html).name)]
    for step, call in steps:
        began, began_cpu = time.perf_counter(), cpu_seconds()
        value = call()
        report["steps"][step] = {"s": time.perf_counter() - began, "cpu_s": cpu_seconds() - began_cpu,
                                 "peak_mb": peak_mb(), "value": str(value)}
    html.unlink(missing_ok=True)
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    report["peak_mb"], report["children_peak_mb"] = peak_mb(), children
    return report


def run_cli(graph_dir: str, plan: list, repeat: int) -> dict:
    """What ``kg query`` does per call once started: open the build's store, run the query, close it."""
    from kg.rdf.queries import run_query
    from kg.rdf.store import load_graph

    report: dict = {"queries": {}}
    for name, params in plan:
        times, query_times = [], []
        for _ in range(repeat):
            began = time.perf_counter()
            dataset = load_graph(graph_dir)
            opened = time.perf_counter()
            run_query(dataset, name, **params)
            query_times.append(time.perf_counter() - opened)
            dataset.close()
            times.append(time.perf_counter() - began)
        report["queries"][name] = {**summary(times), "query_median_ms": summary(query_times)["median_ms"]}
    report["peak_mb"] = peak_mb()
    return report


def in_child(mode: str, graph_dir: Path, plan: list, repeat: int) -> dict:
    """Run ``mode`` (``library`` or ``cli``) in a fresh Python process and read its JSON report."""
    code = (f"import json, sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); import notebook; "
            f"print(json.dumps(notebook.run_{mode}({str(graph_dir)!r}, {plan!r}, {repeat})))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        sys.exit(f"{mode} run failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_notebooks(graph_dir: Path) -> None:
    import nbformat
    from nbclient import NotebookClient

    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        os.environ["KG_NOTEBOOK_GRAPH"] = str(graph_dir.resolve())
        began = time.perf_counter()
        NotebookClient(notebook, timeout=1800, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        print(f"notebook {path.name}: {time.perf_counter() - began:.1f} s against {graph_dir}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", type=Path, required=True, help="A kg build folder (kg build ... --out DIR).")
    parser.add_argument("--scale", type=int, default=1, help="Time a build this many times larger, made from --graph.")
    parser.add_argument("--scaled-out", type=Path, help="Where the scaled build goes [default: GRAPH-xK].")
    parser.add_argument("--full-save", action="store_true", help="Save the scaled build as a build does (slow).")
    parser.add_argument("--repeat", type=int, default=20, help="Runs of each query.")
    parser.add_argument("--actor", default="Donald Trump", help="The actor the one-actor queries ask about.")
    parser.add_argument("--actor2", default="Joe Biden", help="The second actor of the two-actor queries.")
    parser.add_argument("--notebooks", action="store_true", help="Also run notebooks/*.ipynb against the build.")
    parser.add_argument("--skip-cli", action="store_true", help="Do not time kg query's path.")
    args = parser.parse_args()

    graph_dir = args.graph
    if args.scale > 1:
        graph_dir = args.scaled_out or args.graph.with_name(f"{args.graph.name}-x{args.scale}")
        if not (graph_dir / "store").is_dir():
            scale_build(args.graph, graph_dir, args.scale, args.full_save)
    plan = query_plan(args.actor, args.actor2)
    library = in_child("library", graph_dir, plan, args.repeat)
    cli = None if args.skip_cli else in_child("cli", graph_dir, plan, max(3, args.repeat // 4))
    print(f"{graph_dir}: {args.repeat} runs per query in one notebook process"
          + ("" if cli is None else "; kg query = open store + query + close, process start excluded"))
    print("ms; first = the first run (opens the store); median, p95 and cpu over the runs after it")
    print(f"{'query':<26}{'rows':>6}{'first':>8}{'median':>8}{'p95':>8}{'cpu':>7}"
          + ("" if cli is None else f"{'kg query':>10}{'(query)':>9}{'ratio':>7}"))
    for name, row in library["queries"].items():
        line = (f"{name:<26}{row['rows']:>6}{row['first_ms']:>8.1f}{row['median_ms']:>8.1f}{row['p95_ms']:>8.1f}"
                f"{row['cpu_ms']:>7.1f}")
        if cli is not None:
            other = cli["queries"][name]
            line += f"{other['median_ms']:>10.1f}{other['query_median_ms']:>9.1f}{row['median_ms'] / other['median_ms']:>7.2f}"
        print(line)
    worst = max(library["queries"].items(), key=lambda item: item[1]["p95_ms"])
    print(f"worst p95: {worst[1]['p95_ms']:.1f} ms ({worst[0]})")
    for step, row in library["steps"].items():
        print(f"{step:<10}{row['s']:>8.2f} s  cpu {row['cpu_s']:>7.2f} s  peak RSS {row['peak_mb']:>6.0f} MB"
              f"  {row.get('value', '')}")
    print(f"notebook process peak RSS {library['peak_mb']:.0f} MB (largest child {library['children_peak_mb']:.0f} MB)"
          + ("" if cli is None else f"; kg query process {cli['peak_mb']:.0f} MB"))
    if args.notebooks:
        run_notebooks(graph_dir)


if __name__ == "__main__":
    main()
