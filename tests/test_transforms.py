"""course.authoring.transforms: one chain from instructor notebook to student edition and handout."""

from __future__ import annotations

import nbformat
import pytest

from course.authoring import handouts, release, transforms
from course.authoring.transforms import (HIDDEN, SOLUTION, STUDENT_CHAIN, ReleaseError, apply, handout_chain,
                                         strip_region, student_notebook)
from course.grading import lessons

from helpers.paths import ROOT


def _lesson():
    return nbformat.read(ROOT / "notebooks" / "01-reading.ipynb", as_version=4)


def test_strict_strip_refuses_an_open_region_and_lenient_drops_the_rest():
    text = "keep\n### BEGIN SOLUTION\nsecret"
    with pytest.raises(ReleaseError, match="never closed"):
        strip_region(text, *SOLUTION)
    assert strip_region(text, *SOLUTION, strict=False) == ("keep", ["secret"])


def test_the_chain_runs_in_order_on_a_copy():
    nb = _lesson()
    before = nbformat.writes(nb)
    out, secrets = apply(nb, STUDENT_CHAIN)
    assert nbformat.writes(nb) == before, "apply changed the instructor notebook"
    text = "\n".join(c.source for c in out.cells)
    assert SOLUTION[0] not in text and HIDDEN[0] not in text and secrets
    assert not any(c.get("outputs") for c in out.cells)


def test_release_handouts_and_grading_share_one_student_edition():
    """The same function object, so the three tools cannot disagree on what is secret."""
    assert release.student_notebook is transforms.student_notebook
    assert lessons.load_lesson.__module__ == "course.grading.lessons"
    student, _ = student_notebook(_lesson())
    lesson = lessons.load_lesson(ROOT / "notebooks" / "01-reading.ipynb")
    released = [c.source for c in student.cells if c.metadata.get("nbgrader", {}).get("grade_id")]
    assert sorted(lesson.released.values()) == sorted(released)


def test_the_student_handout_starts_from_the_student_edition():
    nb = _lesson()
    page_nb, secrets = handouts.handout_notebook(nb, "student")
    student, student_secrets = student_notebook(nb)
    assert secrets == student_secrets
    roles = {transforms.role_of(c) for c in page_nb.cells}
    assert not roles & set(transforms.PAPER_LEFT_OUT)
    assert any(c.get("outputs") for c in page_nb.cells), "worked examples lost their outputs"
    assert len(handout_chain(nb, "student")) == 4 and len(handout_chain(nb, "teacher")) == 3
