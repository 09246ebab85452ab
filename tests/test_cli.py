"""The `course` command line."""

from __future__ import annotations

import subprocess
import sys

from helpers.paths import SEED


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "course.cli", *args], capture_output=True, text=True)


def test_article_prints_structure():
    result = run("article", str(SEED))
    assert result.returncode == 0
    assert "date 2022-03, 13 paragraphs, 32 sentences" in result.stdout
    assert "Ontmoeting in Rome; Op de vlakte; De druk wordt opgevoerd" in result.stdout


def test_bad_article_exits_2_with_one_line_and_goes_on(write):
    bad = write(b"\xff\xfe\x00", "bad.txt")
    result = run("article", str(bad), str(SEED))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"course article: {bad}: text is encoded as UTF-16; save it as UTF-8"]
    assert "13 paragraphs" in result.stdout
    assert "Traceback" not in result.stderr
