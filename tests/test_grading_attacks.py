"""Hostile submissions against `course grade`, with honest classmates graded in the same batch.

One submission (at least) per kind of attack of the grading issue and of
``shared/design/RELIABILITY.md`` ("What a hostile submission tries"): answers
from disk or memory, a forged or flooded result channel, processes and files
that outlive their submission, two graders at once, output injection and
intake tricks. Each gets the status and points it must get, and the honest
students exactly their own points. Everything runs the way a teacher runs
it: through the sandbox (bubblewrap), on real files; the concurrency test
uses the command line.
"""

from __future__ import annotations

import csv
import hashlib
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from helpers.paths import ROOT
from course import grading as G
from course.grading.sandbox import bwrap_path
from helpers.answers import REFERENCE
from helpers.submissions import LESSON, _write, answered

# Skipped only where bubblewrap is not installed at all; installed but failing is a failure.
pytestmark = pytest.mark.skipif(bwrap_path() is None, reason="bubblewrap (bwrap) is not installed: "
                                "apt-get install -y bubblewrap (`make test` does this as root)")

LIMITS = G.Limits(cell_timeout=8, timeout=60, memory_mb=768, max_notebook_mb=4, max_output=2_000)
RIGHT = {"0.1": 1, "0.2": 1, "0.3": 1}
LATER_RIGHT = {"0.1": 0, "0.2": 1, "0.3": 1}
ZERO = {"0.1": 0, "0.2": 0, "0.3": 0}

# Finds any channel-looking descriptor (a pipe) and writes PAYLOAD to it.
_FORGE = ("import os, stat\n"
          "for fd in range(3, 1024):\n"
          "    try:\n"
          "        if stat.S_ISFIFO(os.fstat(fd).st_mode):\n"
          "            os.write(fd, PAYLOAD)\n"
          "    except OSError:\n"
          "        pass\n"
          "answer_0_1 = 99\n")

#: Hunts for what only the teacher or a classmate has: lesson 00's solution line and hidden test (in its
#: memory or on disk), its answer file, any other notebook on disk. It answers 0.1 right only when
#: it found one, so its points say whether it could. (Its own source never holds the markers: they are
#: joined at run time.)
_THIEF = r'''
import gc, os, time
import course
markers = ["".join(p) for p in (("answer_0_1 = len(", "article"), ("assert_answer(", '"0.1"'), ('"0.1"', ": 13"),
                                   ("### BEGIN HIDDEN", " TESTS\nassert_answer"))]
found = []
for obj in gc.get_objects():
    if isinstance(obj, str) and any(m in obj for m in markers):
        found.append("memory")
        break
own = os.getcwd()
root = os.path.dirname(os.path.dirname(os.path.abspath(course.__file__)))
deadline = time.time() + 4
for place in [root, os.path.dirname(own), "/tmp", "/dev/shm", "/work", os.path.expanduser("~")]:
    for dirpath, dirnames, filenames in os.walk(place):
        dirnames[:] = [d for d in dirnames if d not in (".venv", ".venv-nbgrader", ".git", "site-packages")]
        if time.time() > deadline:
            break
        for name in filenames:
            path = os.path.join(dirpath, name)
            if name.endswith(".ipynb") and not path.startswith(own):
                found.append(path)
            elif name.endswith((".py", ".json", ".txt", ".csv")):
                try:
                    with open(path, encoding="utf-8", errors="ignore") as fh:
                        if any(m in fh.read(1_000_000) for m in markers):
                            found.append(path)
                except OSError:
                    pass
answer_0_1 = len(course.load_article().paragraphs) if found else 0
'''

#: Outlives its submission on purpose: a double-forked daemon that waits until the process that ran its
#: notebook is gone, then, for a minute, kills everything it can and tries to rewrite grade files.
_DAEMON = '''
import os, signal, time
runner = os.getpid()
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        while True:
            try:
                os.kill(runner, 0)
                time.sleep(0.01)
            except OSError:
                break
        end = time.time() + 60
        while time.time() < end:
            try:
                os.kill(-1, signal.SIGKILL)
            except OSError:
                pass
            for path in ("/work/main/grades/grades.csv", "grades.csv", "../grades.csv", "/tmp/grades.csv"):
                try:
                    open(path, "w").write("student,points\\nme,100\\n")
                except OSError:
                    pass
            time.sleep(0.05)
        os._exit(0)
    os._exit(0)
answer_0_1 = 13
'''

_TMP_WRITER = ("open('/tmp/left-behind', 'w').write('x')\nopen('/dev/shm/left-behind', 'w').write('x')\n"
               "import pathlib\npathlib.Path.home().joinpath('left-behind').write_text('x')\nanswer_0_1 = 13\n")
_TMP_READER = ("import os, pathlib\nleft = [p for p in ('/tmp/left-behind', '/dev/shm/left-behind', "
               "str(pathlib.Path.home() / 'left-behind')) if os.path.exists(p)]\n"
               "answer_0_1 = 13 if not left else 0\n")

_PLANTER = '''
import os, sys, glob, course
root = os.path.dirname(os.path.dirname(os.path.abspath(course.__file__)))
for site in glob.glob(os.path.join(sys.prefix, "lib", "python*", "site-packages")):
    try:
        open(os.path.join(site, "zz_evil.pth"), "w").write("import os; os.environ['PWNED'] = '1'\\n")
    except OSError:
        pass
for path in glob.glob(os.path.join(root, "seeds", "*.txt")) + glob.glob(os.path.join(root, "data", "*", "*.csv")):
    try:
        open(path, "w").write("vandalised")
    except OSError:
        pass
answer_0_1 = 13
'''

_FOUR_FORKS = '''
import os, time
kids = []
for _ in range(4):
    pid = os.fork()
    if pid == 0:
        block = bytearray(300 * 1024 * 1024)
        for i in range(0, len(block), 4096):
            block[i] = 1
        time.sleep(20)
        os._exit(0)
    kids.append(pid)
for pid in kids:
    os.waitpid(pid, 0)
answer_0_1 = 13
'''

#: Python expressions for what the forgers write (built at run time: the notebooks stay small; NL is a newline).
_PAYLOADS = {
    "forge_huge_int": """b'{"ev": "values", "step": 0, "values": {"answer_0_1": ' + b"9" * 20_000 + b"}}" + NL""",
    "forge_deep": """b'{"ev": "note", "text": ' + b"[" * 200_000 + b"]" * 200_000 + b"}" + NL""",
    "forge_unknown_tag": """b'{"ev": "values", "step": 0, "values": {"answer_0_1": {"$evil": 1}}}' + NL""",
    "forge_newlines": """NL * 1_000_000""",
    "forge_unknown_event": """b'{"ev": "passed", "points": 100}' + NL""",
}
#: Messages that are valid in form: harmless, capped, escaped.
_HARMLESS = {
    "forge_surrogate": """b'{"ev": "note", "text": "' + bytes([92]) + b'ud800 lone surrogate <script>x</script>"}' + NL""",
    "forge_long_note": """b'{"ev": "note", "text": "' + b"A" * 3_000_000 + b'"}' + NL""",
}


def _code(source: str) -> bytes:
    return _write(answered(LESSON, code={"0.1": source}))


def _forge(payload: str) -> bytes:
    return _code(f"NL = bytes([10])\nPAYLOAD = {payload}\n" + _FORGE)


def _class(dest: Path, members: dict[str, bytes]) -> None:
    for student, data in members.items():
        (dest / student).mkdir(parents=True)
        (dest / student / LESSON).write_bytes(data)


def _grade(subs: Path, **kw) -> tuple[list, list, dict]:
    kw.setdefault("limits", LIMITS)
    kw.setdefault("workers", 2)
    grades, notes = G.grade_batch(subs, ctx=G.GradeContext(**kw))
    return grades, notes, {g.student: g for g in grades}


def _points(grade) -> dict[str, float]:
    return {e.id: e.points for e in grade.exercises if e.kind == "auto"}


def _digest(paths: list[Path]) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for base in paths for p in sorted(base.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts}


@pytest.fixture(scope="module")
def attacked(tmp_path_factory):
    """One batch: honest students and one submission per attack."""
    subs = tmp_path_factory.mktemp("attack") / "subs"
    members = {"honest_1": _write(answered()), "honest_2": _write(answered()),
               "thief": _code(_THIEF), "killer_parent": _code("import os, signal\nos.kill(os.getppid(), signal.SIGKILL)"),
               "killer_all": _code("import os, signal\nos.kill(-1, signal.SIGKILL)"),
               "planter": _code(_PLANTER), "four_forks": _code(_FOUR_FORKS)}
    members.update({name: _forge(p) for name, p in {**_PAYLOADS, **_HARMLESS}.items()})
    for sid in ('=HYPERLINK("x","click")', "+1", "-2", "@SUM(1)"):
        members[sid] = _write(answered())
    for sid in ("jos\u00e9", "jose\u0301", "Anna", "anna", "bad\x07id", "abc\u202edef"):
        members[sid] = _write(answered())
    _class(subs, members)
    guarded = [ROOT / "seeds", ROOT / "data", ROOT / "course", ROOT / "notebooks"]
    site = sorted(Path(sys.prefix).glob("lib/python*/site-packages"))
    before = _digest(guarded)
    pth_before = sorted(p.name for s in site for p in s.glob("*.pth"))
    grades, notes, by = _grade(subs)
    out = subs.parent / "out"
    G.write_outputs(out, grades, notes)
    return {"by": by, "notes": notes, "out": out, "before": before, "after": _digest(guarded),
            "pth": (pth_before, sorted(p.name for s in site for p in s.glob("*.pth")))}


def test_honest_students_get_exactly_their_points(attacked):
    for sid in ("honest_1", "honest_2"):
        assert (attacked["by"][sid].status, _points(attacked["by"][sid])) == ("ok", RIGHT)


def test_answers_are_out_of_reach_on_disk_and_in_memory(attacked):
    thief = attacked["by"]["thief"]
    assert thief.status == "ok", thief.reason   # it ran to the end: the 0 is not a timeout
    assert _points(thief) == {"0.1": 0, "0.2": 1, "0.3": 1}


def test_the_thief_would_succeed_without_the_sandbox(tmp_path):
    """Proof that the thief works: with --no-sandbox it finds an answer on disk (so the test above can fail)."""
    _class(tmp_path / "subs", {"thief": _code(_THIEF)})
    grades, notes, by = _grade(tmp_path / "subs", sandbox=False, workers=1)
    assert _points(by["thief"])["0.1"] == 1
    assert G.batch.NO_SANDBOX_NOTE in by["thief"].notes and G.batch.NO_SANDBOX_NOTE in notes


@pytest.mark.parametrize("name", sorted(_PAYLOADS))
def test_a_forged_or_flooded_channel_fails_that_submission_alone(attacked, name):
    grade = attacked["by"][name]
    assert grade.status == "protocol_error", (grade.status, grade.reason)
    assert "result channel" in grade.reason and "\n" not in grade.reason and len(grade.reason) < 300
    assert _points(grade) == ZERO


@pytest.mark.parametrize("name", sorted(_HARMLESS))
def test_valid_but_hostile_messages_are_capped_and_escaped(attacked, name):
    grade = attacked["by"][name]
    assert (grade.status, _points(grade)) == ("ok", LATER_RIGHT)
    page = next((attacked["out"] / "feedback").glob(f"{name}*.html")).read_text(encoding="utf-8")
    assert len(page) < 60_000 and "<script>x" not in page
    assert all(len(n) <= 400 for n in grade.notes)


@pytest.mark.parametrize("name", ["killer_parent", "killer_all"])
def test_the_worker_cannot_be_killed_from_inside(attacked, name):
    """The zygote is its PID namespace's init: SIGKILL from inside never reaches it; the run goes on."""
    grade = attacked["by"][name]
    assert (grade.status, _points(grade)) == ("ok", LATER_RIGHT), (grade.status, grade.reason)
    assert not any("sandbox stopped" in n for n in grade.notes)


def test_the_course_and_the_venv_cannot_be_changed(attacked):
    assert attacked["by"]["planter"].status == "ok" and _points(attacked["by"]["planter"]) == RIGHT
    assert attacked["before"] == attacked["after"]
    assert attacked["pth"][0] == attacked["pth"][1]


def test_memory_is_limited_per_submission_not_per_process(attacked):
    grade = attacked["by"]["four_forks"]
    assert grade.status == "resource_limit", (grade.status, grade.reason)
    assert "memory" in grade.reason


def test_csv_cells_cannot_become_formulas(attacked):
    for name in ("grades.csv", "grades_wide.csv", "manual.csv"):
        for row in csv.reader((attacked["out"] / name).open(encoding="utf-8")):
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (name, cell)
    ids = {r["student"] for r in csv.DictReader((attacked["out"] / "grades.csv").open(encoding="utf-8"))}
    assert {"'+1", "'-2", "'@SUM(1)", "'=HYPERLINK(\"x\",\"click\")"} <= ids
    assert attacked["by"]["+1"].status == "ok" and _points(attacked["by"]["+1"]) == RIGHT


def test_look_alike_ids_are_reported_not_merged(attacked):
    by = attacked["by"]
    for sid in ("jos\u00e9", "Anna", "anna"):
        assert by[sid].status == "rejected" and "Unicode form or case" in by[sid].reason
    assert sum(1 for s in by if s.startswith("jos")) == 2, "both spellings keep a row of their own"
    assert by["bad\\u0007id"].status == "rejected" and "control character" in by["bad\\u0007id"].reason
    assert by["abc\\u202edef"].status == "rejected" and "direction" in by["abc\\u202edef"].reason
    pages = sorted(p.name for p in (attacked["out"] / "feedback").iterdir())
    assert len(pages) == len(set(p.lower() for p in pages)) == len(by)


def test_nothing_outlives_its_submission(tmp_path):
    """One worker grades them in turn: a daemon that kills and writes, files left in /tmp, then honest work."""
    subs = tmp_path / "subs"
    _class(subs, {"a_daemon": _code(_DAEMON), "b_tmp_writer": _code(_TMP_WRITER), "c_tmp_reader": _code(_TMP_READER),
                  "d_honest": _write(answered())})
    context = G.GradeContext(limits=LIMITS, workers=1)
    grades, notes = G.grade_batch(subs, ctx=context)
    by = {g.student: g for g in grades}
    assert (by["a_daemon"].status, _points(by["a_daemon"])) == ("ok", RIGHT)
    assert _points(by["c_tmp_reader"])["0.1"] == 1, "the reader found files a previous submission left"
    assert (by["d_honest"].status, _points(by["d_honest"])) == ("ok", RIGHT)
    import psutil

    left = [p for p in psutil.process_iter(["cmdline"]) if context.batch_id in " ".join(p.info["cmdline"] or [])]
    assert not left, "no process of the batch outlives it"


def test_a_bad_zip_gets_rejected_rows_never_a_traceback(tmp_path):
    archive = tmp_path / "class.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("good/" + LESSON, _write(answered()))
        zf.writestr("clash/" + LESSON, _write(answered()))
        zf.writestr("clash/notes", "a file")
        zf.writestr("clash/notes/inner.txt", "and a folder of the same name")
        zf.writestr("crc/" + LESSON, _write(answered()))
    data = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as zf:
        info = zf.getinfo("crc/" + LESSON)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 20
    data[start] ^= 0xFF
    archive.write_bytes(bytes(data))
    grades, notes, by = _grade(archive)
    assert (by["good"].status, _points(by["good"])) == ("ok", RIGHT)
    assert by["clash"].status == "rejected" and "file and a folder" in by["clash"].reason
    assert by["crc"].status == "rejected" and ("CRC" in by["crc"].reason or "damaged" in by["crc"].reason
                                               or "unreadable" in by["crc"].reason)


def test_two_graders_at_once_give_the_same_grades_as_one(tmp_path):
    subs = tmp_path / "subs"
    _class(subs, {"honest": _write(answered()), "killer": _code(_DAEMON),
                  "bomb": _code("import os\nwhile True:\n    os.fork()"), "wrong": _write(answered(answers={**REFERENCE, "0.1": 12}))})
    cmd = [sys.executable, "-m", "course.cli", "grade", str(subs), "-j", "2", "--quiet", "--cell-timeout", "8",
           "--timeout", "60", "--memory", "768"]
    alone = subprocess.run([*cmd, "--out", str(tmp_path / "alone")], capture_output=True, text=True, timeout=600)
    assert alone.returncode == 0, alone.stderr
    both = [subprocess.Popen([*cmd, "--out", str(tmp_path / f"run{i}")], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for i in range(2)]
    for proc in both:
        proc.communicate(timeout=600)
        assert proc.returncode == 0
    reference = (tmp_path / "alone" / "grades.csv").read_bytes()
    for i in range(2):
        assert (tmp_path / f"run{i}" / "grades.csv").read_bytes() == reference
    rows = {r["student"]: r for r in csv.DictReader((tmp_path / "alone" / "grades.csv").open(encoding="utf-8"))}
    assert rows["honest"]["points"] == "3" and rows["wrong"]["0.1"] == "0" and rows["wrong"]["0.2"] == "1"
