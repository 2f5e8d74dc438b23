"""One document through the stages, in this process: parse, extract, resolve, classify.

Each stage is a pure function in its own package (:mod:`kg.extraction`,
:mod:`kg.resolution`, :mod:`kg.extraction.plover`); this module only runs spaCy over
the documents and passes every parsed ``Doc`` through them, so nothing keeps a
``Doc`` longer than it takes to read its triples and mentions off it. The executors
that run it on several cores are in :mod:`kg.pipeline.parallel`.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Optional

from kg.model import Document, Entity, Triple, evolve

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from kg.resolution import Aliases

__all__ = ["CHUNK_CHARS", "DocumentResult", "analyse", "analyse_all", "pieces"]


@dataclass(frozen=True)
class DocumentResult:
    """What kg reads off one document: its triples and its actors (document-local names)."""

    document: Document
    triples: tuple[Triple, ...]
    entities: tuple[Entity, ...]
    sentences: int
    tokens: int
    #: Why analysing the document failed (an exception in kg, one line), else ``None``.
    error: Optional[str] = None


def failed(document: Document, exc: BaseException) -> DocumentResult:
    """The result of a document whose analysis raised ``exc``: no triples, the error in one line.

    The line names the exception and where kg raised it, for a bug report.
    """
    import traceback

    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/kg/" in f.filename.replace("\\", "/")]
    where = f" at kg/{frames[-1].filename.rsplit('/kg/', 1)[-1]}:{frames[-1].lineno}" if frames else ""
    message = str(exc).splitlines()[0] if str(exc) else ""
    return DocumentResult(document, (), (), 0, 0, error=f"{type(exc).__name__}: {message}{where}")


def analyse(doc: "Doc", document: Document, aliases: Optional["Aliases"] = None,
            min_confidence: Optional[float] = None) -> DocumentResult:
    """Triples and entities of one parsed document (``doc`` is ``document.text`` parsed).

    Triples carry the document's canonical actor names; :func:`kg.resolution.merge_entities`
    later maps them onto corpus-wide names. ``aliases`` (the user's aliases file) is
    honoured within the document. Triples scored below ``min_confidence`` are left out
    (default: :func:`kg.extraction.confidence.min_confidence`, the setting).
    """
    # imported here: they bring spaCy, which reading records back (kg.records) does not need
    from kg import extraction, resolution
    from kg.extraction import confidence as settings
    from kg.extraction import plover

    # the text that was parsed, unless the caller parsed another (Doc.text rebuilds it, token by token)
    parsed = document.text if doc and len(document.text) == doc[-1].idx + len(doc[-1].text_with_ws) else None
    raw = list(extraction.triples(doc, document.id, parsed))
    resolved = resolution.resolve(doc, raw, aliases, doc_id=document.id)
    # the user's cut, once resolution has read every candidate
    least = settings.min_confidence() if min_confidence is None else min_confidence
    classified = merge_repeats(evolve(t, relation_class=plover.event_class(t.relation, t.subject, t.subject_type))
                               for t in resolved if t.confidence >= least)
    entities = tuple(resolution.document_entities(doc, document.id, aliases))
    return DocumentResult(
        document=document,
        triples=classified,
        entities=entities,
        sentences=sum(1 for _ in doc.sents),
        tokens=len(doc),
    )


def merge_repeats(triples: Iterable[Triple]) -> tuple[Triple, ...]:
    """One triple per statement that sentences of the same words make, counted in ``mentions``.

    An article that repeats a sentence (a scraped page's boilerplate, a list, a wire story
    pasted twice) says its statements once each: the first sentence's triple stays, with
    the number of sentences that made it, so the graph grows with what an article says,
    not with its length.

    Examples
    --------
    >>> t = Triple(doc="d", sentence_index=0, sentence="Russia bombed Aleppo.", start=0, end=21,
    ...            subject="Russia", relation="bomb", object="Aleppo", subject_text="Russia", object_text="Aleppo")
    >>> again = evolve(t, sentence_index=1, start=22, end=43)
    >>> [(x.sentence_index, x.mentions) for x in merge_repeats([t, again])]
    [(0, 2)]
    """
    first: dict[tuple, Triple] = {}
    counts: dict[tuple, int] = {}
    for triple in triples:
        # what the statement says, as its IRI has it (kg.rdf.namespaces.statement_iri), in those words: the
        # tagger may type an argument differently in another place, the statement is the same
        key = (triple.sentence.strip(), triple.subject, triple.relation, triple.object, triple.negated,
               triple.modality, triple.attributed_to)
        first.setdefault(key, triple)
        counts[key] = counts.get(key, 0) + 1
    return tuple(t if counts[key] == 1 else evolve(t, mentions=counts[key]) for key, t in first.items())


#: Documents longer than this many characters are parsed in pieces cut at line breaks:
#: spaCy's memory grows with the longest text it parses (a 100k-character article took
#: 2.9 GB), while sentences, and so the parse, never cross a paragraph.
CHUNK_CHARS = 10_000


def analyse_all(nlp: "Language", documents: Iterable[Document], batch_size: int = 32,
                aliases: Optional["Aliases"] = None, chunk_chars: int = CHUNK_CHARS,
                min_confidence: Optional[float] = None) -> Iterator[DocumentResult]:
    """Parse documents with ``nlp.pipe`` in this process and analyse each ``Doc`` as it comes.

    A long document is parsed in pieces (see :func:`pieces`) joined back into one ``Doc``
    over its whole text, so actors are resolved across the whole article and every
    character offset points into ``document.text``.
    """
    from spacy.tokens import Doc

    actors = nlp.get_pipe("kg_actors") if "kg_actors" in nlp.pipe_names else None
    texts = ((piece, (document, last)) for document in documents for piece, last in pieces(document.text, chunk_chars))
    parsed: list[Doc] = []
    for doc, (document, last) in _parse(nlp, texts, batch_size, BATCH_CHARS):
        parsed.append(doc)
        if last:
            doc = parsed[0] if len(parsed) == 1 else Doc.from_docs(parsed, ensure_whitespace=False)
            parsed = []
            # With an aliases file, resolution clusters once, with the file's rules for this
            # article (kg.resolution.actors); the component would cluster without them first.
            try:
                result = analyse(actors(doc) if actors and aliases is None else doc, document, aliases, min_confidence)
            except Exception as exc:  # noqa: BLE001 - one article's bug must not stop a corpus
                result = failed(document, exc)
            yield result


#: Characters spaCy parses in one batch at most (besides ``batch_size`` texts): the parser's
#: scratch memory grows with the tokens of a batch, and 32 pieces of a long article are
#: 320,000 characters where 32 news articles are a third of that.
BATCH_CHARS = 100_000


def _parse(nlp: "Language", texts: Iterable[tuple[str, Any]], batch_size: int, chars: int) -> Iterator[tuple["Doc", Any]]:
    """``nlp.pipe`` over ``(text, context)`` pairs in batches of at most ``batch_size`` texts and ``chars`` characters."""
    batch: list[tuple[str, Any]] = []
    length = 0
    for item in chain(texts, [None]):
        if batch and (item is None or len(batch) >= batch_size or length + len(item[0]) > chars):
            yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch), disable=["kg_actors"])
            batch, length = [], 0
        if item is not None:
            batch.append(item)
            length += len(item[0])


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
