"""Synthetic student submissions: right, wrong and broken (a fault-injection corpus).

Used by ``tests/test_grade.py`` and ``benchmarks/bench_grade.py``. Every kind
of bad submission in ``shared/design/RELIABILITY.md`` has at least one entry
in :data:`FAULTS`, with the status ``course grade`` must give it.
"""

from __future__ import annotations

import copy
import json
import os
import random
from pathlib import Path
from typing import Any, Callable

import nbformat

from .answers import FUNCTIONS, REFERENCE, WRONG

from .paths import ROOT
LESSON = "00-start.ipynb"   # the fault corpus uses the smallest lesson


def student_version(lesson: str = LESSON) -> Any:
    """The student edition of a lesson notebook, as released."""
    from course.authoring.release import student_notebook

    nb, _ = student_notebook(nbformat.read(ROOT / "notebooks" / lesson, as_version=4))
    return nb


def _var(exercise: str) -> str:
    return "answer_" + exercise.replace(".", "_")


def answered(lesson: str = LESSON, answers: dict[str, Any] | None = None, code: dict[str, str] | None = None,
             prose: str | None = "Mijn antwoord: één zin met „aanhalingstekens”.") -> Any:
    """A student notebook with answers filled in.

    Parameters
    ----------
    answers : dict, optional
        exercise id -> value (written as ``answer_X_Y = value``); default the
        reference answers.
    code : dict, optional
        exercise id -> the whole source of the answer cell (overrides ``answers``).
    prose : str or None
        Text for every prose answer (None leaves the stub).
    """
    return fill_answers(student_version(lesson), answers, code, prose)


def fill_answers(nb: Any, answers: dict[str, Any] | None = None, code: dict[str, str] | None = None,
                 prose: str | None = "Mijn antwoord: één zin met „aanhalingstekens”.") -> Any:
    """Fill the answer cells of a student notebook (ours or nbgrader's release) in place; see :func:`answered`."""
    if answers is None:   # the reference answers, functions too
        answers = REFERENCE
        code = {**{ex: f["reference"] for ex, f in FUNCTIONS.items()}, **(code or {})}
    code = code or {}
    for cell in nb.cells:
        meta = cell.metadata.get("course", {})
        ex = meta.get("exercise")
        if meta.get("role") == "answer":
            if ex in code:
                cell.source = code[ex]
            elif ex in answers:
                cell.source = f"{_var(ex)} = {answers[ex]!r}"
        elif meta.get("role") == "prose" and prose is not None:
            cell.source = prose
    return nb


def exercises(lesson: str) -> list[str]:
    """The auto-graded exercise ids of a lesson, in order."""
    nb = nbformat.read(ROOT / "notebooks" / lesson, as_version=4)
    return [c.metadata["course"]["exercise"] for c in nb.cells if c.metadata.get("course", {}).get("role") == "tests"]


def mixed(lesson: str, rng: random.Random, nb: Any = None) -> tuple[Any, set[str]]:
    """A notebook with a random mix of right and wrong answers; returns it and the ids answered right.

    ``nb`` is the student notebook to fill (default: our release of ``lesson``).
    """
    right: set[str] = set()
    answers: dict[str, Any] = {}
    code: dict[str, str] = {}
    for ex in exercises(lesson):
        if ex in FUNCTIONS:   # a function exercise: the reference source or a wrong one
            wrong = FUNCTIONS[ex].get("wrong", [])
            if rng.random() < 0.6 or not wrong:
                code[ex] = FUNCTIONS[ex]["reference"]
                right.add(ex)
            else:
                code[ex] = rng.choice(wrong)[0]
        elif rng.random() < 0.6 or not WRONG.get(ex):
            answers[ex] = REFERENCE[ex]
            right.add(ex)
        else:
            answers[ex] = rng.choice(WRONG[ex])[0]
    base = copy.deepcopy(nb) if nb is not None else student_version(lesson)
    return fill_answers(base, answers, code), right


def _write(nb: Any) -> bytes:
    """The notebook's JSON as it is (``nbformat.writes`` would repair cell ids)."""
    return (json.dumps(nb, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _cells(nb: Any, role: str, exercise: str | None = None) -> list[int]:
    return [i for i, c in enumerate(nb.cells) if c.metadata.get("course", {}).get("role") == role
            and (exercise is None or c.metadata["course"]["exercise"] == exercise)]


# --------------------------------------------------------------------------
# The faults. Each builder returns the bytes of 00-start.ipynb (or None for
# "do not write it") and may add other files to the student's folder.


def _edit_test(nb: Any) -> Any:
    i = _cells(nb, "tests", "0.1")[0]
    nb.cells[i].source = "assert True  # edited by the student"
    return nb


def _delete_test(nb: Any) -> Any:
    del nb.cells[_cells(nb, "tests", "0.2")[0]]
    return nb


def _markdown_test(nb: Any) -> Any:
    i = _cells(nb, "tests", "0.1")[0]
    nb.cells[i] = nbformat.v4.new_markdown_cell(nb.cells[i].source, id=nb.cells[i].id, metadata=nb.cells[i].metadata)
    return nb


def _duplicate_test(nb: Any) -> Any:
    i = _cells(nb, "tests", "0.3")[0]
    copy_ = copy.deepcopy(nb.cells[i])
    copy_.source = "print('All tests passed')"
    copy_.id = "my-copy"
    nb.cells.insert(_cells(nb, "answer", "0.3")[0], copy_)
    return nb


def _ids(nb: Any) -> Any:
    nb.cells[0].id = nb.cells[1].id
    for cell in nb.cells[2:5]:
        del cell["id"]
    return nb


FaultBuilder = Callable[[Path], "bytes | None"]

#: code of answer 0.1 that misbehaves; 0.2 and 0.3 are right, so that a test
#: *after* the fault shows whether "later tests still run".
_BAD_CODE = {
    "loop": "while True:\n    pass",
    "stubborn_loop": ("import time\nwhile True:\n    try:\n        time.sleep(0.05)\n"
                      "    except BaseException:\n        pass"),
    "memory_bomb": "x = bytearray(10 ** 12)",
    "memory_creep": "chunks = []\nwhile True:\n    chunks.append(bytearray(50 * 1024 * 1024))",
    "fork_bomb": "import os\nkids = []\nwhile True:\n    pid = os.fork()\n    if pid == 0:\n        import time\n        time.sleep(30)\n        os._exit(0)\n    kids.append(pid)",
    "os_exit": "import os\nos._exit(0)",
    "self_kill": "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)",
    "sys_exit": "import sys\nsys.exit(1)",
    "print_flood": "for i in range(100_000):\n    print('regel', i)\nanswer_0_1 = 13",
    "long_line": "print('x' * 50_000_000)\nanswer_0_1 = 13",
    "big_image": ("from IPython.display import Image, display\n"
                  "display(Image(data=b'\\x89PNG\\r\\n\\x1a\\n' + bytes(100 * 1024 * 1024), format='png'))\n"
                  "answer_0_1 = 13"),
    "stderr_warning": "import sys, warnings\nwarnings.warn('a stray warning')\nprint('noise', file=sys.stderr)\nanswer_0_1 = 13",
    "monkeypatch": ("import course, course.lesson.checks, builtins\n"
                    "course.check = course.lesson.checks.check = lambda *a, **k: True\n"
                    "course.assert_answer = course.lesson.checks.assert_answer = lambda *a, **k: None\n"
                    "builtins.AssertionError = type('Nope', (Exception,), {})\n"
                    "print('All tests passed')\nanswer_0_1 = 99"),
    "eq_trick": ("class Anything(int):\n    def __eq__(self, other):\n        return True\n"
                 "    __hash__ = int.__hash__\nanswer_0_1 = Anything(99)"),
    "fake_channel": ("import os, json\n"
                     "for fd in range(3, 64):\n"
                     "    try:\n"
                     "        os.write(fd, b'{\"ev\": \"done\"}\\n' + b'garbage\\n' + json.dumps({'ev': 'values', 'step': 99, "
                     "'values': {}}).encode() + b'\\n')\n"
                     "    except OSError:\n        pass\nanswer_0_1 = 99"),
    "fake_files": ("from pathlib import Path\n"
                   "for name in ['grades.csv', '../grades.csv', '../../grades/grades.csv', 'results.json']:\n"
                   "    try:\n        Path(name).write_text('student,points\\nme,100\\n')\n    except OSError:\n        pass\n"
                   "answer_0_1 = 99"),
    "vandal": ("import course, shutil\nfrom pathlib import Path\n"
               "root = Path(course.__file__).resolve().parent.parent\n"
               "for p in [root / 'seeds', root / 'data' / 'glossaries', root / 'notebooks']:\n"
               "    shutil.rmtree(p, ignore_errors=True)\n"
               "for p in (root / 'course' / 'exercises').glob('*.py'):\n"
               "    try:\n        p.write_text('')\n    except OSError:\n        pass\n"
               "answer_0_1 = 13"),
    "numpy_answer": "import numpy as np\nanswer_0_1 = np.int64(13)",
}


def _answer_code(kind: str) -> bytes:
    return _write(answered(LESSON, code={"0.1": _BAD_CODE[kind]}))


def _faults() -> dict[str, tuple[Callable[[Path], bytes | None], str, dict[str, float]]]:
    """name -> (builder(folder) -> notebook bytes or None, expected status, expected points per exercise)."""
    right = {"0.1": 1, "0.2": 1, "0.3": 1}
    later_right = {"0.1": 0, "0.2": 1, "0.3": 1}
    zero = {"0.1": 0, "0.2": 0, "0.3": 0}
    nb_bytes = lambda f: (lambda folder: f(answered()) and _write(f(answered())))  # noqa: E731

    def symlink(folder: Path) -> None:
        target = folder.parent / "elsewhere.ipynb"
        target.write_bytes(_write(answered()))
        os.symlink(target, folder / LESSON)
        return None

    def wrong_name(folder: Path) -> None:
        (folder / "00-start-Copy1.ipynb").write_bytes(_write(answered()))
        return None

    def too_large(folder: Path) -> bytes:
        nb = answered()
        nb.cells[0].source += "\n" + "x" * (3 * 1024 * 1024)
        return _write(nb)

    def latin1(folder: Path) -> bytes:
        return _write(answered()).decode("utf-8").encode("latin-1", errors="replace")

    def v3(folder: Path) -> bytes:
        return json.dumps({"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": [{"cells": []}]}).encode()

    return {
        "right": (lambda f: _write(answered()), "ok", right),
        "wrong": (lambda f: _write(answered(answers={k: WRONG[k][0][0] for k in ("0.1", "0.2", "0.3")})), "ok", zero),
        "unanswered": (lambda f: _write(student_version()), "ok", zero),
        "numpy_answer": (lambda f: _answer_code("numpy_answer"), "ok", right),
        "invalid_json": (lambda f: _write(answered())[:-200], "parse_error", zero),
        "empty_file": (lambda f: b"", "parse_error", zero),
        "json_list": (lambda f: b"[1, 2, 3]", "schema_error", zero),
        "no_nbformat": (lambda f: b'{"cells": []}', "schema_error", zero),
        "bad_cell_type": (lambda f: _write(answered()).replace(b'"cell_type": "markdown"', b'"cell_type": "poem"', 1),
                          "schema_error", zero),
        "nbformat_3": (v3, "unsupported_version", zero),
        "nbformat_99": (lambda f: _write(answered()).replace(b'"nbformat": 4', b'"nbformat": 99'), "unsupported_version", zero),
        "latin1": (latin1, "encoding_error", zero),
        "utf16": (lambda f: _write(answered()).decode("utf-8").encode("utf-16"), "encoding_error", zero),
        "too_large": (too_large, "too_large", zero),
        "missing": (lambda f: None, "missing", zero),
        "wrong_name": (wrong_name, "missing", zero),
        "symlink": (symlink, "rejected", zero),
        "test_edited": (nb_bytes(_edit_test), "ok", right),
        "test_edited_wrong": (lambda f: _write(_edit_test(answered(answers={"0.1": 7, "0.2": "Rome", "0.3": REFERENCE["0.3"]}))),
                              "ok", {"0.1": 0, "0.2": 1, "0.3": 1}),
        "test_deleted": (nb_bytes(_delete_test), "ok", right),
        "test_markdown": (nb_bytes(_markdown_test), "ok", right),
        "test_duplicated": (lambda f: _write(_duplicate_test(answered(answers={"0.1": 13, "0.2": "Rome", "0.3": []}))),
                            "ok", {"0.1": 1, "0.2": 1, "0.3": 0}),
        "cell_ids": (nb_bytes(_ids), "ok", right),
        "loop": (lambda f: _answer_code("loop"), "timeout", later_right),
        "stubborn_loop": (lambda f: _answer_code("stubborn_loop"), "timeout", later_right),
        "memory_bomb": (lambda f: _answer_code("memory_bomb"), "resource_limit", later_right),
        "memory_creep": (lambda f: _answer_code("memory_creep"), "resource_limit", later_right),
        "fork_bomb": (lambda f: _answer_code("fork_bomb"), "resource_limit", later_right),
        "os_exit": (lambda f: _answer_code("os_exit"), "kernel_died", zero),
        "self_kill": (lambda f: _answer_code("self_kill"), "kernel_died", zero),
        "sys_exit": (lambda f: _answer_code("sys_exit"), "ok", later_right),
        "print_flood": (lambda f: _answer_code("print_flood"), "ok", right),
        "long_line": (lambda f: _answer_code("long_line"), "ok", right),
        "big_image": (lambda f: _answer_code("big_image"), "ok", right),
        "stderr_warning": (lambda f: _answer_code("stderr_warning"), "ok", right),
        "monkeypatch": (lambda f: _answer_code("monkeypatch"), "ok", later_right),
        "eq_trick": (lambda f: _answer_code("eq_trick"), "ok", later_right),
        "fake_channel": (lambda f: _answer_code("fake_channel"), "protocol_error", zero),
        "fake_files": (lambda f: _answer_code("fake_files"), "ok", later_right),
        "vandal": (lambda f: _answer_code("vandal"), "ok", right),
    }


FAULTS = _faults()


def make_fault_corpus(dest: Path, only: list[str] | None = None) -> dict[str, tuple[str, dict[str, float]]]:
    """Write one student folder per fault into ``dest``.

    Returns
    -------
    dict
        student id (the fault's name) -> (expected status, expected points per exercise).
    """
    expected = {}
    for name, (build, status, points) in FAULTS.items():
        if only and name not in only:
            continue
        folder = dest / name
        folder.mkdir(parents=True)
        data = build(folder)
        if data is not None:
            (folder / LESSON).write_bytes(data)
        expected[name] = (status, points)
    return expected
