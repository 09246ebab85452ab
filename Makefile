# Two commands do everything: `make lab` (JupyterLab on the student edition
# of the lessons) and `make test` (the whole suite, nbval included). Both
# create .venv, install the pinned dependencies and the Debian packages the
# tests need (bubblewrap, chromium; as root) first when needed.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LOCK   := requirements.lock
PORT   ?= 8888
# Where `course release` writes the editions; `make lab` serves $(RELEASE)/student.
RELEASE ?= release
STUDENT := $(RELEASE)/student
export PATH := $(abspath $(BIN)):$(PATH)
# Use the platformdirs layout now (silences jupyter_core's migration warning).
export JUPYTER_PLATFORM_DIRS := 1
export PYDEVD_DISABLE_FILE_VALIDATION := 1

NBVAL := --nbval --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg --nbval-cell-timeout=300

.PHONY: help setup system-deps nbgrader-env lab lab-teacher test test-fast bench notebooks handouts release grade lock clean

help:
	@echo "make lab        set up, then start JupyterLab on the student edition ($(STUDENT)/)"
	@echo "make lab-teacher  the same on the instructor notebooks (notebooks/: solutions, hidden tests)"
	@echo "make test       set up, then run the unit tests and every notebook under nbval"
	@echo "make bench      set up, then run the benchmarks in benchmarks/ and print a table"
	@echo "make notebooks  rebuild and re-execute notebooks/*.ipynb from notebooks/src/"
	@echo "make handouts   render every lesson as HTML (and PDF) handouts in build/handouts/"
	@echo "make release    build release/student (the student bundle) and release/teacher"
	@echo "make grade SUBMISSIONS=class.zip [GRADES=grades] [GRADE_ARGS='--roster r.csv --lms canvas']  grade a class"
	@echo "make lock       re-pin requirements.lock from a fresh resolve of pyproject.toml"
	@echo "make clean      remove .venv and build output"

setup: $(STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip

# Pinned install: every package (and every dependency of one) at the version
# in requirements.lock; then the course package itself, editable. One kernel,
# `python3` in the venv, under ipykernel's own display name: the one the
# notebooks' metadata names and a student's `pip install` registers, so
# JupyterLab never rewrites (and marks unsaved) a notebook it opens. The lab
# settings of course/lab/ turn off the news pop-up, update check and
# extension manager (the student wheel installs the same files).
LAB_SETTINGS := course/lab/overrides.json course/lab/jupyter_lab_config.json
$(STAMP): $(BIN)/python pyproject.toml $(LOCK) $(LAB_SETTINGS)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c $(LOCK) -e '.[test]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	install -D -m 644 course/lab/overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	install -D -m 644 course/lab/jupyter_lab_config.json $(VENV)/etc/jupyter/jupyter_lab_config.json
	@touch $(STAMP)

# Debian packages the tests need: bubblewrap (the sandboxes of the grader and
# of the bundle test), chromium (browser tests, PDF handouts; never a
# downloaded browser) and poppler-utils (pdftotext reads the printed handouts
# back). Installed with apt-get when missing and running as root; otherwise
# one line says what to install (those tests then skip).
DEBIAN_PACKAGES ?= bwrap:bubblewrap chromium:chromium pdftotext:poppler-utils sbatch:slurm-wlm munged:munge
system-deps:
	@missing=""; \
	for pair in $(DEBIAN_PACKAGES); do \
	    command -v "$${pair%%:*}" >/dev/null 2>&1 || missing="$$missing $${pair#*:}"; \
	done; \
	if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	        echo "make: installing Debian packages:$$missing"; \
	        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	    else \
	        echo "make: missing Debian packages:$$missing (run: sudo apt-get install$$missing); the tests that need them are skipped"; \
	    fi; \
	fi

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

# JupyterLab refuses to run as root unless told; containers and CI often are root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)
# The folder JupyterLab serves is the last, positional argument, so extra
# options in LAB_ARGS never clash with it; when LAB_ARGS names a root folder
# itself (--ServerApp.root_dir=... or --notebook-dir=...), that one is used.
LAB_ROOT_OPTS := --ServerApp.root_dir=% --ServerApp.notebook_dir=% --notebook-dir=%
lab_root = $(if $(filter $(LAB_ROOT_OPTS),$(LAB_ARGS)),,--LabApp.default_url=/lab/tree/00-start.ipynb $(1))
LAB := $(BIN)/jupyter lab --ServerApp.port=$(PORT) $(ROOT_FLAG)

# The student edition, rebuilt when a lesson, the library or its data changed.
$(STUDENT)/requirements.txt: $(STAMP) $(wildcard notebooks/*.ipynb course/*.py course/lesson/exercises/*.py course/lab/* data/*/* seeds/*)
	$(BIN)/course release --out $(RELEASE)

# What students get: no solution, hidden test, rubric or teacher cell.
lab: system-deps $(STAMP) $(STUDENT)/requirements.txt
	$(LAB) $(LAB_ARGS) $(call lab_root,$(STUDENT))

# The instructor notebooks, with solutions, hidden tests, rubrics and outputs.
lab-teacher: $(STAMP)
	$(LAB) $(LAB_ARGS) $(call lab_root,notebooks)

# In parallel with pytest-xdist, one worker per core (TEST_WORKERS=N sets it, 0 runs serially; two per
# core was slower on 2 cores: the suite computes most of the time).
# `--dist loadfile` keeps each test file, and so each notebook's nbval cells (one kernel), on one worker;
# `--no-loadscope-reorder` keeps the order tests/conftest.py gives (slowest files first) instead of
# xdist's own (most tests first, which started the unit tests first and left nbgrader for last).
TEST_WORKERS ?= auto
test: $(STAMP) $(NBG_STAMP) system-deps
	$(BIN)/python -m pytest tests notebooks $(NBVAL) -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

# Unit tier only (no grader process, no notebook run, no browser, no nbgrader): quick feedback
# while writing library code. Tiers are pytest markers (tests/conftest.py, pyproject.toml).
# One worker per core: the unit tier only computes.
FAST_WORKERS ?= auto
test-fast: $(STAMP)
	$(BIN)/python -m pytest tests -q -m unit -n $(FAST_WORKERS)

bench: $(STAMP) $(NBG_STAMP)
	$(BIN)/python benchmarks/run.py

notebooks: $(STAMP)
	$(BIN)/course build

# HTML handouts per lesson (+ PDF when chromium is installed) in build/handouts/.
handouts: $(STAMP)
	$(BIN)/course handouts --edition student --out build/handouts/student
	$(BIN)/course handouts --edition teacher --out build/handouts/teacher

# Student bundle (notebooks without solutions, hidden tests, rubrics or
# outputs; the course wheel with its data; requirements.txt; environment.yml)
# and teacher edition.
release: $(STAMP)
	$(BIN)/course release --out $(RELEASE)

# Grade a class with the venv's `course grade` (no need to activate the venv);
# see the README's "Teacher workflow". GRADE_ARGS passes any other option.
GRADES ?= grades
grade: $(STAMP)
	$(if $(SUBMISSIONS),,$(error make grade: give SUBMISSIONS=folder-or.zip, e.g. make grade SUBMISSIONS=class.zip))
	$(BIN)/course grade $(SUBMISSIONS) --out $(GRADES) $(GRADE_ARGS)

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
