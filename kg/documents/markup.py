"""Visible text of an HTML page, with the standard library's parser."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Optional

__all__ = ["html_to_text", "looks_like_html"]

#: Elements whose content is never visible article text.
HIDDEN = frozenset(("script", "style", "noscript", "template", "head", "svg", "iframe", "object", "nav", "footer", "form", "button", "select"))
#: Elements that start a new paragraph.
BLOCKS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure h1 h2 h3 h4 h5 h6 "
    "header hr li main ol p pre section table td th tr ul".split()
)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_HTML_START = re.compile(r"\s*(?:<!doctype html|<html\b|<head\b|<body\b|<meta\b|<!--)", re.IGNORECASE)
_TAG = re.compile(r"</?(?:p|div|span|a|br|b|i|h[1-6]|li|ul|table|img|script|style)\b[^>]*>", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is an HTML page or fragment rather than plain text.

    Examples
    --------
    >>> looks_like_html("<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    True
    >>> looks_like_html("Russia vetoed the draft <b>again</b>."), looks_like_html("3 < 4 and 5 > 2")
    (False, False)
    """
    head = text[:2000]
    return bool(_HTML_START.match(head)) or len(_TAG.findall(head)) >= 5


def html_to_text(markup: str) -> tuple[Optional[str], str]:
    """The ``<title>`` and the visible text of a page, one paragraph per block element.

    Examples
    --------
    >>> html_to_text("<html><head><title>Veto</title><script>x=1</script></head>"
    ...              "<body><h1>Veto</h1><p>Russia <b>vetoed</b> it.</p></body></html>")
    ('Veto', 'Veto\\n\\nRussia vetoed it.')
    """
    parser = _VisibleText()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n")]
    title = " ".join("".join(parser.title).split()) or None
    return title, "\n\n".join(p for p in paragraphs if p)


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._hidden: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in HIDDEN and tag not in _VOID:
            self._hidden.append(tag)
        if tag in BLOCKS:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag in BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in HIDDEN and tag in self._hidden:
            while self._hidden and self._hidden.pop() != tag:
                pass
        if tag in BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._hidden:
            self.parts.append(data)
