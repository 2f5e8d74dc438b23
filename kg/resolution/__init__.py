"""Actor resolution: mentions -> entities within an article, then across articles.

Importing this package registers the ``kg_actors`` spaCy factory, which
:func:`kg.pipeline.nlp.load_nlp` adds after the statistical components. Parsing
documents to merge their actors is :func:`kg.pipeline.corpus_entities`.

- :mod:`~kg.resolution.names`, :mod:`~kg.resolution.descriptions` and
  :mod:`~kg.resolution.mentions` find names, descriptions and pronouns in a ``Doc``;
- :mod:`~kg.resolution.coref` clusters them within the article (:mod:`~kg.resolution.clusters`);
- :mod:`~kg.resolution.gazetteer` holds the country, demonym and title word lists they consult;
- :mod:`~kg.resolution.component` is the spaCy component, :func:`resolve` and
  :func:`document_entities`;
- :mod:`~kg.resolution.corpus` merges entities across articles (:func:`merge_entities`);
- :mod:`~kg.resolution.aliases` reads the user's aliases file (:func:`load_aliases`),
  which :mod:`~kg.resolution.corrections` applies within an article and
  :func:`merge_entities` across articles.
"""
from kg.resolution.aliases import Aliases, AliasesError, load_aliases, parse_aliases
from kg.resolution.component import ActorResolver, document_entities, resolve
from kg.resolution.corpus import CorpusEntities, merge_entities

__all__ = [
    "ActorResolver", "Aliases", "AliasesError", "CorpusEntities",
    "document_entities", "load_aliases", "merge_entities", "parse_aliases", "resolve",
]
