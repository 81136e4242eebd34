# Two entry points, each doing its own set-up on a fresh clone:
#   make demo   - create .venv if missing, install actlab, run `actlab demo`
#   make test   - create .venv if missing, install actlab with test extras, run the suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
CORE := $(VENV)/.actlab-core
FULL := $(VENV)/.actlab-full

.PHONY: demo test lint format system clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(CORE): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

# torch is pinned to the exact release first: a looser spec would download several GB.
$(FULL): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check torch==2.13.0
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev,torch]"
	touch $@ $(CORE)

demo: $(CORE)
	$(BIN)/actlab demo $(ARGS)

system:
	@sh scripts/system-deps.sh

test: $(FULL) system
	$(BIN)/python -m pytest $(ARGS)

lint: $(FULL)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

format: $(FULL)
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
