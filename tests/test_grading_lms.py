"""The teacher's workflow without running a notebook: LMS files, bulk downloads, late work, reports (issue 17).

Each LMS test checks the columns and rows against the import format as the
LMS's documentation describes it (the URL is in the test's docstring).
"""

from __future__ import annotations

import csv
import io
import stat
import subprocess
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from helpers.paths import ROOT
from course.grading import GradeError
from course.grading.batch import collect, copy_of, lessons_to_grade
from course.grading.evaluate import ExerciseResult, NotebookGrade
from course.grading.late import LateInfo, LatePolicy, assess, final_points, parse_time, read_extensions, set_late
from course.grading.lms import Roster, RosterEntry, detect_layout, export_brightspace, export_canvas, \
    export_moodle, read_roster, squash
from course.grading.manual import ManualSheetError, read_manual_sheet
from course.grading.report import ReportSettings, feedback_page, manual_table, read_results, read_results_full, \
    to_csv, write_outputs

NB = "01-reading.ipynb"


def _ex(i: str, points: float | None, maxp: float = 1.0, kind: str = "auto", answer: str = "", **kw) -> ExerciseResult:
    passed = None if kind == "prose" else (points == maxp)
    return ExerciseResult(i, kind, points, maxp, passed, "msg", answer, f"title {i}", **kw)


def _grade(student: str, status: str = "ok", pts: tuple = (1.0, 0.0), nb: str = NB, answer: str = "7") -> NotebookGrade:
    if status == "missing":
        return NotebookGrade(student, nb, "missing", "not handed in",
                             [_ex("1.1", 0.0), _ex("1.2", 0.0, 2.0), _ex("1.6", 0.0, 2.0, "prose")])
    return NotebookGrade(student, nb, status, "" if status == "ok" else "bad bytes", [
        _ex("1.1", pts[0], answer="13"), _ex("1.2", pts[1], 2.0, answer=answer),
        _ex("1.6", None, 2.0, "prose", answer="Mijn antwoord: één zin.")], seconds=1.5)


def _roster() -> Roster:
    return Roster({
        "s1": RosterEntry("s1", "Jansen, Anna", "anna@example.nl", "1001", "S1", "anna.j", "A", "anna.j", "0001", "S1"),
        "s2": RosterEntry("s2", "Bakker, Bram", "bram@example.nl", "1002", "S2", "bram.b", "A", "bram.b", "0002", "S2"),
        "s3": RosterEntry("s3", "=Dekker, Cor", "cor@example.nl", "1003", "S3", "cor.d", "B", "cor.d", "0003", "S3"),
    })


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


# --------------------------------------------------------------------------
# Export


def test_canvas_file_has_its_identity_columns_points_possible_and_blank_for_missing():
    """https://community.canvaslms.com/t5/Instructor-Guide/How-do-I-import-grades-in-the-Gradebook/ta-p/807 and
    https://teaching.resources.osu.edu/toolsets/carmencanvas/guides/calculating-final-grades/import-csv-file-carmen-grades:
    Student, ID, SIS User ID, SIS Login ID, Section, then one column per assignment; a "Points Possible" row."""
    grades = [_grade("s1", pts=(1.0, 2.0)), _grade("s2", "missing"), _grade("s3", "parse_error", (0.0, 0.0)),
              _grade("stranger")]
    export = export_canvas(grades, _roster(), {"01-reading": "Les 1 (4321)"})
    rows = _rows(to_csv(export.files["lms_canvas.csv"]))
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Les 1 (4321)"]
    assert rows[1] == ["Points Possible", "", "", "", "", "5"]
    assert rows[2] == ["Jansen, Anna", "1001", "S1", "anna.j", "A", "3"]
    assert rows[3][-1] == "", "a missing notebook is blank (Canvas leaves it ungraded), not a 0"
    assert rows[4][0] == "'=Dekker, Cor" and rows[4][-1] == "0", "handed in but unreadable: its 0; no formula"
    assert export.left_out == ["stranger"]
    comments = {r[0]: r[-1] for r in _rows(to_csv(export.files["lms_canvas_comments.csv"]))[1:]}
    assert comments["Bakker, Bram"] == "not handed in" and "parse error: bad bytes" in comments["'=Dekker, Cor"]


def test_moodle_file_has_identifier_columns_and_feedback_next_to_each_grade():
    """https://docs.moodle.org/311/en/Grade_import: the import maps a user field (Email address -> useremail,
    ID number -> useridnumber); importing feedback overwrites an item's grades, so both go together (Note 3)."""
    late = _grade("s2", pts=(1.0, 2.0))
    set_late(late, LateInfo("2026-03-03T10:00:00+01:00", "2026-03-01T23:59:00+01:00", "zip", True, 2, 20.0,
                            "handed in 2 days late: 20% of the points taken off"))
    export = export_moodle([_grade("s1", "missing"), late], _roster())
    rows = _rows(to_csv(export.files["lms_moodle.csv"]))
    assert rows[0] == ["ID number", "Email address", "Full name", "01-reading", "Feedback for 01-reading"]
    assert rows[1] == ["S1", "anna@example.nl", "Jansen, Anna", "", "not handed in"]
    assert rows[2][:4] == ["S2", "bram@example.nl", "Bakker, Bram", "2.40"]
    assert "2 days late" in rows[2][4] and "before the penalty: 3" in rows[2][4]


def test_brightspace_file_follows_the_documented_sample():
    """https://community.d2l.com/brightspace/kb/articles/3538-importing-grades (OrgDefinedID 20067930, Username
    Frank.Catcher, "<item> Points Grade" 44 of 50) and https://kb.wisc.edu/page.php?id=4330 (the # prefix and the
    End-of-Line Indicator column)."""
    roster = Roster({"frank": RosterEntry("frank", username="Frank.Catcher", org_defined_id="20067930"),
                     "gone": RosterEntry("gone", username="Gone.Away", org_defined_id="00042")})
    g = NotebookGrade("frank", "03-framing.ipynb", "ok", "", [_ex("3.1", 44.0, 50.0)])
    export = export_brightspace([g, _grade("gone", "missing", nb="03-framing.ipynb")], roster,
                                {"03-framing": "Assignment 3"})
    rows = _rows(to_csv(export.files["lms_brightspace.csv"]))
    assert rows[0] == ["OrgDefinedId", "Username", "Assignment 3 Points Grade", "Assignment 3 Status Text Grade",
                       "End-of-Line Indicator"]
    assert rows[1] == ["#20067930", "#Frank.Catcher", "44", "ok", "#"]
    assert rows[2] == ["#00042", "#Gone.Away", "", "missing", "#"], "leading zeros kept; missing is blank"


def test_the_roster_is_checked_row_by_row(tmp_path):
    bad = tmp_path / "r.csv"
    bad.write_text("student,name\ns1,A\n,B\ns1,C\n", encoding="utf-8")
    with pytest.raises(GradeError, match=r"row 3: no student id; row 4: student s1 appears twice"):
        read_roster(bad)
    (tmp_path / "n.csv").write_text("id,name\n1,x\n", encoding="utf-8")
    with pytest.raises(GradeError, match="needs a 'student' column"):
        read_roster(tmp_path / "n.csv")
    good = tmp_path / "g.csv"
    good.write_text("\ufeffstudent,name,lms_id,extra\ns1,\"Jansen, José\",1001,x\n", encoding="utf-8")
    assert read_roster(good).entries["s1"] == RosterEntry("s1", "Jansen, José", lms_id="1001")


# --------------------------------------------------------------------------
# Intake


def _canvas_download(folder: Path) -> None:
    folder.mkdir()
    for name in ("jansenanna_1001_5001_01-reading.ipynb", "bakkerbram_late_1002_5002_01-reading-1.ipynb",
                 "bakkerbram_1002_5002_data.csv", "dekkercor_1003_5003_01-reading-Copy1.ipynb",
                 "nobody_9999_5009_01-reading.ipynb", "notes.txt"):
        (folder / name).write_bytes(b"{}")


def test_a_canvas_download_is_matched_to_the_roster_and_every_stray_file_reported(tmp_path):
    _canvas_download(tmp_path / "dl")
    assert detect_layout(tmp_path / "dl") == "canvas"
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    roster = _roster()
    roster.entries["s4"] = RosterEntry("s4", "Eerde, Dewi van", lms_id="1004")
    got = collect(tmp_path / "dl", tmp, roster, [NB])
    files = {s.id: sorted(p.name for p in s.folder.iterdir()) for s in got.students}
    assert files == {"s1": [NB], "s2": [NB, "data.csv"], "s3": ["01-reading-Copy1.ipynb"], "s4": []}
    assert got.late_marks == {"s2/" + NB}
    assert any("nobody_9999_5009_01-reading.ipynb" in n and "not on the roster" in n for n in got.notes)
    assert any(n.startswith("notes.txt:") for n in got.notes)
    assert (tmp_path / "dl" / "bakkerbram_late_1002_5002_01-reading-1.ipynb").read_bytes() == b"{}", "untouched"


def test_a_moodle_download_zip_gives_times_and_matches_by_number_or_name(tmp_path):
    archive = tmp_path / "moodle.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr(zipfile.ZipInfo(f"Anna Jansen_71_assignsubmission_file_/{NB}", (2026, 3, 1, 20, 0, 0)), b"{}")
        zf.writestr(zipfile.ZipInfo(f"Bram Bakker_72_assignsubmission_file_/{NB}", (2026, 3, 2, 9, 30, 0)), b"{}")
        zf.writestr("Bram Bakker_72_assignsubmission_onlinetext_/onlinetext.html", b"<p>hi</p>")
        zf.writestr(f"Zoë Onbekend_99_assignsubmission_file_/{NB}", b"{}")
    roster = Roster({"s1": RosterEntry("s1", "Anna Jansen", lms_id="71"), "s2": RosterEntry("s2", "Bram Bakker")})
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    got = collect(archive, tmp, roster, [NB])
    assert got.layout == "moodle" and [s.id for s in got.students] == ["s1", "s2"]
    assert got.times["s2/" + NB] == datetime(2026, 3, 2, 9, 30).astimezone()
    assert any("Zoë Onbekend_99" in n and "not on the roster" in n for n in got.notes)
    assert squash("Zoë  O'Brien-Dé") == "zoeobriende"


def test_rename_hint_goes_to_the_right_lesson_only():
    lessons = ["00-start.ipynb", "01-reading.ipynb", "02-quotations.ipynb"]
    assert copy_of("01-reading-Copy1.ipynb", lessons) == "01-reading.ipynb"
    assert copy_of("Copy of 02-quotations.ipynb", lessons) == "02-quotations.ipynb"
    assert copy_of("01 lezen.ipynb", lessons) == "01-reading.ipynb"
    assert copy_of("Untitled.ipynb", lessons) is None


def test_a_notebook_is_expected_only_when_most_of_the_class_handed_it_in(tmp_path):
    from course.grading.batch import Collected
    from course.grading.intake import Student

    students = []
    for i, names in enumerate([["00-start.ipynb", "01-reading.ipynb"], ["00-start.ipynb"],
                               ["00-start-Copy1.ipynb"], []]):
        d = tmp_path / f"s{i}"
        d.mkdir()
        for n in names:
            (d / n).write_bytes(b"{}")
        students.append(Student(f"s{i}", d))
    graded, expected = lessons_to_grade(Collected(students, []), ROOT / "notebooks", None)
    assert graded == ["00-start.ipynb", "01-reading.ipynb"] and expected == {"00-start.ipynb"}
    assert lessons_to_grade(Collected(students, []), ROOT / "notebooks", ["01-reading"])[1] == {NB}


# --------------------------------------------------------------------------
# Late work


def test_the_late_policy_counts_started_days_caps_and_honours_extensions(tmp_path):
    deadline = "2026-03-01T23:59+01:00"
    policy = LatePolicy({"*": deadline}, {"s2\t*": "2026-03-05T12:00+01:00"}, 10.0, 25.0, grace_minutes=5)
    at = parse_time(deadline)
    assert not assess(policy, "s1", NB, at + timedelta(minutes=4), "zip").late, "within the grace time"
    one = assess(policy, "s1", NB, at + timedelta(minutes=6), "zip")
    assert (one.late, one.days_late, one.penalty_percent) == (True, 1, 10.0)
    far = assess(policy, "s1", NB, at + timedelta(days=6), "zip")
    assert (far.days_late, far.penalty_percent) == (6, 25.0), "capped"
    assert not assess(policy, "s2", NB, at + timedelta(days=3), "zip").late, "an extension"
    marked = assess(None, "s1", NB, None, "", marked_late=True)
    assert marked.late and marked.penalty_percent == 0 and "no penalty" in marked.note
    g = _grade("s1", pts=(1.0, 2.0))
    set_late(g, far)
    assert (g.points, final_points(g)) == (3.0, 2.25), "original points kept next to the penalised ones"
    (tmp_path / "e.csv").write_text("student,notebook,deadline\ns1,,tomorrow\ns2,01-reading,2026-03-08\n")
    with pytest.raises(GradeError, match="row 2"):
        read_extensions(tmp_path / "e.csv")
    assert parse_time("2026-03-01T23:59Z") == datetime(2026, 3, 1, 23, 59, tzinfo=timezone.utc)


# --------------------------------------------------------------------------
# Outputs


def _graded_class() -> list[NotebookGrade]:
    parts = [{"label": "counts the sentences", "passed": True, "points": 1.0, "max_points": 1.0},
             {"label": "of one section only", "passed": False, "points": 0.0, "max_points": 1.0}]
    s1 = _grade("s1", pts=(1.0, 1.0))
    s1.exercises[1] = _ex("1.2", 1.0, 2.0, answer="7", parts=parts)
    s2 = _grade("s2", pts=(0.0, 0.0), answer="<script>alert(1)</script>")
    s3 = _grade("s3", pts=(0.0, 0.0), answer="<script>alert(1)</script>")
    s3.exercises[2] = _ex("1.6", 0.0, 2.0, "prose", answer="")
    set_late(s2, LateInfo("2026-03-02T10:00:00+01:00", "2026-03-01T23:59:00+01:00", "zip", True, 1, 10.0, "late"))
    return [s1, s2, s3, _grade("s4", "missing")]


def test_results_json_round_trips_every_field(tmp_path):
    grades = _graded_class()
    settings = ReportSettings(["canvas"], _roster(), {"01-reading": "Les 1"}, LatePolicy({"*": "2026-03-01"}, {}, 10),
                              {NB: {"1.6": "**Rubric** één punt per bron"}})
    write_outputs(tmp_path / "a", grades, ["a note"], None, settings)
    back, notes, again = read_results_full(tmp_path / "a" / "results.json")
    assert [vars(g) for g in back] == [vars(g) for g in grades] and notes == ["a note"]
    assert again == settings and read_results(tmp_path / "a" / "results.json")[1].late.days_late == 1
    write_outputs(tmp_path / "b", back, notes, None, again)
    files = lambda d: {p.relative_to(d): p.read_bytes() for p in sorted(d.rglob("*")) if p.is_file()}  # noqa: E731
    assert files(tmp_path / "a") == files(tmp_path / "b"), "outputs rendered from results.json alone are the same"
    mode = lambda p: stat.S_IMODE(p.stat().st_mode)  # noqa: E731
    assert mode(tmp_path / "a" / "grades.csv") == 0o640 and mode(tmp_path / "a" / "feedback") == 0o750
    assert mode(tmp_path / "a" / "plots" / "statuses.png") == 0o640


def test_feedback_names_the_part_that_failed_and_the_late_penalty():
    grades = _graded_class()
    page = feedback_page("s1", grades[:1])
    assert "✗ of one section only: 0 of 1 — this part is not right yet" in page and "✓ counts the sentences" in page
    assert "partly right" in page
    page = feedback_page("s2", grades[1:2])
    assert "Late: late" in page and "(0 points before the penalty)" in page


def test_the_manual_sheet_is_sorted_states_each_rubric_once_and_prefills_blank_answers():
    grades = _graded_class()
    grades[1].exercises.append(_ex("1.10", None, 1.0, "prose", answer="x"))
    rows = manual_table(grades, None, {NB: {"1.6": "R16", "1.10": "R110"}})
    assert [(r[2], r[0]) for r in rows[1:]] == [("1.6", "s1"), ("1.6", "s2"), ("1.6", "s3"), ("1.6", "s4"),
                                                ("1.10", "s2")]
    assert [r[5] for r in rows[1:]] == ["R16", "", "", "", "R110"]
    assert rows[3][6] == "0" and rows[4][6] == "0", "a blank answer and a missing notebook are prefilled with 0"


def test_a_bad_manual_sheet_names_every_bad_row(tmp_path):
    grades = _graded_class()
    sheet = tmp_path / "m.csv"
    sheet.write_text("student,notebook,exercise,points\ns1,01-reading.ipynb,1.6,9\ns2,01-reading.ipynb,1.6,x\n"
                     "s3,01-reading.ipynb,1.6,1\nzz,01-reading.ipynb,1.6,1\n", encoding="utf-8")
    with pytest.raises(ManualSheetError) as err:
        read_manual_sheet(sheet, grades)
    text = str(err.value)
    assert "3 bad rows" in text and "row 2: 9 points" in text and "row 3: points 'x'" in text and "row 5:" in text


def test_the_class_report_is_self_contained_and_leaves_missing_work_out(tmp_path):
    write_outputs(tmp_path, _graded_class(), [])
    page = (tmp_path / "class_report.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;</span> (2×)" in page
    assert "http" not in page.replace("http-equiv", ""), "nothing loaded from anywhere"
    imgs = page.count("<img ")
    assert imgs >= 3 and page.count('alt="') == imgs and page.count('src="data:image/png;base64,') == imgs
    assert "<td class=\"n\">3 of 4</td>" in page, "3 of the 4 notebooks handed in"
    # 1.1 among the three handed in: 1, 0, 0 (the missing one is not a fourth 0)
    assert "0/1: 2; 1/1: 1" in page and "<td class=\"n\">0.33</td>" in page
    assert "of one section only 0/1" in page and "1 still to grade" not in page.split("1.6")[0]
    for name in ("statuses", "01-reading-exercises", "time"):
        assert (tmp_path / "plots" / f"{name}.png").read_bytes()[:4] == b"\x89PNG"
        assert "<svg" in (tmp_path / "plots" / f"{name}.svg").read_text(encoding="utf-8")


def test_nothing_is_written_when_rendering_fails(tmp_path, monkeypatch):
    from course.grading import classreport

    write_outputs(tmp_path, _graded_class(), [])
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}

    def broken(*args, **kwargs):
        raise RuntimeError("chart failed")

    monkeypatch.setattr(classreport, "class_report", broken)
    grades = _graded_class()
    grades[0].exercises[0] = _ex("1.1", 0.0)
    with pytest.raises(RuntimeError):
        write_outputs(tmp_path, grades, [])
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_a_blank_prose_answer_scores_0_and_the_rename_hint_is_on_its_row_only(tmp_path):
    from course.grading.batch import Collected, plan_jobs, zero_blank_prose
    from course.grading.context import GradeContext
    from course.grading.intake import Student
    from course.grading.lessons import load_lesson

    g = _grade("s1")
    g.exercises[2] = _ex("1.6", None, 2.0, "prose", answer="  \n")
    zero_blank_prose(g)
    assert (g.exercises[2].points, g.manual_pending) == (0.0, 0)
    folder = tmp_path / "s1"
    folder.mkdir()
    (folder / "01-reading-Copy1.ipynb").write_bytes(b"{}")
    (folder / "Untitled.ipynb").write_bytes(b"{}")
    lessons = [load_lesson(ROOT / "notebooks" / n) for n in ("00-start.ipynb", NB)]
    collected = Collected([Student("s1", folder)], [])
    rows, jobs = plan_jobs(collected, lessons, GradeContext(), None, ["02-quotations.ipynb"])
    reasons = {r.notebook: r.reason for r in rows}
    assert reasons == {"00-start.ipynb": "not handed in", NB: "not handed in; found 01-reading-Copy1.ipynb: rename "
                       "01-reading-Copy1.ipynb to 01-reading.ipynb and grade again"} and not jobs
    assert collected.notes == ["s1: Untitled.ipynb is not a lesson notebook; not graded"]


def test_make_grade_runs_the_venv_command():
    out = subprocess.run(["make", "-n", "grade", "SUBMISSIONS=class.zip", "GRADE_ARGS=--lms canvas"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    assert ".venv/bin/course grade class.zip --out grades --lms canvas" in out
    help_text = subprocess.run(["make", "help"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "make grade" in help_text
    out = subprocess.run(["make", "-n", "grade"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode != 0 and "SUBMISSIONS" in out.stdout + out.stderr
