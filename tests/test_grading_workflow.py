"""The teacher's workflow end to end, from the command line as a teacher runs it (sandbox on; issue 17).

A class handed in through Canvas (a bulk-download zip: flat files named after
the student and their ids, one marked late), with honest and hostile
submissions together, graded by ``.venv/bin/course grade`` without the venv
activated; then one student regraded into the outputs with ``--student``.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from helpers.paths import ROOT
from course import grading as G
from course.grading.late import late_of
from course.grading.report import read_results
from helpers.submissions import LESSON, _write, answered, make_fault_corpus

COURSE = ROOT / ".venv" / "bin" / "course"
pytestmark = pytest.mark.skipif(shutil.which("bwrap") is None, reason="the sandbox needs bubblewrap")

#: fault name -> (Canvas user id, name in the file, zip entry time, late marker)
CLASS = {
    "right": (1001, "jansenanna", (2026, 3, 1, 20, 0, 0), False),
    "wrong": (1002, "bakkerbram", (2026, 3, 3, 10, 0, 0), True),       # two started days late
    "vandal": (1003, "dekkercor", (2026, 3, 1, 21, 0, 0), False),
    "monkeypatch": (1004, "eerdedewi", (2026, 3, 1, 22, 0, 0), False),
    "fake_channel": (1005, "faasenfemke", (2026, 3, 1, 22, 30, 0), False),
    "os_exit": (1006, "gerritsgijs", (2026, 3, 1, 23, 0, 0), False),
}
DEADLINE = "2026-03-01T23:59"


def _env() -> dict[str, str]:
    """An environment with the venv NOT activated."""
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if ".venv" not in p)
    return env


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.open(encoding="utf-8")))


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("canvas")
    folders = base / "folders"
    expected = make_fault_corpus(folders, only=list(CLASS))
    archive = base / "submissions.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for student, (uid, name, when, late) in CLASS.items():
            for f in sorted((folders / student).iterdir()):
                marker = "_late" if late else ""
                zf.writestr(zipfile.ZipInfo(f"{name}{marker}_{uid}_{uid + 4000}_{f.name}", when), f.read_bytes())
        zf.writestr(zipfile.ZipInfo(f"onbekend_9999_9999_{LESSON}", (2026, 3, 1, 9, 0, 0)), _write(answered()))
    roster = base / "roster.csv"
    lines = ["student,name,lms_id,sis_user_id,sis_login_id,section,email,idnumber"]
    for student, (uid, name, _, _) in CLASS.items():
        lines.append(f"{student},\"{name.title()}, X\",{uid},SIS{uid},{name},A,{name}@example.nl,N{uid}")
    lines.append("absent,\"Huisman, Hanna\",1007,SIS1007,huismanhanna,B,hanna@example.nl,N1007")
    roster.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = base / "grades"
    proc = subprocess.run([str(COURSE), "grade", str(archive), "--out", str(out), "--roster", str(roster),
                           "--lms", "canvas", "--lms", "moodle", "--deadline", f"00-start={DEADLINE}",
                           "--late-penalty", "10", "--late-cap", "50", "-j", "2", "--quiet",
                           "--cell-timeout", "4", "--timeout", "40", "--memory", "768"],
                          cwd=base, env=_env(), capture_output=True, text=True, timeout=600)
    return {"proc": proc, "out": out, "expected": expected, "archive": archive}


def test_the_command_works_without_the_venv_activated(graded):
    assert graded["proc"].returncode == 0, graded["proc"].stderr
    assert "onbekend_9999_9999_00-start.ipynb: Canvas user 9999" in graded["proc"].stdout, "unmatched file reported"


def test_the_canvas_file_has_every_student_and_missing_is_blank(graded):
    rows = list(csv.reader((graded["out"] / "lms_canvas.csv").open(encoding="utf-8")))
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "00-start"]
    assert rows[1] == ["Points Possible", "", "", "", "", "3"]
    by_id = {r[1]: r[5] for r in rows[2:]}
    assert by_id == {"1001": "3", "1002": "0", "1003": "3", "1004": "2", "1005": "0", "1006": "0", "1007": ""}
    moodle = {r["ID number"]: r for r in _rows(graded["out"] / "lms_moodle.csv")}
    assert moodle["N1005"]["Feedback for 00-start"].startswith("0 of 3 points; protocol error")
    assert (moodle["N1007"]["00-start"], moodle["N1007"]["Feedback for 00-start"]) == ("", "not handed in")


def test_hostile_and_honest_rows_and_the_late_flag(graded):
    rows = {r["student"]: r for r in _rows(graded["out"] / "grades.csv")}
    for student, (status, points) in graded["expected"].items():
        assert rows[student]["status"] == status, (student, rows[student]["reason"])
        assert rows[student]["original_points"] == str(sum(points.values()))
    assert rows["absent"]["status"] == "missing" and rows["absent"]["late"] == ""
    assert (rows["wrong"]["late"], rows["wrong"]["days_late"], rows["wrong"]["penalty_percent"]) == ("yes", "2", "20")
    assert rows["right"]["late"] == "no" and rows["right"]["submitted_at"].startswith("2026-03-01T20:00:00")
    right = read_results(graded["out"] / "results.json")
    assert {g.student for g in right if late_of(g) and late_of(g).late} == {"wrong"}


def test_an_lms_file_from_the_outputs_and_a_regrade_keep_the_first_runs_settings(graded, tmp_path):
    out = tmp_path / "grades"
    shutil.copytree(graded["out"], out)
    proc = subprocess.run([str(COURSE), "grade", "--lms", "brightspace", "--out", str(out), "--quiet"],
                          env=_env(), capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.reader((out / "lms_brightspace.csv").open(encoding="utf-8")))
    assert rows[0][-1] == "End-of-Line Indicator" and len(rows) == 1, "the roster has no Brightspace identities"
    assert "brightspace: left out" in (out / "class_report.html").read_text(encoding="utf-8")
    canvas = (out / "lms_canvas.csv").read_bytes()
    proc = subprocess.run([str(COURSE), "grade", str(graded["archive"]), "--out", str(out), "--student", "wrong",
                           "--quiet", "--cell-timeout", "4", "--timeout", "40", "--memory", "768"],
                          env=_env(), capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert (out / "lms_canvas.csv").read_bytes() == canvas, "same roster, LMS files and late policy"
    assert {r["student"]: r["penalty_percent"] for r in _rows(out / "grades.csv")}["wrong"] == "20"


def test_the_late_penalty_keeps_the_original_points(tmp_path):
    """A late right answer: 3 points before the penalty, 2.70 after one day at 10 %."""
    subs = tmp_path / "subs"
    (subs / "s1").mkdir(parents=True)
    (subs / "s1" / LESSON).write_bytes(_write(answered()))
    stamps = tmp_path / "t.csv"
    stamps.write_text(f"student,notebook,submitted_at\ns1,00-start,2026-03-02T08:00\n", encoding="utf-8")
    proc = subprocess.run([str(COURSE), "grade", str(subs), "--out", str(tmp_path / "g"), "--quiet", "-j", "1",
                           "--deadline", DEADLINE, "--late-penalty", "10", "--timestamps", str(stamps)],
                          env=_env(), capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    row = _rows(tmp_path / "g" / "grades.csv")[0]
    assert (row["points"], row["original_points"], row["late"]) == ("2.70", "3", "yes")
    assert "2.70 of 3 points" in (tmp_path / "g" / "feedback" / "s1.html").read_text(encoding="utf-8")


def test_the_class_report_shows_the_class(graded):
    page = (graded["out"] / "class_report.html").read_text(encoding="utf-8")
    assert "<script" not in page and "http" not in page.replace("http-equiv", "")
    assert page.count("<img ") == page.count('alt="') >= 3
    assert "<td class=\"n\">6 of 7</td>" in page, "the absent student is left out of the distribution"
    assert "protocol error" in page and "kernel died" in page and "missing" in page
    data = json.loads((graded["out"] / "results.json").read_text(encoding="utf-8"))
    wrong = next(g for g in data["grades"] if g["student"] == "wrong")
    assert all(e["answer"] for e in wrong["exercises"]), "auto-graded answers are recorded"
    assert (graded["out"] / "plots" / "00-start-exercises.png").stat().st_size > 1000


def test_one_student_is_regraded_in_place_with_manual_points_kept(tmp_path):
    lesson = "01-reading.ipynb"
    subs = tmp_path / "subs"
    for student in ("anna", "bram"):
        (subs / student).mkdir(parents=True)
        (subs / student / lesson).write_bytes(_write(answered(lesson)))
    ctx = G.GradeContext(limits=G.Limits(cell_timeout=60, timeout=300), workers=2)
    grades, notes = G.grade_batch(subs, ctx=ctx)
    out = tmp_path / "grades"
    G.write_outputs(out, grades, notes, {lesson: G.load_lesson(ROOT / "notebooks" / lesson)})
    sheet = tmp_path / "filled.csv"
    sheet.write_text("student,notebook,exercise,points,comment\nanna,01-reading.ipynb,1.6,1,ok\n"
                     "bram,01-reading.ipynb,1.6,2,goed\n", encoding="utf-8")
    G.merge_manual(out, sheet)
    anna_before = (out / "feedback" / "anna.html").read_bytes()
    before = {r["student"]: r for r in _rows(out / "grades.csv")}
    # bram hands in a notebook with nothing answered; anna's folder is gone (only bram is regraded)
    (subs / "bram" / lesson).write_bytes(_write(answered(lesson, answers={}, prose=None)))
    shutil.rmtree(subs / "anna")
    proc = subprocess.run([str(COURSE), "grade", str(subs), "--out", str(out), "--student", "bram", "--quiet",
                           "--cell-timeout", "60"], env=_env(), capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    after = {r["student"]: r for r in _rows(out / "grades.csv")}
    assert after["anna"] == before["anna"] and (out / "feedback" / "anna.html").read_bytes() == anna_before
    assert float(after["bram"]["auto_points"]) < float(before["bram"]["auto_points"])
    assert after["bram"]["1.6"] == "2", "the merged manual points are kept"
    proc = subprocess.run([str(COURSE), "grade", str(subs), "--out", str(out), "--student", "nobody", "--quiet"],
                          env=_env(), capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2 and "no student 'nobody'" in proc.stderr
    assert {r["student"]: r for r in _rows(out / "grades.csv")} == after, "a failed regrade changes nothing"
