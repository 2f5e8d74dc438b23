# kg — the two commands a new user runs: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.kg-installed
OUT    ?= output

.PHONY: demo test typecheck typecheck-all bootstrap notebooks clean

demo: $(STAMP)
	$(BIN)/kg build seeds/ --out $(OUT) --screenshot

test: typecheck
	$(BIN)/ruff check kg tests benchmarks
	$(BIN)/python -m pytest

# Static types: `Optional` values used as `str` crash on real text that fuzzing misses.
typecheck: $(STAMP)
	$(BIN)/python -m mypy

typecheck-all: $(STAMP)
	$(BIN)/python -m mypy kg/

bootstrap: $(STAMP)

# JupyterLab (the `notebooks` extra) in the same venv, then the notebooks folder in the browser.
notebooks: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[notebooks]'
	$(BIN)/jupyter lab notebooks/

# Re-install when the project's dependencies change; the stamp marks a finished install.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "kg needs Python 3.10 or newer")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The screenshot stays: it is committed for the README.
clean:
	rm -rf $(OUT)/store $(OUT)/records .pytest_cache
	find $(OUT) -maxdepth 1 -name 'graph.*' ! -name graph.png -delete
