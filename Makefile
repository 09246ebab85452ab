# Two commands do everything: `make lab` (JupyterLab on the lessons) and
# `make test` (the whole suite, nbval included). Both create .venv and
# install the pinned dependencies first when needed.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LOCK   := requirements.lock
PORT   ?= 8888
export PATH := $(abspath $(BIN)):$(PATH)
# Use the platformdirs layout now (silences jupyter_core's migration warning).
export JUPYTER_PLATFORM_DIRS := 1
export PYDEVD_DISABLE_FILE_VALIDATION := 1

NBVAL := --nbval --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg --nbval-cell-timeout=300

.PHONY: help setup nbgrader-env lab test test-fast bench notebooks handouts release lock kernel clean

help:
	@echo "make lab        set up, then start JupyterLab on the lessons (notebooks/)"
	@echo "make test       set up, then run the unit tests and every notebook under nbval"
	@echo "make bench      set up, then run the benchmarks in benchmarks/ and print a table"
	@echo "make notebooks  rebuild and re-execute notebooks/*.ipynb from notebooks/src/"
	@echo "make handouts   render every lesson as HTML (and PDF) handouts in build/handouts/"
	@echo "make release    build release/student (for students) and release/teacher"
	@echo "make lock       re-pin requirements.lock from a fresh resolve of pyproject.toml"
	@echo "make clean      remove .venv and build output"

setup: $(STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip

# Pinned install: every package (and every dependency of one) at the version
# in requirements.lock; then the course package itself, editable.
$(STAMP): $(BIN)/python pyproject.toml $(LOCK)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c $(LOCK) -e '.[test]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (course)" >/dev/null
	@touch $(STAMP)

# nbgrader, for the compatibility test and benchmark only: its own venv, so
# that its JupyterLab extensions never reach the students' `make lab`. The
# notebooks it grades run in the course's kernel (installed into its prefix).
NBG_VENV  := .venv-nbgrader
NBG_STAMP := $(NBG_VENV)/.installed
NBG_LOCK  := requirements-nbgrader.lock

nbgrader-env: $(NBG_STAMP)

$(NBG_STAMP): $(STAMP) $(NBG_LOCK)
	$(PYTHON) -m venv $(NBG_VENV)
	$(NBG_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -c $(NBG_LOCK) nbgrader
	$(BIN)/python -m ipykernel install --prefix $(abspath $(NBG_VENV)) --name python3 --display-name "Python 3 (course)" >/dev/null 2>&1
	@touch $(NBG_STAMP)

# Also register the course environment as a named kernel for the user, so a
# Jupyter outside this project (VS Code, a system JupyterLab) can pick it.
kernel: $(STAMP)
	$(BIN)/python -m ipykernel install --user --name dutch-news-course --display-name "Python (Dutch news course)"

# JupyterLab refuses to run as root unless told; containers and CI often are root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

lab: $(STAMP) kernel
	$(BIN)/jupyter lab --ServerApp.root_dir=notebooks --ServerApp.port=$(PORT) $(ROOT_FLAG) $(LAB_ARGS) notebooks/00-start.ipynb

test: $(STAMP) $(NBG_STAMP)
	$(BIN)/python -m pytest tests notebooks $(NBVAL)

# Unit tests only (no notebooks): quick feedback while writing library code.
test-fast: $(STAMP)
	$(BIN)/python -m pytest tests -q

bench: $(STAMP) $(NBG_STAMP)
	$(BIN)/python benchmarks/run.py

notebooks: $(STAMP)
	$(BIN)/course build

# HTML handouts per lesson (+ PDF when chromium is installed) in build/handouts/.
handouts: $(STAMP)
	$(BIN)/course handouts --edition student --out build/handouts/student
	$(BIN)/course handouts --edition teacher --out build/handouts/teacher

# Student edition (no solutions, hidden tests, rubrics or outputs) and teacher edition.
release: $(STAMP)
	$(BIN)/course release --out release

lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	.lock-venv/bin/python -m pip install --quiet --disable-pip-version-check '.[test]'
	( echo "# Pinned versions of every dependency: made by 'make lock' from pyproject.toml."; \
	  echo "# Used as a pip constraints file by 'make lab' and 'make test'."; \
	  .lock-venv/bin/python -m pip freeze --exclude dutch-news-course ) > $(LOCK)
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	.lock-venv/bin/python -m pip install --quiet --disable-pip-version-check nbgrader
	( echo "# Pinned versions of nbgrader and its dependencies (the compatibility test's own venv)."; \
	  echo "# Made by 'make lock'; used as a pip constraints file by 'make test' and 'make bench'."; \
	  .lock-venv/bin/python -m pip freeze ) > $(NBG_LOCK)
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) $(NBG_VENV) build release grades .pytest_cache
