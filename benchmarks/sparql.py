"""Time every ``queries/*.rq`` on Oxigraph and on rdflib's memory store.

Builds a synthetic corpus with kg's own RDF shape (documents, sentences, reified
statements, direct edges, entities, and the summary graph summed from each article's
share by ``kg.rdf.summary.summary_counts``, the function incremental writes use) through
``kg.rdf``, bulk-loads it into an on-disk
Oxigraph store, and times each library query end to end through
``kg.rdf.queries.run_query`` (parameters bound, rows converted to Python): median and
p95 over ``--repeat`` runs.  rdflib's memory store gets a smaller graph
(``--rdflib-triples``) because its SPARQL engine needs seconds per query there;
Oxigraph is timed on that same small graph too, so the printed ratio compares like
with like.

    python benchmarks/sparql.py                      # 1M triples, rdflib on 20k
    python benchmarks/sparql.py --triples 200000 --rdflib-triples 20000 --repeat 5
    python benchmarks/sparql.py --rdflib-triples 0 --keep /tmp/sparql-1m  # the 1M store kept for the next run

Times are wall clock and the CPU time of the querying thread (Oxigraph answers in it): on a
shared machine the CPU column is the steadier figure.
"""
from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Callable

import pyoxigraph as ox
from rdflib import Dataset

from kg.model import Document, Entity, Triple
from kg.rdf.mapping import document_graph_triples, entity_triples
from kg.rdf.namespaces import document_iri, entities_graph, summary_graph
from kg.rdf.queries import library, run_query
from kg.rdf.store import open_store, ox_store, to_ox
from kg.rdf.summary import summary_graph_triples

TYPES = ["Person", "Organization", "Country", "Group", "Place", "Thing"]
CLASSES = ["AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "REQUEST", "ACCUSE", "REJECT", "THREATEN",
           "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "OTHER"]
VERBS = ["meet", "accuse", "attack", "support", "call", "warn", "criticise", "visit", "sanction", "veto",
         "praise", "reject", "threaten", "help", "fund", "arrest", "sign", "host", "condemn", "join"]
PREPS = ["", " with", " of", " for", " to", " at", " on", " against"]
SENTENCES_PER_DOC = 10
STATEMENTS_PER_DOC = 20


def actor_name(i: int) -> str:
    return f"Actor {i:05d}"


def corpus(n_docs: int, n_actors: int, seed: int = 7):
    """Deterministic synthetic documents, triples and entities of kg's shape."""
    rng = random.Random(seed)
    # Zipf-like popularity, as in news: a few actors everywhere, most rarely.
    weights = [1.0 / (i + 1) for i in range(n_actors)]
    documents, triples = [], []
    for d in range(n_docs):
        doc_id = f"doc{d:06d}"
        date = f"{2015 + d % 6}-{1 + d % 12:02d}-{1 + d % 28:02d}"
        sentences = [f"Sentence {i} of {doc_id} says who did what." for i in range(SENTENCES_PER_DOC)]
        documents.append(Document(id=doc_id, text=" ".join(sentences), title=f"Title {d}", date=date,
                                  source=f"synthetic/{doc_id}.txt"))
        for k in range(STATEMENTS_PER_DOC):
            s, o = rng.choices(range(n_actors), weights=weights, k=2)
            index = k % SENTENCES_PER_DOC
            relation = rng.choice(VERBS) + rng.choice(PREPS)
            triples.append(Triple(
                doc=doc_id, sentence_index=index, sentence=sentences[index], start=index * 40,
                end=index * 40 + 39, subject=actor_name(s), relation=relation, object=actor_name(o),
                subject_text=actor_name(s), object_text=actor_name(o), negated=rng.random() < 0.05,
                modality=rng.choices(["asserted", "hedged", "future"], [0.85, 0.1, 0.05])[0],
                attributed_to=actor_name(rng.randrange(n_actors)) if rng.random() < 0.2 else None,
                confidence=round(rng.random(), 2), subject_type=TYPES[s % 6], object_type=TYPES[o % 6],
                relation_class=rng.choice(CLASSES)))
    entities = [Entity(name=actor_name(i), type=TYPES[i % 6], aliases=(actor_name(i), f"A{i}"),
                       mentions=max(1, int(1000 * weights[i])), docs=()) for i in range(n_actors)]
    return documents, triples, entities


def quads(documents, triples, entities):
    by_doc: dict[str, list[Triple]] = {}
    for t in triples:
        by_doc.setdefault(t.doc, []).append(t)
    for document in documents:
        graph = document_iri(document.id)
        for s, p, o in document_graph_triples(document, by_doc.get(document.id, [])):
            yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(graph))
    for entity in entities:
        for s, p, o in entity_triples(entity):
            yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(entities_graph()))
    # The summaries an incremental build keeps, summed by the same per-article function.
    for s, p, o in summary_graph_triples((d, by_doc.get(d.id, [])) for d in documents):
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(summary_graph()))


def sized_corpus(n_triples: int):
    # A document takes about 357 quads of the store (statements, sentences, its share of the
    # entities and the summary; 386 before statements lost rdf:type and sentences isPartOf),
    # so this makes a store of about --triples quads, at least as many.
    per_doc = 350
    n_docs = max(1, n_triples // per_doc)
    return corpus(n_docs, n_actors=max(50, n_docs * 2))


#: Parameter values: actor ranks in the Zipf popularity order (0 = the most mentioned).
ACTOR_RANK, PAIR_RANKS = 50, (0, 1)


def params_for(query) -> dict[str, str]:
    values = {"actor": actor_name(ACTOR_RANK), "actor1": actor_name(PAIR_RANKS[0]),
              "actor2": actor_name(PAIR_RANKS[1]), "class": "ASSAULT"}
    return {p.name: values[p.name] for p in query.params if p.default is None}


def time_queries(dataset, repeat: int, budget: float) -> dict[str, tuple[float, float, int, float]]:
    """Query name -> (median ms, p95 ms, rows, median CPU ms); stops repeating a query after ``budget`` seconds."""
    out = {}
    for name, query in library().items():
        params = params_for(query)
        run_query(dataset, query, **params)  # warm-up (parsing, caches)
        times, cpu, rows, started = [], [], 0, time.perf_counter()
        for _ in range(repeat):
            t0, c0 = time.perf_counter(), time.thread_time()
            rows = len(run_query(dataset, query, **params))
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.thread_time() - c0) * 1000)
            if time.perf_counter() - started > budget:
                break
        times.sort()
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        out[name] = (statistics.median(times), p95, rows, statistics.median(cpu))
    return out


def load_oxigraph(directory: Path, data: Callable[[], tuple]) -> Dataset:
    """A store of ``data`` in ``directory``; one left there by an earlier run (``--keep``) is reused as it is."""
    if (directory / "CURRENT").is_file():
        return open_store(directory)
    dataset = open_store(directory)
    ox_store(dataset).bulk_extend(quads(*data()))
    ox_store(dataset).optimize()
    return dataset


def report(n_big: int, on_big: dict) -> None:
    print(f"\n{n_big:,} quads; times in ms, end to end via kg.rdf.queries.run_query")
    print(f"{'query':<26} {'median':>10} {'p95':>8} {'cpu':>8} {'rows':>6}")
    for name, (med, p95, rows, cpu) in on_big.items():
        print(f"{name:<26} {med:>10.1f} {p95:>8.1f} {cpu:>8.1f} {rows:>6}")
    worst = max(on_big.items(), key=lambda item: item[1][1])
    print(f"worst Oxigraph p95: {worst[1][1]:.1f} ms ({worst[0]}; target < 50 ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--rdflib-triples", type=int, default=20_000, help="0: skip the rdflib comparison")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--rdflib-repeat", type=int, default=3)
    parser.add_argument("--budget", type=float, default=10.0, help="seconds per query before repeats stop")
    parser.add_argument("--keep", type=Path, help="keep the big store in this folder, and reuse one found there")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        big = load_oxigraph(args.keep or Path(tmp) / "big", lambda: sized_corpus(args.triples))
        n_big = len(ox_store(big))
        print(f"Oxigraph: {n_big:,} quads loaded in {time.perf_counter() - t0:.1f} s")
        on_big = time_queries(big, args.repeat, args.budget)
        big.close()

        if args.rdflib_triples <= 0:  # Oxigraph only
            report(n_big, on_big)
            return
        small_data = sized_corpus(args.rdflib_triples)
        small_ox = load_oxigraph(Path(tmp) / "small", lambda: small_data)
        n_small = len(ox_store(small_ox))
        on_small_ox = time_queries(small_ox, args.repeat, args.budget)
        t0 = time.perf_counter()
        memory = Dataset()
        memory.default_union = True
        # the same quads, copied: kg writes only its own (Oxigraph) store
        memory.parse(data=ox_store(small_ox).dump(format=ox.RdfFormat.N_QUADS).decode("utf-8"), format="nquads")
        print(f"rdflib memory: {n_small:,} quads loaded in {time.perf_counter() - t0:.1f} s "
              f"(rdflib timed on this smaller graph; Oxigraph too, for the ratio)")
        on_small_rdflib = time_queries(memory, args.rdflib_repeat, args.budget)

    header = (f"{'query':<26} {'ox@big med':>10} {'p95':>8} {'rows':>6} │ {'ox@small med':>12} "
              f"{'rdflib med':>11} {'ratio':>7}")
    print(f"\nbig = {n_big:,} quads, small = {n_small:,} quads; times in ms, end to end via kg.rdf.queries.run_query")
    print(f"actor = the actor of popularity rank {ACTOR_RANK}, the pair = ranks {PAIR_RANKS}, class = ASSAULT")
    print(header)
    print("─" * len(header))
    worst = 0.0
    for name in on_big:
        med, p95, rows, _ = on_big[name]
        worst = max(worst, p95)
        small_med = on_small_ox[name][0]
        rdf_med = on_small_rdflib[name][0]
        print(f"{name:<26} {med:>10.1f} {p95:>8.1f} {rows:>6} │ {small_med:>12.1f} {rdf_med:>11.1f} "
              f"{rdf_med / small_med:>6.0f}×")
    print(f"\nworst Oxigraph p95 on {n_big:,} quads: {worst:.1f} ms (target < 50 ms)")


if __name__ == "__main__":
    main()
