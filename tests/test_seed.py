"""The seed article is the course's fixed point: pin its bytes."""

from __future__ import annotations

import hashlib
import subprocess

from helpers.paths import ROOT, SEED

SEED_SHA256 = "0f71e6228dddac9e1cc565bdad9bedb82c0a23b8c0d445dd661c31b801091894"


def test_seed_bytes_are_pinned():
    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == SEED_SHA256


def test_seed_keeps_its_odd_first_line_and_dutch_characters():
    data = SEED.read_bytes()
    assert data.startswith(b" date 2022-03 Rusland heeft China gevraagd")
    text = data.decode("utf-8")
    for piece in ("Oekraïne", "financiële", "“We zullen dat niet toestaan”", "‘ijzersterke vriendschap’"):
        assert piece in text


def test_nothing_in_the_project_reads_shared():
    """Code, tests, notebooks and build files never refer to the shared design folder."""
    tracked = subprocess.run(
        ["git", "ls-files", "course", "tests", "notebooks", "benchmarks", "Makefile", ".ci", "pyproject.toml"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.split()
    files = [ROOT / f for f in tracked] or [p for p in (ROOT / "course").rglob("*.py")]
    needle = "/".join(["..", "shared"])  # spelled in pieces so this file does not match itself
    offenders = [str(f) for f in files if f.is_file() and needle in f.read_text(encoding="utf-8", errors="replace")]
    assert offenders == []
