"""The statement graph in NetworkX: one node per actor, one edge per statement, and what is drawn from it.

- :mod:`~kg.network.projection` builds the graph (:func:`to_networkx`), or streams its
  nodes and edges (:func:`graph_elements`) so that a corpus of any size is counted
  (:func:`node_table`) or written without holding it;
- :mod:`~kg.network.files` writes it as GraphML, GEXF and CSV;
- :mod:`~kg.network.analysis` ranks and groups its actors (``kg stats``);
- :mod:`~kg.network.viz` draws the offline HTML view (``graph.html``) from
  :mod:`kg/network/assets <kg.network>`.
"""
from kg.network.files import read_graphml, stream_graphml, write_edge_csv, write_gexf, write_graphml
from kg.network.projection import (
    EDGE_FIELDS,
    LIST_SEPARATOR,
    count_actors,
    edge_attributes,
    entity_attributes,
    graph_elements,
    is_actor,
    node_table,
    statement_key,
    subnetwork,
    to_networkx,
)

__all__ = [
    "EDGE_FIELDS", "LIST_SEPARATOR", "count_actors", "edge_attributes", "entity_attributes", "graph_elements",
    "is_actor", "node_table", "read_graphml", "statement_key", "stream_graphml", "subnetwork", "to_networkx", "write_edge_csv", "write_gexf",
    "write_graphml",
]
