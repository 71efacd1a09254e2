# Development tasks. Each target creates .venv with python3 if it is missing and installs the
# project into it; a stamp file per extra means pip runs again only when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install --quiet --disable-pip-version-check
# The project's own held-out set, in four languages; QUESTIONS=../shared/eval/questions.yaml for the shared one.
QUESTIONS ?= tests/data/heldout_languages.yaml

.PHONY: run test lint bench check eval lock clean

run: $(VENV)/.installed
	$(PY) -m bot

# The tests on TEST_WORKERS processes (pytest-xdist; 0: in this one), in the quick profile
# unless TEST_PROFILE=ci (tests/profiles.py): one and a half to four minutes on two cores.
TEST_WORKERS ?= 2
test: $(VENV)/.installed-test
	$(PY) -m pytest -q -n $(TEST_WORKERS)

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

# requirements.lock: every dependency of the bot and of its build pinned with its hashes, for
# any platform, which the Docker image installs with pip --require-hashes. Run it after
# changing the dependencies in pyproject.toml (pins that still fit are kept), or with
# LOCK_ARGS=--upgrade to take the latest releases; then commit the file.
lock: $(VENV)/.installed-dev
	$(PY) -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"], sep="\n")' \
		| $(VENV)/bin/uv pip compile pyproject.toml - --universal --python-version 3.11 --generate-hashes \
			--custom-compile-command "make lock" --quiet $(LOCK_ARGS) -o requirements.lock

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis

# The bot needs Python 3.11 or newer: say so before making a .venv that cannot install it.
NEEDS_311 = -c 'import sys; sys.exit(sys.version_info < (3, 11))'

$(PY):
	@$(PYTHON) $(NEEDS_311) || { echo "$(PYTHON) is Python $$($(PYTHON) -V 2>&1 | cut -d' ' -f2); the bot needs 3.11 or newer. Install it, then: make PYTHON=python3.11 $(MAKECMDGOALS)" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

# A .venv left by an older Python (a first run before this check) is refused with what to do.
VENV_OK = @$(PY) $(NEEDS_311) || { echo ".venv was made with Python $$($(PY) -V 2>&1 | cut -d' ' -f2), older than 3.11: run make clean, then make PYTHON=python3.11 $(MAKECMDGOALS)" >&2; exit 1; }

# [dev] includes [test], which includes the base install: each stamp also marks those below.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(VENV_OK)
	$(PIP) -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(VENV_OK)
	$(PIP) -e '.[test]'
	touch $@ $(VENV)/.installed

$(VENV)/.installed-dev: pyproject.toml | $(PY)
	$(VENV_OK)
	$(PIP) -e '.[dev]'
	touch $@ $(VENV)/.installed-test $(VENV)/.installed
