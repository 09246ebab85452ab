"""course.grading.report: outputs that no string can break and no spreadsheet will run (no process started)."""

from __future__ import annotations

import csv
import io
import json

from course.grading.evaluate import ExerciseResult, NotebookGrade
from course.grading.report import feedback_page, inline_markup, manual_table, safe_cell, safe_filename, to_csv, \
    write_outputs


def _grade(student: str = "s1", prose: str = "=1+1") -> NotebookGrade:
    return NotebookGrade(student, "01-reading.ipynb", "ok", "", [
        ExerciseResult("1.1", "auto", 1.0, 1.0, True, "Right: `Rusland` asked.", "['Rusland', 'China']", "Who asked whom?"),
        ExerciseResult("1.2", "auto", 0.0, 2.0, False, "Did you count the `sentences` of **one** section?", "7",
                       "How many sentences?"),
        ExerciseResult("1.6", "prose", None, 2.0, None, "graded by your teacher", prose, "What do the headings promise?"),
    ])


def test_formula_cells_are_neutralised():
    for text in ("=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"):
        assert safe_cell(text) == "'" + text
    assert safe_cell("Rome") == "Rome" and safe_cell(3) == "3" and safe_cell(None) == ""
    rows = list(csv.reader(io.StringIO(to_csv(manual_table([_grade()])))))
    assert rows[1][4] == "'=1+1"


def test_the_feedback_page_teaches():
    page = feedback_page("s1", [_grade()])
    assert "Who asked whom?" in page and "How many sentences?" in page and "What do the headings promise?" in page
    assert "Total: 1 of 5 points" in page and "01-reading.ipynb: 1 of 5 points" in page
    assert "<code>sentences</code>" in page and "<strong>one</strong>" in page and "`" not in page
    assert "[&#39;Rusland&#39;, &#39;China&#39;]" in page, "the student's own answer, escaped"
    assert "to be graded" in page and "correct" in page and "not yet" in page


def test_the_feedback_page_escapes_everything_from_a_submission():
    evil = '<img src=x onerror=alert(1)>`<script>`'
    page = feedback_page(evil, [_grade(evil, prose=evil)])
    assert "<img" not in page and "<script>" not in page
    assert inline_markup("`<b>`") == "<code>&lt;b&gt;</code>"


def test_any_string_can_be_written(tmp_path):
    grades = [_grade("caf\udce9", prose="\ud800 lone")]
    write_outputs(tmp_path, grades, ["note \udcff"])
    data = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert data["grades"][0]["student"] == "caf?"
    assert (tmp_path / "grades.csv").stat().st_mode & 0o044, "the teacher's other tools can read the outputs"


def test_file_names_never_collide():
    names = {safe_filename(s) for s in ("anna", "Anna", "ANNA", "a/b", "a_b", "é", "e")}
    assert len(names) == 7 and all(n.isascii() and "/" not in n for n in names)
