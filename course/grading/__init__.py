"""Safe, fast batch autograding of student notebooks (``course grade``).

Usage::

    course grade SUBMISSIONS [--out grades/] [-j N] [--no-sandbox] [--roster R --lms canvas|moodle|brightspace]
                 [--deadline [NB=]TIME --extensions CSV --late-penalty PCT] [--student ID] [--shard K/N]
    course grade merge OUT/shard-* --out OUT
    course grade --merge-manual SHEET [--out grades/]

One module per step of the pipeline (see :mod:`course.grading.batch`):
:mod:`~course.grading.intake` (submissions and ids), :mod:`~course.grading.lessons`
(instructor notebooks, in the grader only), :mod:`~course.grading.plan`
(what runs), :mod:`~course.grading.sandbox` and :mod:`~course.grading.runner`
(bubblewrap, cgroups, the worker pool), :mod:`~course.grading.worker` (the
only code that runs student code, inside the sandbox),
:mod:`~course.grading.protocol` (the untrusted result channel),
:mod:`~course.grading.evaluate` (hidden tests, in the grader),
:mod:`~course.grading.late` (deadlines), :mod:`~course.grading.report`,
:mod:`~course.grading.manual`, :mod:`~course.grading.classreport` and
:mod:`~course.grading.lms` (outputs, LMS files and bulk-download intake),
:mod:`~course.grading.shard` (a class split across machines).
Settings travel in one :class:`GradeContext`.

Threat model
------------
A submission is hostile code. It may try to read answers (instructor
notebooks, hidden tests, model answers, classmates' work) from disk or from
its own memory; forge or flood the result channel; outlive its run (daemons,
files in ``/tmp``), change the course or the outputs; exhaust memory,
processes, disk or time; attack the teacher through its outputs (formulas in
CSV cells, HTML in pages) or the intake (zip tricks, look-alike ids).
What holds, and how:

- the worker's file view (bubblewrap) holds only the Python installation,
  the course package, ``data/`` and ``seeds/``, read-only, and private
  in-memory ``/tmp``, ``/dev/shm``, work and home folders; no network, no
  host processes, no host sockets;
- the worker is forked from a zygote that imported the course and ran only
  public material (the seed article, the student edition of the lessons): it never had an instructor notebook, a hidden
  test or another submission in its memory; a child reads its own job;
- hidden tests run in the grader on plain data; every message is capped and
  validated, and a bad one fails that submission alone (``protocol_error``);
- a function exercise's held-back cases are read in the grader from the
  instructor notebook; the worker's job holds none of them. When the run
  reaches the test, the worker asks for the inputs (once, and only then: a
  request from an earlier cell is a protocol error), calls the student's
  function under the cell time limit and returns what it gave as plain
  data; the expected values never leave the grader;
- every process of a submission is killed when it ends; its folders are
  emptied; its memory and process count are limited per submission by a
  cgroup where the machine has them;
- CSV cells are neutralised, pages autoescaped, ids NFC-normalised and
  checked, zips checked entry by entry.

Limits that remain are listed in the README ("How it stays safe").
"""

from __future__ import annotations

from .batch import grade_batch
from .context import NOT_RUN, STATUSES, GradeContext, GradeError, Limits
from .evaluate import ExerciseResult, NotebookGrade, evaluate
from .intake import read_submission
from .lessons import Lesson, load_lesson, prepare
from .manual import ManualSheetError, merge_manual, read_manual_sheet
from .plan import build_plan
from .protocol import ProtocolError, decode_value, encode_value, parse_message
from .report import feedback_page, summary, to_csv, write_outputs

__all__ = ["NOT_RUN", "STATUSES", "ExerciseResult", "GradeContext", "GradeError", "Lesson", "Limits",
           "ManualSheetError", "NotebookGrade", "ProtocolError", "build_plan", "decode_value", "encode_value",
           "evaluate", "feedback_page", "grade_batch", "load_lesson", "merge_manual", "parse_message", "prepare",
           "read_manual_sheet", "read_submission", "summary", "to_csv", "write_outputs"]
