"""The files analysts open the statement graph with: GraphML (also streamed), GEXF, CSV."""
from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Optional, Union

import networkx as nx

from kg.io import atomic_write
from kg.model import Document, Entity, Triple
from kg.network.projection import EDGE_FIELDS, edge_attributes, entity_attributes, graph_elements

__all__ = ["read_graphml", "stream_graphml", "write_edge_csv", "write_gexf", "write_graphml"]

PathLike = Union[str, Path]


def write_graphml(graph: nx.MultiDiGraph, path: PathLike) -> Path:
    """Write ``graph`` as GraphML (yEd, Cytoscape, networkx) with every attribute."""
    path = Path(path)
    with atomic_write(path, "wb") as handle:
        nx.write_graphml(graph, handle, named_key_ids=True)
    return path


def stream_graphml(entities: Iterable[Entity], statements: Iterable[tuple[Optional[Document], Iterable[Triple]]],
                   path: PathLike) -> Path:
    """The file :func:`write_graphml` writes for :func:`to_networkx`'s graph, element by element.

    Only one document's statements are in memory at a time (see :func:`graph_elements`),
    so a corpus of any size is written in flat memory.
    """
    from xml.sax.saxutils import quoteattr

    path = Path(path)
    types = {bool: "boolean", int: "long", float: "double", str: "string"}
    sample = Triple(doc="", sentence_index=0, sentence="", start=0, end=0, subject="", relation="",
                    object="", subject_text="", object_text="")

    def keys(kind: str, attributes: Mapping[str, object]) -> Iterator[str]:
        for name, value in attributes.items():
            yield (f'<key id={quoteattr(name)} for="{kind}" attr.name={quoteattr(name)} '
                   f'attr.type="{types[type(value)]}" />\n')

    opening: dict[str, str] = {}  # each attribute's <data key="..."> made once, not once per element

    def data(name: str) -> str:
        tag = opening.get(name)
        if tag is None:
            tag = opening[name] = f"<data key={quoteattr(name)}>"
        return tag

    def element(tag: str, attributes: Mapping[str, object], **ids: str) -> str:
        head = " ".join(f"{k}={quoteattr(v)}" for k, v in ids.items())
        body = "".join([f"{data(k)}{_xml_text(v)}</data>" for k, v in attributes.items()])
        return f"<{tag} {head}>{body}</{tag}>\n"

    with atomic_write(path) as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n'
                  '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
                  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                  'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
                  'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
        out.writelines(keys("node", entity_attributes(Entity(name="", type=""))))
        out.writelines(keys("edge", edge_attributes(sample, None)))
        out.write('<graph edgedefault="directed">\n')
        for item in graph_elements(entities, statements):
            if item[0] == "node":
                out.write(element("node", item[2], id=item[1]))
            else:
                _, key, source, target, attributes = item
                out.write(element("edge", attributes, id=key, source=source, target=target))
        out.write("</graph>\n</graphml>\n")
    return path


def _xml_text(value: object) -> str:
    from xml.sax.saxutils import escape

    kind = type(value)
    if kind is bool:
        return "true" if value else "false"
    if kind is int or kind is float:
        return str(value)
    text = str(value)
    if _XML_SPECIAL.search(text) is None:  # most values: one scan, nothing to change
        return text
    # XML 1.0 has no place for most control characters: drop them, where networkx's writer would fail
    return escape(_XML_ILLEGAL.sub("", text))


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_XML_SPECIAL = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def write_gexf(graph: nx.MultiDiGraph, path: PathLike) -> Path:
    """Write ``graph`` as GEXF, the format Gephi opens natively."""
    path = Path(path)
    with atomic_write(path, "wb") as handle:
        nx.write_gexf(graph, handle)
    return path


def write_edge_csv(graph: nx.MultiDiGraph, path: PathLike) -> Path:
    """Write one CSV row per statement: ``source, target, key`` then :data:`EDGE_FIELDS`."""
    path = Path(path)
    extra = sorted({k for _, _, d in graph.edges(data=True) for k in d} - set(EDGE_FIELDS))
    columns = ["source", "target", "key", *EDGE_FIELDS, *extra]
    with atomic_write(path) as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for source, target, key, data in graph.edges(keys=True, data=True):
            writer.writerow({"source": source, "target": target, "key": key, **data})
    return path


def read_graphml(path: PathLike) -> nx.MultiDiGraph:
    """Read a GraphML file written by :func:`write_graphml` back into a ``MultiDiGraph``."""
    graph = nx.read_graphml(Path(path), force_multigraph=True)
    return graph if graph.is_directed() else nx.MultiDiGraph(graph)
