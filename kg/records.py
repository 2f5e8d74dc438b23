"""Per-document records: what extraction made of one article, as a JSON file and back.

A build keeps these rather than spaCy ``Doc`` s: everything downstream (corpus-wide
actors, RDF, NetworkX, the view) is derived from them, so an unchanged article is never
parsed again and a killed build resumes from the records it had written.
"""
from __future__ import annotations

import json
import os
import re
import time
import unicodedata
import warnings
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, MutableMapping, NamedTuple, Optional, Union

from kg.documents import InputProblem
from kg.hashing import digest as content_digest
from kg.io import atomic_write_text
from kg.model import Document, Entity, Merge, Triple
from kg.pipeline.analyse import DocumentResult

__all__ = [
    "FLUSH_DOCUMENTS", "FLUSH_SECONDS", "INDEX", "Records", "digest", "from_record", "record_name", "save_records",
    "to_record",
]

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

    A record file that cannot be read back (cut short, or not a kg record) is reported
    through ``on_problem`` (default: a warning), left alone on disk and kept out of the
    graph: its article is parsed again when its input is next built, which replaces it.
    """

    def __init__(self, directory: Optional[PathLike] = None, *,
                 on_problem: Optional[Callable[[InputProblem], None]] = None) -> None:
        self.directory = None if directory is None else Path(directory)
        self._kept: dict[str, DocumentResult] = {}  # all results in memory; unsaved ones on disk
        self._summaries: dict[str, _Summary] = {}
        self._flushed = time.monotonic()
        #: Names of the record files that could not be read (never deleted: they may be anyone's).
        self.unreadable: set[str] = set()
        if self.directory is not None and self.directory.is_dir():
            self._read_directory(_warn if on_problem is None else on_problem)

    def _read_directory(self, on_problem: Callable[[InputProblem], None]) -> None:
        """Summarise the records on disk: from the index where it vouches for a file, else from the file."""
        assert self.directory is not None
        index, lines = _read_index(self.directory / INDEX)
        fresh: list[list] = []
        with os.scandir(self.directory) as entries:
            files = sorted((entry.name, entry) for entry in entries if entry.name.endswith(".json") and entry.is_file())
        for name, entry in files:
            stamp = _stamp(entry.stat())
            known = index.get(name)
            if known is not None and known[1] == stamp:
                doc_id, digest_, source, sentences, triples = known[2:]
                self._summaries[doc_id] = _Summary(digest_, hash(source), sentences, triples)
                continue
            result = _read_record(Path(entry.path), on_problem)
            if result is None:
                self.unreadable.add(name)
            else:
                self._summarise(result)
                fresh.append(_index_line(name, stamp, result))
        if lines > 2 * len(files) + 1000:  # mostly lines of records since rewritten or removed
            names = {name for name, _ in files}
            fresh += [line for name, line in index.items() if name in names]
            _write_index(self.directory / INDEX, fresh)
        elif fresh:  # the next reader skips these files too
            _write_index(self.directory / INDEX, fresh, append=True)

    def _summarise(self, result: DocumentResult) -> None:
        document = result.document
        self._summaries[document.id] = _Summary(digest(document), hash(document.source), result.sentences,
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
        """Whether ``document`` is here with this very text and metadata (wherever it was read from)."""
        known = self._summaries.get(document.id)
        return known is not None and known.digest == digest(document)

    def relocate(self, document: Document) -> None:
        """Let a held article's source be where ``document`` was read from now, without parsing it again.

        The same corpus given by another path (relative or absolute, a moved folder, a
        line added above in a JSONL file) is the same articles: only ``source`` changes.
        """
        if hash(document.source) != self._summaries[document.id].source:
            self[document.id] = replace(self[document.id], document=document)

    def replacing(self, document: Document) -> Optional[InputProblem]:
        """A note when ``document`` replaces an article of the same id read from another file.

        A later article with a known id replaces the earlier one: that is how an edited
        article is updated. From another file (another folder's ``report.txt``) or from
        stdin it is more likely a different article, and kg cannot tell, so it says so.
        """
        known = self._summaries.get(document.id)
        if known is None or known.digest == digest(document):
            return None
        if self.directory is not None and document.id not in self._kept:
            earlier = self._record(document.id)["document"].get("source")
        else:
            earlier = self[document.id].document.source
        if earlier and document.source and not _from_stdin(document.source) \
                and _source_file(earlier) == _source_file(document.source):
            return None
        return InputProblem(_shown(document.source or document.id), None, "replaces an earlier article",
                            f"id {document.id!r} was read from {_shown(earlier or '?')} by an earlier build",
                            skipped=False)

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


#: The records' index in the records folder: a line per record written, ``[name, stamp, id,
#: digest, source, sentences, triples]``, the stamp being the file's inode, size and mtime. A
#: reader takes a record's counts from its latest line while the stamp still matches the file,
#: so opening a build reads no record (2.5 s for 300 articles, minutes at 100k), and a file
#: changed, replaced or written by anything else is simply read. Appended to as records are
#: written (:func:`save_records`), rewritten by a reader that finds it twice as long as the folder.
INDEX = ".index.jsonl"  # hidden: a build reading the folder that holds this one passes over it


def _stamp(stat: os.stat_result) -> list[int]:
    return [stat.st_ino, stat.st_size, stat.st_mtime_ns]


def _index_line(name: str, stamp: list[int], result: DocumentResult) -> list:
    document = result.document
    return [name, stamp, document.id, digest(document), document.source, result.sentences, len(result.triples)]


def _read_index(path: Path) -> tuple[dict[str, list], int]:
    """The latest index line per record file name, and the number of lines (one cut short or mangled is passed over)."""
    found: dict[str, list] = {}
    count = 0
    try:
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                count += 1
                try:
                    entry = json.loads(line)
                except ValueError:
                    continue
                if isinstance(entry, list) and len(entry) == 7 and isinstance(entry[0], str):
                    found[entry[0]] = entry
    except (OSError, ValueError):  # no index yet, or not readable: every record is read
        pass
    return found, count


def _write_index(path: Path, lines: list[list], *, append: bool = False) -> None:
    """Add ``lines`` to the index in one write (concurrent writers never interleave within a line), or replace it."""
    text = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    try:
        if not append:
            atomic_write_text(path, text)
            return
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        try:
            os.write(fd, text.encode("utf-8"))
        finally:
            os.close(fd)
    except OSError:  # a read-only build folder: readers read the records instead
        pass


class _Summary(NamedTuple):
    digest: str
    source: int  # hash() of where it was read from: compared within this process only
    sentences: int
    triples: int


def digest(document: Document) -> str:
    """A fingerprint of a document's text and metadata: equal digests, nothing to re-parse.

    ``source`` is left out: how the path was spelled (``corp/a.jsonl`` or
    ``/home/me/corp/a.jsonl``, the line number in a JSONL file) does not change what
    the article says (see :meth:`Records.relocate`).

    Examples
    --------
    >>> digest(Document(id="a", text="Hi.", source="a.txt")) == digest(Document(id="a", text="Hi.", source="/x/a.txt"))
    True
    """
    fields = {name: value for name, value in vars(document).items() if name != "source"}
    return content_digest(json.dumps(fields, sort_keys=True), algorithm="sha1", size=40)


def record_name(doc_id: str) -> str:
    """The file name of a document's record.

    Ids are taken in Unicode NFC, as document IRIs are (:func:`kg.rdf.namespaces.slug`):
    ``café`` typed and decomposed is one article everywhere.

    Examples
    --------
    >>> record_name("../../etc/passwd")
    '936d7c04cd83ef945f6e.json'
    >>> record_name("caf\u00e9") == record_name("cafe\u0301")
    True
    """
    # Ids come from file names and JSON: hash them so any id is a safe file name.
    doc_id = unicodedata.normalize("NFC", doc_id)
    return content_digest(doc_id, algorithm="sha1", size=20) + ".json"


def _read_record(path: Path, on_problem: Callable[[InputProblem], None]) -> Optional[DocumentResult]:
    """The result a record file holds, or ``None`` after reporting why it cannot be read."""
    reason, rebuilt = "corrupt record", "; left as is, its article is parsed again when next built"
    try:
        result = from_record(json.loads(path.read_text(encoding="utf-8")))
        if record_name(result.document.id) == path.name:
            return result
        reason, rebuilt = "not a kg record", "; left as is"
        detail = f"it holds article {result.document.id!r}, whose record is {record_name(result.document.id)}"
    except (OSError, ValueError) as error:  # JSONDecodeError, UnicodeDecodeError are ValueErrors
        detail = getattr(error, "msg", None) or getattr(error, "strerror", None) or str(error)
    except (KeyError, TypeError, AttributeError) as error:
        reason, rebuilt = "not a kg record", "; left as is"
        detail = f"no {error.args[0]!r} field" if isinstance(error, KeyError) else f"{type(error).__name__}: {error}"
    on_problem(InputProblem(str(path), None, reason, detail + rebuilt))
    return None


def _warn(problem: InputProblem) -> None:
    warnings.warn(str(problem), RuntimeWarning, stacklevel=4)


def _from_stdin(source: str) -> bool:
    return source == "-" or source.startswith("-:")


def _shown(source: str) -> str:
    """A source as the reader names it in messages."""
    return "<stdin>" + source[1:] if _from_stdin(source) else source


def _source_file(source: str) -> str:
    """The file a document's ``source`` names (``path``, ``path:line``), spelled as a real path."""
    return os.path.realpath(re.sub(r":\d+$", "", source))


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
    lines = []
    for result in results:
        records.mkdir(parents=True, exist_ok=True)
        path = records / record_name(result.document.id)
        text = json.dumps(to_record(result), ensure_ascii=False, sort_keys=True)
        if not path.exists() or path.read_bytes() != text.encode("utf-8"):  # bytes: a damaged file may not be UTF-8
            atomic_write_text(path, text)
            lines.append(_index_line(path.name, _stamp(path.stat()), result))
    if lines:
        _write_index(records / INDEX, lines, append=True)
