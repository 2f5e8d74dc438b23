"""Bytes to text: refuse binary files, honour byte-order marks, fall back from UTF-8."""
from __future__ import annotations

import codecs
from typing import Optional

__all__ = ["binary_kind", "bom_encoding", "decode"]

#: File signatures of formats that are not text, with the name used in messages.
MAGIC_NUMBERS = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x7fELF", "executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document"),
    (b"SQLite format 3\x00", "SQLite database"),
)

# Every byte but the C0 controls that never occur in text; deleting these leaves the controls.
_TEXT_BYTES = bytes(b for b in range(256) if b >= 0x20 and b != 0x7F or b in b"\t\n\x0c\r\x1b")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: Encodings tried, in order, when bytes are not UTF-8 (latin-1 decodes anything).
FALLBACK_ENCODINGS = ("cp1252", "latin-1")


def binary_kind(head: bytes) -> Optional[str]:
    """What binary format the first bytes of a file show, ``None`` for text.

    A NUL byte marks binary unless a UTF-16/32 byte-order mark explains it; so do
    control bytes (other than tab, newline, form feed, carriage return) making up
    more than 5% of ``head``, which no text encoding kg reads produces.

    Examples
    --------
    >>> binary_kind(b"\\x89PNG\\r\\n\\x1a\\n....")
    'PNG image'
    >>> binary_kind(b"%PDF-1.7"), binary_kind(b"plain text"), binary_kind(b"\\xff\\xfeh\\x00i\\x00")
    ('PDF document', None, None)
    >>> binary_kind(b"abc\\x00def")
    'NUL bytes'
    >>> binary_kind(bytes(range(1, 32)) * 3)
    'control bytes'
    """
    for magic, kind in MAGIC_NUMBERS:
        if head.startswith(magic):
            return kind
    if bom_encoding(head):
        return None
    if b"\x00" in head:
        return "NUL bytes"
    if head and len(head.translate(None, _TEXT_BYTES)) > 0.05 * len(head):
        return "control bytes"
    return None


def bom_encoding(head: bytes) -> Optional[str]:
    """The encoding a byte-order mark at the start of ``head`` announces."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    return None


def decode(data: bytes) -> tuple[str, Optional[str]]:
    """Decode file bytes; return the text and the fallback encoding used (``None`` if UTF-8/BOM).

    Examples
    --------
    >>> decode("Zürich".encode("utf-8"))
    ('Zürich', None)
    >>> decode("Zürich – “quoted”".encode("cp1252"))
    ('Zürich – “quoted”', 'cp1252')
    >>> decode("Zürich".encode("utf-16"))
    ('Zürich', None)
    """
    encoding = bom_encoding(data[:4])
    if encoding:
        return data.decode(encoding, errors="replace"), None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    for fallback in FALLBACK_ENCODINGS:
        try:
            return data.decode(fallback), fallback
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte string")  # pragma: no cover
