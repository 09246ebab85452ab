"""course.grading.sandbox and worker: what a worker can see and hold."""

from __future__ import annotations

import subprocess
import sys

import pytest

from helpers.paths import ROOT
from course.grading.sandbox import bwrap_command, bwrap_path, sandbox_problem

needs_bwrap = pytest.mark.skipif(bwrap_path() is None, reason="bubblewrap (bwrap) is not installed")


def test_the_view_holds_no_teacher_material():
    cmd = " ".join(bwrap_command(ROOT, 64))
    for secret in ("/notebooks", "/tests", "/.git", "/release", "/grades"):
        assert f"{ROOT}{secret}" not in cmd
    for flag in ("--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session",
                 "--clearenv", "--as-pid-1", "--tmpfs /tmp", "--tmpfs /dev/shm", "--proc /proc"):
        assert flag in cmd
    assert f"--ro-bind {ROOT}/course {ROOT}/course" in cmd and f"--bind {ROOT}" not in cmd


@needs_bwrap
def test_inside_the_sandbox(tmp_path):
    probe = ("import os, socket, course, pathlib\n"
             "root = pathlib.Path(course.__file__).resolve().parent.parent\n"
             "print(sorted(p.name for p in root.iterdir()))\n"
             "print(len([p for p in os.listdir('/proc') if p.isdigit()]))\n"
             "try:\n    open(root / 'seeds' / 'x', 'w')\nexcept OSError as e:\n    print('ro', e.errno)\n"
             "try:\n    socket.create_connection(('127.0.0.1', 22), timeout=1)\nexcept OSError as e:\n    print('net', type(e).__name__)\n"
             "print(sorted(os.environ))\n")
    cmd = bwrap_command(ROOT, 64)
    cmd = cmd[:cmd.index("--") + 1] + [sys.executable, "-c", probe]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env={"PATH": "/usr/bin:/bin"},
                         stdin=subprocess.DEVNULL, check=True).stdout.splitlines()
    assert out[0] == str(sorted(["course", "data", "seeds", ".venv"] if (ROOT / ".venv").exists()
                                else ["course", "data", "seeds"]))
    assert int(out[1]) <= 2, "only the sandbox's own processes are visible"
    assert out[2] == "ro 30"
    assert out[3].startswith("net")
    assert "SECRET" not in out[4] and "HOME" in out[4]


def test_no_secret_in_the_environment_of_a_worker(monkeypatch):
    monkeypatch.setenv("COURSE_SECRET_TOKEN", "s3cret")
    cmd = bwrap_command(ROOT, 64)
    assert "--clearenv" in cmd and "s3cret" not in " ".join(cmd)


def test_without_bubblewrap_course_grade_refuses_in_one_line(tmp_path):
    import nbformat

    sys.path.insert(0, str(ROOT / "tests"))
    from helpers.submissions import LESSON, answered

    (tmp_path / "subs" / "s1").mkdir(parents=True)
    nbformat.write(answered(), tmp_path / "subs" / "s1" / LESSON)
    proc = subprocess.run([sys.executable, "-m", "course.cli", "grade", str(tmp_path / "subs"), "--out",
                           str(tmp_path / "out"), "--quiet"], capture_output=True, text=True, timeout=300,
                          env={"PATH": str(tmp_path / "no-such-bin"), "PYTHONHASHSEED": "0"}, cwd=ROOT)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "sandbox cannot run" in lines[0] and "bubblewrap" in lines[0] and "--no-sandbox" in lines[0]
    assert not (tmp_path / "out").exists()


@needs_bwrap
def test_the_sandbox_runs_here():
    """Where bubblewrap is installed, the grading sandbox must start (wherever the course lives, /tmp included)."""
    assert sandbox_problem(ROOT) is None
