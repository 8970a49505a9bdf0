# Sinoscope: `make demo` and `make test` each work alone on a fresh clone.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test lint typecheck unit quality bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/sinoscope demo

test: install lint typecheck unit

lint: install
	$(BIN)/ruff check sinoscope tests bench
	$(BIN)/ruff format --check sinoscope tests bench

typecheck: install
	$(BIN)/mypy
	$(BIN)/mypy bench tests

unit: install
	$(BIN)/pytest -q

# quality gate on the public evaluation sets (CI runs it when ../shared/data exists)
quality: install
	$(BIN)/python bench/quality_gate.py ../shared/data

clean:
	rm -rf $(VENV) .data .mypy_cache .ruff_cache .pytest_cache
