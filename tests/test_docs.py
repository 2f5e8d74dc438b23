"""The README documents every command, every query and every kg term (so docs cannot fall behind)."""
from __future__ import annotations

import pytest
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_quick_start_is_the_two_commands():
    quick_start = README.split("## Quick start", 1)[1].split("##", 1)[0]
    assert "make demo" in quick_start and "make test" in quick_start


def _commands():
    from kg.cli import main

    return sorted(main.commands)


@pytest.mark.parametrize("command", _commands())
def test_every_cli_command_is_documented(command):
    assert f"`kg {command}" in README


def test_every_library_query_is_documented():
    from kg.rdf.queries import library

    missing = [name for name in library() if f"`{name}`" not in README]
    assert not missing


def test_every_kg_term_is_in_the_vocabulary_table():
    from kg.rdf.namespaces import KG

    missing = [term for term in KG._extras + list(KG.__annotations__) if f"`kg:{term}`" not in README]
    assert not missing


def test_the_query_table_matches_the_library():
    """The README's query table says what `kg query --list` says: title, parameters, defaults."""
    from kg.rdf.queries import library

    rows = {}
    for line in README.split("## Query library", 1)[1].split("\n## ", 1)[0].splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("`"):
            rows[cells[0].strip("`")] = (cells[1], cells[2])
    expected = {}
    for name, query in library().items():
        params = ", ".join(f"`{p.name}` (default {p.default})" if p.default is not None else f"`{p.name}`"
                           for p in query.params)
        expected[name] = (query.title, params)
    assert rows == expected


def test_readme_says_how_to_open_the_notebooks_and_the_target_exists():
    assert "make notebooks" in README
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\nnotebooks:" in makefile and ".[notebooks]" in makefile and "jupyter lab" in makefile


@pytest.mark.parametrize("command", _commands())
def test_every_option_of_every_command_is_in_the_readme(command):
    from kg.cli import main

    options = [opt for p in main.commands[command].params if p.param_type_name == "option"
               for opt in p.opts if opt.startswith("--") and opt not in ("--help", "--store")]
    missing = [opt for opt in options if opt not in README]
    assert not missing, f"kg {command}: {missing}"
