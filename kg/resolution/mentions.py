"""Mentions of actors in a parsed article: the record they share and the words they are read by.

Three kinds of :class:`Candidate` come off a ``Doc``: *names* (:mod:`.names`),
*descriptions* (:mod:`.descriptions`) and *pronouns* (:mod:`.pronouns`).  Nothing here
decides what a mention refers to; :mod:`kg.resolution.coref` does.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple, Optional

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "ADDRESSING_VERBS", "Candidate", "EXPLETIVE_HEADS", "EXPLETIVE_IDIOMS", "FIRST_PERSON", "FIRST_PLURAL", "Layout", "NON_ACTOR_WORDS",
    "PRONOUNS", "QUOTES", "RELATIVES", "SECOND_PERSON", "clean", "initials", "layout", "non_actor", "paragraphs",
    "sentence_of", "span_text", "token_at",
]


#: Pronouns by form: (type wanted, plural, gender).
PRONOUNS = {
    "he": ("Person", False, "m"), "him": ("Person", False, "m"), "his": ("Person", False, "m"),
    "himself": ("Person", False, "m"), "she": ("Person", False, "f"),
    "her": ("Person", False, "f"), "hers": ("Person", False, "f"),
    "herself": ("Person", False, "f"), "it": ("Thing", False, None),
    "its": ("Thing", False, None), "itself": ("Thing", False, None),
    "they": ("Thing", True, None), "them": ("Thing", True, None),
    "their": ("Thing", True, None), "themselves": ("Thing", True, None),
}


#: Verbs whose subject "it" is usually a dummy ("it is", "it seems").
EXPLETIVE_HEADS = frozenset("be seem appear remain take become happen rain matter".split())

#: Verbs whose subject "it" is a dummy with these words below them, each a child of the one
#: before (lemmas): "it has to do with", "it turns out", "it makes sense"; none for "it
#: depends", unless reported ("the firm said it depends on imports" is the firm).
EXPLETIVE_IDIOMS = {"depend": (), "have": ("do", "with"), "turn": ("out",), "make": ("sense",)}


#: First-person singular pronouns: inside a quote, the speaker.
FIRST_PERSON = frozenset("i me my mine myself".split())

#: First-person plural pronouns: the speaker's state or organization, else the speaker.
FIRST_PLURAL = frozenset("we us our ours ourselves".split())

#: Second-person pronouns: inside a quote, whoever the speaker addresses.
SECOND_PERSON = frozenset("you your yours yourself yourselves".split())

#: Verbs whose object is the one a quote speaks to ("... ," Putin told Erdogan).
ADDRESSING_VERBS = frozenset("tell warn ask urge assure reassure remind inform caution promise".split())

#: Quotation marks: True opens, False closes, None toggles.
QUOTES = {'"': None, "“": True, "”": False, "«": True, "»": False}

#: Relative pronouns: they refer to the noun their clause modifies.
RELATIVES = frozenset("who whom whose".split())


#: Words that never name an actor by themselves: personal, relative, demonstrative and
#: indefinite pronouns, determiners and quantifiers.  A triple argument that is one of
#: them is resolved to an actor or its triple dropped; no entity or node is ever called so.
NON_ACTOR_WORDS = frozenset(
    """i me my mine myself we us our ours ourselves you your yours yourself yourselves
    he him his himself she her hers herself it its itself they them their theirs themselves
    one oneself ones who whom whose which what that this these those whoever whomever whatever
    someone somebody something anyone anybody anything everyone everybody everything
    no-one nobody nothing none people others other another each either neither all both
    some any many much more most few several such the a an there here""".split()
) | {"no one"}


def non_actor(text: str) -> bool:
    """Whether an argument's words are a bare pronoun, determiner or indefinite.

    An acronym in capitals is a name ("WHO", "US"), not the word it spells.

    >>> non_actor("They"), non_actor(" no one "), non_actor("Theresa May"), non_actor("WHO")
    (True, True, False, False)
    """
    words = " ".join(text.split())
    return words.lower() in NON_ACTOR_WORDS and not (words.isupper() and len(words) > 1)


_STOP_INITIALS = frozenset("of for and the in on de".split())


@dataclass(eq=False)
class Candidate:
    """A mention before resolution (mutable while clusters form)."""

    start: int  # char offsets into the doc text
    end: int
    text: str
    kind: str  # "name", "description", "pronoun"
    head: int  # token index of the syntactic head
    sent: int
    para: int
    name: Optional[str] = None  # for names: the name without title, article, 's
    type: Optional[str] = None
    title: Optional[str] = None
    iso: Optional[str] = None  # the state a title, demonym or name points at
    plural: bool = False
    count: int = 1  # how many actors a plural description stands for
    gender: Optional[str] = None
    role: Optional[str] = None  # office of a role description
    lemma: str = ""  # head lemma (descriptions)
    link: Optional[int] = None  # token index of a name this description is glued to
    isos: tuple = ()  # coordinated demonyms ("US and Russian foreign ministers")
    clusters: list = field(default_factory=list)
    rule: str = ""


@lru_cache(maxsize=16384)  # pure, and asked again for every name an article repeats
def clean(text: str) -> str:
    """Whitespace collapsed, a leading article and a trailing possessive dropped.

    >>> clean("the  Russian\\xa0Defense Ministry's")
    'Russian Defense Ministry'
    """
    text = re.sub(r"\s+", " ", text).strip(" \"'“”‘’,.")
    text = re.sub(r"^(?:the|The|THE|a|an|A|An)\s+", "", text)
    return re.sub(r"\s*['’]s?$", "", text)


@lru_cache(maxsize=16384)  # pure, and asked again for every name an article repeats
def initials(name: str) -> str:
    """Initials of a multi-word name, function words skipped.

    >>> initials("Organization for Security and Cooperation in Europe"), initials("Islamic State")
    ('OSCE', 'IS')
    """
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _STOP_INITIALS]
    return "".join(w[0].upper() for w in words) if len(words) > 1 else ""


def paragraphs(doc: "Doc") -> list[int]:
    """Paragraph number of each token (a blank line starts a paragraph)."""
    out, para = [], 0
    # a token's trailing whitespace is one space at most: line breaks are tokens (or in them)
    for text in layout(doc).texts:
        out.append(para)
        if "\n\n" in text or (text.isspace() and text.count("\n") >= 2):
            para += 1
    return out


def span_text(doc, first: "Token", last: "Token") -> str:
    """The words from ``first`` to ``last`` as written, runs of whitespace made one space."""
    return _SPACES.sub(" ", layout(doc).text[first.idx : last.idx + len(last.text)])


_SPACES = re.compile(r"\s+")


def token_at(doc: "Doc", char: int) -> int:
    """Index of the token at char offset ``char`` (0 when none is)."""
    starts = layout(doc).starts
    i = bisect_right(starts, char) - 1
    if i >= 0 and starts[i] == char:
        return i  # the usual case: a mention starts where a token does
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else 0


def sentence_of(doc: "Doc", i: int) -> int:
    """Index of the first token of token ``i``'s sentence."""
    # Token.sent searches for the boundaries on every call; the table is made once per Doc.
    starts = doc.user_data.get(_SENTENCE_STARTS)
    if starts is None or len(starts) != len(doc):
        starts = [0] * len(doc)
        for sent in doc.sents:
            starts[sent.start:sent.end] = [sent.start] * len(sent)
        doc.user_data[_SENTENCE_STARTS] = starts
    return starts[i]


_SENTENCE_STARTS = "kg.sentence_starts"


class Layout(NamedTuple):
    """A ``Doc``'s text, and each token's char offset and text, as plain Python data."""

    text: str
    starts: list[int]
    texts: list[str]


def layout(doc: "Doc") -> Layout:
    """The text and token offsets of ``doc``, read off it once (kept in ``doc.user_data``).

    Every ``doc[i]``, ``doc.text`` and ``Token.text`` builds Python objects anew; the
    rules that scan every token read these lists instead.

    Examples
    --------
    >>> import spacy
    >>> layout(spacy.blank("en")("Hi  there."))
    Layout(text='Hi  there.', starts=[0, 3, 4, 9], texts=['Hi', ' ', 'there', '.'])
    """
    found = doc.user_data.get(_LAYOUT)
    if found is None or len(found[1]) != len(doc):
        found = _read_layout(doc)
        doc.user_data[_LAYOUT] = found
    return Layout(*found)


def _read_layout(doc: "Doc") -> Layout:
    if not len(doc):
        return Layout("", [], [])
    # one array read instead of a Token object per token: three times faster than Doc.text alone
    orths, starts, spaces = doc.to_array(["ORTH", "IDX", "SPACY"]).T.tolist()
    texts = [doc.vocab.strings[orth] for orth in orths]
    return Layout("".join([word + " " if space else word for word, space in zip(texts, spaces)]), starts, texts)


_LAYOUT = "kg.layout"
