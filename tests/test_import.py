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


def test_dir_lists_the_public_api():
    assert set(course.__all__) <= set(dir(course))


def test_no_module_imports_another_modules_private_names():
    """``from .text import _lemma`` ties two modules to one's internals: use the public function instead."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "course"
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("course")):
                private = [a.name for a in node.names if a.name.startswith("_") and not a.name.startswith("__")]
                if private and node.module not in (None, "__future__"):
                    found.append(f"{path.relative_to(root)}: from {'.' * node.level}{node.module} import {private}")
    assert found == []
