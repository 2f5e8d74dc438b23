"""Per-document records: what extraction made of one article, as a JSON file and back.

A build keeps these rather than spaCy ``Doc`` s: everything downstream (corpus-wide
actors, RDF, NetworkX, the view) is derived from them, so an unchanged article is never
parsed again and a killed build resumes from the records it had written.
"""
from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, MutableMapping, NamedTuple, Optional, Union

from kg.io import atomic_write_text
from kg.model import Document, Entity, Merge, Triple
from kg.pipeline.analyse import DocumentResult

PathLike = Union[str, Path]

#: A running build saves the records of finished documents this often (documents,
#: seconds), so a killed build resumes where it stopped.
FLUSH_DOCUMENTS = 50
FLUSH_SECONDS = 10.0


class Records(MutableMapping[str, DocumentResult]):
    """Per-document results by id: in memory, or on disk in ``directory`` (one JSON record each).

    On disk, only a few numbers per article stay in memory (a digest of its text and
    metadata, its counts); a result, or its local actors for merging, is read back
    when asked for. New results are written in batches (:data:`FLUSH_DOCUMENTS`
    documents or :data:`FLUSH_SECONDS`) and by :meth:`flush`, so a killed build
    resumes from what it had written.

    Examples
    --------
    >>> from kg.pipeline.analyse import DocumentResult
    >>> records = Records()
    >>> records["d1"] = DocumentResult(Document(id="d1", text="Hi."), (), (), 1, 2)
    >>> list(records), records.holds(Document(id="d1", text="Hi.")), records.sentences()
    (['d1'], True, 1)
    """

    def __init__(self, directory: Optional[PathLike] = None) -> None:
        self.directory = None if directory is None else Path(directory)
        self._kept: dict[str, DocumentResult] = {}  # all results in memory; unsaved ones on disk
        self._summaries: dict[str, _Summary] = {}
        self._flushed = time.monotonic()
        if self.directory is not None and self.directory.is_dir():
            for path in sorted(self.directory.glob("*.json")):
                self._summarise(from_record(json.loads(path.read_text(encoding="utf-8"))))

    def _summarise(self, result: DocumentResult) -> None:
        self._summaries[result.document.id] = _Summary(digest(result.document), result.sentences,
                                                       len(result.triples))

    def __getitem__(self, doc_id: str) -> DocumentResult:
        if doc_id in self._kept:
            return self._kept[doc_id]
        return from_record(self._record(doc_id))

    def _record(self, doc_id: str) -> dict[str, Any]:
        """The saved record of a document not held in memory, as JSON data."""
        if self.directory is None or doc_id not in self._summaries:
            raise KeyError(doc_id)
        return json.loads((self.directory / record_name(doc_id)).read_text(encoding="utf-8"))

    def __setitem__(self, doc_id: str, result: DocumentResult) -> None:
        self._kept[doc_id] = result
        self._summarise(result)
        if self.directory is not None and (len(self._kept) >= FLUSH_DOCUMENTS
                                           or time.monotonic() - self._flushed > FLUSH_SECONDS):
            self.flush()

    def __delitem__(self, doc_id: str) -> None:
        del self._summaries[doc_id]
        self._kept.pop(doc_id, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._summaries)

    def __len__(self) -> int:
        return len(self._summaries)

    def flush(self) -> None:
        """Write the records not yet on disk (nothing to do in memory)."""
        if self.directory is not None:
            save_records(self.directory, self._kept.values())
            self._kept.clear()
            self._flushed = time.monotonic()

    def holds(self, document: Document) -> bool:
        """Whether ``document`` is here with this very text and metadata."""
        known = self._summaries.get(document.id)
        return known is not None and known.digest == digest(document)

    def entities(self, doc_id: str) -> tuple[Entity, ...]:
        """The document-local actors of one document (only they are read back from its record)."""
        if doc_id in self._kept:
            return self._kept[doc_id].entities
        # the merge across articles asks every record for its actors: no triples made to be dropped
        return tuple(map(_entity, self._record(doc_id)["entities"]))

    def sentences(self) -> int:
        """Sentences in all documents."""
        return sum(s.sentences for s in self._summaries.values())

    def triples(self) -> int:
        """Triples in all documents."""
        return sum(s.triples for s in self._summaries.values())


class _Summary(NamedTuple):
    digest: str
    sentences: int
    triples: int


def digest(document: Document) -> str:
    """A fingerprint of a document's text and metadata: equal digests, nothing to re-parse."""
    return hashlib.sha1(json.dumps(vars(document), sort_keys=True).encode("utf-8")).digest().hex()


def record_name(doc_id: str) -> str:
    """The file name of a document's record.

    Examples
    --------
    >>> record_name("../../etc/passwd")
    '936d7c04cd83ef945f6e.json'
    """
    # Ids come from file names and JSON: hash them so any id is a safe file name.
    return hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:20] + ".json"


def to_record(result: DocumentResult) -> dict[str, Any]:
    """One document's result as plain JSON data (read back by :func:`from_record`)."""
    return {
        "document": vars(result.document),
        "triples": [t.to_dict() for t in result.triples],
        "entities": [e.to_dict() for e in result.entities],
        "sentences": result.sentences,
        "tokens": result.tokens,
    }


def from_record(record: Mapping[str, Any]) -> DocumentResult:
    """The :class:`~kg.pipeline.DocumentResult` a :func:`to_record` dict holds."""
    return DocumentResult(
        document=Document(**record["document"]),
        triples=tuple(Triple.from_dict(t) for t in record["triples"]),
        entities=tuple(map(_entity, record["entities"])),
        sentences=record["sentences"],
        tokens=record["tokens"],
    )


def _entity(e: Mapping[str, Any]) -> Entity:
    fields = dict(e)
    for name in ("aliases", "titles", "docs"):
        fields[name] = tuple(fields.get(name) or ())
    fields["merges"] = tuple(Merge(**m) for m in fields.get("merges") or ())
    return Entity(**fields)


def save_records(records: PathLike, results: Iterable[DocumentResult]) -> None:
    """Write the record file of each result atomically (a killed build leaves whole files).

    A record whose file already holds the same text is left alone, so a rebuild touches nothing.
    """
    records = Path(records)
    for result in results:
        records.mkdir(parents=True, exist_ok=True)
        path = records / record_name(result.document.id)
        text = json.dumps(to_record(result), ensure_ascii=False, sort_keys=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            atomic_write_text(path, text)
