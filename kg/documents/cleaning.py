"""Turning a scraped news page into article text: title, date, paragraphs, no page furniture.

Rules are data: each list below holds regular expressions matched against one
whole, trimmed line. Paragraphs are kept (``"\\n\\n"`` between them) because
pronoun resolution works per paragraph; headings stay as paragraphs of their own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional, Pattern

from kg.documents.dates import parse_date
from kg.documents.language import is_foreign_line

__all__ = ["Article", "clean_article", "is_furniture", "normalize_whitespace", "split_text", "split_title"]


def _compile(patterns: Iterable[str]) -> tuple[Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


#: Lines that are never article text (navigation, sharing, bylines, media players).
FURNITURE = _compile(
    (
        r"\d{1,3}\.\s*skip to .*",
        r"skip to .*",
        r"choose from \d+ languages",
        r"(?:\d{1,3}\.\s*)?(?:inhalt|navigation|weitere inhalte|metanavigation|suche|search|menu|main menu)",
        r"(?:share|print|send|email|facebook|twitter|whatsapp|linkedin|reddit|feedback|permalink\b.*)",
        r"(?:read|see) (?:more|also)\b.{0,120}",
        r"advertisement|sponsored content|cookies? (?:settings|policy)",
        r"follow (?:us|dw) on .{1,60}",
        r"(?:copyright\s*)?©.{0,80}|copyright \d{4}\b.{0,80}|all rights reserved\.?",
        r"watch video \d{1,2}:\d{2}",
        r"(?:now live|live now)",
        r"\d{1,2}:\d{2} mins?\.?",
        r"listen to audio \d{1,2}:\d{2}",
        # Bylines of agency copy: "mg/kms (dpa, AP, Reuters)", "bik/jm (AFP, Reuters)".
        r"(?-i:[a-z]{1,4}(?:/[a-z]{1,4})*)\s*\((?:[A-Za-z][\w.\- ]{0,24})(?:,\s*[A-Za-z][\w.\- ]{0,24})*\)",
        r"by (?-i:[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3})(?:,? (?:in|for) .{1,40})?",
        r"date \d{1,2}\.\d{1,2}\.\d{4}",
        r"(?:authors?|keywords|tags)(?:\s*:.{0,120})?",
    )
)

#: Media-player lines; the short paragraph after them is the video's title, not text.
MEDIA = _compile((r"watch video \d{1,2}:\d{2}", r"listen to audio \d{1,2}:\d{2}", r"\d{1,2}:\d{2} mins?\.?"))

#: Lines after which the page holds no more article text.
END_MARKERS = _compile(
    (
        r"dw recommends",
        r"audios and videos on the topic",
        r"related (?:content|articles|stories|topics|coverage)",
        r"more (?:on|about) (?:this|the) (?:topic|story)",
    )
)

#: Photo credits: a whole line ("Image: Reuters/Sputnik"), or a suffix glued to a caption
#: ("…of the countryImage: Getty Images/AFP/K. Al-Masri"). The credit after the colon is a
#: slash-separated list of sources or a few words.
CREDIT_LABEL = re.compile(r"(?:Image|Photo|Picture|Photograph|Bild|Foto)s?(?: credit)?\s*:\s*")
CREDIT_SOURCE = re.compile(r"[^/\n]{1,60}(?:/[^/\n]{1,60})+|\S+(?: \S+){0,4}")

#: A line of a navigation menu: "  1. Inhalt"; only dropped in a run of two or more.
NUMBERED_ITEM = re.compile(r"\d{1,3}\.\s+\S.{0,60}")

#: A line that ends a sentence (or a heading that asks a question).
SENTENCE_END = re.compile(r"[.!?:;…][\"'”’»)\]]*$")

#: A first line longer than this is a paragraph, not a headline.
MAX_TITLE_CHARS = 300

#: Title lines of site pages: "Title | News | DW | 02.10.2015"
TITLE_SEPARATOR = re.compile(r"\s+\|\s+")

_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)\]]*\s+")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_WORDS = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@dataclass(frozen=True)
class Article:
    """What :func:`clean_article` reads off a page."""

    title: Optional[str]
    date: Optional[str]
    text: str


def normalize_whitespace(text: str) -> str:
    """Unix newlines, plain spaces (no-break and other Unicode spaces), no control characters.

    Examples
    --------
    >>> normalize_whitespace("Lavrov\\u00a0and  Kerry \\r\\nmet.\\u200b")
    'Lavrov and Kerry\\nmet.'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n")).strip()


def is_furniture(line: str) -> bool:
    """Whether a whole line is page furniture (navigation, share buttons, bylines, players).

    Examples
    --------
    >>> is_furniture("mg/kms (dpa, AP, Reuters)"), is_furniture("1. Skip to content")
    (True, True)
    >>> is_furniture("Watch video 02:57"), is_furniture("02:57 mins.")
    (True, True)
    >>> is_furniture("Russia vetoed a UN draft resolution.")
    False
    """
    line = line.strip()
    return any(p.fullmatch(line) for p in FURNITURE + END_MARKERS)


def credit_start(line: str) -> Optional[int]:
    """Where a photo credit starts in ``line`` (0 for a credit line), ``None`` without one.

    Examples
    --------
    >>> credit_start("Image: Reuters/Sputnik/Kremlin")
    0
    >>> line = "Rebels want a truceImage: Getty Images/AFP/K. Al-Masri"
    >>> line[:credit_start(line)]
    'Rebels want a truce'
    >>> credit_start("The photo: a man in a boat, seen from the shore in the rain at dusk") is None
    True
    """
    for match in CREDIT_LABEL.finditer(line):
        if CREDIT_SOURCE.fullmatch(line, match.end()):
            return match.start()
    return None


def is_name_only(line: str) -> bool:
    """Whether a line reads like a picture's alt text: names and nouns, no sentence.

    Examples
    --------
    >>> is_name_only("Syrien Aleppo Bergung Verletzte Ruine")
    True
    >>> is_name_only("Some Syrian rebel groups want a nationwide truce")
    False
    """
    words = _WORDS.findall(line)
    if not words or SENTENCE_END.search(line):
        return False
    capitalised = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    return capitalised / len(words) >= 0.7 or is_foreign_line(line)


def split_title(line: str) -> tuple[str, Optional[str]]:
    """The headline and date of a title line such as ``Title | News | DW | 02.10.2015``.

    Examples
    --------
    >>> split_title("Putin, Hollande meet | News | DW | 02.10.2015")
    ('Putin, Hollande meet', '2015-10-02')
    >>> split_title("Putin: Syria no fly zones could cement ceasefire")
    ('Putin: Syria no fly zones could cement ceasefire', None)
    """
    parts = TITLE_SEPARATOR.split(line.strip())
    found = next((d for d in map(parse_date, parts[1:]) if d), None)
    return parts[0], found


def clean_article(raw: str, *, title_line: bool = True, language: Optional[str] = "en") -> Article:
    """Title, date and paragraph text of a scraped page (plain text).

    With ``title_line``, the first line left after furniture is the headline (unless
    longer than :data:`MAX_TITLE_CHARS`); it also opens the text, once, so that its
    sentence is analysed like the others.
    A date is taken from the title line or from a line holding only a date.
    Foreign-language caption lines are dropped when ``language`` is given.

    Examples
    --------
    >>> page = "1. Skip to content\\n\\nTalks end | News | 02.10.2015\\n\\nRussia vetoed it.\\n\\nab/cd (AFP)"
    >>> clean_article(page)
    Article(title='Talks end', date='2015-10-02', text='Talks end\\n\\nRussia vetoed it.')
    """
    blocks = _blocks(normalize_whitespace(raw))
    found_date: Optional[str] = None
    paragraphs: list[str] = []
    after_media = False
    for block in blocks:
        end = next((i for i, line in enumerate(block) if any(p.fullmatch(line) for p in END_MARKERS)), None)
        kept, media, block_date = _clean_block(block[:end], language)
        found_date = found_date or block_date
        if after_media and len(kept) == 1 and len(_WORDS.findall(kept[0])) <= 20:
            kept = []  # the title of the video or audio just above
        after_media = media
        paragraphs.extend(kept)
        if end is not None:
            break  # "DW recommends", "Related content": the rest is teasers
    title = None
    if title_line and paragraphs and len(paragraphs[0]) <= MAX_TITLE_CHARS:
        title, title_date = split_title(paragraphs[0])
        found_date = title_date or found_date
        rest = paragraphs[1:]
        if rest and rest[0] == title:
            rest = rest[1:]
        paragraphs = [title, *rest]
    return Article(title=title, date=found_date, text="\n\n".join(paragraphs))


def _blocks(text: str) -> list[list[str]]:
    """Runs of non-blank lines; a text with no blank line at all has one paragraph per line."""
    lines = text.split("\n")
    if "" not in lines:
        return [[line] for line in lines if line]
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _clean_block(block: list[str], language: Optional[str]) -> tuple[list[str], bool, Optional[str]]:
    """The paragraphs left of one block, whether it held a media player, and a date line's date."""
    keep = [True] * len(block)
    lines = list(block)
    media = False
    found_date = None
    numbered = [bool(NUMBERED_ITEM.fullmatch(line)) and not SENTENCE_END.search(line) for line in lines]
    for i, line in enumerate(lines):
        in_menu = numbered[i] and ((i > 0 and numbered[i - 1]) or (i + 1 < len(lines) and numbered[i + 1]))
        line_date = parse_date(line)
        if line_date:
            found_date = found_date or line_date
            keep[i] = False
        elif in_menu or is_furniture(line):
            media = media or any(p.fullmatch(line) for p in MEDIA)
            keep[i] = False
        elif credit_start(line) is not None:
            lines[i] = line[: credit_start(line)].rstrip()
            keep[i] = bool(lines[i]) and not is_name_only(lines[i])
            _drop_alt_text(lines, keep, i)
        elif language and len(_WORDS.findall(line)) <= 25 and is_foreign_line(line, language):
            keep[i] = False
    kept = [line for line, k in zip(lines, keep) if k]
    return _join_wrapped(kept), media, found_date


def _drop_alt_text(lines: list[str], keep: list[bool], credit: int) -> None:
    """Drop the unpunctuated lines just above a photo credit (the picture's alt text or caption)."""
    i = credit - 1
    while i >= 0 and keep[i] and not SENTENCE_END.search(lines[i]):
        keep[i] = False
        i -= 1


def _join_wrapped(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines into paragraphs; a short unpunctuated line followed by a capital is a heading."""
    paragraphs: list[str] = []
    for line in lines:
        if paragraphs and _continues(paragraphs[-1], line):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
    return paragraphs


def _continues(previous: str, line: str) -> bool:
    if SENTENCE_END.search(previous):
        return False
    return line[:1].islower() or len(previous) >= 60


def split_text(text: str, max_chars: int) -> list[str]:
    """Cut ``text`` into parts of at most ``max_chars``: at a paragraph break, else a
    sentence end, else a space, in the second half of each window.

    Examples
    --------
    >>> split_text("One. Two.\\n\\nThree four five.", 14)
    ['One. Two.', 'Three four', 'five.']
    >>> split_text("short", 100)
    ['short']
    """
    parts = []
    rest = text
    while len(rest) > max_chars:
        window = rest[: max_chars + 1]
        cut = window.rfind("\n\n", 0, max_chars)
        if cut < max_chars // 2:
            ends = [m.end() for m in _SENTENCE_BREAK.finditer(window, max_chars // 2) if m.end() <= max_chars]
            cut = ends[-1] if ends else window.rfind(" ", max_chars // 2, max_chars + 1)
        if cut <= 0:
            cut = max_chars
        parts.append(rest[:cut].strip())
        rest = rest[cut:].strip()
    parts.append(rest)
    return [p for p in parts if p]
