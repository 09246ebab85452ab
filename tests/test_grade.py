"""course grade: the fault-injection corpus, outputs, feedback, manual grading, zips (course.grading)."""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import json
import os
import zipfile
from pathlib import Path

import nbformat
import pytest

from helpers.paths import ROOT
from course import grading as G
from course.grading import report
from course.grading.runner import Job, Runner
from helpers.submissions import FAULTS, LESSON, _write, answered, make_fault_corpus, student_version

LIMITS = G.Limits(cell_timeout=4, timeout=40, memory_mb=768, max_notebook_mb=2, max_output=2_000)


def ctx(**kw) -> G.GradeContext:
    """A grading context for the tests: the sandbox on, small limits."""
    kw.setdefault("limits", LIMITS)
    kw.setdefault("workers", 2)
    return G.GradeContext(**kw)


def _tree_digest(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() and not p.is_symlink()
            else "link" for p in sorted(root.rglob("*"))}


def _course_files() -> dict[str, str]:
    """What the 'vandal' submission tries to destroy."""
    return {f"{d}/{k}": v for d in ("course/lesson/exercises", "seeds", "data/glossaries", "notebooks")
            for k, v in _tree_digest(ROOT / d).items() if k.endswith((".py", ".txt", ".csv", ".ipynb"))
            and not k.startswith("05-")}


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.open(encoding="utf-8")))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Grade the whole fault corpus once; keep what the test need."""
    base = tmp_path_factory.mktemp("faults")
    subs = base / "submissions"
    expected = make_fault_corpus(subs)
    before = _tree_digest(subs)
    course_before = _course_files()
    grades, notes = G.grade_batch(subs, ctx=ctx())
    out = base / "grades"
    G.write_outputs(out, grades, notes, {LESSON: G.load_lesson(ROOT / "notebooks" / LESSON)})
    return {"subs": subs, "expected": expected, "before": before, "after": _tree_digest(subs), "grades": grades,
            "notes": notes, "out": out, "course_before": course_before}


@pytest.mark.parametrize("name", ["fork_bomb", "memory_bomb", "vandal", "stubborn_loop", "right"])
def test_without_cgroups_the_limits_still_hold(tmp_path, name):
    """The fallback (no cgroups here): per-process limits plus the runner's accounting, still in bubblewrap."""
    expected = make_fault_corpus(tmp_path / "subs", only=[name])
    before = _course_files()
    grades, notes = G.grade_batch(tmp_path / "subs", ctx=ctx(workers=1, cgroups=False))
    status, points = expected[name]
    assert (grades[0].status, {e.id: e.points for e in grades[0].exercises}) == (status, points), grades[0].errors
    assert _course_files() == before
    assert any("no cgroups" in n for n in notes)


def test_the_corpus_covers_every_failure_kind_of_the_reliability_table():
    statuses = {status for _, status, _ in FAULTS.values()}
    assert set(G.STATUSES) - statuses == set(), "every status has a submission that earns it"
    assert len(FAULTS) >= 20


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_each_fault_gets_its_status_and_points(corpus, name):
    grade = next(g for g in corpus["grades"] if g.student == name)
    status, points = corpus["expected"][name]
    assert grade.status == status, (grade.status, grade.reason, grade.errors)
    assert {e.id: e.points for e in grade.exercises if e.kind == "auto"} == points, grade.errors
    if status != "ok":
        assert grade.reason and "\n" not in grade.reason
    assert grade.status in G.STATUSES


def test_every_submission_has_a_row_and_none_is_modified(corpus):
    rows = _rows(corpus["out"] / "grades.csv")
    assert sorted(r["student"] for r in rows) == sorted(corpus["expected"])
    assert corpus["before"] == corpus["after"], "submissions are only read"
    assert corpus["course_before"] == _course_files(), "the vandal's targets are intact"


def test_tampering_is_recorded_never_repaired_silently(corpus):
    by = {g.student: g for g in corpus["grades"]}
    assert any("edited" in t for t in by["test_edited"].tampering)
    assert any("deleted" in t for t in by["test_deleted"].tampering)
    assert any("markdown" in t for t in by["test_markdown"].tampering)
    assert any("appears 2 times" in t for t in by["test_duplicated"].tampering)
    notes = " ".join(by["cell_ids"].notes)
    assert "have no id" in notes and "appears 2 times" in notes
    assert by["right"].tampering == [] and by["right"].notes == []
    assert by["fake_channel"].status == "protocol_error" and "result channel" in by["fake_channel"].reason


def test_timeouts_and_deaths_are_explained(corpus):
    by = {g.student: g for g in corpus["grades"]}
    assert "time limit" in by["loop"].reason
    assert "did not stop" in next(e.message for e in by["stubborn_loop"].exercises if e.id == "0.1") or \
        "time limit" in by["stubborn_loop"].reason
    assert "answer 0.1" in by["os_exit"].reason
    assert all("died" in e.message for e in by["os_exit"].exercises if e.kind == "auto")


def test_printed_text_never_counts_and_monkeypatching_changes_nothing(corpus):
    by = {g.student: g for g in corpus["grades"]}
    assert next(e for e in by["monkeypatch"].exercises if e.id == "0.1").passed is False
    assert next(e for e in by["eq_trick"].exercises if e.id == "0.1").passed is False


def test_output_is_capped_while_captured(tmp_path):
    steps = [{"kind": "code", "source": "for i in range(50_000):\n    print('regel', i)\nprint('x' * 10_000_000)",
              "label": "flood"}]
    job = Job("flood", LESSON, steps)
    context = ctx(workers=1)
    Runner(context, None, tmp_path).run([job])
    out = job.results[0].output
    assert len(out) < LIMITS.max_output * 1.25 + 200
    assert "[output truncated:" in out and "more characters]" in out


def test_grades_csv_columns_and_the_wide_sheet(corpus):
    rows = _rows(corpus["out"] / "grades.csv")
    assert list(rows[0])[:11] == ["student", "notebook", "status", "reason", "points", "max_points", "auto_points",
                                  "manual_points", "manual_pending", "tampering", "notes"]
    right = next(r for r in rows if r["student"] == "right")
    assert (right["points"], right["max_points"], right["0.1"]) == ("3", "3", "1")
    wide = _rows(corpus["out"] / "grades_wide.csv")
    assert list(wide[0]) == ["student", "00-start", "total", "max_points", "missing", "late"]
    assert len(wide) == len(corpus["expected"])
    missing = next(r for r in wide if r["student"] == "missing")
    assert (missing["00-start"], missing["missing"]) == ("", "00-start"), "a missing notebook is blank, not a 0"


def test_feedback_shows_hints_not_tests_and_is_escaped(corpus):
    from bs4 import BeautifulSoup

    from helpers.answers import WRONG
    from course import check

    page = (corpus["out"] / "feedback" / "wrong.html").read_text(encoding="utf-8")
    blocks = {b.h3.get_text().split()[1]: b for b in BeautifulSoup(page, "html.parser").select("div.exercise")}
    assert sorted(blocks) == ["0.1", "0.2", "0.3"]
    for ex, block in blocks.items():   # each exercise: 'not yet', and the hint check() gives its wrong answer
        hint = check(ex, WRONG[ex][0][0]).message
        assert "fail" in block["class"] and block.select_one(".verdict").get_text() == "not yet", ex
        assert "?" in hint and " ".join(hint.replace("`", "").split()) in " ".join(block.get_text().split()), ex
    assert "assert_answer" not in page and "HIDDEN TESTS" not in page
    page = (corpus["out"] / "feedback" / "loop.html").read_text(encoding="utf-8")
    assert "time limit" in page


def test_a_canary_in_the_hidden_tests_never_reaches_any_output(tmp_path):
    nbdir = tmp_path / "notebooks"
    nbdir.mkdir()
    nb = nbformat.read(ROOT / "notebooks" / LESSON, as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("course", {}).get("role") == "tests":
            cell.source = cell.source.replace("### END HIDDEN TESTS",
                                              "# CANARY-7f3a9\nassert 'CANARY-msg' or True, 'CANARY-b41'\n### END HIDDEN TESTS")
    nbformat.write(nb, nbdir / LESSON)
    subs = tmp_path / "subs"
    evil = "<img src=x onerror=alert(1)>"
    for student, nb in {evil: answered(answers={"0.1": 12, "0.2": "Rome", "0.3": []}), "ok": answered()}.items():
        (subs / student).mkdir(parents=True)
        (subs / student / LESSON).write_bytes(_write(nb))
    grades, notes = G.grade_batch(subs, ctx=ctx(notebooks_dir=nbdir))
    out = tmp_path / "out"
    G.write_outputs(out, grades, notes, {LESSON: G.load_lesson(nbdir / LESSON)})
    for path in out.rglob("*"):
        if path.is_file():
            assert b"CANARY" not in path.read_bytes(), path
            if path.suffix in (".html", ".svg"):
                assert evil not in path.read_text(encoding="utf-8"), path
    assert {g.student: g.points for g in grades}["ok"] == 3


#: Outputs that show how long grading took, which differs from run to run.
TIMED = {Path("timings.csv"), Path("class_report.html"), Path("plots/time.png"), Path("plots/time.svg")}


def _untimed(out: Path) -> dict[Path, bytes]:
    files = {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    assert Path("results.json") in files and b'"seconds"' not in files[Path("results.json")]
    return {k: v for k, v in files.items() if k not in TIMED}


def test_a_rerun_gives_the_same_files(tmp_path):
    """Everything but the run times (timings.csv, the class report's page and time chart) is byte-identical."""
    subs = tmp_path / "subs"
    make_fault_corpus(subs, only=["right", "wrong", "sys_exit", "test_edited", "latin1", "missing"])
    outputs = []
    for run in range(2):
        grades, notes = G.grade_batch(subs, ctx=ctx())
        out = tmp_path / f"out{run}"
        G.write_outputs(out, grades, notes)
        outputs.append(_untimed(out))
    assert outputs[0] == outputs[1]
    assert Path("plots/statuses.png") in outputs[0], "the class report's other plots are compared too"


def test_writes_are_atomic(tmp_path, monkeypatch):
    grades = [G.NotebookGrade("s1", LESSON, "ok", "", [G.ExerciseResult("0.1", "auto", 1.0, 1.0, True, "ok")])]
    G.write_outputs(tmp_path, grades, [])
    before = (tmp_path / "grades.csv").read_bytes()

    def crash(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(report.os, "replace", crash)
    grades[0].exercises[0] = G.ExerciseResult("0.1", "auto", 0.0, 1.0, False, "no")
    with pytest.raises(OSError):
        G.write_outputs(tmp_path, grades, [])
    assert (tmp_path / "grades.csv").read_bytes() == before
    assert not [p for p in tmp_path.rglob("*.tmp")], "no temp file is left behind"


def test_manual_grading_sheet_merges_and_survives_a_regrade(tmp_path):
    subs = tmp_path / "subs"
    lesson = "01-reading.ipynb"
    for student in ("anna", "bram"):
        (subs / student).mkdir(parents=True)
        (subs / student / lesson).write_bytes(_write(answered(lesson)))
    grades, notes = G.grade_batch(subs, ctx=ctx(limits=G.Limits(cell_timeout=60, timeout=300)))
    out = tmp_path / "grades"
    lessons = {lesson: G.load_lesson(ROOT / "notebooks" / lesson)}
    G.write_outputs(out, grades, notes, lessons)
    sheet = _rows(out / "manual.csv")
    assert [(r["student"], r["exercise"]) for r in sheet] == [("anna", "1.6"), ("bram", "1.6")]
    assert "één zin" in sheet[0]["answer"] and "Rubric" in sheet[0]["rubric"] and sheet[0]["points"] == ""
    rows = _rows(out / "grades.csv")
    assert rows[0]["manual_pending"] == "1" and rows[0]["1.6"] == ""

    sheet[0]["points"] = "1,5"
    sheet[0]["comment"] = "Goed, maar noem de bron."
    filled = tmp_path / "filled.csv"
    with filled.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(sheet[0]))
        w.writeheader()
        w.writerows(sheet)
    G.merge_manual(out, filled)
    rows = {r["student"]: r for r in _rows(out / "grades.csv")}
    assert rows["anna"]["1.6"] == "1.50" and rows["anna"]["manual_pending"] == "0"
    assert float(rows["anna"]["points"]) == float(rows["bram"]["points"]) + 1.5
    assert "noem de bron" in (out / "feedback" / "anna.html").read_text(encoding="utf-8")

    # A re-grade keeps the merged points.
    grades, notes = G.grade_batch(subs, ctx=ctx(limits=G.Limits(cell_timeout=60, timeout=300)))
    G.write_outputs(out, grades, notes, lessons)
    assert {r["student"]: r["1.6"] for r in _rows(out / "grades.csv")}["anna"] == "1.50"

    # A bad sheet is refused with the row named, and nothing changes.
    before = (out / "grades.csv").read_bytes()
    sheet[1]["points"] = "9"
    with filled.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(sheet[0]))
        w.writeheader()
        w.writerows(sheet)
    with pytest.raises(G.ManualSheetError, match=r"row 3: 9 points is outside 0\.\.2"):
        G.merge_manual(out, filled)
    assert (out / "grades.csv").read_bytes() == before


def test_a_zip_works_and_unsafe_entries_are_refused(tmp_path):
    archive = tmp_path / "class.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("class/s1/" + LESSON, _write(answered()))
        zf.writestr("class/s2/" + LESSON, _write(answered(answers={"0.1": 1, "0.2": "Rome", "0.3": []})))
        zf.writestr("../evil.txt", "x")
        zf.writestr("/etc/evil.txt", "x")
        link = zipfile.ZipInfo("class/s3/" + LESSON)
        link.external_attr = (0o120777 << 16)
        zf.writestr(link, "/etc/passwd")
    grades, notes = G.grade_batch(archive, ctx=ctx())
    assert {g.student: g.points for g in grades} == {"s1": 3, "s2": 1, "s3": 0}
    assert {g.student: g.status for g in grades}["s3"] == "rejected"
    assert any("leaves its folder" in n for n in notes) and any("absolute path" in n for n in notes)
    assert any("symbolic link" in n for n in notes)
    assert not (tmp_path.parent / "evil.txt").exists()


def test_read_submission_never_raises(tmp_path):
    cases = {b"": "parse_error", b"{": "parse_error", b"[" * 100_000: "parse_error", b"null": "schema_error",
             b'{"nbformat": "4"}': "schema_error", b'{"nbformat": 4, "cells": {}}': "schema_error",
             b'{"nbformat": 4, "cells": [1]}': "schema_error", b"\xff\xfe{\x00": "encoding_error",
             b'{"nbformat": 4, "cells": [], "x": "\xe9"}': "encoding_error",
             b'{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": []}': "ok"}
    for i, (data, status) in enumerate(cases.items()):
        path = tmp_path / f"{i}.ipynb"
        path.write_bytes(data)
        assert G.read_submission(path).status == status, data[:40]
    assert G.read_submission(tmp_path / "nope.ipynb").status == "missing"


def test_values_cross_the_channel_as_plain_data():
    import numpy as np
    import pandas as pd

    for value in [13, 1.5, "één „x”", True, None, ["a", "b"], (1, 2), {"x", "y"}, {"k": [1]}, Ellipsis]:
        assert G.decode_value(json.loads(json.dumps(G.encode_value(value)))) == value
    assert G.decode_value(G.encode_value(np.int64(7))) == 7
    assert G.decode_value(G.encode_value(pd.Series([1, 2]))).tolist() == [1, 2]
    assert G.decode_value(G.encode_value(float("nan"))) != G.decode_value(G.encode_value(float("nan")))

    class Sneaky(int):
        def __eq__(self, other):
            return True

    opaque = G.decode_value(G.encode_value(Sneaky(3)))
    assert type(opaque).__name__ == "Opaque" and opaque != 3


def test_lesson_spec_comes_from_the_instructor_notebook():
    lesson = G.load_lesson(ROOT / "notebooks" / "03-framing.ipynb")
    auto = {e.id: e for e in lesson.exercises if e.kind == "auto" and not e.function}
    first = sorted(auto)[0]
    assert auto[first].student_names == ("answer_" + first.replace(".", "_"),)
    assert set(auto[first].context_names) <= {"assert_answer", "grade_answer"}  # the hidden test alone (issue 14.4)
    prose = [e for e in lesson.exercises if e.kind == "prose"]
    assert prose and all(e.rubric.startswith("**Rubric") for e in prose)


def test_cli_reports_bad_input_with_exit_code_2(tmp_path, capsys):
    from course.cli import main

    assert main(["grade", str(tmp_path / "nope")]) == 2
    assert "no such folder" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert main(["grade", str(tmp_path / "empty"), "--out", str(tmp_path / "g")]) == 2
    assert "layout" in capsys.readouterr().err
    (tmp_path / "x.zip").write_bytes(b"not a zip")
    assert main(["grade", str(tmp_path / "x.zip")]) == 2
