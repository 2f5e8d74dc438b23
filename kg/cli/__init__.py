"""The ``kg`` command: a thin layer over the library, one module per subject.

Each submodule defines click commands and registers them on :data:`main`;
library errors that a user can act on become one-line messages, never tracebacks.
"""
from __future__ import annotations

import importlib
import signal
import sys
import threading

import click

#: Submodules holding commands, imported when the CLI starts.
COMMAND_MODULES = ("build", "extract", "entities", "rdf", "view")


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
        from kg.nlp import ModelNotFound
        from kg.store import StoreLockedError

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


for _module in COMMAND_MODULES:
    importlib.import_module(f"kg.cli.{_module}")

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
