"""Reading articles from files, directories and stdin, lazily, reporting every problem.

``read_documents`` is a generator: a directory is walked one sub-directory at a
time (each directory's entries sorted, so the order is stable), a JSONL file is
read one line at a time, and nothing is kept but the ids already seen.
"""
from __future__ import annotations

import io
import os
import re
import stat
import sys
import unicodedata
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator, Optional, Union

from kg.documents.cleaning import clean_article, normalize_whitespace, split_text, split_title
from kg.documents.decoding import binary_kind, bom_encoding, decode
from kg.documents.jsonl import parse_article, parse_line
from kg.documents.language import guess_language
from kg.documents.markup import html_to_text, looks_like_html
from kg.documents.problems import InputError, InputProblem
from kg.model import Document

__all__ = ["JSONL_SUFFIXES", "JSON_SUFFIXES", "MAX_CHARS", "read_documents"]

PathLike = Union[str, Path]
OnProblem = Callable[[InputProblem], None]

JSONL_SUFFIXES = frozenset((".jsonl", ".ndjson"))
JSON_SUFFIXES = frozenset((".json",))  # read whole, so only when named explicitly
HTML_SUFFIXES = frozenset((".html", ".htm", ".xhtml"))
TEXT_SUFFIXES = frozenset((".txt", ".text", ".md"))
#: What a directory walk picks up; other files are counted and named once per folder given.
#: A file named explicitly is read whatever its suffix (as text unless JSONL or HTML).
DIRECTORY_SUFFIXES = JSONL_SUFFIXES | HTML_SUFFIXES | TEXT_SUFFIXES
_READ_IN_FOLDERS = " ".join(sorted(DIRECTORY_SUFFIXES))

#: The mark of the pages kg writes (``kg/network/assets/view.html``): a later build reads them as no article.
KG_PAGE = b'<meta name="generator" content="kg">'

#: Longer articles are split into separate documents (``id#2``, ...) at paragraph or sentence
#: boundaries. The parser's own limit is handled downstream: :func:`kg.pipeline.analyse.pieces`
#: parses any article in 10,000-character pieces joined into one ``Doc``, so the parse never
#: needs this split. What it still bounds is everything after the parse, which holds a whole
#: article at once: the joined ``Doc``, actor resolution over all of its mentions, its record
#: and its named graph (written and fingerprinted as one unit). That costs more than linearly
#: in length (benchmarks/long_article.py: a 200,000-character part about 1.5 times the CPU of
#: the same text as articles, 50,000 about 1.07 times; one 1.28M-character Doc over 1.3 GB).
#: A text this long is a dump or a book rather than a news article, and its parts' actors are
#: still merged across articles.
MAX_CHARS = 50_000
#: Articles longer than this get a warning: they are built, in parts, and cost what as much
#: text in articles costs (about 300 bytes of output per character; benchmarks/long_article.py).
LONG_CHARS = 1_000_000
#: Text and HTML files larger than this are skipped (JSONL is streamed, so has no limit).
MAX_BYTES = 100_000_000

LANGUAGE_NAMES = {"en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "pt": "Portuguese", "nl": "Dutch"}


def read_documents(
    paths: Union[PathLike, Iterable[PathLike]],
    *,
    on_problem: Optional[OnProblem] = None,
    strict: bool = False,
    max_chars: int = MAX_CHARS,
    max_bytes: int = MAX_BYTES,
    language: Optional[str] = "en",
    clean: bool = True,
    exclude: Iterable[PathLike] = (),
) -> Iterator[Document]:
    """Yield the articles found in ``paths``, lazily, in a stable order.

    Parameters
    ----------
    paths
        ``.txt`` (or any file named explicitly) and ``.html`` pages, ``.jsonl`` files
        (one article per line: ``id``, ``text``, optional ``title``, ``date``, ``url``),
        directories (walked recursively; ``.txt``, ``.md``, ``.html``, ``.jsonl`` files
        in them), or ``"-"`` for stdin (JSONL if it starts with ``{``, else one article).
    on_problem
        Called with an :class:`InputProblem` for every input skipped and every note
        (fallback encoding, article split); reading goes on. Default: problems are dropped.
    strict
        Raise :class:`InputError` at the first input skipped.
    max_chars
        Articles longer than this are split into parts with ids ``id``, ``id#2``, ``id#3`` …
    max_bytes
        Larger text/HTML files are skipped as ``too large``.
    language
        Articles whose function words say another language are skipped; ``None`` keeps all.
    clean
        Drop page furniture (navigation, bylines, credits) from the text.
    exclude
        Files and folders a directory walk passes over without a word: a build's own
        output folder and files (``graph.html`` is not an article).

    Document ids are a file's stem (its path relative to a directory given, without
    suffix, for files found by walking it) or the JSON ``id``, in Unicode NFC (``café``
    typed or decomposed is one id). When two inputs share an id, the first is kept and
    the later one skipped as ``duplicate id``; the parts of a split article count as
    inputs too (``x#2`` given as an id and part 2 of a long ``x`` cannot both be kept).
    Lone surrogates (``"\\ud800"`` in JSON, undecodable file names), which no output
    format can hold, are dropped from the text and become U+FFFD elsewhere, with a note.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Veto | News | 02.10.2015\\n\\nRussia vetoed it.")
    >>> _ = (folder / "b.png").write_bytes(b"\\x89PNG\\r\\n\\x1a\\n")
    >>> [(d.id, d.title, d.date, d.text) for d in read_documents([folder])]
    [('a', 'Veto', '2015-10-02', 'Veto\\n\\nRussia vetoed it.')]
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    reader = _Reader(on_problem, strict, max_chars, max_bytes, language, clean, exclude)
    for path in paths:
        for document in reader.read_path(path):
            yield from reader.finish(document)


class _Reader:
    """The options and state (ids seen) of one ``read_documents`` call."""

    def __init__(self, on_problem: Optional[OnProblem], strict: bool, max_chars: int, max_bytes: int,
                 language: Optional[str], clean: bool, exclude: Iterable[PathLike] = ()) -> None:
        self.on_problem = on_problem
        self.strict = strict
        self.max_chars = max_chars
        self.max_bytes = max_bytes
        self.language = language
        self.clean = clean
        # compared as real paths: outputs that do not exist yet still have one
        self.exclude = {os.path.realpath(path) for path in exclude}
        self.seen: dict[str, str] = {}

    def problem(self, source: object, line: Optional[int], reason: str, detail: Optional[str] = None,
                skipped: bool = True) -> None:
        problem = InputProblem(str(source), line, reason, detail, skipped)
        if self.on_problem is not None:
            self.on_problem(problem)
        if self.strict and skipped:
            raise InputError(problem)

    # -- sources -----------------------------------------------------------

    def read_path(self, path: PathLike) -> Iterator[Document]:
        if str(path) == "-":
            yield from self.read_stdin()
            return
        path = Path(path)
        try:
            is_dir = path.is_dir()
            exists = is_dir or path.exists()
        except OSError as error:
            self.problem(path, None, "unreadable", error.strerror)
            return
        if not exists:
            self.problem(path, None, "not found", "no such file or directory")
        elif not is_dir and not path.is_file():
            self.problem(path, None, "unreadable", "not a regular file")
        elif is_dir:
            for file in self.walk(path):
                yield from self.read_file(file, doc_id=file.relative_to(path).with_suffix("").as_posix())
        else:
            yield from self.read_file(path, doc_id=path.stem)

    def walk(self, root: Path) -> Iterator[Path]:
        """Files to read under ``root``, depth first, each directory's names sorted.

        Only one directory's listing is held at a time (names only); hidden entries
        are skipped and a directory reached twice through symlinks is read once.
        """
        visited: set[tuple[int, int]] = set()
        ignored: Counter[str] = Counter()  # other files, by suffix: one line for the whole walk

        def wanted(entry: os.DirEntry) -> bool:
            if entry.name.startswith("."):
                return False
            try:
                if entry.is_dir():
                    return True
            except OSError as error:  # a looping symlink: that entry is unreadable, not its folder
                self.problem(entry.path, None, "unreadable", error.strerror)
                return False
            if _suffix(entry.name) in DIRECTORY_SUFFIXES:
                return True  # whether it is a regular file is checked when it is opened
            if entry.is_file():
                ignored[_suffix(entry.name) or "no suffix"] += 1
            return False

        def visit(directory: Path) -> Iterator[Path]:
            try:
                info = directory.stat()
                if (info.st_dev, info.st_ino) in visited:
                    return
                visited.add((info.st_dev, info.st_ino))
                real = os.path.realpath(directory)
                with os.scandir(directory) as entries:
                    listing = sorted((entry for entry in entries if os.path.join(real, entry.name) not in self.exclude),
                                     key=lambda entry: entry.name)
                names = [(entry.name, entry.is_dir()) for entry in listing if wanted(entry)]
                del listing
            except OSError as error:
                self.problem(directory, None, "unreadable", error.strerror)
                return
            for name, is_dir in names:
                yield from visit(directory / name) if is_dir else iter((directory / name,))

        yield from visit(root)
        if ignored:
            kinds = ", ".join(sorted(ignored))
            files = sum(ignored.values())
            self.problem(root, None, "other file type",
                         f"{files:,} file{'s' * (files > 1)}: {kinds}; folders are read for {_READ_IN_FOLDERS}")

    def read_file(self, path: Path, doc_id: str) -> Iterator[Document]:
        suffix = path.suffix.lower()
        try:
            # A FIFO or a device found by a walk would block or never end: only regular
            # files are opened (non-blocking, then checked again in case it was swapped).
            if not stat.S_ISREG(os.stat(path).st_mode):
                self.problem(path, None, "unreadable", "not a regular file")
                return
            with open(path, "rb", opener=_nonblocking) as handle:
                if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                    self.problem(path, None, "unreadable", "not a regular file")
                    return
                head = handle.read(8192)
                kind = binary_kind(head)
                if kind:
                    self.problem(path, None, "binary", kind)
                    return
                if suffix in JSONL_SUFFIXES:
                    handle.seek(0)
                    yield from self.read_jsonl(handle, str(path), path.stem)
                    return
                size = os.fstat(handle.fileno()).st_size
                if size > self.max_bytes:
                    self.problem(path, None, "too large", f"{size:,} bytes > {self.max_bytes:,}")
                    return
                data = head + handle.read()
        except OSError as error:
            self.problem(path, None, "unreadable", error.strerror or str(error))
            return
        if suffix in HTML_SUFFIXES and KG_PAGE in head:
            self.problem(path, None, "kg output", "a page kg wrote, not an article")
            return
        text, fallback = decode(data)
        if fallback:
            self.problem(path, None, "decoded as fallback", f"not UTF-8, read as {fallback}", skipped=False)
        if suffix in JSON_SUFFIXES:
            yield from self.read_json(text, path)
            return
        if suffix and suffix not in DIRECTORY_SUFFIXES:  # a table, XML, ...: say how it is taken
            self.problem(path, None, "unknown format",
                         f"a {suffix} file is taken as the plain text of one article; "
                         "for one article per row give JSONL (id, text, title, date)", skipped=False)
        document = self.from_text(text, doc_id, str(path), html=suffix in HTML_SUFFIXES)
        if document:
            yield document

    def read_json(self, text: str, path: Path) -> Iterator[Document]:
        """A ``.json`` file: one article object, or an array of them (numbered from 1 in messages)."""
        value = parse_line(text)
        if isinstance(value, tuple):
            self.problem(path, None, *value)
            return
        for number, item in enumerate(value if isinstance(value, list) else [value], start=1):
            document = self.from_value(item, number, str(path), path.stem, str(path))
            if document:
                yield document

    def read_stdin(self) -> Iterator[Document]:
        """Stdin as JSONL (first non-blank character ``{``, streamed) or as one article."""
        # Bytes when we can get them, so encodings are handled as for files.
        if sys.stdin is None:  # no stdin at all (a GUI launcher, a daemon)
            self.problem("<stdin>", None, "unreadable", "no standard input")
            return
        lines: Iterator = iter(getattr(sys.stdin, "buffer", sys.stdin))
        first, blank = None, 0
        for first in lines:
            if first.strip():
                break
            blank += 1
        if first is None:
            self.problem("<stdin>", None, "empty", "no text")
            return
        if first.lstrip()[:1] in ("{", b"{"):
            yield from self.read_jsonl(_chain(first, lines), "-", "stdin", name="<stdin>", start=blank + 1)
            return
        data = first + (b"" if isinstance(first, bytes) else "").join(lines)
        if isinstance(data, bytes):
            kind = binary_kind(data[:8192])
            if kind:
                self.problem("<stdin>", None, "binary", kind)
                return
            data, fallback = decode(data)
            if fallback:
                self.problem("<stdin>", None, "decoded as fallback", f"not UTF-8, read as {fallback}", skipped=False)
        if data.lstrip("\ufeff \t\r\n").startswith("{"):  # JSONL behind a byte-order mark
            yield from self.read_jsonl(iter(data.splitlines()), "-", "stdin", name="<stdin>", start=blank + 1)
            return
        document = self.from_text(data, "stdin", "-", name="<stdin>")
        if document:
            yield document

    # -- formats -----------------------------------------------------------

    def from_text(self, text: str, doc_id: str, source: str, *, html: bool = False,
                  name: Optional[str] = None, title_line: bool = True) -> Optional[Document]:
        """One article from the decoded text of a page (plain text or HTML).

        With ``title_line``, a page without an HTML ``<title>`` takes its first line as title.
        """
        name = name or source
        if not text.strip():
            self.problem(name, None, "empty", "whitespace only" if text else "no text")
            return None
        title, found_date, original = None, None, text
        if html or looks_like_html(text):
            html_title, text = html_to_text(text)
            if html_title:
                title, found_date = split_title(html_title)
        if self.clean:
            article = clean_article(text, title_line=title_line and title is None, language=self.language)
            title, found_date, text = title or article.title, found_date or article.date, article.text
        else:
            text = normalize_whitespace(text)
        if not text:
            # Short foreign text goes as "foreign captions": say what it was, not just that it went.
            found = guess_language(original, min_hits=2) if self.language else None
            if found and found != self.language:
                self.problem(name, None, *self.foreign(found))
            else:
                self.problem(name, None, "empty", "nothing left after removing page furniture")
            return None
        return Document(id=doc_id, text=text, title=title, date=found_date, source=source)

    def read_jsonl(self, handle: IO, source: str, stem: str, name: Optional[str] = None,
                   start: int = 1) -> Iterator[Document]:
        """Articles of a JSONL stream (bytes or text lines), one problem per bad line."""
        name = name or source
        lines: Iterable = handle
        # UTF-16/32 lines cannot be split on b"\n": let a text wrapper decode those.
        encoding = bom_encoding(handle.peek(4)[:4]) if hasattr(handle, "peek") else None
        if encoding:
            lines = io.TextIOWrapper(handle, encoding=encoding, errors="replace")
        fallback_noted = False
        for number, line in enumerate(lines, start=start):
            if isinstance(line, bytes):
                line, fallback = decode(line)
                if fallback and not fallback_noted:
                    fallback_noted = True
                    self.problem(name, number, "decoded as fallback", f"not UTF-8, read as {fallback}", skipped=False)
            line = line.lstrip("\ufeff").strip()
            if not line:
                continue
            value = parse_line(line)
            if isinstance(value, tuple):
                self.problem(name, number, *value)
                continue
            document = self.from_value(value, number, source, stem, name)
            if document:
                yield document

    def from_value(self, value: object, number: int, source: str, stem: str, name: str) -> Optional[Document]:
        """One article from a parsed JSON value (line ``number`` of a JSONL file, item of a JSON array)."""
        record = parse_article(value, fallback_id=f"{stem}:{number}")
        if isinstance(record, tuple):
            self.problem(name, number, *record)
            return None
        if record.bad_date:
            self.problem(name, number, "bad date", f"{record.bad_date!r} is not a date; kept the article", skipped=False)
        document = self.from_text(record.text, record.id, f"{source}:{number}", name=f"{name}:{number}", title_line=False)
        if document is None:
            return None
        return replace(document, title=record.title or document.title, date=record.date or document.date, url=record.url)

    # -- every document ----------------------------------------------------

    def foreign(self, found: str) -> tuple[str, str]:
        """The reason and detail for an article in language ``found`` rather than the one wanted."""
        return f"not {LANGUAGE_NAMES.get(self.language, self.language)}", f"looks {LANGUAGE_NAMES.get(found, found)}"

    def finish(self, document: Document) -> Iterator[Document]:
        """Check text, language and id, split over-long text; yield what is kept."""
        document = self.valid_unicode(document)
        where = document.source or document.id
        if self.language:
            found = guess_language(document.text)
            if found and found != self.language:
                self.problem(where, None, *self.foreign(found))
                return
        if document.id in self.seen:
            self.problem(where, None, "duplicate id", f"{document.id!r} already read from {self.seen[document.id]}")
            return
        self.seen[document.id] = where
        parts = split_text(document.text, self.max_chars)
        if len(parts) > 1:
            self.problem(where, None, "split", f"{len(document.text):,} chars into {len(parts)} parts of at most {self.max_chars:,}", skipped=False)
        if len(document.text) > LONG_CHARS:
            self.problem(where, None, "very long", f"{len(document.text):,} chars, over {LONG_CHARS:,}: it costs what as much "
                         f"text in articles costs, about {len(document.text) * 300 / 1e9:.1f} GB of output", skipped=False)
        for n, part in enumerate(parts, start=1):
            if n == 1:
                yield replace(document, text=part)
                continue
            # A part's id is an id like any other: one given as such (``x#2``) must not be overwritten.
            part_id = f"{document.id}#{n}"
            if part_id in self.seen:
                self.problem(where, None, "duplicate id",
                             f"part {n} of {document.id!r} is {part_id!r}, already read from {self.seen[part_id]}")
                continue
            self.seen[part_id] = f"{where} (part {n} of {document.id!r})"
            yield replace(document, id=part_id, text=part)

    def valid_unicode(self, document: Document) -> Document:
        """``document`` with its id in NFC and lone surrogates gone (noted): no output format holds them.

        In the text they are dropped (a U+FFFD there would be parsed as a word); in the
        id and the other fields each becomes U+FFFD, so two ids stay two ids.
        """
        fields = [name for name, value in vars(document).items() if isinstance(value, str) and _SURROGATE.search(value)]
        if fields:
            document = replace(document, **{name: _SURROGATE.sub("" if name == "text" else "\ufffd", getattr(document, name))
                                            for name in fields})
            others = ", ".join(name for name in fields if name != "text")
            done = ["dropped from text"] * ("text" in fields) + [f"replaced by U+FFFD in {others}"] * bool(others)
            self.problem(document.source or document.id, None, "invalid Unicode",
                         f"lone surrogate {'; '.join(done)}", skipped=False)
        if not unicodedata.is_normalized("NFC", document.id):
            document = replace(document, id=unicodedata.normalize("NFC", document.id))
        return document


#: UTF-16 halves without their pair: JSON ``\ud800`` escapes, undecodable file names (surrogateescape).
_SURROGATE = re.compile("[\ud800-\udfff]")


def _nonblocking(path: str, flags: int) -> int:
    # a FIFO swapped in after the check opens at once instead of waiting for a writer
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def _suffix(name: str) -> str:
    return os.path.splitext(name)[1].lower()


def _chain(first: str, rest: Iterable[str]) -> Iterator[str]:
    yield first
    yield from rest


