"""A cheap language check: count common function words of a few languages.

Good enough to tell an English article from a German, French or Spanish one
and to spot a foreign-language caption line; it is not a language identifier.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Optional

__all__ = ["guess_language", "is_foreign_line"]

#: Frequent function words per language. Words that are also English words
#: ("in", "die", "an", "so", "a", "is") are left out of the other lists.
FUNCTION_WORDS = {
    "en": frozenset(
        "the of and to a in is was that for on with as by at from it its his her their "
        "has have had are were be been will would said says this which who not but "
        "or an after over about than they he she we".split()
    ),
    "de": frozenset(
        "der das und zu den von mit sich des auf für ist im dem nicht ein eine einer "
        "als auch es aus bei nach wird wurde sind oder zum zur hat über vor gegen".split()
    ),
    "fr": frozenset(
        "le la les des et du une est dans pour qui que sur pas par au aux avec ce "
        "cette sont il elle ont été leur".split()
    ),
    "es": frozenset(
        "el la los las del y en que por con para una es se su lo como más pero "
        "sus fue ha este esta".split()
    ),
    "it": frozenset(
        "il di che la della per con del non sono gli le nel alla una è anche dei "
        "delle ha questo".split()
    ),
    "pt": frozenset(
        "de que não da do os as em para com uma dos das por mais foi ao seu sua "
        "também pelo pela".split()
    ),
    "nl": frozenset(
        "de het een van en dat niet zijn voor met op ook bij naar worden werd "
        "heeft maar uit door".split()
    ),
}
# English words that are also function words elsewhere ("met" in Dutch, "as" and "do"
# in Portuguese): never evidence of another language.
_ENGLISH_HOMOGRAPHS = frozenset("met door van as do con per hat also war bin den will so die an am".split())
FUNCTION_WORDS = {
    language: words if language == "en" else words - _ENGLISH_HOMOGRAPHS for language, words in FUNCTION_WORDS.items()
}
_WORD = re.compile(r"[^\W\d_]+")
# Letters that English words (as opposed to names) almost never carry.
_FOREIGN_LETTERS = re.compile(r"[äöüßàâçèéêëîïôœùûñãõ]", re.IGNORECASE)


def function_word_counts(text: str, max_words: int = 2000, *, lowercase_only: bool = False) -> Counter[str]:
    """How many words of ``text`` (its first ``max_words``) are function words of each language.

    With ``lowercase_only``, capitalised words are not counted: in a headline,
    "Le Pen" or "La Paz" is a name, not an article.

    Examples
    --------
    >>> counts = function_word_counts("Der Präsident und die Regierung sind in Berlin.")
    >>> counts["de"], counts["en"]
    (3, 1)
    """
    counts: Counter[str] = Counter()
    for n, match in enumerate(_WORD.finditer(text)):
        if n >= max_words:
            break
        word = match.group()
        if lowercase_only and not word.islower():
            continue
        word = word.lower()
        for language, words in FUNCTION_WORDS.items():
            if word in words:
                counts[language] += 1
    return counts


def guess_language(text: str, *, min_hits: int = 5) -> Optional[str]:
    """The language with the most function words in ``text``; ``None`` if too few to tell.

    Examples
    --------
    >>> guess_language("The minister said that the talks with Russia will resume in May.")
    'en'
    >>> guess_language("Der Minister sagte, dass die Gespräche mit Russland im Mai fortgesetzt werden und nicht scheitern.")
    'de'
    >>> guess_language("Putin meets Erdogan") is None
    True
    """
    counts = function_word_counts(text)
    if not counts or counts.most_common(1)[0][1] < min_hits:
        return None
    return counts.most_common(1)[0][0]


def is_foreign_line(line: str, language: str = "en") -> bool:
    """Whether a short line (a caption, an image's alt text) is in another language.

    It needs a (lower-case) function word of another language and one more sign (a second such
    word, or a word with letters like ä, é, ñ), and these must outnumber ``language``'s
    function words. Names alone ("Merkel visits Düsseldorf", "Le Pen wins") are not enough.

    Examples
    --------
    >>> is_foreign_line("Karte Russische Präsenz und Luftangriffe in Syrien englisch NEU!")
    True
    >>> is_foreign_line("Merkel visits Düsseldorf"), is_foreign_line("Le Pen wins in Hénin-Beaumont")
    (False, False)
    """
    counts = function_word_counts(line, lowercase_only=True)
    own = counts.pop(language, 0)
    if not counts:
        return False
    other = counts.most_common(1)[0][1]
    accented = sum(1 for word in _WORD.findall(line) if _FOREIGN_LETTERS.search(word))
    evidence = other + accented
    return evidence >= 2 and evidence > own
