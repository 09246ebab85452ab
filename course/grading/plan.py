"""The plan: how one submission runs, merged into its lesson's skeleton.

The instructor notebook is the skeleton; cells are matched by nbgrader
``grade_id``, then by cell id (see :func:`build_plan`). A plan holds only
material the student has: the student's own cells, the stubs and worked
examples of the student edition, and the *names* of the variables each test
reads. Hidden tests stay in the grader (:mod:`course.grading.evaluate`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from .lessons import Lesson, cell_meta, cell_source

_ANSWER_STUB = "YOUR ANSWER HERE"


@dataclass
class Step:
    """One step of a grading run.

    Attributes
    ----------
    kind : str
        ``"code"`` (run it) or ``"harvest"`` (report answer values).
    source : str
        Code to run (code steps).
    origin : str
        ``"student"``, ``"student-extra"``, ``"lesson"`` (the instructor's
        cell) or ``"stub"``.
    label : str
        Where the step comes from, for feedback (``"answer 1.2"``).
    names : tuple of str
        Variables to report (harvest steps).
    exercise : str
        Exercise id (harvest steps).
    call : str
        For the harvest of a function exercise: the student's function,
        which the worker calls on ``inputs``.
    inputs : tuple of tuple
        The held-back cases' arguments. Not part of the job: the grader
        sends them when the worker reaches this step (:func:`job_inputs`).
    """

    kind: str
    source: str = ""
    origin: str = "lesson"
    label: str = ""
    names: tuple[str, ...] = ()
    exercise: str = ""
    call: str = ""
    inputs: tuple = ()


@dataclass
class Plan:
    """How one submission will be run, and what was noticed on the way."""

    steps: list[Step]
    tampering: list[str]
    notes: list[str]
    prose: dict[str, str]   # exercise id -> the student's answer text ('' = none)


def _strip_solution(text: str) -> str:
    """A prose answer without the stub line (and any solution region left in)."""
    from ..authoring.transforms import SOLUTION, strip_region

    text = strip_region(text, *SOLUTION, strict=False)[0]
    lines = [ln for ln in text.split("\n") if ln.strip() != _ANSWER_STUB]
    return "\n".join(lines).strip()


def build_plan(lesson: Lesson, nb: dict) -> Plan:
    """Merge a student's notebook into the lesson's skeleton (see the module docstring).

    Parameters
    ----------
    lesson : Lesson
        The instructor notebook.
    nb : dict
        The student's notebook (already checked by :func:`read_submission`).

    Returns
    -------
    Plan
    """
    tampering: list[str] = []
    notes: list[str] = []
    cells = nb["cells"]
    ids = [c.get("id") for c in cells]
    n_missing_ids = sum(1 for i in ids if not isinstance(i, str) or not i)
    if n_missing_ids and nb.get("nbformat_minor", 0) >= 5:
        notes.append(f"{n_missing_ids} cell(s) have no id (not repaired; matched by grade_id)")
    for cid, n in Counter(i for i in ids if isinstance(i, str) and i).items():
        if n > 1:
            notes.append(f"cell id {cid!r} appears {n} times (not repaired; the first is used)")

    by_gid: dict[str, list[int]] = defaultdict(list)
    by_id: dict[str, int] = {}
    for k, cell in enumerate(cells):
        gid = cell_meta(cell)[1].get("grade_id")
        if isinstance(gid, str) and gid:
            by_gid[gid].append(k)
        cid = cell.get("id")
        if isinstance(cid, str) and cid and cid not in by_id:
            by_id[cid] = k

    # Which student cell stands for which lesson cell.
    anchor: dict[int, int] = {}        # lesson index -> student index
    taken: set[int] = set()
    for li, lcell in enumerate(lesson.nb["cells"]):
        gid = cell_meta(lcell)[1].get("grade_id")
        found = None
        if gid and by_gid.get(gid):
            found = by_gid[gid][0]
            if len(by_gid[gid]) > 1:
                (tampering if cell_meta(lcell)[1].get("locked") else notes).append(
                    f"{gid} appears {len(by_gid[gid])} times; only the first is used")
                taken.update(by_gid[gid])
        elif lcell.get("id") in by_id and (not gid or not cell_meta(cells[by_id[lcell["id"]]])[1].get("grade_id")):
            found = by_id[lcell["id"]]
            if gid:
                notes.append(f"{gid} found by its cell id; its nbgrader metadata is missing")
        if found is not None and found not in taken | set(anchor.values()):
            anchor[li] = found
            taken.add(found)
        elif found is not None and found in anchor.values():
            pass

    # The student's own extra code cells, after the anchored cell before them.
    reverse = {s: li for li, s in anchor.items()}
    extras: dict[int, list[int]] = defaultdict(list)
    last = -1
    for k, cell in enumerate(cells):
        if k in reverse:
            last = reverse[k]
        elif k not in taken and cell.get("cell_type") == "code" and cell_source(cell).strip():
            extras[last].append(k)
    n_extra = sum(len(v) for v in extras.values())
    if n_extra:
        notes.append(f"{n_extra} extra code cell(s) of the student's own were run")

    steps: list[Step] = [Step("code", cell_source(cells[k]), "student-extra", "your own cell") for k in extras.get(-1, [])]
    prose: dict[str, str] = {}
    for li, lcell in enumerate(lesson.nb["cells"]):
        role, nbg, crs = cell_meta(lcell)
        gid = nbg.get("grade_id", "")
        ex = str(crs.get("exercise", ""))
        s = anchor.get(li)
        scell = cells[s] if s is not None else None
        if role == "answer":
            if scell is None:
                notes.append(f"answer cell of {ex} is missing; its empty stub was run")
                steps.append(Step("code", lesson.released.get(gid, ""), "stub", f"answer {ex}"))
            elif scell.get("cell_type") != "code":
                tampering.append(f"the answer cell of {ex} was turned into {scell.get('cell_type')}; its empty stub was run")
                steps.append(Step("code", lesson.released.get(gid, ""), "stub", f"answer {ex}"))
            else:
                steps.append(Step("code", cell_source(scell), "student", f"answer {ex}"))
        elif role == "prose":
            prose[ex] = _strip_solution(cell_source(scell)) if scell is not None else ""
            if scell is None:
                notes.append(f"the prose answer cell of {ex} is missing")
        elif role in ("tests", "check"):
            expected = lesson.accepted.get(gid)
            if scell is None:
                if role == "tests":
                    tampering.append(f"the test cell of {ex} was deleted (the lesson's test was used)")
            elif scell.get("cell_type") != "code":
                tampering.append(f"the {role} cell of {ex} was turned into {scell.get('cell_type')} (the lesson's was used)")
            elif expected is not None and cell_source(scell).strip() not in expected:
                tampering.append(f"the {role} cell of {ex} was edited (the lesson's was used)")
            if role == "tests":
                test = next(e for e in lesson.exercises if e.grade_id == gid)
                steps.append(Step("harvest", names=test.student_names, exercise=ex, label=f"test {ex}",
                                  call=test.function, inputs=tuple(tuple(c.args) for c in test.cases)))
        elif lcell.get("cell_type") == "code" and "teacher" not in lcell.get("metadata", {}).get("tags", []):
            if scell is not None and scell.get("cell_type") == "code":
                steps.append(Step("code", cell_source(scell), "student", f"cell {li + 1}"))
            elif lcell.get("id") in lesson.student_cells:
                # the student deleted a worked example: run the student edition's version of it
                steps.append(Step("code", lesson.student_cells[lcell["id"]], "lesson", f"cell {li + 1}"))
        for k in extras.get(li, []):
            steps.append(Step("code", cell_source(cells[k]), "student-extra", "your own cell"))
    return Plan(steps, tampering, notes, prose)


def instructor_plan(lesson: Lesson) -> list[Step]:
    """The instructor notebook as a plan: every code cell, tests as harvests of their context."""
    steps = []
    for cell in lesson.nb["cells"]:
        role, nbg, crs = cell_meta(cell)
        if cell.get("cell_type") != "code" or role == "check":
            continue
        if role == "tests":
            ex = next(e for e in lesson.exercises if e.grade_id == nbg["grade_id"])
            steps.append(Step("harvest", names=ex.context_names + ex.student_names, exercise=ex.id, label=nbg["grade_id"]))
        else:
            steps.append(Step("code", cell.source, "lesson", role or "cell"))
    return steps


def job_steps(plan: Plan) -> list[dict]:
    """The plan's steps as the plain data a worker receives (code, names, function names; no test input)."""
    out = []
    for s in plan.steps:
        if s.kind == "code":
            out.append({"kind": "code", "source": s.source, "label": s.label})
        else:
            out.append({"kind": "harvest", "names": list(s.names), "label": s.label, **({"call": s.call} if s.call
                                                                                         else {})})
    return out


def job_inputs(plan: Plan) -> dict[int, list[list]]:
    """Step number -> the arguments of each held-back case, for the steps that call a student's function.

    The runner keeps these and sends a step's inputs only when the worker
    reaches that step (see :mod:`course.grading.worker`).
    """
    return {i: [list(args) for args in s.inputs] for i, s in enumerate(plan.steps) if s.kind == "harvest" and s.call}
