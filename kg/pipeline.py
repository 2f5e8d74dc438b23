"""From documents to resolved triples and entities: the stages wired together.

Each stage is a pure function in its own module (:mod:`kg.extraction`,
:mod:`kg.resolution`, :mod:`kg.plover`); this module only runs spaCy over the
documents and passes every parsed ``Doc`` through them, so nothing keeps a
``Doc`` longer than it takes to read its triples and mentions off it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Iterator, Optional, Union

from kg.model import Document, Entity, Triple

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from kg.resolution import Aliases


@dataclass(frozen=True)
class DocumentResult:
    """What kg reads off one document: its triples and its actors (document-local names)."""

    document: Document
    triples: tuple[Triple, ...]
    entities: tuple[Entity, ...]
    sentences: int
    tokens: int


def analyse(doc: "Doc", document: Document, aliases: Optional["Aliases"] = None) -> DocumentResult:
    """Triples and entities of one parsed document (``doc`` is ``document.text`` parsed).

    Triples carry the document's canonical actor names; :func:`kg.resolution.merge_entities`
    later maps them onto corpus-wide names. ``aliases`` (the user's aliases file) is
    honoured within the document.
    """
    from kg import extraction, plover, resolution
    from kg.resolution.component import evolve

    # the text that was parsed, unless the caller parsed another (Doc.text rebuilds it, token by token)
    parsed = document.text if doc and len(document.text) == doc[-1].idx + len(doc[-1].text_with_ws) else None
    raw = list(extraction.triples(doc, document.id, parsed))
    resolved = resolution.resolve(doc, raw, aliases, doc_id=document.id)
    classified = tuple(evolve(t, relation_class=plover.relation_class(t.relation)) for t in resolved)
    entities = tuple(resolution.document_entities(doc, document.id, aliases))
    return DocumentResult(
        document=document,
        triples=classified,
        entities=entities,
        sentences=sum(1 for _ in doc.sents),
        tokens=len(doc),
    )


def run(
    documents: Iterable[Document],
    nlp: Optional["Language"] = None,
    *,
    model: Optional[str] = None,
    batch_size: int = 32,
    n_process: int = 1,
    dask: bool = False,
    scheduler: Optional[str] = None,
    aliases: Optional["Aliases"] = None,
) -> Iterator[DocumentResult]:
    """Parse and analyse documents, streaming, in input order.

    Parameters
    ----------
    n_process
        Worker processes (see :func:`kg.parallel.run_processes`); 1 parses here.
    dask, scheduler
        Run on a Dask cluster: a new LocalCluster of ``n_process`` workers, or the
        one at ``scheduler`` (``tcp://host:8786``); see :func:`kg.parallel.run_dask`.

    Examples
    --------
    >>> results = run([Document(id="d1", text="Russia vetoed a UN draft resolution.")])  # doctest: +SKIP
    """
    if dask or scheduler:
        if nlp is not None:
            raise ValueError("a loaded pipeline cannot be sent to Dask workers; pass model= instead")
        from kg.parallel import run_dask

        yield from run_dask(documents, scheduler=scheduler, jobs=n_process, model=model, batch_size=batch_size,
                            aliases=aliases)
    elif n_process > 1:
        from kg.parallel import run_processes

        yield from run_processes(documents, jobs=n_process, model=model, nlp=nlp, batch_size=batch_size,
                                 aliases=aliases)
    else:
        from kg.nlp import load_nlp

        yield from analyse_all(nlp or load_nlp(model), documents, batch_size, aliases)


#: Documents longer than this many characters are parsed in pieces cut at line breaks:
#: spaCy's memory grows with the longest text it parses (a 100k-character article took
#: 2.9 GB), while sentences, and so the parse, never cross a paragraph.
CHUNK_CHARS = 10_000


def analyse_all(nlp: "Language", documents: Iterable[Document], batch_size: int = 32,
                aliases: Optional["Aliases"] = None, chunk_chars: int = CHUNK_CHARS) -> Iterator[DocumentResult]:
    """Parse documents with ``nlp.pipe`` in this process and analyse each ``Doc`` as it comes.

    A long document is parsed in pieces (see :func:`pieces`) joined back into one ``Doc``
    over its whole text, so actors are resolved across the whole article and every
    character offset points into ``document.text``.
    """
    from spacy.tokens import Doc

    actors = nlp.get_pipe("kg_actors") if "kg_actors" in nlp.pipe_names else None
    texts = ((piece, (document, last)) for document in documents for piece, last in pieces(document.text, chunk_chars))
    parsed: list[Doc] = []
    for doc, (document, last) in nlp.pipe(texts, as_tuples=True, batch_size=batch_size, disable=["kg_actors"]):
        parsed.append(doc)
        if last:
            doc = parsed[0] if len(parsed) == 1 else Doc.from_docs(parsed, ensure_whitespace=False)
            parsed = []
            # With an aliases file, resolution clusters once, with the file's rules for this
            # article (kg.resolution.actors); the component would cluster without them first.
            yield analyse(actors(doc) if actors and aliases is None else doc, document, aliases)


def pieces(text: str, limit: int = CHUNK_CHARS) -> Iterator[tuple[str, bool]]:
    """``(piece, is_last)``: consecutive slices of ``text`` of at most ``limit`` characters.

    Cuts follow the last line break (and the blank lines after it) within the limit; a
    paragraph longer than the limit is cut after a sentence end, else after a space.

    Examples
    --------
    >>> list(pieces("One.\\n\\nTwo.\\nThree.", 9))
    [('One.\\n\\n', False), ('Two.\\n', False), ('Three.', True)]
    >>> "".join(p for p, _ in pieces("A b. C d e f g. H i j k", 8))
    'A b. C d e f g. H i j k'
    """
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = next((i + len(mark) for mark in ("\n", ". ", " ") if (i := window.rfind(mark)) > 0), limit)
        while start + cut < len(text) and text[start + cut] in "\r\n":
            cut += 1
        yield text[start:start + cut], False
        start += cut
    yield text[start:], True


def extract(text: Union[str, Document], *, model: Optional[str] = None, doc_id: str = "text") -> list[Triple]:
    """Triples of one text, actors resolved within it.

    Examples
    --------
    >>> [(t.subject, t.relation, t.object) for t in extract("Russia vetoed a UN draft resolution.")]  # doctest: +SKIP
    [('Russia', 'veto', 'UN draft resolution')]
    """
    document = text if isinstance(text, Document) else Document(id=doc_id, text=text)
    return [t for result in run([document], model=model) for t in result.triples]
