"""The ``kg`` command: a thin layer over the library, one module per subject.

Each submodule defines click commands and registers them on :data:`main`
(:mod:`kg.cli.common`, with the options they share); library errors that a user can
act on become one-line messages, never tracebacks.
"""
from __future__ import annotations

import importlib
import sys

from kg.cli.common import UserError, main

__all__ = ["COMMAND_MODULES", "UserError", "main"]

#: Submodules holding commands, imported when the CLI starts.
COMMAND_MODULES = ("build", "remove", "extract", "entities", "rdf", "view")


for _module in COMMAND_MODULES:
    importlib.import_module(f"kg.cli.{_module}")

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
