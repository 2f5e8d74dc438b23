"""kg/ is laid out by its data flow: each package imports only from the packages below it, and no
module imports, even inside a function, a module that imports it back (see ARCHITECTURE.md)."""
from __future__ import annotations

import ast

from conftest import ROOT

#: Bottom to top. A module may import from a lower layer and from its own package; the
#: packages of one layer are independent of each other.
LAYERS = (
    ("kg.model", "kg.io", "kg.hashing", "kg.lock"),
    ("kg.lookup",),
    ("kg.documents",),
    ("kg.extraction",),
    ("kg.resolution",),
    ("kg.pipeline",),
    ("kg.records",),
    ("kg.rdf", "kg.network", "kg.evaluation"),
    ("kg.graph",),
    ("kg.cli", "kg"),  # the package itself: its lazy public surface (kg.build, kg.extract, ...)
    ("kg.__main__",),
)


def _modules() -> dict[str, ast.Module]:
    out = {}
    for path in sorted((ROOT / "kg").rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = ast.parse(path.read_text(encoding="utf-8"))
    return out


MODULES = _modules()


def _imports(tree: ast.Module) -> set[str]:
    """Every kg module ``tree`` imports, anywhere in it (type-checking and function-local imports too)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:  # `from kg.rdf import store` imports the module kg.rdf.store
                child = f"{node.module}.{alias.name}"
                found.add(child if child in MODULES else node.module)
    return {name for name in found if name in MODULES}


IMPORTS = {name: _imports(tree) for name, tree in MODULES.items()}


def _unit(module: str) -> tuple[int, str]:
    """``(layer, package)`` of a module: the longest entry of :data:`LAYERS` it belongs to."""
    entries = [(level, entry) for level, layer in enumerate(LAYERS) for entry in layer
               if module == entry or entry != "kg" and module.startswith(entry + ".")]
    assert entries, f"{module} is in no layer of LAYERS"
    return max(entries, key=lambda e: len(e[1]))


def test_no_module_imports_upward_or_sideways():
    wrong = []
    for module, imported in IMPORTS.items():
        level, package = _unit(module)
        for other in imported:
            other_level, other_package = _unit(other)
            if other_package != package and other_level >= level:
                wrong.append(f"{module} imports {other}")
    assert not wrong, "imports against the layering:\n" + "\n".join(sorted(wrong))


def test_no_import_cycles():
    cycles, state = [], {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for other in sorted(IMPORTS[module]):
            if state.get(other) == "open":
                cycles.append(" -> ".join(path[path.index(other):] + [module, other]))
            elif other not in state:
                visit(other, path + [module])
        state[module] = "done"

    for module in sorted(MODULES):
        if module not in state:
            visit(module, [])
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_the_layering_sees_the_import_cycle_it_forbids():
    # the checks above read function-local imports too: a lazy import closing a cycle is found
    tree = ast.parse("def f():\n    from kg.rdf.store import open_store\n")
    assert _imports(tree) == {"kg.rdf.store"}


def test_every_name_a_module_exports_is_there():
    import importlib

    missing = [f"{name}.{public}" for name, tree in MODULES.items()
               if any(isinstance(n, ast.Assign) and ast.unparse(n.targets[0]) == "__all__" for n in tree.body)
               for public in importlib.import_module(name).__all__
               if not hasattr(importlib.import_module(name), public)]
    assert not missing
