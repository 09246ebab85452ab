"""The public API: flat, complete, and cheap to import."""

from __future__ import annotations

import subprocess
import sys

import course

HEAVY = ("spacy", "pandas", "matplotlib", "simplemma", "wordfreq", "pyphen", "networkx", "nbformat")


def test_import_course_loads_no_heavy_library():
    code = f"import sys, course; print([m for m in {HEAVY!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_every_public_name_resolves_and_is_documented():
    for name in course.__all__:
        obj = getattr(course, name)
        if callable(obj):
            assert obj.__doc__ and obj.__doc__.strip(), f"{name} has no docstring"


def test_unknown_name_is_a_clear_attribute_error():
    try:
        course.no_such_function  # noqa: B018
    except AttributeError as exc:
        assert "no_such_function" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("expected AttributeError")


def test_dir_lists_the_public_api_and_every_name_in_it_loads():
    """``dir(course)`` shows the lazily loaded API, and each listed name really comes from its module."""
    import importlib

    listed = set(dir(course))
    public = {n for n in listed if not n.startswith("_") and not isinstance(getattr(course, n, None), type(course))}
    assert {"load_article", "check", "grade_function", "Case", "search_lateral"} <= public
    for name in sorted(public - {"annotations"}):
        value = getattr(course, name)          # raises AttributeError for a name that does not load
        module = getattr(value, "__module__", None)
        if module and module.startswith("course."):
            assert getattr(importlib.import_module(module), name, None) is value or hasattr(value, "__wrapped__"), name


def test_no_module_imports_another_modules_private_names():
    """``from .text import _lemma`` ties two modules to one's internals: use the public function instead."""
    import ast
    from pathlib import Path

    from helpers.paths import ROOT

    root = ROOT / "course"
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("course")):
                private = [a.name for a in node.names if a.name.startswith("_") and not a.name.startswith("__")]
                if private and node.module not in (None, "__future__"):
                    found.append(f"{path.relative_to(root)}: from {'.' * node.level}{node.module} import {private}")
    assert found == []


def test_the_readme_layout_table_names_every_module():
    """README, Layout: one row per sub-package of ``course/``, naming each of its modules."""
    import re

    from helpers.paths import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `course/(\w*)/?`[^|]*\|[^|]*\|(.*)\|$", readme, re.M)
    named = {pkg: set(re.findall(r"`(\w+)`", cells)) for pkg, cells in rows}
    assert set(named) == {"analysis", "lesson", "authoring", "grading", "report", ""}, sorted(named)
    for pkg, names in named.items():
        folder = ROOT / "course" / pkg
        real = {p.stem for p in folder.glob("*.py") if p.stem != "__init__"}
        real |= {p.name for p in folder.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
        if pkg == "":
            real -= {"analysis", "lesson", "authoring", "grading", "report"}
        modules = {n for n in names if (folder / f"{n}.py").exists() or (folder / n / "__init__.py").exists()}
        assert real <= modules, f"course/{pkg}: the README does not name {sorted(real - modules)}"
