"""course.paths: one module knows where the project's folders are."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers.paths import ROOT
from course import paths


def test_in_the_checkout_the_data_is_the_repository_s():
    assert paths.is_checkout()
    assert paths.project_root() == ROOT
    assert paths.data_root() == ROOT
    assert paths.data_dir() == ROOT / "data" and paths.seeds_dir() == ROOT / "seeds"
    assert paths.notebooks_dir() == ROOT / "notebooks" and paths.build_dir() == ROOT / "build"
    assert paths.data_path("articles", "002_droogte_rijn.txt").is_file()


def test_course_data_variable_wins(tmp_path):
    assert paths.data_root({paths.DATA_ENV: str(tmp_path)}) == tmp_path.resolve()
    assert paths.data_root({paths.DATA_ENV: ""}) == ROOT


def test_data_shipped_in_the_package_wins_over_the_checkout(tmp_path, monkeypatch):
    package = tmp_path / "site-packages" / "course"
    (package / paths.SHIPPED_DATA / "data").mkdir(parents=True)
    monkeypatch.setattr(paths, "package_dir", lambda: package)
    assert paths.data_root({}) == package / paths.SHIPPED_DATA
    assert not paths.is_checkout()


def test_every_module_asks_paths_for_the_data():
    """No module builds ``Path(__file__).parent.parent / "data"`` (or seeds) itself."""
    pattern = re.compile(r"__file__.*(parent|parents\[\d\]).*[\"'](data|seeds)[\"']")
    offenders = [f"{p.relative_to(ROOT)}:{i}" for p in sorted((ROOT / "course").rglob("*.py")) if p.name != "paths.py"
                 for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert offenders == []


def test_only_paths_works_out_the_project_root():
    """A module may find a file of its own package (``Path(__file__).parent / "templates"``), never the root above it."""
    climb = re.compile(r"__file__.*(\.parent\s*\.parent|parents\[\d\])|\.\./\.\.")
    offenders = [f"{p.relative_to(ROOT)}:{i}" for p in sorted((ROOT / "course").rglob("*.py")) if p.name != "paths.py"
                 for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if climb.search(line)]
    assert offenders == []
    helpers = [p.name for p in sorted((ROOT / "tests").rglob("*.py")) if p.name != "paths.py"
               and re.search(r"\bPath\(__file__\)\.resolve\(\)\.parent\.parent", p.read_text(encoding="utf-8"))]
    assert helpers == [], "tests take ROOT from helpers.paths"


@pytest.mark.parametrize("module, name", [
    ("analysis.article", "SEED_PATH"), ("lesson.display", "TRANSLATIONS_DIR"), ("analysis.framing", "FRAMING_DIR"),
    ("analysis.reading", "GAZETTEER_PATH"), ("analysis.reading", "GLOSSARY_DIR"), ("analysis.sources", "DATA_DIR"),
    ("analysis.summarize", "SUMMARIES_DIR"),
])
def test_data_constants_are_under_the_data_root(module, name):
    import importlib

    value = Path(getattr(importlib.import_module(f"course.{module}"), name))
    assert value.is_relative_to(paths.data_root()) and value.exists()


@pytest.mark.commands
def test_course_data_is_read_when_the_library_is_imported(tmp_path):
    import os
    import shutil
    import subprocess
    import sys

    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    code = "from course import SEED_PATH, load_article; print(SEED_PATH); print(len(load_article().paragraphs))"
    done = subprocess.run([sys.executable, "-c", code], env={**os.environ, "COURSE_DATA": str(tmp_path)},
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(tmp_path.resolve() / "seeds" / "000_79c815f5f65dac68.txt"), "13"]
