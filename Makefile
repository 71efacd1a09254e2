# Development tasks. Each target creates .venv with python3 if it is missing and installs the
# project into it; a stamp file per extra means pip runs again only when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install --quiet --disable-pip-version-check
# The project's own held-out set, in four languages; QUESTIONS=../shared/eval/questions.yaml for the shared one.
QUESTIONS ?= tests/data/heldout_languages.yaml

.PHONY: run test lint bench check eval clean

run: $(VENV)/.installed
	$(PY) -m bot

test: $(VENV)/.installed-test
	$(PY) -m pytest -q

lint: $(VENV)/.installed-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

# Every benchmark and one table of results and targets (README, "Benchmarks"); a few minutes.
# Options go in BENCH_ARGS, e.g. make bench BENCH_ARGS="--quick" or "--parts scale --sizes real,1000".
bench: $(VENV)/.installed
	$(PY) -m benchmarks $(BENCH_ARGS)

check: $(VENV)/.installed
	$(PY) -m bot check

eval: $(VENV)/.installed
	$(PY) -m bot eval $(QUESTIONS)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis

$(PY):
	$(PYTHON) -m venv $(VENV)

# [dev] includes [test], which includes the base install: each stamp also marks those below.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PIP) -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PIP) -e '.[test]'
	touch $@ $(VENV)/.installed

$(VENV)/.installed-dev: pyproject.toml | $(PY)
	$(PIP) -e '.[dev]'
	touch $@ $(VENV)/.installed-test $(VENV)/.installed
