"""course grade --shard K/N and course grade merge (course.grading.shard), run as a teacher runs them."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import nbformat
import pytest

from helpers.paths import ROOT
from course.grading import shard as S
from course.grading.context import GradeError
from course.grading.sandbox import bwrap_path

sys.path.insert(0, str(ROOT / "tests"))
from helpers.answers import REFERENCE, WRONG  # noqa: E402
from helpers.submissions import LESSON, exercises, fill_answers, student_version  # noqa: E402

COURSE = str(ROOT / ".venv" / "bin" / "course")
LIMITS = ["--cell-timeout", "10", "--timeout", "60", "--memory", "768", "--quiet"]
EMILE = unicodedata.normalize("NFD", "Émile")   # a folder name in NFD; the id is NFC
OTHER = "04-sources.ipynb"        # handed in by most of the class, but by no one in shard 1
HANDED_OTHER = ("s01", "s02", "s04", "s05")
STRAY = {"s01": "kladblok.ipynb", "s02": "oefenen.ipynb", "s03": "probeersel.ipynb"}   # shards 2, 0, 1
N = 3
ROSTER_IDS = ("s01", "s02", "s03", "s04", "s05", "s06", "Émile", "anna", "Anna")   # s06 handed nothing in


def _prose_exercise(lesson: str) -> str | None:
    """The first written (prose) exercise of a lesson: the one the teacher grades by hand here."""
    from course.grading.lessons import load_lesson

    return next((e.id for e in load_lesson(ROOT / "notebooks" / lesson).exercises if e.kind == "prose"), None)


PROSE = _prose_exercise(OTHER)
COMMENT = "Goed gezien: „bron” en ‘citaat’."
LEDGER = f"student,notebook,exercise,points,comment\ns05,{OTHER},{PROSE},1,{COMMENT}\n"

needs_bwrap = pytest.mark.skipif(bwrap_path() is None, reason="bubblewrap (bwrap) is not installed: "
                                 "`make system-deps` installs it")


def course(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run ``course grade ...`` as a user does."""
    proc = subprocess.run([COURSE, "grade", *args], capture_output=True, text=True, cwd=ROOT, timeout=900)
    if check and proc.returncode:
        raise AssertionError(f"course grade {' '.join(args)} exited {proc.returncode}:\n{proc.stderr[-3000:]}")
    return proc


def mixed(lesson: str, rng: random.Random) -> nbformat.NotebookNode:
    """A notebook with right and wrong answers (the exercises the answer keys know; others left as handed out)."""
    answers = {}
    for ex in exercises(lesson):
        if ex in REFERENCE:
            wrong = WRONG.get(ex)
            answers[ex] = rng.choice(wrong)[0] if wrong and rng.random() < 0.4 else REFERENCE[ex]
    return fill_answers(student_version(lesson), answers)


def make_class(dest: Path) -> None:
    """Eight student folders: answers right and wrong, one NFD name, two look-alike ids, stray files.

    Sorted ids with the roster's s06, and their shards (N=3): Anna 0, anna 1, s01 2, s02 0, s03 1, s04 2, s05 0,
    s06 1, Émile 2.
    """
    rng = random.Random(18)
    for name in ("s01", "s02", "s03", "s04", "s05", EMILE, "anna", "Anna"):
        folder = dest / name
        folder.mkdir(parents=True)
        nb = mixed(LESSON, rng)
        (folder / LESSON).write_text(nbformat.writes(nb), encoding="utf-8")
        if name in HANDED_OTHER:
            nb = mixed(OTHER, rng)
            (folder / OTHER).write_text(nbformat.writes(nb), encoding="utf-8")
        stray = STRAY.get(unicodedata.normalize("NFC", name))
        if stray:
            (folder / stray).write_text(nbformat.writes(nbformat.v4.new_notebook()), encoding="utf-8")
    (dest / "leesmij.txt").write_text("geen student\n", encoding="utf-8")


def write_roster(path: Path) -> list[str]:
    """A class list with Canvas identities; returns the ``course grade`` options that use it."""
    lines = ["student,name,email,lms_id,sis_user_id,section"]
    lines += [f"{sid},Student {sid},{i}@example.org,{1000 + i},SIS{i},A" for i, sid in enumerate(ROSTER_IDS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ["--roster", str(path), "--lms", "canvas"]


def tree(root: Path, skip: tuple[str, ...] = ()) -> dict[str, bytes]:
    """Every file under ``root`` (relative path -> bytes), leaving out top-level entries named in ``skip``."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.relative_to(root).parts[0] not in skip}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """One unsharded run and N shards of the same class, each with the ledger of manual points."""
    if bwrap_path() is None:
        pytest.skip("bubblewrap (bwrap) is not installed: `make system-deps` installs it")
    assert PROSE, f"{OTHER} has no written exercise to give manual points to"
    base = tmp_path_factory.mktemp("shards")
    subs = base / "subs"
    make_class(subs)
    teacher = write_roster(base / "roster.csv")
    full = base / "full"
    full.mkdir()
    (full / "manual_points.csv").write_text(LEDGER, encoding="utf-8")
    course(str(subs), "--out", str(full), "-j", "2", *LIMITS, *teacher)
    merged = base / "merged"
    merged.mkdir()
    procs = [subprocess.Popen([COURSE, "grade", str(subs), "--shard", f"{k}/{N}", "--out", str(merged / f"shard-{k}"),
                               "-j", "1", *LIMITS, *teacher], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for k in range(N)]
    for p in procs:
        _, err = p.communicate(timeout=900)
        assert p.returncode == 0, err[-3000:]
    keep = base / "shards-as-graded"
    shutil.copytree(merged, keep)
    (merged / "manual_points.csv").write_text(LEDGER, encoding="utf-8")
    (merged / "teacher-notes.txt").write_text("van de docent\n", encoding="utf-8")
    shards = [str(merged / f"shard-{k}") for k in (2, 0, 1)]  # any order
    proc = course("merge", *shards, "--out", str(merged))
    return {"base": base, "subs": subs, "full": full, "merged": merged, "shards": keep, "merge_stdout": proc.stdout,
            "teacher": teacher}


def manifests(shards: Path) -> list[dict]:
    return [json.loads((shards / f"shard-{k}" / S.SHARD_FILE).read_text(encoding="utf-8")) for k in range(N)]


SHARD_DIRS = tuple(f"shard-{k}" for k in range(N))
#: Outputs that show run times (which differ between any two runs, sharded or not).
TIMED = ("timings.csv", "class_report.html", "plots/time.png", "plots/time.svg")




@needs_bwrap
def test_merged_shards_are_byte_identical_to_one_unsharded_run(graded):
    full = tree(graded["full"])
    merged = tree(graded["merged"], skip=SHARD_DIRS + ("teacher-notes.txt",))
    assert sorted(merged) == sorted(full)
    assert {"results.json", "grades.csv", "grades_wide.csv", "manual.csv", "manual_points.csv",
            "class_report.html", "lms_canvas.csv"} <= set(full)
    assert sum(p.startswith("feedback/") for p in full) == len(ROSTER_IDS)
    assert any(p.startswith("plots/") and p not in TIMED for p in full), "charts without run times are compared"
    for name in full:
        if name not in TIMED:
            assert merged[name] == full[name], f"{name} differs between the merged shards and one run"
    assert merged["results.json"] == full["results.json"] and b'"seconds"' not in full["results.json"]


@needs_bwrap
def test_the_merge_writes_what_one_run_writes_for_the_same_rows_run_times_included(graded, tmp_path):
    """One run's rows, given the run times the shards measured, render to exactly the merged files."""
    from course.grading.lessons import load_lesson
    from course.grading.report import read_results_full, write_outputs

    grades, notes, settings = read_results_full(graded["full"] / "results.json")
    timed = {(g.student, g.notebook): g for g in read_results_full(graded["merged"] / "results.json")[0]}
    for g in grades:
        g.seconds, g.cell_seconds = timed[(g.student, g.notebook)].seconds, timed[(g.student, g.notebook)].cell_seconds
    (tmp_path / "manual_points.csv").write_text(LEDGER, encoding="utf-8")
    lessons = {n: load_lesson(ROOT / "notebooks" / n) for n in dict.fromkeys(g.notebook for g in grades)}
    write_outputs(tmp_path, grades, notes, lessons, settings)
    assert tree(tmp_path) == tree(graded["merged"], skip=SHARD_DIRS + ("teacher-notes.txt",))


@needs_bwrap
def test_the_merge_keeps_manual_points_and_what_else_the_folder_held(graded):
    merged = graded["merged"]
    rows = json.loads((merged / "results.json").read_text(encoding="utf-8"))["grades"]
    (row,) = [r for r in rows if (r["student"], r["notebook"]) == ("s05", OTHER)]
    (prose,) = [e for e in row["exercises"] if e["id"] == PROSE]
    assert prose["points"] == 1 and prose["message"] == COMMENT
    assert (merged / "manual_points.csv").read_text(encoding="utf-8") == LEDGER
    assert (merged / "teacher-notes.txt").read_text(encoding="utf-8") == "van de docent\n"
    for k in range(N):
        assert (merged / f"shard-{k}" / S.SHARD_FILE).is_file(), "the shards stay where they were"
    assert not [p for p in merged.parent.iterdir() if p.name.startswith(".merged.merge-")], "no staging folder left"


@needs_bwrap
def test_shares_are_balanced_disjoint_and_cover_the_class(graded):
    found = manifests(graded["shards"])
    ids = sorted(ROSTER_IDS)
    shares = []
    for k, m in enumerate(found):
        assert (m["shard"], m["of"], sorted(m["students"])) == (k, N, ids)
        rows = json.loads((graded["shards"] / f"shard-{k}" / "results.json").read_text(encoding="utf-8"))["grades"]
        shares.append(sorted({r["student"] for r in rows}))
    assert sorted(i for s in shares for i in s) == ids
    assert max(map(len, shares)) - min(map(len, shares)) <= 1
    assert len({m["class"] for m in found}) == 1
    assert "Anna" in shares[0] and "anna" in shares[1], "the look-alike ids land in different shards"


@needs_bwrap
def test_class_wide_decisions_are_the_same_in_every_shard(graded):
    """OTHER was handed in by 4 of the 7 usable students, none of them in shard 1: it is still expected there."""
    for k in range(N):
        data = json.loads((graded["shards"] / f"shard-{k}" / "results.json").read_text(encoding="utf-8"))
        rows = {(r["student"], r["notebook"]): r for r in data["grades"]}
        students = {s for s, _ in rows}
        assert set(rows) == {(s, n) for s in students for n in (LESSON, OTHER)}
        for s in students - set(HANDED_OTHER) - {"anna", "Anna"}:
            assert rows[(s, OTHER)]["status"] == "missing"
        for s in students & {"anna", "Anna"}:
            assert rows[(s, LESSON)]["status"] == "rejected" and "same as" in rows[(s, LESSON)]["reason"]
        assert any("leesmij.txt" in n for n in data["notes"]), "the batch notes come from the whole listing"
    shard1 = json.loads((graded["shards"] / "shard-1" / "results.json").read_text(encoding="utf-8"))["grades"]
    assert {(r["student"], r["status"]) for r in shard1 if r["notebook"] == OTHER} == {
        ("anna", "rejected"), ("s03", "missing"), ("s06", "missing")}
    assert {(r["student"], r["status"]) for r in shard1 if r["notebook"] == LESSON} == {
        ("anna", "rejected"), ("s03", "ok"), ("s06", "missing")}, "the roster's absent student is in its shard"


@needs_bwrap
def test_notes_about_students_come_in_the_order_of_one_run(graded):
    full = json.loads((graded["full"] / "results.json").read_text(encoding="utf-8"))["notes"]
    about = [n for n in full if n.split(":")[0] in STRAY]
    assert [n.split(":")[0] for n in about] == ["s01", "s02", "s03"], "in the class order, not the shards' order"
    merged = json.loads((graded["merged"] / "results.json").read_text(encoding="utf-8"))["notes"]
    assert merged == full


def copy_shards(graded, dest: Path) -> list[Path]:
    shutil.copytree(graded["shards"], dest)
    return [dest / f"shard-{k}" for k in range(N)]


@needs_bwrap
def test_a_missing_shard_is_an_error_naming_it_and_nothing_is_written(graded, tmp_path):
    shards = copy_shards(graded, tmp_path / "out")
    proc = course("merge", str(shards[0]), str(shards[2]), "--out", str(tmp_path / "out"), check=False)
    assert proc.returncode == 2
    assert f"missing shard(s) 1/{N}" in proc.stderr and "shard-1" in proc.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"shard-{k}" for k in range(N)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"], "no staging folder left beside OUT"


@needs_bwrap
def test_a_duplicated_shard_is_an_error_naming_both(graded, tmp_path):
    shards = copy_shards(graded, tmp_path / "out")
    again = tmp_path / "again"
    shutil.copytree(shards[1], again)
    proc = course("merge", *map(str, shards), str(again), "--out", str(tmp_path / "out"), check=False)
    assert proc.returncode == 2
    assert f"shard 1/{N} given twice" in proc.stderr and str(again) in proc.stderr and str(shards[1]) in proc.stderr


@needs_bwrap
def test_an_unfinished_shard_is_an_error_and_a_rerun_clears_the_finished_mark(graded, tmp_path):
    shards = copy_shards(graded, tmp_path / "out")
    # a re-run that fails (here: the submissions are gone) must not leave the old shard.json behind
    proc = course(str(tmp_path / "gone"), "--shard", f"1/{N}", "--out", str(shards[1]), check=False)
    assert proc.returncode == 2 and not (shards[1] / S.SHARD_FILE).exists()
    proc = course("merge", *map(str, shards), "--out", str(tmp_path / "out"), check=False)
    assert proc.returncode == 2
    assert f"{shards[1]}: not a finished shard" in proc.stderr


@needs_bwrap
def test_a_shard_of_another_class_is_an_error_naming_it(graded, tmp_path):
    other = tmp_path / "subs"
    shutil.copytree(graded["subs"], other)
    with (other / "s04" / LESSON).open("a", encoding="utf-8") as fh:
        fh.write("\n")  # the same students, one file changed
    shards = copy_shards(graded, tmp_path / "out")
    foreign = tmp_path / "foreign-shard-2"
    course(str(other), "--shard", f"2/{N}", "--out", str(foreign), "-j", "1", *LIMITS, *graded["teacher"])
    proc = course("merge", str(shards[0]), str(shards[1]), str(foreign), "--out", str(tmp_path / "out"), check=False)
    assert proc.returncode == 2
    assert f"{foreign}: from another class than {shards[0]}" in proc.stderr


@needs_bwrap
def test_a_shard_graded_by_another_version_of_the_course_is_refused(graded, tmp_path):
    """Feedback comes from course/ and data/: a node with another checkout is named (its shard.json says so)."""
    shards = copy_shards(graded, tmp_path / "out")
    manifest = json.loads((shards[2] / S.SHARD_FILE).read_text(encoding="utf-8"))
    assert manifest["code"] == S.code_digest(ROOT)
    manifest["code"] = "0" * 64  # what a node with other course files records
    (shards[2] / S.SHARD_FILE).write_text(json.dumps(manifest), encoding="utf-8")
    proc = course("merge", *map(str, shards), "--out", str(tmp_path / "out"), check=False)
    assert proc.returncode == 2
    assert f"{shards[2]}: graded with another version of the course" in proc.stderr


def test_the_code_digest_sees_a_changed_file_of_the_course(tmp_path):
    for part in S.CODE_PARTS:
        shutil.copytree(ROOT / part, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
    before = S.code_digest(tmp_path)
    assert before == S.code_digest(ROOT)
    with (tmp_path / "course" / "checks.py").open("a", encoding="utf-8") as fh:
        fh.write("\n")
    assert S.code_digest(tmp_path) != before


@needs_bwrap
@pytest.mark.parametrize("edit, said", [
    (lambda m, r: m["settings"]["limits"].update(timeout=1.0), "graded with another limits or sandbox setting"),
    (lambda m, r: r["settings"].update(lms=[]), "graded with another roster, late policy or LMS files"),
    (lambda m, r: r["settings"]["roster"].pop(), "graded with another roster, late policy or LMS files"),
])
def test_a_shard_graded_with_other_settings_is_refused(graded, tmp_path, edit, said):
    """What a shard records of its run (shard.json, results.json) as another command line would have written it."""
    shards = copy_shards(graded, tmp_path / "out")
    manifest = json.loads((shards[1] / S.SHARD_FILE).read_text(encoding="utf-8"))
    results = json.loads((shards[1] / "results.json").read_text(encoding="utf-8"))
    edit(manifest, results)
    (shards[1] / S.SHARD_FILE).write_text(json.dumps(manifest), encoding="utf-8")
    (shards[1] / "results.json").write_text(json.dumps(results), encoding="utf-8")
    proc = course("merge", *map(str, shards), "--out", str(tmp_path / "out"), check=False)
    assert proc.returncode == 2 and f"{shards[1]}: {said}" in proc.stderr


@needs_bwrap
def test_changed_instructor_notebooks_are_refused(graded, tmp_path):
    shards = copy_shards(graded, tmp_path / "out")
    notebooks = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", notebooks, ignore=shutil.ignore_patterns("src", ".*"))
    with (notebooks / OTHER).open("a", encoding="utf-8") as fh:
        fh.write("\n")
    with pytest.raises(S.ShardError, match=f"instructor notebook.*{OTHER}.*changed"):
        S.merge(shards, tmp_path / "out", notebooks)
    assert not (tmp_path / "out" / "grades.csv").exists()


@needs_bwrap
def test_a_merge_replaces_old_outputs_whole_also_without_an_atomic_exchange(graded, tmp_path, monkeypatch):
    out = tmp_path / "out"
    shards = copy_shards(graded, out)
    (out / "feedback").mkdir()
    (out / "feedback" / "left-over.html").write_text("old", encoding="utf-8")
    (out / "grades.csv").write_text("old\n", encoding="utf-8")
    monkeypatch.setattr(S, "exchange", lambda a, b: False)  # a kernel or file system without RENAME_EXCHANGE
    S.merge(shards, out, ROOT / "notebooks")
    assert not (out / "feedback" / "left-over.html").exists()
    expected = tree(graded["merged"], skip=tuple(f"shard-{k}" for k in range(N)) + ("teacher-notes.txt",
                                                                                   "manual_points.csv"))
    got = tree(out, skip=tuple(f"shard-{k}" for k in range(N)))
    assert set(got) == set(expected) and got["feedback/s01.html"] == expected["feedback/s01.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_exchange_swaps_two_folders_in_one_step(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x").write_text("a", encoding="utf-8")
    (b / "x").write_text("b", encoding="utf-8")
    if not S.exchange(a, b):
        pytest.skip("this kernel or file system has no renameat2(RENAME_EXCHANGE); the merge uses two renames")
    assert (a / "x").read_text(encoding="utf-8") == "b" and (b / "x").read_text(encoding="utf-8") == "a"


@pytest.mark.parametrize("n", [1, 2, 3, 7, 40])
def test_share_is_round_robin_over_sorted_ids_whatever_the_input_order(n):
    ids = [f"s{i:03d}" for i in range(37)] + ["Émile", "émile", "Zoë", "ĳsbrand"]
    first = [S.share(ids, S.ShardSpec(k, n)) for k in range(n)]
    rng = random.Random(n)
    for _ in range(5):
        shuffled = ids[:]
        rng.shuffle(shuffled)
        assert [S.share(shuffled, S.ShardSpec(k, n)) for k in range(n)] == first
    assert sorted(i for s in first for i in s) == sorted(ids)
    assert max(map(len, first)) - min(map(len, first)) <= 1
    assert first[0][0] == sorted(ids)[0] and (n == 1 or first[1][0] == sorted(ids)[1])


@pytest.mark.parametrize("text, error", [("3/3", "K must be 0..2"), ("-1/3", "K must be 0..2"), ("1/0", "N=0"),
                                         ("a/b", "whole numbers"), ("2", "whole numbers")])
def test_bad_shard_arguments_are_refused_in_one_line(text, error, tmp_path):
    with pytest.raises(GradeError, match=error):
        S.parse_shard(text)
    proc = course(str(tmp_path), f"--shard={text}", "--out", str(tmp_path / "o"), check=False)
    assert proc.returncode == 2 and error in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_merge_without_shards_and_two_submission_folders_are_refused(tmp_path):
    proc = course("merge", "--out", str(tmp_path), check=False)
    assert proc.returncode == 2 and "give the shard folders" in proc.stderr
    proc = course(str(tmp_path / "a"), str(tmp_path / "b"), check=False)
    assert proc.returncode == 2 and "one SUBMISSIONS folder" in proc.stderr


def test_the_class_digest_ignores_listing_order_and_sees_a_changed_file(tmp_path):
    from course.grading.intake import find_students

    make_class(tmp_path / "subs")
    students, _ = find_students(tmp_path / "subs")
    lessons = S.lesson_digests(ROOT / "notebooks", [LESSON])
    digest = S.class_digest(students, lessons)
    assert S.class_digest(list(reversed(students)), lessons) == digest
    with (tmp_path / "subs" / "s02" / LESSON).open("a", encoding="utf-8") as fh:
        fh.write(" ")
    assert S.class_digest(students, lessons) != digest
    assert S.class_digest(students, S.lesson_digests(ROOT / "notebooks", [OTHER])) != digest
