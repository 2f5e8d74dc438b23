"""Input problems: what went wrong with one input, reported in one line, counted by reason."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Callable, Optional

__all__ = ["InputError", "InputProblem", "REASONS", "ReadSummary"]

#: The short, stable reason categories a reader reports (the summary counts by these).
REASONS = (
    "not found",
    "unreadable",
    "empty",
    "binary",
    "other file type",
    "too large",
    "malformed JSON",
    "not a JSON object",
    "missing text",
    "text not a string",
    "not English",
    "duplicate id",
    "corrupt record",
    "not a kg record",
    "kg output",
    "analysis failed",
    # notes: the input was still read
    "decoded as fallback",
    "split",
    "bad date",
    "invalid Unicode",
    "replaces an earlier article",
    "unknown format",
)


@dataclass(frozen=True)
class InputProblem:
    """One problem with one input: where (``source``, ``line``), what (``reason``), details.

    ``reason`` is one of :data:`REASONS`; ``detail`` says more about this case.
    ``skipped`` is false for notes about input that was still read (a fallback
    encoding, a long article split into parts).

    Examples
    --------
    >>> print(InputProblem("seeds/x.jsonl", 3, "malformed JSON", "Expecting ',' delimiter"))
    seeds/x.jsonl:3: skipped: malformed JSON (Expecting ',' delimiter)
    >>> print(InputProblem("a.txt", None, "decoded as fallback", "cp1252", skipped=False))
    a.txt: read: decoded as fallback (cp1252)
    """

    source: str
    line: Optional[int]
    reason: str
    detail: Optional[str] = None
    skipped: bool = True

    @property
    def category(self) -> str:
        """The reason, under the name summaries count by."""
        return self.reason

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        action = "skipped" if self.skipped else "read"
        detail = f" ({self.detail})" if self.detail else ""
        return f"{where}: {action}: {self.reason}{detail}"


class InputError(ValueError):
    """Raised by ``read_documents(..., strict=True)`` on the first input skipped."""

    def __init__(self, problem: InputProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class ReadSummary:
    """An ``on_problem`` callback that counts problems by reason (and may echo each one).

    Examples
    --------
    >>> summary = ReadSummary()
    >>> summary(InputProblem("a.png", None, "binary", "PNG image"))
    >>> summary(InputProblem("b.pdf", None, "binary", "PDF document"))
    >>> summary(InputProblem("c.jsonl", 2, "malformed JSON"))
    >>> summary(InputProblem("d.txt", None, "split", "3 parts", skipped=False))
    >>> summary.skipped
    3
    >>> str(summary)
    'skipped 3 inputs: 2 binary, 1 malformed JSON; notes: 1 split'
    """

    def __init__(self, echo: Optional[Callable[[str], object]] = None) -> None:
        self.echo = echo
        self.skipped_by_reason: Counter[str] = Counter()
        self.notes_by_reason: Counter[str] = Counter()

    def __call__(self, problem: InputProblem) -> None:
        counter = self.skipped_by_reason if problem.skipped else self.notes_by_reason
        counter[problem.reason] += 1
        if self.echo is not None:
            self.echo(str(problem))

    @property
    def skipped(self) -> int:
        """How many inputs (files, lines, articles) were skipped."""
        return sum(self.skipped_by_reason.values())

    def __bool__(self) -> bool:
        return bool(self.skipped_by_reason or self.notes_by_reason)

    def __str__(self) -> str:
        parts = []
        if self.skipped_by_reason:
            noun = "input" if self.skipped == 1 else "inputs"
            parts.append(f"skipped {self.skipped} {noun}: {_counts(self.skipped_by_reason)}")
        if self.notes_by_reason:
            parts.append(f"notes: {_counts(self.notes_by_reason)}")
        return "; ".join(parts) or "no input problems"


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{n} {reason}" for reason, n in counter.most_common())
