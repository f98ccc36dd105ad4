# Two commands do all the set-up: `make run` opens the reader, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test

.PHONY: run test lint screenshots bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(STAMP_RUN)

# Byte-compiled first: an editable install leaves the sources uncompiled, and where
# PYTHONDONTWRITEBYTECODE is set every start would compile them again (~60 ms).
run: $(STAMP_RUN)
	@$(BIN)/python -m compileall -q src/papertui
	$(BIN)/papertui $(ARGS)

lint: $(STAMP_TEST)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/mypy src
	$(BIN)/lint-imports --no-logo

# Two workers (pytest-xdist): the suite waits on pseudo-terminals and loopback servers as much
# as it computes, and CI has two cores and five minutes.
test: lint
	@$(BIN)/python -m compileall -q src/papertui tests  # see `run`: the CLI tests start ~200 processes
	$(BIN)/python -m pytest -q -n 2

screenshots: $(STAMP_TEST)
	$(BIN)/python scripts/screenshots.py

bench: $(STAMP_TEST)
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
