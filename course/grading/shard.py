"""Grading a class in shards on an existing job engine, and merging the shards.

``course grade SUBMISSIONS --shard K/N --out OUT/shard-K`` grades one share of
the students; ``course grade merge OUT/shard-* --out OUT`` turns the shards
into exactly the outputs one unsharded ``course grade SUBMISSIONS --out OUT``
would write. We write no scheduler: Slurm job arrays, Kubernetes Indexed Jobs
and CI matrices run the shards (``deploy/``).

Decisions
---------
- Shards are numbered from 0 (``0/N`` .. ``N-1/N``), like Slurm's
  ``SLURM_ARRAY_TASK_ID`` with ``--array=0-(N-1)`` and Kubernetes'
  ``JOB_COMPLETION_INDEX``.
- The share: the student ids as written in the outputs (NFC-normalised,
  checked and de-duplicated by :func:`~course.grading.intake.find_students`)
  are sorted by code point and dealt round-robin, so shard ``K`` grades the
  ids at positions ``K, K+N, K+2N ...``. Shares differ by at most one student,
  depend neither on the file system's
  order nor on the machine, and are the same at every re-run. A student added
  or removed changes most shares; that is a different class (below), so
  shards of the old and the new class cannot be mixed.
- Everything that depends on the whole class is computed from the full
  listing in every shard, before the share is taken: which lessons are
  graded (each one someone handed in) and which are expected of everyone
  (most of the class handed them in), the roster's absent students,
  look-alike ids, the notes about the listing. Every shard therefore gives
  a student the same rows an unsharded run gives them.
- Batch notes: those about the whole listing are recorded at the share
  (``class_notes``) and written once; a note about one student
  (``"ID: ..."``) is put in that student's place in the class order; other
  notes (the sandbox's) follow, each once.
- The class a shard came from is a SHA-256 digest of every student's id,
  rejection reason and file listing (names and sizes: cheap to compute in
  every shard) and of the name and bytes of every graded instructor
  notebook. The version of the course that graded (a digest of its
  ``course/``, ``data/`` and ``seeds/``: feedback messages and tests come
  from there) must also be the same in every shard. Each shard writes
  ``shard.json`` (its ``K/N``, the digests, the class's ids in class order,
  the lessons, the limits, its number of rows) *last*, after its outputs,
  and removes an old one first: a folder without it is an unfinished shard.
- Sizes of shares (students, not notebooks) are balanced; a share's rows
  vary with what its students handed in. Rejected and absent students cost
  nothing to grade, so a shard of them finishes early.
- A merge checks before it writes anything: every shard finished, each
  ``K`` of ``0..N-1`` exactly once, one class, one set of settings (limits,
  sandbox, roster, late policy, LMS files), each shard's rows only of its
  share and as many as it recorded, and the instructor notebooks unchanged
  since. Any failure is one line naming the shard. The merged outputs are
  rendered by :func:`~course.grading.report.write_outputs` from the rows of
  all shards, as an unsharded run renders them. (Run times per row are kept
  as the shards measured them; they differ between any two runs.)
- The merge is atomic: the outputs are written to a fresh folder beside
  ``OUT`` (``.OUT.merge-*``), with ``OUT/manual_points.csv`` carried over so
  that manual points are kept (and applied, as a re-grade does); that
  folder is then swapped with ``OUT`` in one ``renameat2(RENAME_EXCHANGE)``
  (two renames where the kernel lacks it). Whatever else ``OUT`` held (the
  shard folders themselves, files of the teacher) is moved into the new
  ``OUT`` afterwards; only the old copies of the files the merge wrote are
  deleted. Should the machine stop between the swap and that move, the
  rest is in the ``.OUT.merge-*`` folder beside ``OUT``.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import dataclasses
import hashlib
import json
import os
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .context import GradeContext, GradeError

if TYPE_CHECKING:  # pragma: no cover
    from .batch import Collected
    from .evaluate import NotebookGrade
    from .intake import Student
    from .report import ReportSettings

#: The file a finished shard writes last.
SHARD_FILE = "shard.json"
#: Version of :data:`SHARD_FILE`'s layout.
FORMAT = 1
#: The parts of the course a grade depends on (:func:`code_digest`).
CODE_PARTS = ("course", "data", "seeds")
#: Kept from the old output folder and applied: manual points already merged.
CARRIED = ("manual_points.csv",)


class ShardError(GradeError):
    """A shard is missing, duplicated, unfinished, foreign or inconsistent (the message names it)."""


@dataclass(frozen=True)
class ShardSpec:
    """Which share of the class to grade: shard ``index`` of ``count`` (0-based)."""

    index: int
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def parse_shard(text: str) -> ShardSpec:
    """Read ``K/N`` (0 <= K < N).

    Raises
    ------
    GradeError
        When it is not two whole numbers or K is out of range.
    """
    try:
        k, n = (int(p) for p in text.strip().split("/"))
    except ValueError:
        raise GradeError(f"--shard {text!r}: give K/N with whole numbers, e.g. 0/4 (shards are numbered 0..N-1)") \
            from None
    if n < 1 or not 0 <= k < n:
        raise GradeError(f"--shard {text}: K must be 0..{max(n, 1) - 1} for N={n} (shards are numbered from 0)")
    return ShardSpec(k, n)


def share(ids: list[str], spec: ShardSpec) -> list[str]:
    """The ids shard ``spec`` grades: sorted by code point, dealt round-robin."""
    return sorted(ids)[spec.index::spec.count]


def _listing(student: Student) -> list[list[Any]]:
    """A student folder's entries as [name, size] (size -1 for a folder), sorted; empty when rejected."""
    if student.problem:
        return []
    out = []
    for entry in student.folder.iterdir():
        info = entry.lstat()
        out.append([entry.name, info.st_size if entry.is_file() and not entry.is_symlink() else -1])
    return sorted(out)


def lesson_digests(notebooks_dir: Path, lessons: list[str]) -> dict[str, str]:
    """SHA-256 of each instructor notebook's bytes."""
    return {n: hashlib.sha256((Path(notebooks_dir) / n).read_bytes()).hexdigest() for n in lessons}


def class_digest(students: list[Student], lessons: dict[str, str]) -> str:
    """The identity of a class: its students (id, problem, file listing) and its lessons (name, digest)."""
    data = {"format": FORMAT,
            "students": sorted([s.id, s.problem, _listing(s)] for s in students),
            "lessons": sorted(lessons.items())}
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def code_digest(course_root: Path) -> str:
    """SHA-256 of the course's code, data and seeds: what feedback and tests depend on besides the lessons."""
    h = hashlib.sha256()
    for part in CODE_PARTS:
        for p in sorted((Path(course_root) / part).rglob("*")):
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc":
                h.update(p.relative_to(course_root).as_posix().encode("utf-8", "surrogateescape") + b"\0")
                h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def settings_of(ctx: GradeContext) -> dict[str, Any]:
    """What a grade depends on besides the class: the limits and whether the sandbox was on."""
    return {"limits": dataclasses.asdict(ctx.limits), "sandbox": ctx.sandbox}


@dataclass
class Shard:
    """The ``--shard`` of a batch (:attr:`GradeContext.shard`).

    :meth:`select` is called by :func:`~course.grading.batch.grade_batch` with
    the whole class, after everything class-wide has been decided; it keeps
    the share and fills :attr:`manifest`, which :func:`write_manifest`
    writes after the outputs.
    """

    spec: ShardSpec
    manifest: dict[str, Any] = field(default_factory=dict)

    def select(self, collected: Collected, wanted: list[str], ctx: GradeContext) -> Collected:
        """Keep this shard's share of ``collected`` (the whole class); record the class in :attr:`manifest`."""
        ids = [s.id for s in collected.students]
        digests = lesson_digests(ctx.notebooks_dir, wanted)
        mine = set(share(ids, self.spec))
        self.manifest = {"format": FORMAT, "shard": self.spec.index, "of": self.spec.count,
                         "class": class_digest(collected.students, digests), "students": ids,
                         "lessons": list(wanted), "lesson_digests": digests, "settings": settings_of(ctx),
                         "code": code_digest(ctx.course_root),
                         "class_notes": list(collected.notes)}
        return dataclasses.replace(collected, students=[s for s in collected.students if s.id in mine])


def begin_shard(out: Path) -> None:
    """Before a shard grades: remove an old ``shard.json``, so a failed re-run is not taken for finished."""
    (Path(out) / SHARD_FILE).unlink(missing_ok=True)


def write_manifest(out: Path, shard: Shard, rows: int | None = None) -> Path:
    """Write ``shard.json`` (after every other output: it marks the shard finished); ``rows`` graded."""
    from .report import atomic_write

    path = Path(out) / SHARD_FILE
    manifest = dict(shard.manifest, rows=rows)
    atomic_write(path, json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    return path


# --------------------------------------------------------------------------
# Merging


@dataclass
class ReadShard:
    """One shard folder as read back."""

    path: Path
    manifest: dict[str, Any]
    grades: list[NotebookGrade]
    notes: list[str]
    report: ReportSettings


def read_shard(path: Path) -> ReadShard:
    """Read a shard folder's ``shard.json`` and ``results.json``.

    Raises
    ------
    ShardError
        Naming the folder: not a folder, unfinished (no ``shard.json``), unreadable.
    """
    from .report import read_results_full

    path = Path(path)
    if not path.is_dir():
        raise ShardError(f"{path}: no such shard folder")
    try:
        manifest = json.loads((path / SHARD_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ShardError(f"{path}: not a finished shard (no {SHARD_FILE}; did its job fail or is it still "
                         "running?); grade it again with the same --shard K/N") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ShardError(f"{path / SHARD_FILE}: unreadable ({exc})") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ShardError(f"{path / SHARD_FILE}: not a shard file of this version of course grade")
    try:
        grades, notes, report = read_results_full(path / "results.json")
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise ShardError(f"{path / 'results.json'}: unreadable ({exc})") from exc
    return ReadShard(path, manifest, grades, notes, report)


def check_shards(shards: list[ReadShard], notebooks_dir: Path) -> list[ReadShard]:
    """Check that ``shards`` are exactly the N shards of one class; return them ordered by K.

    Raises
    ------
    ShardError
        Naming the shard: foreign (another class, other settings, another N),
        duplicated, missing, or not holding exactly its share.
    """
    if not shards:
        raise ShardError("no shard folders given")
    common = Counter(s.manifest.get("class") for s in shards).most_common(1)[0][0]
    ref = min((s for s in shards if s.manifest.get("class") == common), key=lambda s: s.manifest.get("shard", 0))
    for s in shards:
        if s.manifest.get("class") != common:
            raise ShardError(f"{s.path}: from another class than {ref.path} (its students, their files or the "
                             "lessons differ); grade every shard from the same submissions")
        for key, what in (("of", "number of shards"), ("settings", "limits or sandbox setting"),
                          ("lessons", "lessons"), ("code", "version of the course (its code, data or seeds)")):
            if s.manifest.get(key) != ref.manifest.get(key):
                raise ShardError(f"{s.path}: graded with another {what} than {ref.path} "
                                 f"({s.manifest.get(key)!r} vs {ref.manifest.get(key)!r})")
        if s.report.to_dict() != ref.report.to_dict():
            raise ShardError(f"{s.path}: graded with another roster, late policy or LMS files than {ref.path}")
    n = ref.manifest["of"]
    by_index: dict[int, list[ReadShard]] = {}
    for s in shards:
        by_index.setdefault(s.manifest["shard"], []).append(s)
    for k, group in sorted(by_index.items()):
        if len(group) > 1:
            raise ShardError(f"shard {k}/{n} given twice: {', '.join(str(s.path) for s in group)}")
    missing = [k for k in range(n) if k not in by_index]
    if missing:
        parent = ref.path.parent
        raise ShardError("missing shard(s) " + ", ".join(f"{k}/{n} (e.g. {parent / f'shard-{k}'})" for k in missing)
                         + f": all {n} shards are needed")
    ids = ref.manifest["students"]
    lessons = ref.manifest["lessons"]
    for k, (s,) in sorted(by_index.items()):
        mine = set(share(ids, ShardSpec(k, n)))
        keys = [(g.student, g.notebook) for g in s.grades]
        wrong = sorted({i for i, nb in keys if i not in mine or nb not in lessons})
        if wrong or len(set(keys)) != len(keys) or len(keys) != s.manifest.get("rows", len(keys)):
            raise ShardError(f"{s.path}: its results.json does not hold its share of the class "
                             f"({len(keys)} rows, {s.manifest.get('rows')} recorded"
                             + (f", rows of {', '.join(wrong[:3])}" if wrong else "")
                             + f"); grade it again with --shard {k}/{n}")
    now = lesson_digests(notebooks_dir, lessons) if all((Path(notebooks_dir) / x).exists() for x in lessons) else {}
    changed = [x for x in lessons if now.get(x) != ref.manifest["lesson_digests"].get(x)]
    if changed:
        raise ShardError(f"the instructor notebook(s) {', '.join(changed)} in {notebooks_dir} changed (or are "
                         "missing) since the shards were graded; grade the shards again")
    return [by_index[k][0] for k in range(n)]


def _owner(note: str, ids: list[str]) -> str | None:
    """The student a note is about (it starts with ``"ID: "``; the longest such id), or None."""
    found = [i for i in ids if note.startswith(i + ": ")]
    return max(found, key=len) if found else None


def merged_notes(shards: list[ReadShard]) -> list[str]:
    """The batch notes of one unsharded run: about the listing, per student in class order, then the rest."""
    head = list(shards[0].manifest.get("class_notes", []))
    place = {sid: i for i, sid in enumerate(shards[0].manifest["students"])}
    n = shards[0].manifest["of"]
    per_student: list[tuple[int, str]] = []
    rest: dict[str, None] = {}
    for k, s in enumerate(shards):
        notes = s.notes[len(head):] if s.notes[:len(head)] == head else s.notes
        mine = share(list(place), ShardSpec(k, n))
        for note in notes:
            owner = _owner(note, mine)
            if owner is None:
                rest.setdefault(note, None)
            else:
                per_student.append((place[owner], note))
    per_student.sort(key=lambda x: x[0])  # stable: a student's notes keep their order
    return head + [note for _, note in per_student] + [note for note in rest if note not in head]


def merged_grades(shards: list[ReadShard]) -> tuple[list[NotebookGrade], list[str]]:
    """All rows in the order of an unsharded run (student, then lesson order), and the batch notes."""
    order = {name: i for i, name in enumerate(shards[0].manifest["lessons"])}
    grades = [g for s in shards for g in s.grades]
    grades.sort(key=lambda g: (g.student, order[g.notebook]))
    return grades, merged_notes(shards)


_RENAME_EXCHANGE = 2


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2(RENAME_EXCHANGE)``); False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    if fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: the file system or kernel cannot swap
        return False
    raise OSError(err, os.strerror(err), str(a))


def install(staged: Path, out: Path) -> None:
    """Put the folder ``staged`` in place of ``out`` at once; move what else ``out`` held into it."""
    if not out.exists():
        os.rename(staged, out)
        return
    written = set(os.listdir(staged))
    if exchange(staged, out):
        old = staged
    else:
        old = staged.with_name(staged.name + "-old")
        os.rename(out, old)
        os.rename(staged, out)
    for entry in sorted(old.iterdir()):
        if entry.name not in written:
            os.rename(entry, out / entry.name)
    shutil.rmtree(old)


def merge(shard_dirs: list[Path], out: Path, notebooks_dir: Path) -> list[NotebookGrade]:
    """Merge shard folders into ``out``: the outputs an unsharded run writes, atomically.

    Parameters
    ----------
    shard_dirs : list of Path
        Every shard folder of one class (``--shard 0/N`` .. ``N-1/N``), in any order.
    out : Path
        The output folder; may hold the shards, earlier outputs and
        ``manual_points.csv`` (kept and applied).
    notebooks_dir : Path
        The instructor notebooks (for the rubrics of ``manual.csv`` and to
        check they did not change).

    Returns
    -------
    list of NotebookGrade
        The merged rows, manual points applied.

    Raises
    ------
    ShardError
        Before anything is written, naming the shard that is wrong.
    """
    from .lessons import load_lesson
    from .report import DIR_MODE, write_outputs

    out = Path(out).absolute()
    for d in shard_dirs:
        if Path(d).absolute() == out:
            raise ShardError(f"{d}: the output folder cannot be one of the shards")
    shards = check_shards([read_shard(Path(d)) for d in shard_dirs], Path(notebooks_dir))
    grades, notes = merged_grades(shards)
    lessons = {n: load_lesson(Path(notebooks_dir) / n) for n in dict.fromkeys(g.notebook for g in grades)}
    out.parent.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(prefix=f".{out.name}.merge-", dir=out.parent))
    try:
        for name in CARRIED:
            if (out / name).is_file():
                shutil.copy2(out / name, staged / name)
        write_outputs(staged, grades, notes, lessons, shards[0].report)
        os.chmod(staged, DIR_MODE)
        install(staged, out)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    return grades


def run_merge(shard_dirs: list[str], out: str, ctx: GradeContext) -> int:
    """``course grade merge SHARD... --out OUT``; returns the exit code (0 merged, 2 a shard is wrong)."""
    from .manual import ManualSheetError
    from .report import summary

    if not shard_dirs:
        print("course grade merge: give the shard folders, e.g. course grade merge grades/shard-* --out grades",
              file=sys.stderr)
        return 2
    try:
        grades = merge([Path(d) for d in shard_dirs], Path(out), ctx.notebooks_dir)
    except (ShardError, ManualSheetError) as exc:
        print(f"course grade merge: {exc}", file=sys.stderr)
        return 2
    print(summary(grades))
    print(f"merged {len(shard_dirs)} shard(s) into {Path(out) / 'grades.csv'}, {Path(out) / 'grades_wide.csv'}, "
          f"{Path(out) / 'manual.csv'} and {len({g.student for g in grades})} feedback page(s)")
    return 0
