"""Intake: submissions from disk or a zip, checked before anything runs.

Nothing here trusts the submission: a notebook is read as bytes and checked
(:func:`read_submission`), a zip is checked entry by entry before a byte is
written (:func:`safe_extract`), and student ids are made comparable and
safe (:func:`find_students`). A problem becomes a row of its own (status
``rejected``, ``parse_error`` ...) with a one-line reason; it never stops the
batch and nothing is lost or changed.

Decisions
---------
- Student ids are folder names, normalised to Unicode NFC. An id with a
  control character, a bidirectional-text control, an undecodable byte, a
  slash or more than 128 characters is rejected (its row shows the id
  escaped). Two folders whose ids are equal after NFC and case folding
  (``s1`` and ``S1``, or ``é`` written two ways) are both rejected with a
  reason naming the other: the teacher decides, nothing is merged.
- A zip entry with an absolute path, ``..``, a drive letter or backslash, a
  link, a name that is both a file and a folder, a second copy of a name, a
  bad CRC, more than :data:`MAX_ENTRY_MB` unpacked or a compression ratio
  over :data:`MAX_RATIO` is refused; the student it belongs to gets
  ``rejected`` rows naming the entry. A zip that cannot be opened at all, has
  more than :data:`MAX_ENTRIES` entries or unpacks to more than
  ``max_total_mb`` stops the batch with one line (exit code 2).
"""

from __future__ import annotations

import json
import re
import shutil
import stat
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from .context import GradeError

#: Most entries a zip of submissions may have.
MAX_ENTRIES = 200_000
#: Largest single entry (MB unpacked).
MAX_ENTRY_MB = 200
#: Largest ratio of unpacked to packed size of one entry.
MAX_RATIO = 200
#: Characters that may not appear in a student id: controls and bidi overrides.
_BIDI = {"\u200e", "\u200f", "\u061c", *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))}


@dataclass
class Loaded:
    """A submission notebook read from disk (or why it could not be).

    Attributes
    ----------
    nb : dict or None
        The notebook JSON when it could be read.
    status : str
        ``"ok"`` or one of the not-run statuses.
    reason : str
        One line; empty when ok.
    """

    nb: dict | None
    status: str = "ok"
    reason: str = ""


def read_submission(path: Path, max_mb: float = 20.0) -> Loaded:
    """Read a submitted notebook without trusting it.

    Never raises for a bad file: the problem becomes the status and a one-line
    reason. The file is only read, never changed.

    Parameters
    ----------
    path : Path
        The submitted ``.ipynb``.
    max_mb : float
        Larger files are not read (``too_large``).

    Returns
    -------
    Loaded
    """
    try:
        info = path.lstat()
    except FileNotFoundError:
        return Loaded(None, "missing", "not handed in")
    if stat.S_ISLNK(info.st_mode):
        return Loaded(None, "rejected", "the notebook is a symbolic link; hand in the file itself")
    if not stat.S_ISREG(info.st_mode):
        return Loaded(None, "rejected", "not a regular file")
    if info.st_size > max_mb * 1024 * 1024:
        return Loaded(None, "too_large", f"{info.st_size / 1024 / 1024:.1f} MB is more than the {max_mb:g} MB limit; "
                                         "clear the outputs (Edit > Clear Outputs of All Cells) and hand it in again")
    data = path.read_bytes()
    from ..decoding import DecodeProblem, decode_text

    try:
        text = decode_text(data)
    except DecodeProblem as problem:
        if problem.kind in ("empty", "blank"):
            return Loaded(None, "parse_error", "the file is empty")
        if problem.kind == "utf16":
            return Loaded(None, "encoding_error", "the file is UTF-16, not UTF-8; save it again from JupyterLab")
        if problem.kind == "binary":
            return Loaded(None, "parse_error", f"not valid JSON: the file holds NUL bytes (line {problem.line}), "
                                               "so it is not a notebook; hand in the .ipynb file")
        return Loaded(None, "encoding_error", f"byte 0x{problem.byte:02x} on line {problem.line} is not UTF-8 "
                                              "(Latin-1?); save it again from JupyterLab")
    try:
        nb = json.loads(text)
    except json.JSONDecodeError as exc:
        return Loaded(None, "parse_error", f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")
    except RecursionError:
        return Loaded(None, "parse_error", "not valid JSON: nested too deeply")
    return check_schema(nb)


def check_schema(nb: Any) -> Loaded:
    """Check the parts of the notebook format the grader relies on."""
    if not isinstance(nb, dict):
        return Loaded(None, "schema_error", f"the JSON is a {type(nb).__name__}, not a notebook object")
    major = nb.get("nbformat")
    if major is None:
        return Loaded(None, "schema_error", "no 'nbformat' field: this is JSON but not a notebook")
    if not isinstance(major, int) or isinstance(major, bool):
        return Loaded(None, "schema_error", f"'nbformat' is {major!r}, not a number")
    if major != 4:
        return Loaded(None, "unsupported_version",
                      f"nbformat {major} is not supported (only 4); open it in JupyterLab and save it again")
    cells = nb.get("cells")
    if not isinstance(cells, list):
        return Loaded(None, "schema_error", "'cells' is missing or not a list")
    for i, cell in enumerate(cells, 1):
        if not isinstance(cell, dict):
            return Loaded(None, "schema_error", f"cell {i} is not an object")
        kind = cell.get("cell_type")
        if kind not in ("code", "markdown", "raw"):
            return Loaded(None, "schema_error", f"cell {i} has cell_type {kind!r}")
        src = cell.get("source", "")
        if not (isinstance(src, str) or (isinstance(src, list) and all(isinstance(s, str) for s in src))):
            return Loaded(None, "schema_error", f"cell {i}'s source is not text")
        if "metadata" in cell and not isinstance(cell["metadata"], dict):
            return Loaded(None, "schema_error", f"cell {i}'s metadata is not an object")
    return Loaded(nb)


# --------------------------------------------------------------------------
# Student ids


def id_problem(name: str) -> str | None:
    """Why a folder name cannot be a student id, or None when it can."""
    if not name or len(name) > 128:
        return "the student folder's name is empty or longer than 128 characters"
    if any("\udc80" <= ch <= "\udcff" for ch in name):
        return "the student folder's name has bytes that are not UTF-8"
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in name):
        return "the student folder's name has a control character"
    if any(ch in _BIDI for ch in name):
        return "the student folder's name has a right-to-left or other direction control character"
    if "/" in name or "\\" in name or name in (".", ".."):
        return "the student folder's name is not usable as an id"
    return None


def shown_id(name: str) -> str:
    """An id as it can be shown and written: NFC, with unsafe characters escaped."""
    out = []
    for ch in name:
        if unicodedata.category(ch) in ("Cc", "Cs", "Cf") or ch in _BIDI:
            out.append(f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else f"\\U{ord(ch):08x}")
        else:
            out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


@dataclass
class Student:
    """One folder of the submissions.

    Attributes
    ----------
    id : str
        The id as written in every output (NFC; escaped when rejected).
    folder : Path
        Its folder.
    problem : str
        Why it is rejected ('' when it is not).
    """

    id: str
    folder: Path
    problem: str = ""


def find_students(root: Path, refused: dict[str, str] | None = None) -> tuple[list[Student], list[str]]:
    """Every student folder under ``root``, with ids checked; and notes on what was skipped.

    Parameters
    ----------
    root : Path
        The folder that holds one folder per student.
    refused : dict, optional
        Zip entry path (relative to ``root``) -> why it was refused: the
        student it belongs to is rejected.
    """
    refused = refused or {}
    students: list[Student] = []
    notes: list[str] = []
    for entry in sorted(root.iterdir(), key=lambda p: p.name):
        name = entry.name
        if name.startswith((".", "_")):
            continue
        problem = id_problem(name) or ""
        sid = shown_id(name) if problem else unicodedata.normalize("NFC", name)
        if entry.is_symlink():
            problem = problem or "the student folder is a symbolic link"
        elif not entry.is_dir():
            notes.append(f"{shown_id(name)}: a file at the top level, not a student folder; ignored")
            continue
        bad = sorted(p for p in refused if p.split("/", 1)[0] == name)
        if bad and not problem:
            problem = f"the zip's entry {shown_id(bad[0])} was refused ({refused[bad[0]]})"
        students.append(Student(sid, entry, problem))
    groups: dict[str, list[Student]] = {}
    for s in students:
        groups.setdefault(unicodedata.normalize("NFC", s.id).casefold(), []).append(s)
    for group in groups.values():
        if len(group) > 1:
            for s in group:
                others = ", ".join(repr(o.folder.name) for o in group if o is not s)
                s.problem = s.problem or (f"the id is the same as {others} apart from Unicode form or case; "
                                          "rename one folder and grade again")
    seen: dict[str, int] = {}
    for s in students:  # ids must stay unique in the outputs even when rejected
        n = seen.get(s.id, 0)
        seen[s.id] = n + 1
        if n:
            s.id = f"{s.id} ({n + 1})"
    return students, notes


# --------------------------------------------------------------------------
# Zips


def _entry_problem(info: zipfile.ZipInfo) -> str | None:
    name = info.filename
    parts = PurePosixPath(name).parts
    mode = info.external_attr >> 16
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name) or "\\" in name:
        return "an absolute path"
    if ".." in parts or "\x00" in name:
        return "a path that leaves its folder"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):
        return "not a regular file"
    if info.file_size > MAX_ENTRY_MB * 1024 * 1024:
        return f"more than {MAX_ENTRY_MB} MB unpacked"
    if info.compress_size and info.file_size / info.compress_size > MAX_RATIO and info.file_size > 1024 * 1024:
        return "compressed suspiciously well (a zip bomb?)"
    return None


def safe_extract(zip_path: Path, dest: Path, max_total_mb: float = 2048) -> dict[str, str]:
    """Extract a zip of submissions, checking every entry first.

    Parameters
    ----------
    zip_path : Path
    dest : Path
        An empty folder (the batch's private one).
    max_total_mb : float
        Most megabytes unpacked in all.

    Returns
    -------
    dict
        Refused entry (its NFC path) -> why. Refused entries are not written.

    Raises
    ------
    GradeError
        When the zip cannot be read at all or is too large as a whole.
    """
    try:
        zf = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise GradeError(f"{zip_path}: not a readable zip file ({exc})") from exc
    refused: dict[str, str] = {}
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_ENTRIES:
            raise GradeError(f"{zip_path}: more than {MAX_ENTRIES:,} entries; refusing")
        if sum(i.file_size for i in infos) > max_total_mb * 1024 * 1024:
            raise GradeError(f"{zip_path}: unpacks to more than {max_total_mb:g} MB; refusing (zip bomb?)")
        names: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            name = unicodedata.normalize("NFC", info.filename).rstrip("/")
            why = _entry_problem(info)
            if not name:
                continue
            if why:
                refused[name] = why
            elif name in names:
                refused[name] = "a second entry with the same name"
            else:
                names[name] = info
        files = {n for n, i in names.items() if not i.is_dir()}
        for name in list(names):
            parents = {"/".join(PurePosixPath(name).parts[:k]) for k in range(1, len(PurePosixPath(name).parts))}
            clash = parents & files
            if clash:
                for c in clash:
                    refused[c] = "both a file and a folder"
                refused[name] = "inside a name that is also a file"
        for name, why in refused.items():
            names.pop(name, None)
            parent = PurePosixPath(name).parent
            if why not in ("an absolute path", "a path that leaves its folder") and parent.parts \
                    and all(("/".join(parent.parts[:k + 1]) not in files) for k in range(len(parent.parts))):
                (dest / parent).mkdir(parents=True, exist_ok=True)  # the student gets a row that says why
        for name, info in sorted(names.items()):
            target = dest / name
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                with zf.open(info) as src, open(target, "wb") as out:
                    shutil.copyfileobj(src, out)
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
                target.unlink(missing_ok=True)
                refused[name] = "a bad CRC or damaged data" if "CRC" in str(exc) or "damaged" in str(exc) \
                    else f"unreadable ({str(exc)[:80]})"
    return refused


def submission_root(path: Path) -> Path:
    """The folder that holds the student folders (a zip may wrap them in one more folder)."""
    entries = [p for p in path.iterdir() if not p.name.startswith((".", "_"))]
    if len(entries) == 1 and entries[0].is_dir() and not entries[0].is_symlink():
        inner = entries[0]
        kids = [p for p in inner.iterdir() if not p.name.startswith((".", "_"))]
        if kids and all(p.is_dir() for p in kids) and not any(p.suffix == ".ipynb" for p in inner.iterdir()):
            return inner
    return path
