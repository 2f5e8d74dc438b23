"""The interactive HTML view: a pyvis network in one self-contained, offline page.

pyvis's own template pulls vis-network, Bootstrap and tom-select from CDNs, so the
page is rendered from kg's template in ``kg/network/assets/`` with vis-network's standalone
build, kg's script and stylesheet all inlined. Article text reaches the browser
only as JSON data (``<``, ``>``, ``&`` escaped) and is put on the page with
``textContent``, never parsed as HTML.
"""
from __future__ import annotations

import itertools
import math
import os
import shutil
import subprocess
import tempfile
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence, Union

import networkx as nx

from kg.io import atomic_write, atomic_write_text
from kg.lookup import UnknownName, match_name
from kg.model import Document, Entity, Triple
from kg.network.projection import graph_elements, node_table

__all__ = [
    "ACTOR_STATEMENTS", "ASSETS", "DEFAULT_MAX_NODES", "MODALITY_COLOURS", "OTHER_COLOUR", "ScreenshotError",
    "THING_MIN_STATEMENTS", "THING_STYLE", "TYPE_COLOURS", "ViewError", "evidence_segments", "find_chromium",
    "find_node", "render_html", "screenshot", "subset_note", "view_data", "view_network", "view_rank",
    "view_subgraph", "with_actor_statements", "write_html",
]

ASSETS = Path(__file__).parent / "assets"

#: Node colour per entity type; anything else gets :data:`OTHER_COLOUR`.
TYPE_COLOURS = {
    "Person": "#4e79a7",
    "Organization": "#f28e2b",
    "Country": "#e15759",
    "Group": "#76b7b2",
    "Place": "#59a14f",
    "Thing": "#d5d0cc",
}
OTHER_COLOUR = "#b07aa1"

#: Edge colour per modality; negated edges are drawn dashed as well.
MODALITY_COLOURS = {"asserted": "#8c8c8c", "hedged": "#e0a100", "future": "#8e6bbf"}

#: Without ``max_nodes``, a view keeps at most this many nodes (the most connected).
DEFAULT_MAX_NODES = 250

#: How many of a drawn actor's statements with nodes not drawn the page carries, shown
#: when the actor is chosen in its Actor menu.
ACTOR_STATEMENTS = 100

#: A "Thing" (not an actor) in fewer statements than this is minor: drawn small,
#: unlabelled, and hidden until the legend asks for it, so actors stand out.
THING_MIN_STATEMENTS = 2

#: How Things are drawn: grey, smaller and fainter than actors.
THING_STYLE = {
    "color": {"background": TYPE_COLOURS["Thing"], "border": "#aaa39e",
              "highlight": {"background": "#c9c2bd", "border": "#7f7873"}},
    "font": {"size": 16, "color": "#6e6864"},
    "scaling": {"min": 6, "max": 14, "label": {"enabled": False}},
}

PathLike = Union[str, Path]


class ViewError(ValueError):
    """A view cannot be made as asked (an actor not in the graph: the message names the closest)."""


class ScreenshotError(RuntimeError):
    """No PNG could be made: no Chromium, or it failed."""


def find_node(graph: nx.MultiDiGraph, name: str) -> str:
    """The node ``name`` refers to, by the rule every command uses (:func:`kg.lookup.match_name`):
    its key, or else its name or an alias in any case.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("Vladimir Putin", label="Vladimir Putin", aliases="Putin; Mr Putin")
    >>> find_node(g, "putin")
    'Vladimir Putin'
    """
    if name in graph:
        return name

    def names():
        for node, data in graph.nodes(data=True):
            for label in (str(node), str(data.get("label", "")), *str(data.get("aliases", "")).split("; ")):
                if label:
                    yield label, node

    try:
        matches = match_name(name, names(), display={node: str(node) for node in graph})
    except UnknownName as exc:
        raise ViewError(str(exc)) from None
    return max(matches, key=lambda n: (graph.nodes[n].get("mentions", 0), graph.degree(n)))


def view_subgraph(
    graph: nx.MultiDiGraph,
    *,
    around: Optional[str] = None,
    hops: int = 2,
    min_mentions: int = 0,
    max_nodes: Optional[int] = None,
) -> nx.MultiDiGraph:
    """The part of ``graph`` a view shows.

    ``around``/``hops`` keep an ego network, ``min_mentions`` drops rarely
    mentioned actors, and the ``max_nodes`` most connected nodes are kept, actors
    before Things (:data:`DEFAULT_MAX_NODES` when ``None``, no cap when 0). Nodes left
    without any statement are dropped unless the graph has no statements at all.

    Examples
    --------
    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> sorted(view_subgraph(g, around="a", hops=2))
    ['a', 'b', 'c']
    """
    centre = find_node(graph, around) if around else None
    # nodes only there for a drawn actor's other statements (see view_network) are never ranked
    sub = graph.subgraph(n for n, extra in graph.nodes(data="extra") if not extra)
    if centre is not None:
        sub = nx.ego_graph(sub, centre, radius=hops, undirected=True)
    if min_mentions:
        sub = sub.subgraph(n for n, d in sub.nodes(data=True)
                           if n == centre or d.get("mentions", 0) >= min_mentions)
    cap = DEFAULT_MAX_NODES if max_nodes is None else max_nodes
    if cap and sub.number_of_nodes() > cap:
        ranked = sorted(sub.nodes, key=lambda n: view_rank(n, sub.nodes[n].get("type", "Thing"), sub.degree(n),
                                                           sub.nodes[n].get("mentions", 0), centre))
        sub = sub.subgraph(ranked[:cap])
    # a statement of an actor about itself ("Roger - be", "X waived her") is drawn as no loop:
    # nearly always a copula or a pronoun resolved to its own subject; the queries keep it
    sub = nx.MultiDiGraph(sub)
    sub.remove_edges_from(list(nx.selfloop_edges(sub, keys=True)))
    if sub.number_of_edges():
        sub = nx.MultiDiGraph(sub.subgraph(n for n in sub.nodes if n == centre or sub.degree(n)))
    return sub


def with_actor_statements(graph: nx.MultiDiGraph, sub: nx.MultiDiGraph,
                          per_actor: Optional[int] = None) -> nx.MultiDiGraph:
    """``sub`` with each of its actors' statements with nodes outside it, up to ``per_actor`` each.

    Those nodes and edges carry ``extra=True``: the page hides them until the actor is chosen
    in its Actor menu, so choosing an actor shows all its statements, not only those with
    the other drawn nodes.

    Examples
    --------
    >>> g = nx.MultiDiGraph([("a", "b"), ("a", "c")])
    >>> nx.set_node_attributes(g, "Person", "type")
    >>> out = with_actor_statements(g, nx.MultiDiGraph(g.subgraph(["a", "b"])))
    >>> sorted(out.nodes(data="extra", default=False))
    [('a', False), ('b', False), ('c', True)]
    """
    per_actor = ACTOR_STATEMENTS if per_actor is None else per_actor
    out = nx.MultiDiGraph(sub)
    for actor in [n for n, kind in sub.nodes(data="type") if kind and kind != "Thing"]:
        added = 0
        for u, v, key, data in itertools.chain(graph.out_edges(actor, keys=True, data=True),
                                               graph.in_edges(actor, keys=True, data=True)):
            other = v if u == actor else u
            if other in sub or added >= per_actor or out.has_edge(u, v, key):
                continue
            if other not in out:
                out.add_node(other, **{**graph.nodes[other], "extra": True})
            out.add_edge(u, v, key, **{**data, "extra": True})
            added += 1
    return out


def view_rank(node: str, type_: str, degree: int, mentions: int, centre: Optional[str] = None) -> tuple:
    """The order in which a view keeps nodes: the centre, actors before Things, most connected, most mentioned.

    Actors come first because in a large graph the view is who deals with whom.

    Examples
    --------
    >>> sorted(["draft", "Russia"], key=lambda n: view_rank(n, "Thing" if n == "draft" else "Country", 1, 0))
    ['Russia', 'draft']
    """
    return node != centre, type_ == "Thing", -degree, -(mentions or 0), str(node)


def view_network(entities: Sequence[Entity],
                 statements: Callable[[], Iterable[tuple[Optional[Document], Iterable[Triple]]]],
                 *, max_nodes: Optional[int] = None, table: Optional[tuple] = None) -> nx.MultiDiGraph:
    """The part of the statement graph the default view draws, for a corpus too large to hold.

    Two passes over ``statements()`` (each document with its triples): the first ranks
    every node (:func:`kg.network.node_table`), the second builds the graph of the
    ``max_nodes`` first (:func:`view_rank`); ``table``, the first pass's result when the
    caller has it, saves that pass. :func:`write_html` draws it as it would draw
    the whole graph: each node keeps its number of statements in the whole graph
    (``statements``) and the graph its totals (``of_nodes``, ``of_statements``).

    Examples
    --------
    >>> t = Triple(doc="d", sentence_index=0, sentence="Russia vetoed a draft.", start=0, end=22,
    ...            subject="Russia", relation="veto", object="draft",
    ...            subject_text="Russia", object_text="a draft")
    >>> g = view_network([Entity(name="Russia", type="Country")], lambda: [(None, [t])], max_nodes=1)
    >>> list(g.nodes(data="extra", default=False)), g.graph
    ([('Russia', False), ('draft', True)], {'of_nodes': 2, 'of_statements': 1})
    """

    nodes, degree, edges = table if table is not None else node_table(entities, statements())
    cap = DEFAULT_MAX_NODES if max_nodes is None else max_nodes
    ranked = sorted(nodes, key=lambda n: view_rank(n, nodes[n][0], degree[n], nodes[n][1]))
    keep = set(ranked[:cap] if cap else ranked)
    graph = nx.MultiDiGraph()
    others, added = {}, Counter()
    for element in graph_elements(entities, statements()):
        if element[0] == "node":
            if element[1] in keep:
                graph.add_node(element[1], **element[2])
            else:  # wanted if a drawn actor has a statement with it
                others[element[1]] = element[2]
            continue
        _, key, source, target, data = element
        if source in keep and target in keep:
            graph.add_edge(source, target, key, **data)
            continue
        actor = source if source in keep else target if target in keep else None
        if actor is None or nodes[actor][0] == "Thing" or added[actor] >= ACTOR_STATEMENTS:
            continue
        other = target if actor == source else source
        if other not in graph:
            graph.add_node(other, **others[other], extra=True)
        if not graph.has_edge(source, target, key):
            graph.add_edge(source, target, key, **data)
            added[actor] += 1
    for node, data in graph.nodes(data=True):
        data["statements"] = degree[node]
    graph.graph.update(of_nodes=len(nodes), of_statements=edges)
    return graph


def evidence_segments(sentence: str, spans: dict) -> list[list]:
    """Cut ``sentence`` into ``[text, role]`` pieces, role naming the highlighted argument.

    ``spans`` maps a role (``"subject"``, ``"relation"``, ``"object"``) to
    ``(start, end)`` offsets in the sentence or to the text to look for.

    Examples
    --------
    >>> evidence_segments("Russia vetoed the draft.", {"subject": (0, 6), "object": "the draft"})
    [['Russia', 'subject'], [' vetoed ', None], ['the draft', 'object'], ['.', None]]
    """
    marks = []
    for role, where in spans.items():
        if isinstance(where, str):
            begin = sentence.find(where) if where else -1
            where = (begin, begin + len(where))
        begin, end = where
        if 0 <= begin < end <= len(sentence):
            marks.append((begin, end, role))
    pieces, cursor = [], 0
    for begin, end, role in sorted(marks):
        if begin < cursor:  # overlapping spans: the first one wins
            continue
        if begin > cursor:
            pieces.append([sentence[cursor:begin], None])
        pieces.append([sentence[begin:end], role])
        cursor = end
    if cursor < len(sentence):
        pieces.append([sentence[cursor:], None])
    return pieces


def _statement(data: dict) -> dict:
    spans = {}
    for role, fallback in (("subject", data.get("subject_text", "")),
                           ("relation", None), ("object", data.get("object_text", ""))):
        begin, end = int(data.get(f"{role}_start", -1)), int(data.get(f"{role}_end", -1))
        if begin >= 0 and end > begin:
            spans[role] = (begin, end)
        elif fallback:
            spans[role] = fallback
    return {
        "segments": evidence_segments(str(data.get("sentence", "")), spans),
        "doc": str(data.get("doc", "")),
        "title": str(data.get("title", "")),
        "date": str(data.get("date", "")),
        "attributed_to": str(data.get("attributed_to", "")),
        "circumstances": str(data.get("circumstances", "")),
        "negated": bool(data.get("negated", False)),
        "modality": str(data.get("modality", "asserted")),
        "confidence": round(float(data.get("confidence", 0.0)), 2),
        "relation_class": str(data.get("relation_class", "")),
    }


def _node_records(sub: nx.MultiDiGraph, graph: nx.MultiDiGraph) -> tuple[list, dict]:
    ids, records = {}, []
    for index, (node, data) in enumerate(sorted(sub.nodes(data=True), key=lambda x: str(x[0]))):
        ids[node] = index
        kind = str(data.get("type", "Thing"))
        name = str(data.get("label") or node)
        actor = kind != "Thing"
        # a view of part of a corpus (view_network) carries each node's count in the whole
        statements = int(data.get("statements", graph.degree(node)))
        minor = not actor and sub.degree(node) < THING_MIN_STATEMENTS
        record = {
            "id": index,
            "name": name,
            "label": "" if minor else name,
            "type": kind,
            "actor": actor,
            "minor": minor,
            "extra": bool(data.get("extra", False)),
            "titles": str(data.get("titles", "")),
            "aliases": str(data.get("aliases", "")),
            "mentions": int(data.get("mentions", 0) or 0),
            "statements": statements,
            "value": max(int(data.get("mentions", 0) or 0), statements),
            "color": TYPE_COLOURS.get(kind, OTHER_COLOUR),
        }
        if not actor:
            record.update(THING_STYLE)
        records.append(record)
    return records, ids


def _edge_records(sub: nx.MultiDiGraph, ids: dict) -> list:
    """One drawn edge per (source, target, relation, negated, modality), evidence listed."""
    groups = defaultdict(list)
    for source, target, data in sub.edges(data=True):
        key = (ids[source], ids[target], str(data.get("relation", "")),
               bool(data.get("negated", False)), str(data.get("modality", "asserted")))
        groups[key].append(_statement(data))
    per_pair = defaultdict(int)
    records = []
    for (source, target, relation, negated, modality), statements in sorted(groups.items()):
        pair = (min(source, target), max(source, target))
        rank, per_pair[pair] = per_pair[pair], per_pair[pair] + 1
        statements.sort(key=lambda s: (s["date"], s["doc"]))
        label = relation if len(statements) == 1 else f"{relation} ×{len(statements)}"
        records.append({
            "id": len(records), "from": source, "to": target,
            "label": ("not " + label) if negated else label,
            "relation": relation, "negated": negated, "modality": modality,
            "classes": sorted({s["relation_class"] for s in statements if s["relation_class"]}),
            "statements": statements,
            "dashes": negated,
            "color": MODALITY_COLOURS.get(modality, MODALITY_COLOURS["asserted"]),
            "width": 1 + math.log2(len(statements)),
            # parallel edges between one pair bend apart instead of overlapping
            "smooth": {"enabled": True, "type": "curvedCW" if rank % 2 else "curvedCCW",
                       "roundness": 0.1 + 0.15 * (rank // 2)} if rank else {"enabled": True,
                                                                             "type": "dynamic"},
        })
    return records


def _options(node_count: int) -> dict:
    font = "system-ui, Helvetica, Arial, sans-serif"
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": node_count <= 150},
        "nodes": {"shape": "dot", "borderWidth": 1,
                  "scaling": {"min": 9, "max": 36,
                              "label": {"enabled": True, "min": 20, "max": 30, "drawThreshold": 6}},
                  "font": {"size": 20, "face": font, "color": "#222222",
                           "strokeWidth": 4, "strokeColor": "#ffffff"}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "font": {"size": 14, "align": "middle", "color": "#666666", "face": font,
                           "strokeWidth": 3},
                  "scaling": {"label": {"drawThreshold": 5}},
                  "selectionWidth": 2},
        "physics": {"enabled": True, "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -45, "centralGravity": 0.015,
                                         "springLength": 60, "springConstant": 0.06,
                                         "avoidOverlap": 0.6},
                    "stabilization": {"enabled": True, "iterations": 600 if node_count < 150 else 300,
                                      "updateInterval": 25, "fit": True}},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": node_count > 150},
    }


def view_data(graph: nx.MultiDiGraph, *, title: str = "kg", **selection) -> dict:
    """Everything the page's script needs, as JSON-ready data (see :func:`view_subgraph`)."""
    from pyvis.network import Network  # pyvis holds the node/edge lists the page draws

    sub = with_actor_statements(graph, view_subgraph(graph, **selection))
    nodes, ids = _node_records(sub, graph)
    net = Network(directed=True, cdn_resources="in_line")
    for record in nodes:
        net.add_node(record["id"], **{k: v for k, v in record.items() if k != "id"})
        net.node_map[record["id"]]["label"] = record["label"]  # pyvis puts the id where "" was asked
    for record in _edge_records(sub, ids):
        net.add_edge(record["from"], record["to"], **{k: v for k, v in record.items()
                                                      if k not in ("from", "to")})
    net.options = _options(len(nodes))
    drawn = [record for record in nodes if not record["extra"]]
    types = defaultdict(int)
    for record in drawn:
        types[record["type"]] += 1
    minor = sum(record["minor"] for record in drawn)
    dates = sorted({s["date"] for e in net.edges for s in e["statements"] if s["date"]})
    shown = {"nodes": len(drawn), "of_nodes": graph.graph.get("of_nodes", graph.number_of_nodes()),
             "statements": sum(1 for *_, extra in sub.edges(data="extra") if not extra),
             "of_statements": graph.graph.get("of_statements", graph.number_of_edges())}
    return {
        "title": title,
        "nodes": net.nodes,
        "edges": net.edges,
        "options": net.options,
        "legend": [{"type": t, "color": TYPE_COLOURS.get(t, OTHER_COLOUR), "count": types[t]}
                   for t in sorted(types, key=lambda t: (-types[t], t))],
        "minor": minor,
        "modalities": MODALITY_COLOURS,
        "classes": sorted({c for e in net.edges for c in e["classes"]}),
        "dates": [dates[0], dates[-1]] if dates else [],
        "shown": shown,
        "subset": subset_note(shown, selection),
    }


def subset_note(shown: dict, selection: dict) -> str:
    """What the page leaves out and why, in a sentence; empty when it draws everything.

    Examples
    --------
    >>> subset_note({"nodes": 120, "of_nodes": 1700, "statements": 129, "of_statements": 3298}, {})[:60]
    'Drawn: of the 250 most connected of 1700 actors and things ('
    """
    if shown["nodes"] >= shown["of_nodes"] and shown["statements"] >= shown["of_statements"]:
        return ""
    if selection.get("around"):
        why = (f"Drawn: the actors and things within {selection.get('hops', 2)} statements of "
               f"{selection['around']}, {shown['nodes']} of {shown['of_nodes']}")
    else:
        cap = selection.get("max_nodes")
        cap = DEFAULT_MAX_NODES if cap is None else cap
        why = (f"Drawn: of the {cap} most connected of {shown['of_nodes']} actors and things (actors first; "
               f"kg view --max-nodes N draws more), the {shown['nodes']} with statements among them")
        if selection.get("min_mentions"):
            why += f", mentioned at least {selection['min_mentions']} times"
    return (f"{why}, and those {shown['statements']} statements. "
            "Choose an actor to see all its statements (up to "
            f"{ACTOR_STATEMENTS} more); kg view --around NAME draws one actor's network.")


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


def render_html(graph: nx.MultiDiGraph, *, title: str = "kg", **selection) -> str:
    """The page as a string: see :func:`write_html`."""
    from jinja2 import Environment, FileSystemLoader

    env = Environment(loader=FileSystemLoader(str(ASSETS)), autoescape=True)
    return env.get_template("view.html").render(
        title=title,
        data=view_data(graph, title=title, **selection),
        vis_js=_asset("vis-network.min.js"),
        view_js=_asset("view.js"),
        view_css=_asset("view.css"),
    )


def write_html(
    graph: nx.MultiDiGraph,
    path: PathLike,
    *,
    around: Optional[str] = None,
    hops: int = 2,
    min_mentions: int = 0,
    title: str = "kg",
    max_nodes: Optional[int] = None,
) -> Path:
    """Write an interactive view of ``graph`` that opens with no network at all.

    Nodes are coloured by type and sized by mentions or statements; every actor
    is labelled, Things are small and grey, and those in a single statement wait
    behind a legend checkbox. An edge is a relation, dashed when negated, coloured
    when hedged or future; hovering shows the evidence sentence with its article,
    date and attribution. The layout settles, labels are pushed apart, then it freezes. ``around`` and
    ``hops`` draw an ego network, ``min_mentions`` drops the long tail and at most
    ``max_nodes`` of the most connected nodes are kept (see :func:`view_subgraph`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("Russia", "draft", relation="veto", sentence="Russia vetoed a draft.")
    0
    >>> page = write_html(g, pathlib.Path(tempfile.mkdtemp()) / "g.html")
    >>> "vetoed a draft" in page.read_text()
    True
    """
    path = Path(path)
    html = render_html(graph, title=title, around=around, hops=hops,
                       min_mentions=min_mentions, max_nodes=max_nodes)
    atomic_write_text(path, html)
    return path


def find_chromium() -> Optional[str]:
    """The headless browser :func:`screenshot` uses: ``$KG_CHROMIUM`` or one on ``PATH``."""
    candidates = [os.environ.get("KG_CHROMIUM"), "chromium", "chromium-browser",
                  "google-chrome", "google-chrome-stable"]
    for candidate in filter(None, candidates):
        found = shutil.which(candidate)
        if found:
            return found
    return None


def screenshot(html_path: PathLike, png_path: PathLike, *, width: int = 1200,
               height: int = 900, scale: float = 1.5, budget_ms: int = 20000) -> Path:
    """Save a PNG of an HTML view after its layout has settled, with headless Chromium.

    ``width`` and ``height`` are the window in CSS pixels; ``scale`` draws that
    many pixels per CSS pixel, so the picture stays sharp when a README shrinks it.
    """
    browser = find_chromium()
    if browser is None:
        raise ScreenshotError("no Chromium found for the screenshot (install chromium or set KG_CHROMIUM)")
    html_path = Path(html_path).resolve()
    with tempfile.TemporaryDirectory() as scratch:
        shot = Path(scratch) / "shot.png"
        command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                   "--no-first-run", "--no-default-browser-check", f"--user-data-dir={scratch}",
                   f"--window-size={width},{height}", f"--force-device-scale-factor={scale}",
                   f"--virtual-time-budget={budget_ms}", f"--screenshot={shot}", html_path.as_uri()]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if not shot.exists():
            raise ScreenshotError(f"chromium made no screenshot of {html_path}: {result.stderr.strip()[-300:]}")
        Path(png_path).parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(png_path, "wb", encoding=None) as out:
            out.write(shot.read_bytes())
    return Path(png_path)
