"""Network analysis of the statement graph: who is central, who clusters, which pairs interact.

Everything works on the ``MultiDiGraph`` of :func:`kg.network.to_networkx` and
returns plain, JSON-ready data, so ``kg stats --format json`` prints it as is.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any, Iterable, Mapping, NamedTuple, Optional

import networkx as nx

from kg.model import Document, Entity, Triple
from kg.network.projection import count_actors, is_actor, statement_key

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "BETWEENNESS_WORK", "EXACT_BETWEENNESS_NODES", "UNINFORMATIVE_CLASSES", "Tables", "actors", "centrality",
    "communities", "counts", "dyads", "stats", "to_pandas", "weighted_graph",
]

#: Above this many nodes betweenness is estimated from a sample of sources.
EXACT_BETWEENNESS_NODES = 1000

#: The sample's size is bounded by work, nodes plus edges visited over its breadth-first
#: searches (one per source, in pure Python): 250 sources over the 293-article Wikinews graph
#: (14,600 nodes) took 15 CPU seconds, three quarters of ``graph.stats()``; 2M is about 4 s.
BETWEENNESS_WORK = 2_000_000

#: Relation classes that say nothing about the kind of interaction.
UNINFORMATIVE_CLASSES = frozenset({"", "OTHER"})


def actors(graph: nx.MultiDiGraph) -> list:
    """Nodes that are actors (typed Person, Country, …); every node if none is typed.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("Russia", type="Country"); g.add_node("draft", type="Thing")
    >>> actors(g)
    ['Russia']
    """
    typed = [n for n, kind in graph.nodes(data="type") if is_actor(kind)]
    return typed or list(graph.nodes)


def weighted_graph(graph: nx.MultiDiGraph) -> nx.DiGraph:
    """Parallel statements collapsed into one edge whose ``weight`` counts them.

    Examples
    --------
    >>> g = nx.MultiDiGraph([("a", "b"), ("a", "b"), ("b", "a")])
    >>> weighted_graph(g)["a"]["b"]["weight"]
    2
    """
    simple = nx.DiGraph()
    simple.add_nodes_from(graph.nodes)
    for source, target in graph.edges():
        if simple.has_edge(source, target):
            simple[source][target]["weight"] += 1
        else:
            simple.add_edge(source, target, weight=1)
    return simple


def _top(scores: Mapping, keep: Iterable, top: int, digits: int = 4) -> list[list]:
    ranked = sorted(keep, key=lambda n: (-scores[n], str(n)))[:top]
    return [[str(n), round(scores[n], digits) if isinstance(scores[n], float) else scores[n]]
            for n in ranked]


def centrality(graph: nx.MultiDiGraph, top: int = 10) -> dict[str, list[list]]:
    """The ``top`` actors by statements (degree), PageRank and betweenness, as ``[name, score]``."""
    keep = actors(graph)
    simple = weighted_graph(graph)
    undirected = simple.to_undirected()
    sample = None
    if undirected.number_of_nodes() > EXACT_BETWEENNESS_NODES:
        size = undirected.number_of_nodes() + undirected.number_of_edges()
        sample = max(50, min(EXACT_BETWEENNESS_NODES // 4, BETWEENNESS_WORK // size))
    between = nx.betweenness_centrality(undirected, k=sample, seed=0) if len(undirected) else {}
    return {
        "degree": _top(dict(graph.degree()), keep, top),
        "pagerank": _top(nx.pagerank(simple, weight="weight"), keep, top),
        "betweenness": _top(between, keep, top),
    }


def communities(graph: nx.MultiDiGraph, top: int = 10, members: int = 10) -> list[list[str]]:
    """Louvain communities (two or more nodes), largest first, each its best-connected members first."""
    simple = weighted_graph(graph).to_undirected()
    if not simple.number_of_edges():
        return []
    found = nx.community.louvain_communities(simple, weight="weight", seed=0)
    degree = dict(graph.degree())
    groups = [sorted(c, key=lambda n: (-degree[n], str(n))) for c in found if len(c) > 1]
    groups.sort(key=lambda g: (-len(g), str(g[0])))
    return [[str(n) for n in g[:members]] for g in groups[:top]]


def dyads(graph: nx.MultiDiGraph, top: int = 10) -> dict[str, Any]:
    """The actor pairs with the most statements between them, overall and per relation class.

    Overall, pairs are unordered (``actors`` in name order) and list their statements'
    relations with their counts; per class they are directed (``actors`` is
    ``[subject, object]``: who did it to whom).

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from(["Russia", "France"], type="Country")
    >>> for rel in ("meet", "meet", "criticize"):
    ...     _ = g.add_edge("Russia", "France", relation=rel, relation_class="CONSULT")
    >>> dyads(g)["overall"][0]["statements"], dyads(g)["overall"][0]["relations"]
    (3, {'meet': 2, 'criticize': 1})
    >>> dyads(g)["by_class"]["CONSULT"][0]["actors"]
    ['Russia', 'France']
    """
    keep = set(actors(graph))
    relations: dict[tuple, Counter] = defaultdict(Counter)
    classes: dict[str, Counter] = defaultdict(Counter)
    for source, target, data in graph.edges(data=True):
        if source == target or source not in keep or target not in keep:
            continue
        pair = tuple(sorted((str(source), str(target))))
        relations[pair][str(data.get("relation", ""))] += 1
        kind = str(data.get("relation_class", "") or "")
        if kind not in UNINFORMATIVE_CLASSES:
            classes[kind][str(source), str(target)] += 1

    def ranked(counts: Mapping[tuple, int]) -> list[tuple]:
        return sorted(counts, key=lambda p: (-counts[p], p))[:top]

    totals = {pair: sum(c.values()) for pair, c in relations.items()}
    return {
        "overall": [{"actors": list(pair), "statements": totals[pair],
                     "relations": dict(relations[pair].most_common())} for pair in ranked(totals)],
        "by_class": {kind: [{"actors": list(pair), "statements": counts[pair]} for pair in ranked(counts)]
                     for kind, counts in sorted(classes.items())},
    }


def counts(graph: nx.MultiDiGraph) -> dict[str, int]:
    """How many nodes, actors (:func:`kg.network.projection.count_actors`), statements (one per
    edge), relations, negated and hedged statements."""
    edges = list(graph.edges(data=True))
    return {
        "nodes": graph.number_of_nodes(),
        "actors": count_actors({n: (kind,) for n, kind in graph.nodes(data="type")}, dict(graph.degree())),
        "statements": len(edges),
        "relations": len({d.get("relation") for _, _, d in edges}),
        "negated": sum(1 for _, _, d in edges if d.get("negated")),
        "hedged": sum(1 for _, _, d in edges if d.get("modality", "asserted") != "asserted"),
        "articles_with_statements": len({d.get("doc") for _, _, d in edges if d.get("doc")}),
    }


def stats(graph: nx.MultiDiGraph, top: int = 10) -> dict[str, Any]:
    """A JSON-ready summary: counts, central actors, communities and strongest dyads.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from(["hub", "a", "b", "c"], type="Person")
    >>> for leaf in "abc":
    ...     _ = g.add_edge("hub", leaf, relation="call")
    >>> summary = stats(g, top=1)
    >>> summary["counts"]["statements"], summary["central"]["degree"]
    (3, [['hub', 3]])
    """
    return {
        "counts": counts(graph),
        "central": centrality(graph, top=top),
        "communities": communities(graph, top=top),
        "dyads": dyads(graph, top=top),
    }


class Tables(NamedTuple):
    """The graph as two pandas tables (a pair: ``entities, statements = tables`` works)."""

    #: One row per actor: the fields of :class:`kg.model.Entity`, ``merges`` counted.
    entities: "pd.DataFrame"
    #: One row per statement: ``key`` (the NetworkX edge key), the fields of
    #: :class:`kg.model.Triple`, and its article's ``title`` and ``date``.
    statements: "pd.DataFrame"


def to_pandas(
    triples: Iterable[Triple],
    entities: Iterable[Entity],
    documents: Optional[Mapping[str, Document]] = None,
) -> Tables:
    """The actors and statements as pandas DataFrames, one row per actor / per triple.

    Statements carry the article ``title`` and ``date`` when ``documents`` is given (it
    is looked up as ``triples`` are read, so it may follow a generator of them).
    Needs pandas (``pip install 'kg[analysis]'``).

    Examples
    --------
    >>> t = Triple(doc="d", sentence_index=0, sentence="Russia vetoed a draft.", start=0, end=22,
    ...            subject="Russia", relation="veto", object="draft",
    ...            subject_text="Russia", object_text="a draft")
    >>> tables = to_pandas([t], [Entity(name="Russia", type="Country")])  # doctest: +SKIP
    >>> tables.statements.loc[0, "relation"], len(tables.entities)  # doctest: +SKIP
    ('veto', 1)
    """
    try:
        import pandas as pd
    except ModuleNotFoundError as exc:
        raise ModuleNotFoundError(
            "to_pandas needs pandas: pip install 'kg[analysis]' (or pip install pandas)"
        ) from exc

    entity_rows = []
    for entity in entities:
        row = entity.to_dict()
        row["merges"] = len(entity.merges)
        entity_rows.append(row)
    entity_columns = [f for f in Entity.__dataclass_fields__]
    # column by column: a dict per statement beside the frame made of them held the table twice
    fields = list(Triple.__dataclass_fields__)
    columns: dict[str, list] = {name: [] for name in ["key", *fields, "title", "date"]}
    documents = {} if documents is None else documents
    # Each article's triples are read from its own record, so a name or a relation said in a
    # thousand articles would be a thousand strings: one object per distinct string instead.
    shared: dict[str, str] = {}
    for triple in triples:
        columns["key"].append(statement_key(triple))
        for name in fields:  # as Triple.to_dict has them (spans as lists), without its deep copy
            value = getattr(triple, name)
            if isinstance(value, str):
                value = shared.setdefault(value, value)
            columns[name].append(list(value) if isinstance(value, tuple) else value)
        document = documents.get(triple.doc)
        columns["title"].append(document.title if document else None)
        columns["date"].append(document.date if document else None)
    return Tables(pd.DataFrame(entity_rows, columns=entity_columns), pd.DataFrame(columns))
