"""kg's RDF: vocabulary, the mapping of kg's objects to triples, the store, files and queries.

From the bottom up (each module builds only on those before it):

- :mod:`~kg.rdf.namespaces`: the ``KG`` vocabulary (``ontology.ttl``, ``shapes.ttl``), prefixes, IRIs;
- :mod:`~kg.rdf.terms`: the triple type, literals, statement identity, fingerprints;
- :mod:`~kg.rdf.summary`: the counts kept beside the statements (summary graph);
- :mod:`~kg.rdf.mapping`: documents, statements and entities as triples, and back;
- :mod:`~kg.rdf.store`: writing them into a dataset (memory or on-disk Oxigraph), incrementally;
- :mod:`~kg.rdf.files`: Turtle, TriG and other files;
- :mod:`~kg.rdf.queries` and :mod:`~kg.rdf.server`: SPARQL over it, locally or over HTTP.
"""
from kg.rdf.files import canonical_lines, export, export_store, serialize
from kg.rdf.mapping import complete_entities, from_dataset
from kg.rdf.store import load_graph, open_store, to_dataset
from kg.rdf.terms import FORMATS

__all__ = [
    "FORMATS", "canonical_lines", "complete_entities", "export", "export_store", "from_dataset",
    "load_graph", "open_store", "serialize", "to_dataset",
]
