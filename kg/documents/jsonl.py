"""JSON articles (the lines of a JSONL file): one object with ``id``, ``text`` and optional ``title``, ``date``, ``url``."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Optional, Union

from kg.documents.dates import parse_date

__all__ = ["ArticleFields", "Fault", "clean_id", "json_type", "parse_article", "parse_line"]

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")


@dataclass(frozen=True)
class ArticleFields:
    """The fields kg takes from one JSON article; ``text`` is still raw."""

    id: str
    text: str
    title: Optional[str] = None
    date: Optional[str] = None
    url: Optional[str] = None
    bad_date: Optional[str] = None  # a ``date`` given but not understood


#: What is wrong with a record: ``(reason, detail)`` as in :class:`~kg.documents.InputProblem`.
Fault = tuple[str, str]


def parse_line(line: str) -> Union[object, Fault]:
    """The JSON value of one line, or a fault.

    Examples
    --------
    >>> parse_line('{"id": "a" "text": "x"}')
    ('malformed JSON', "Expecting ',' delimiter")
    """
    try:
        return json.loads(line)
    except json.JSONDecodeError as error:
        return ("malformed JSON", error.msg)
    except RecursionError:
        return ("malformed JSON", "nested too deeply")


def parse_article(value: object, fallback_id: str) -> Union[ArticleFields, Fault]:
    """The fields of an article from a parsed JSON value, or why there is none.

    ``fallback_id`` is used when the object has no usable ``id``; a ``url`` may
    also be given as ``source_url``.

    Examples
    --------
    >>> parse_article({"id": "a1", "text": "Russia vetoed it.", "date": "2016-10-08"}, "f:1")
    ArticleFields(id='a1', text='Russia vetoed it.', title=None, date='2016-10-08', url=None, bad_date=None)
    >>> parse_article({"id": "a1", "text": 3}, "f:1")
    ('text not a string', "'text' is a number")
    """
    if not isinstance(value, dict):
        return ("not a JSON object", f"got {json_type(value)}")
    if "text" not in value:
        return ("missing text", "no 'text' field")
    text = value["text"]
    if not isinstance(text, str):
        return ("text not a string", f"'text' is {json_type(text)}")
    raw_date = value.get("date")
    found_date = parse_date(raw_date) if isinstance(raw_date, str) else None
    bad_date = None if found_date or raw_date in (None, "") else str(raw_date)[:40]
    title = value.get("title")
    url = value.get("url") or value.get("source_url")
    return ArticleFields(
        id=clean_id(value.get("id")) or fallback_id,
        text=text,
        title=title.strip() if isinstance(title, str) and title.strip() else None,
        date=found_date,
        url=url if isinstance(url, str) else None,
        bad_date=bad_date,
    )


def clean_id(value: object) -> str:
    """An id as one trimmed line of text ("" when there is none).

    Ids are data and are otherwise kept verbatim: making one safe as a file name
    or IRI (``../../etc/passwd`` is a valid id) is the job of whatever writes it.

    Examples
    --------
    >>> clean_id(" a\\nb "), clean_id(7), clean_id(None), clean_id({"x": 1})
    ('a b', '7', '', '')
    """
    if value is None or isinstance(value, (dict, list)):
        return ""
    return _CONTROL.sub(" ", str(value)).strip()


def json_type(value: object) -> str:
    """How a JSON value is named in messages.

    >>> json_type([1]), json_type(None), json_type(2.5)
    ('an array', 'null', 'a number')
    """
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null",
             int: "a number", float: "a number"}
    return names.get(type(value), type(value).__name__)
