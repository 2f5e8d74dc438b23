"""Adding one article to a store of N articles costs time proportional to the article.

For each store size N, fills an on-disk Oxigraph store with N synthetic articles
(kg's RDF shape, 20 statements each; bulk-loaded), then adds new articles one at a
time the way an incremental ``kg build`` does: ``replace_document`` (one
transactional update of the article's named graph) and ``replace_entities(...,
prune=False)`` for the actors that article touches.  Prints the median time per
added article, the time to re-add an unchanged article (skipped by fingerprint),
and, for contrast, ``replace_entities`` over *all* entities (what a build that
re-merges the whole corpus pays).

    python benchmarks/incremental.py                 # N = 100, 1,000, 10,000
    python benchmarks/incremental.py --sizes 100 1000
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from sparql import corpus, quads

from kg.model import Entity
from kg.rdf.store import open_store, ox_store, replace_document, replace_entities


def measure(n_docs: int, adds: int, directory: Path) -> dict[str, float]:
    n_actors = max(50, n_docs * 2)
    documents, triples, entities = corpus(n_docs + adds, n_actors)
    old_docs = set(d.id for d in documents[:n_docs])
    dataset = open_store(directory)
    store = ox_store(dataset)
    store.bulk_extend(quads(documents[:n_docs], [t for t in triples if t.doc in old_docs], entities))
    store.optimize()
    size = len(store)
    add_times, skip_times = [], []
    for document in documents[n_docs:]:
        own = [t for t in triples if t.doc == document.id]
        names = {t.subject for t in own} | {t.object for t in own}
        touched = [Entity(name=name, type="Person", aliases=(name,), mentions=1, docs=(document.id,))
                   for name in sorted(names)]
        t0 = time.perf_counter()
        replace_document(dataset, document, own)
        replace_entities(dataset, touched, prune=False)
        add_times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        changed = replace_document(dataset, document, own)
        skip_times.append(time.perf_counter() - t0)
        assert not changed
    t0 = time.perf_counter()
    replace_entities(dataset, entities, prune=False)
    all_entities = time.perf_counter() - t0
    t0 = time.perf_counter()
    assert replace_entities(dataset, entities, prune=False) == 0
    unchanged = time.perf_counter() - t0
    dataset.close()
    return {"quads": size, "add": statistics.median(add_times) * 1000,
            "skip": statistics.median(skip_times) * 1000, "all_entities": all_entities * 1000, "unchanged": unchanged * 1000,
            "entities": len(entities)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1_000, 10_000])
    parser.add_argument("--adds", type=int, default=10, help="articles added per store size")
    args = parser.parse_args()
    header = (f"{'articles N':>10} {'quads':>11} {'add 1 article':>14} {'re-add same':>12} "
              f"{'rewrite all entities':>21} {'check all, unchanged':>21}")
    print("times in ms (median over added articles); 20 statements per article")
    print(header)
    print("─" * len(header))
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            r = measure(n, args.adds, Path(tmp) / f"n{n}")
            print(f"{n:>10,} {r['quads']:>11,} {r['add']:>14.1f} {r['skip']:>12.1f} "
                  f"{r['all_entities']:>21.0f} {r['unchanged']:>21.0f}   ({r['entities']:,} entities)")
    print("\n'add 1 article' should stay flat as N grows; passing every entity costs time in the corpus size.")


if __name__ == "__main__":
    main()
