"""course.authoring.release: the student edition leaks nothing and still runs top to bottom."""

from __future__ import annotations

import json

import nbformat
import pytest

from helpers.answers import FUNCTIONS, REFERENCE
from helpers.paths import ROOT
from course.authoring.notebooks import execute_notebook
from course.authoring.release import ReleaseError, find_leaks, release, student_notebook


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    out = tmp_path_factory.mktemp("release")
    written = release(ROOT / "notebooks", out)
    return out, written


def test_every_lesson_is_released(released):
    out, written = released
    lessons = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    assert [p.name for p in written] == lessons
    assert sorted(p.name for p in (out / "teacher").iterdir()) == lessons


def test_student_edition_holds_no_solution_test_or_output(released):
    _, written = released
    for path in written:
        nb = nbformat.read(path, as_version=4)
        assert find_leaks(nb, name=path.name) == []
        text = path.read_text(encoding="utf-8")
        assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text and "assert_answer(" not in text.replace(
            "import (assert_answer", "").replace("import assert_answer", "").replace(", assert_answer", "")
        assert "Rubric" not in text


def test_no_reference_answer_in_any_answer_or_check_cell(released):
    _, written = released
    for path in written:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            meta = cell.metadata.get("course", {})
            if meta.get("role") not in ("answer", "check", "tests"):
                continue
            if meta["exercise"] in FUNCTIONS:   # a function exercise: its stub is checked below
                if meta["role"] == "answer":   # the handed-out stub is not an answer yet
                    from course.lesson.checks import check, get_exercise

                    ns: dict = {}
                    exec(compile(cell.source, "<stub>", "exec"), ns)  # noqa: S102 - our own stub
                    function = ns[get_exercise(meta["exercise"]).function]
                    assert check(meta["exercise"], function).status == "unanswered", (path.name, meta)
                continue
            ref = REFERENCE[meta["exercise"]]
            for spelling in {repr(ref), json.dumps(ref, ensure_ascii=False), str(ref)}:
                assert f"= {spelling}" not in cell.source, (path.name, meta)
            if meta["role"] == "tests" and isinstance(ref, str):
                assert ref.casefold() not in cell.source.casefold(), f"the test comment of {meta['exercise']} names the answer"
            if meta["role"] == "answer":
                assert cell.source.strip() == f"{meta['exercise'] and 'answer_' + meta['exercise'].replace('.', '_')} = ...  # your answer here"


def test_list_answers_appear_nowhere_in_the_student_edition(released):
    _, written = released
    text = "".join(p.read_text(encoding="utf-8") for p in written)
    for ref in REFERENCE.values():
        if isinstance(ref, list):
            assert json.dumps(ref, ensure_ascii=False) not in text
            assert repr(ref) not in text


def test_locked_cells_are_checksummed_and_nbgrader_metadata_kept(released):
    _, written = released
    nb = nbformat.read(written[0], as_version=4)
    locked = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("locked")]
    assert locked and all(len(c.metadata["course"]["checksum"]) == 64 for c in locked)
    assert all(c.metadata["nbgrader"]["schema_version"] == 3 for c in locked)


def test_leak_is_refused_and_nothing_is_written(tmp_path):
    src = tmp_path / "notebooks"
    src.mkdir()
    nb = nbformat.read(ROOT / "notebooks" / "00-start.ipynb", as_version=4)
    answer = next(c for c in nb.cells if c.metadata.get("course", {}).get("role") == "answer")
    answer.source = answer.source.replace("### END SOLUTION", "### END SOLUTON")  # a typo leaves it open
    nbformat.write(nb, src / "00-start.ipynb")
    with pytest.raises(ReleaseError, match="never closed"):
        release(src, tmp_path / "out")
    assert not (tmp_path / "out" / "student").exists()


def test_forbidden_text_and_teacher_cells_are_caught():
    nb = nbformat.read(ROOT / "notebooks" / "01-reading.ipynb", as_version=4)
    student, secrets = student_notebook(nb)
    assert any("De druk wordt opgevoerd* delivers" in s for s in secrets)  # the prose model answer
    student.cells[3].source += "\nanswer_1_1 = ['Rusland', 'China']"
    student.cells[4].metadata["tags"] = ["teacher"]
    leaks = find_leaks(student, ["answer_1_1 = ['Rusland', 'China']"], "01-reading.ipynb")
    assert any("cell 4: contains instructor-only text" in leak for leak in leaks)
    assert any("cell 5: a cell tagged 'teacher'" in leak for leak in leaks)


def test_student_edition_runs_top_to_bottom(released):
    """Like nbval-lax: every released notebook runs without an error."""
    _, written = released
    for path in written:
        nb = nbformat.read(path, as_version=4)
        execute_notebook(nb, ROOT / "notebooks")
        errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
        assert errors == [], path.name
        checks = [c for c in nb.cells if c.metadata.get("course", {}).get("role") == "check"]
        assert all("not answered yet" in c.outputs[0]["data"]["text/plain"] for c in checks)


def test_release_writes_the_student_bundle_next_to_the_notebooks(released):
    from course.authoring.bundle import wheel_name

    out, written = released
    names = {p.name for p in (out / "student").iterdir()}
    assert {p.name for p in written} < names
    assert {"requirements.txt", "environment.yml", "README.md", ".gitignore", wheel_name("0.1.0")} <= names
    assert not any(n.endswith((".whl", ".txt", ".yml", ".md")) for n in {p.name for p in (out / "teacher").iterdir()})


def test_a_wheel_with_teacher_material_is_refused_and_nothing_is_written(tmp_path):
    import shutil

    from course import paths
    from course.authoring.bundle import default_settings

    package = tmp_path / "course"
    shutil.copytree(paths.package_dir(), package, ignore=shutil.ignore_patterns("__pycache__"))
    (package / "tests" / "answers").mkdir(parents=True)
    (package / "tests" / "answers" / "lesson00.py").write_text("REFERENCE = {'0.1': 13}\n", encoding="utf-8")
    settings = default_settings()
    leaky = type(settings)(package, settings.data_root, settings.pyproject, settings.lock)
    with pytest.raises(ReleaseError, match="tests/answers/lesson00.py, which is instructor material"):
        release(ROOT / "notebooks", tmp_path / "out", bundle=leaky)
    assert not (tmp_path / "out" / "student").exists()


def test_course_release_command_names_the_bundle(tmp_path):
    from course.cli import main

    assert main(["release", "--out", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "student" / "README.md").is_file()
