"""A line break ends a sentence: headings and captions never run into the next paragraph.

spaCy's parser decides sentence boundaries itself and happily joins a
sub-heading ("UK-Moscow allegations") to the paragraph under it, which then
becomes the subject of its first verb.  ``kg_paragraphs`` runs before the
parser and marks the token after every line break as a sentence start; the
parser keeps boundaries that are already set.

Examples
--------
>>> import spacy
>>> nlp = spacy.blank("en")
>>> _ = nlp.add_pipe("kg_paragraphs")
>>> doc = nlp("UK-Moscow allegations\\n\\nOn Tuesday Johnson called for protests.")
>>> [t.is_sent_start for t in doc if t.text == "On"]
[True]
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["mark_paragraphs"]


@Language.component("kg_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every token that is, or ends with, a line break."""
    for token in doc[:-1]:
        if "\n" in token.whitespace_ or (token.is_space and "\n" in token.text):
            following = doc[token.i + 1]
            if not following.is_space:
                following.is_sent_start = True
    return doc
