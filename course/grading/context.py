"""Settings of one grading batch, passed explicitly through every step.

:class:`Limits` holds what one submission may use; :class:`GradeContext`
holds everything else a batch needs to know (where the instructor notebooks
and the course are, how submissions are isolated, the batch's private temp
folder and id). Nothing in :mod:`course.grading` reads a module global: each
step takes the context it needs as an argument.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..paths import notebooks_dir, project_root

if TYPE_CHECKING:  # pragma: no cover
    from datetime import datetime

    from .late import LatePolicy
    from .lms import Roster
    from .shard import Shard


#: Status of one student x notebook row.
STATUSES = (
    "ok",                   # ran; every test was evaluated (some may fail)
    "timeout",              # a cell or the submission hit its time limit
    "resource_limit",       # memory, processes, file size or CPU limit
    "kernel_died",          # the process running the notebook died
    "protocol_error",       # the notebook wrote something unreadable on the result channel
    "parse_error",          # not JSON, or empty
    "schema_error",         # JSON, but not a notebook we can read
    "unsupported_version",  # nbformat other than 4
    "encoding_error",       # not UTF-8 (Latin-1, UTF-16 ...)
    "too_large",            # bigger than --max-notebook-mb
    "missing",              # the student did not hand this notebook in
    "rejected",             # an unsafe zip entry, symlink or student id
)
#: Statuses for which the notebook never ran.
NOT_RUN = ("parse_error", "schema_error", "unsupported_version", "encoding_error", "too_large", "missing", "rejected")


class GradeError(RuntimeError):
    """The batch cannot start (bad arguments, unreadable lesson, no sandbox, broken zip)."""


@dataclass(frozen=True)
class Limits:
    """Resource limits for one submission (all its processes together).

    Attributes
    ----------
    cell_timeout : float
        Seconds one cell may run before it is interrupted.
    timeout : float
        Seconds a whole submission may run.
    memory_mb : int
        Memory all processes of the submission may use together (a cgroup
        limit where the machine has one; otherwise each process's address
        space above what it inherits, plus the grader's accounting of the
        submission's processes).
    max_output : int
        Characters of output kept per cell.
    max_notebook_mb : float
        Largest notebook file read.
    processes : int
        Processes (and threads) the submission may have at once.
    file_size_mb : int
        Largest file the submission may write (its private ``/tmp`` and
        work folder are limited to ``tmp_mb`` in all).
    tmp_mb : int
        Size of each of the submission's private in-memory folders.
    max_files_mb : float
        Largest total of a student's other files (next to the notebook) sent
        into the sandbox.
    """

    cell_timeout: float = 30.0
    timeout: float = 300.0
    memory_mb: int = 2048
    max_output: int = 20_000
    max_notebook_mb: float = 20.0
    processes: int = 64
    file_size_mb: int = 64
    tmp_mb: int = 256
    max_files_mb: float = 20.0


@dataclass
class GradeContext:
    """Everything a batch's steps need, in one object.

    Attributes
    ----------
    limits : Limits
    notebooks_dir : Path
        The instructor notebooks (``notebooks/``): read by the grader only,
        never visible to a worker.
    course_root : Path
        The project folder; workers see only ``course/``, ``data/`` and
        ``seeds/`` of it, read-only.
    sandbox : bool
        Run every submission under bubblewrap (the default). False is
        ``--no-sandbox``: for trusted code only.
    workers : int
        Submissions graded at a time (one sandboxed worker each).
    batch_id : str
        Random id of this batch: names its cgroups, so that any number of
        graders can run on one machine.
    tmp : Path or None
        The batch's private temp folder (mode 0700), set by the batch.
    progress : bool
        Draw a progress bar on stderr.
    cgroups : bool
        Limit each submission through a cgroup where the machine allows it
        (False forces the fallback: per-process limits plus the runner's
        accounting; used by the tests of that path).
    shard : Shard or None
        ``--shard K/N``: grade only that share of the class
        (:mod:`course.grading.shard`); None grades everyone.
    roster : Roster or None
        ``--roster``: the class list (:mod:`course.grading.lms`); it matches
        an LMS download to students and makes absent students ``missing``.
    late : LatePolicy or None
        Deadlines, extensions and penalty (:mod:`course.grading.late`).
    timestamps : dict or None
        ``--timestamps``: (student, notebook or ``*``) -> submission time.
    """

    limits: Limits = field(default_factory=Limits)
    notebooks_dir: Path = field(default_factory=notebooks_dir)
    course_root: Path = field(default_factory=project_root)
    sandbox: bool = True
    workers: int = 2
    batch_id: str = field(default_factory=lambda: secrets.token_hex(6))
    tmp: Path | None = None
    progress: bool = False
    cgroups: bool = True
    shard: Shard | None = None
    roster: Roster | None = None
    late: LatePolicy | None = None
    timestamps: dict[tuple[str, str], datetime] | None = None
