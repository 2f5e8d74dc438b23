"""Who speaks where: quotes, their speakers, and the speaker labels of interviews.

A *quote* runs between quotation marks.  News repeats the opening mark on each
paragraph of a long quote and closes only the last, so a quote left open at a
paragraph's end goes on in the next paragraph when that one opens with a quote.
Its *speaker* is read off the frame around it (outside the quotation marks):

==============================  ==================================================
frame                           speaker
==============================  ==================================================
``"…," Trump said``             the subject of the speech verb ("Trump")
``said Trump``, ``he added``    the same, inverted or a pronoun
``X said: "…"``                 the same, in the sentence that opens the quote
``according to X``              the object of "according to"
a quote with no frame           the last speaker of the paragraph (or the one
                                before), ``X said.  "…"``
==============================  ==================================================

An interview writes each answer as a paragraph opened by the speaker's label:
``((Jane Roe)) I think …``, ``Jane Roe: …``, ``JR: …``, ``Q:``/``A:``.  First person
in such a paragraph is the label's, and so it is in the unlabelled paragraphs after an
answer up to the next label: an answer often runs over several paragraphs, a question does not.

Everything here reads the parse only; :mod:`kg.resolution.coref` turns the speaker's
token into the actor it refers to.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

from kg.resolution.mentions import QUOTES, layout

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Speech", "speech"]

#: Verbs whose subject is the speaker of a quote beside them.
SPEECH_VERBS = frozenset(
    """say tell add ask answer reply respond state write tweet post explain continue note
    declare insist argue warn claim announce comment remark acknowledge admit conclude
    recall stress emphasize emphasise observe suggest testify complain concede vow
    promise predict told""".split()
)

#: A paragraph that opens with a speaker's label: ``((Name))``, ``Name:``, ``Q:``.
LABEL = re.compile(r"\(\(\s*(?P<paren>[^()\n]{1,60}?)\s*\)\)|(?P<colon>[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3}):(?=\s)")


@dataclass
class Speech:
    """Where each token's words come from: its quote's speaker or its paragraph's label.

    ``speaker`` maps a token index (inside a quote or a labelled paragraph) to the token
    index of the head of whoever says it; ``label`` maps a labelled paragraph's token
    indices to the label's span ``(first token, end token)``; ``quoted`` holds the
    token indices between quotation marks.
    """

    quoted: set[int] = field(default_factory=set)
    speaker: dict[int, int] = field(default_factory=dict)
    label: dict[int, tuple[int, int]] = field(default_factory=dict)
    labels: list[tuple[int, int]] = field(default_factory=list)  # every label's span, in order


def speech(doc: "Doc", para: list[int]) -> Speech:
    """Quotes, their speakers and interview labels of a parsed document.

    The last document's answer is kept (mentions and triples of one article ask for it
    in turn); not in ``doc.user_data``, which must stay serializable for ``nlp.pipe``.
    """
    global _last
    if _last is None or _last[0] is not doc or _last[1] != len(doc):
        _last = (doc, len(doc), _read(doc, para))
    return _last[2]


_last: Optional[tuple] = None


def _segments(doc: "Doc", para: list[int]) -> list[list[tuple[int, int]]]:
    """Quotes as lists of token ranges ``[start, end)``, one range per paragraph they span."""
    texts = layout(doc).texts
    quotes: list[list[tuple[int, int]]] = []
    start: Optional[int] = None
    carried = False  # the previous paragraph ended inside a quote
    for i, text in enumerate(texts):
        if text.isspace() and text.count("\n") >= 2:  # a paragraph break
            if start is not None:
                _add(quotes, (start, i), carried)
                carried, start = True, None
            else:
                carried = False
            continue
        if text not in QUOTES:
            continue
        opens = QUOTES[text] if QUOTES[text] is not None else start is None
        if opens and start is None:
            continue_quote = carried and not any(not t.isspace() for t in texts[_para_start(texts, i):i])
            carried = continue_quote
            start = i + 1
        elif not opens and start is not None:
            _add(quotes, (start, i), carried)
            start, carried = None, False
    if start is not None:
        _add(quotes, (start, len(texts)), carried)
    return quotes


def _para_start(texts: list[str], i: int) -> int:
    j = i
    while j > 0 and not (texts[j - 1].isspace() and texts[j - 1].count("\n") >= 2):
        j -= 1
    return j


def _add(quotes: list, segment: tuple[int, int], continues: bool) -> None:
    if continues and quotes:
        quotes[-1].append(segment)
    else:
        quotes.append([segment])


def _frame_speaker(doc: "Doc", sent_tokens, quoted: set[int]) -> Optional[int]:
    """The subject of a speech verb (or the object of "according to") outside the quotes."""
    for tok in sent_tokens:
        if tok.i in quoted:
            continue
        if tok.lemma_.lower() in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX"):
            for child in tok.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.i not in quoted and child.lemma_.lower() != "it":
                    return child.i
            inverted = _inverted_speaker(doc, tok, quoted)
            if inverted is not None:
                return inverted
        if tok.lower_ == "according":
            for prep in tok.children:
                if prep.lower_ == "to":
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj" and pobj.i not in quoted:
                            return pobj.i
    return None


def _inverted_speaker(doc: "Doc", verb, quoted: set[int]) -> Optional[int]:
    """``"…," said a protester``: the parser may take the speaker after the verb for its object."""
    if verb.i == 0 or doc[verb.i - 1].text not in ('"', "”"):  # right after the closing mark
        return None
    return next((c.i for c in verb.children if c.i > verb.i and c.dep_ in ("dobj", "attr", "npadvmod")
                 and c.pos_ in ("NOUN", "PROPN") and c.i not in quoted), None)


def _read(doc: "Doc", para: list[int]) -> Speech:
    out = Speech()
    if not len(doc):
        return out
    quotes = _segments(doc, para)
    for quote in quotes:
        for start, end in quote:
            out.quoted.update(range(start, end))
    sents = list(doc.sents)
    sent_of = {}
    for k, s in enumerate(sents):
        for i in range(s.start, s.end):
            sent_of[i] = k
    # speakers of the frames, sentence by sentence, for quotes with no frame of their own
    framed = [_frame_speaker(doc, s, out.quoted) for s in sents]
    for quote in quotes:
        first, last = quote[0][0], quote[-1][1] - 1
        if first > last:
            continue
        touched = sorted({sent_of[i] for start, end in quote for i in range(start, end) if i in sent_of})
        who = next((framed[k] for k in touched if framed[k] is not None), None)
        if who is None:  # "X said: ..." in the sentence before the quote, or the last speaker before it
            k = touched[0] - 1 if touched else -1
            while who is None and k >= 0 and para[sents[k].start] >= para[first] - 1:
                who = framed[k]
                k -= 1
        if who is None:
            continue
        for start, end in quote:
            for i in range(start, end):
                out.speaker[i] = who
    _labels(doc, para, out)
    return out


def _labels(doc: "Doc", para: list[int], out: Speech) -> None:
    """Interview paragraphs opened by a speaker's label: their tokens say whose they are."""
    text, starts, texts = layout(doc)
    i, n = 0, len(texts)
    current: Optional[tuple[int, int]] = None
    while i < n:
        first = i
        while first < n and texts[first].isspace():
            first += 1
        end = first
        while end < n and not (texts[end].isspace() and texts[end].count("\n") >= 1):
            end += 1
        start = first
        if first < n:
            match = LABEL.match(text, starts[first])
            if match is not None and _is_label(match):
                name = match.group("paren") or match.group("colon")
                span_start = text.index(name, match.start())
                a = _token_from(starts, span_start)
                b = _token_from(starts, span_start + len(name) - 1) + 1
                current, start = (a, b), b
                out.labels.append(current)
            if current is not None:
                for k in range(start, end):
                    out.label[k] = current
                # An unlabelled paragraph after an answer is more of it, up to the next label; after
                # a question it is more likely an answer whose label kg cannot read ("MS We did …").
                if end > start and text[starts[start]:starts[end - 1] + len(texts[end - 1])].rstrip().endswith("?"):
                    current = None
        i = max(end, first + 1)


def _is_label(match: "re.Match") -> bool:
    """A label names someone; "Image:" or "Note:" opening a paragraph does not."""
    name = match.group("paren") or match.group("colon")
    return bool(name) and name.lower() not in _NOT_LABELS and not any(ch.isdigit() for ch in name)


#: Words that open a paragraph with a colon without naming a speaker.
_NOT_LABELS = frozenset("image note update editor's note correction source sources photo video file caption "
                        "warning see also related".split())


def _token_from(starts: list[int], char: int) -> int:
    from bisect import bisect_right

    return max(bisect_right(starts, char) - 1, 0)
