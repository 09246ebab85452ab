"""Isolation of student code: bubblewrap for the view, cgroups for the limits.

Every worker runs under `bubblewrap <https://github.com/containers/bubblewrap>`_
(Debian package ``bubblewrap``) with

- every namespace unshared (user, mount, PID, network, IPC, UTS, cgroup) and
  no further user namespaces (``--disable-userns``);
- a read-only view of only what it needs: ``/usr`` (Debian's programs and
  libraries), the Python installation and virtual environment that run the
  course, and ``course/``, ``data/`` and ``seeds/`` of the course -- never
  ``notebooks/``, ``tests/``, ``.git``, the submissions, the grader's temp
  folder or its outputs;
- private, size-limited in-memory folders for ``/tmp``, ``/dev/shm``, the
  work folder and home; a new ``/proc`` and a minimal ``/dev``;
- a cleared environment, a new session (no terminal to inject into) and
  ``--die-with-parent``.

Limits hold per submission as a whole through the kernel's cgroup
controllers (memory and pids) where the grader may create cgroups (v2, or
v1 as on this kind of machine): :class:`Cgroup`. Elsewhere each process gets
resource limits and the runner adds up the memory of the submission's
processes (see :mod:`course.grading.runner`).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

#: Where the sandbox sees its writable folders.
SANDBOX_WORK = Path("/work/run")
SANDBOX_HOME = Path("/work/home")


def bwrap_path() -> str | None:
    """The bubblewrap program, or None when it is not installed."""
    return shutil.which("bwrap")


def _python_roots() -> list[Path]:
    """Folders the worker's Python needs: the venv and the base installation."""
    roots = {Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(),
             Path(sysconfig.get_paths()["stdlib"]).resolve().parent.parent}
    exe = Path(sys.executable)
    roots.add(exe.parent.parent.resolve())
    return sorted(r for r in roots if not str(r).startswith("/usr"))


def bwrap_command(course_root: Path, tmp_mb: int, extra_ro: list[Path] = (), batch_id: str = "-") -> list[str]:
    """The bubblewrap command line that runs a worker zygote.

    Parameters
    ----------
    course_root : Path
        The project folder; only its ``course/``, ``data/`` and ``seeds/``
        are mounted (read-only), at the same paths.
    tmp_mb : int
        Size of each private in-memory folder.
    extra_ro : list of Path
        Further folders to mount read-only (the package's own location when
        it is installed outside the venv).
    batch_id : str
        Shown on the worker's command line, so that a batch's processes can
        be told from another's (it is random and no secret).
    """
    size = str(tmp_mb * 1024 * 1024)
    # The private folders come first: the course may itself live under /tmp (a CI clone), and a
    # later --tmpfs /tmp would hide it.
    cmd = [bwrap_path() or "bwrap", "--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent",
           "--new-session", "--clearenv", "--uid", "65534", "--gid", "65534", "--hostname", "grader",
           # The zygote is the PID namespace's init: the kernel delivers no SIGKILL or SIGSTOP to it from
           # inside, so a submission cannot stop the worker that runs it, and kill(-1) never reaches it.
           "--as-pid-1",
           "--proc", "/proc", "--dev", "/dev",
           "--size", size, "--tmpfs", "/tmp", "--size", size, "--tmpfs", "/dev/shm",
           "--size", size, "--tmpfs", str(SANDBOX_WORK), "--size", size, "--tmpfs", str(SANDBOX_HOME),
           "--ro-bind", "/usr", "/usr"]
    for name in ("bin", "lib", "lib64", "sbin"):
        target = Path("/") / name
        if target.is_symlink():
            cmd += ["--symlink", os.readlink(target), str(target)]
        elif target.is_dir():
            cmd += ["--ro-bind", str(target), str(target)]
    for root in _python_roots():
        cmd += ["--ro-bind", str(root), str(root)]
    course_root = course_root.resolve()
    for part in ("course", "data", "seeds"):
        if (course_root / part).exists():
            cmd += ["--ro-bind", str(course_root / part), str(course_root / part)]
    for path in extra_ro:
        cmd += ["--ro-bind", str(path), str(path)]
    # The lessons may read ../data and ../seeds from the notebook's folder: the same files, read-only.
    for part in ("data", "seeds"):
        if (course_root / part).exists():
            cmd += ["--ro-bind", str(course_root / part), str(SANDBOX_WORK / part)]
    env = {"PATH": "/usr/bin:/bin", "HOME": str(SANDBOX_HOME), "LANG": "C.UTF-8", "PYTHONHASHSEED": "0",
           "MPLBACKEND": "Agg", "MPLCONFIGDIR": str(SANDBOX_HOME / ".matplotlib"),
           "IPYTHONDIR": str(SANDBOX_HOME / ".ipython"), "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
           "PYTHONDONTWRITEBYTECODE": "1", "PYTHONNOUSERSITE": "1", "TMPDIR": "/tmp"}
    for key, value in env.items():
        cmd += ["--setenv", key, value]
    cmd += ["--chdir", str(SANDBOX_HOME), "--", sys.executable, "-m", "course.grading.worker",
            "--work", str(SANDBOX_WORK), "--home", str(SANDBOX_HOME), "--sandboxed", "--batch", batch_id, "--warm"]
    return cmd


def sandbox_problem(course_root: Path) -> str | None:
    """Why the sandbox cannot run here, in one line; None when it can.

    Runs a tiny program under the same bubblewrap options the workers get.
    """
    if bwrap_path() is None:
        return "bubblewrap (bwrap) is not installed; install Debian's package: apt-get install -y bubblewrap"
    cmd = bwrap_command(course_root, 16)
    cmd = cmd[:cmd.index("--") + 1] + [sys.executable, "-c", "import course"]
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=60, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"bubblewrap could not start ({exc})"
    if proc.returncode != 0:
        why = (proc.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"])[-1]
        return f"bubblewrap could not start a sandbox here: {why[:200]}"
    return None


def kill_until_gone(list_pids: Callable[[], list[int]], rounds: int = 200) -> bool:
    """SIGKILL whatever ``list_pids()`` lists, again and again, until it lists nothing.

    Returns True when nothing is left (a process that forks while it is
    being killed is caught in a later round; a limit on processes makes the
    rounds finite).
    """
    for _ in range(rounds):
        pids = list_pids()
        if not pids:
            return True
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        time.sleep(0.002)
    return not list_pids()


# --------------------------------------------------------------------------
# cgroups


@dataclass
class CgroupSupport:
    """Where this machine lets the grader create cgroups.

    Attributes
    ----------
    version : int
        1 or 2.
    roots : dict
        Controller -> folder to create groups in (v1: ``memory`` and
        ``pids``; v2: one folder for both, under the key ``"unified"``).
    """

    version: int
    roots: dict[str, Path]


def cgroup_support(batch_id: str) -> CgroupSupport | None:
    """Make this batch's parent cgroups; None when the machine does not allow it."""
    base = Path("/sys/fs/cgroup")
    name = f"course-grade-{batch_id}"
    v2 = base / "cgroup.controllers"
    try:
        if v2.exists():
            if not {"memory", "pids"} <= set(v2.read_text().split()):
                return None
            parent = base / name
            parent.mkdir()
            try:
                (parent / "cgroup.subtree_control").write_text("+memory +pids")
            except OSError:
                parent.rmdir()
                return None
            return CgroupSupport(2, {"unified": parent})
        roots = {}
        for ctl in ("memory", "pids"):
            if not (base / ctl / "cgroup.procs").exists():
                return None
        for ctl in ("memory", "pids"):
            (base / ctl / name).mkdir()
            roots[ctl] = base / ctl / name
        return CgroupSupport(1, roots)
    except OSError:
        return None


def remove_cgroup_support(support: CgroupSupport | None) -> None:
    """Remove the batch's parent cgroups (after every group in them is gone)."""
    if support is None:
        return
    for root in support.roots.values():
        for child in root.glob("sub-*"):
            Cgroup(support, child.name).remove()
        try:
            root.rmdir()
        except OSError:
            pass


class Cgroup:
    """The memory and pids cgroup of one submission.

    Parameters
    ----------
    support : CgroupSupport
    name : str
        Unique within the batch (``sub-<n>``).
    """

    def __init__(self, support: CgroupSupport, name: str) -> None:
        self.support = support
        self.dirs = [root / name for root in support.roots.values()]

    def create(self, memory_mb: int, processes: int) -> None:
        """Make the group and set its limits."""
        for d in self.dirs:
            d.mkdir(exist_ok=True)
        limit = str(memory_mb * 1024 * 1024)
        if self.support.version == 2:
            d = self.dirs[0]
            (d / "memory.max").write_text(limit)
            if (d / "memory.swap.max").exists():
                (d / "memory.swap.max").write_text("0")
            (d / "pids.max").write_text(str(processes))
            return
        mem, pids = self.dirs
        (mem / "memory.limit_in_bytes").write_text(limit)
        if (mem / "memory.memsw.limit_in_bytes").exists():
            try:
                (mem / "memory.memsw.limit_in_bytes").write_text(limit)
            except OSError:
                pass
        (pids / "pids.max").write_text(str(processes))

    def add(self, pid: int) -> None:
        """Move a process (and so all it will start) into the group."""
        for d in self.dirs:
            (d / "cgroup.procs").write_text(str(pid))

    def pids(self) -> list[int]:
        """Processes in the group now."""
        found: set[int] = set()
        for d in self.dirs:
            try:
                found |= {int(x) for x in (d / "cgroup.procs").read_text().split()}
            except OSError:
                pass
        return sorted(found)

    def memory_hit(self) -> bool:
        """True when the group ran into its memory limit."""
        d = self.dirs[0]
        try:
            if self.support.version == 2:
                events = dict(line.split() for line in (d / "memory.events").read_text().splitlines())
                return int(events.get("oom_kill", 0)) > 0 or int(events.get("max", 0)) > 0
            oom = dict(line.split() for line in (d / "memory.oom_control").read_text().splitlines())
            return int(oom.get("oom_kill", 0)) > 0 or int((d / "memory.failcnt").read_text()) > 0
        except (OSError, ValueError):
            return False

    def pids_hit(self) -> bool:
        """True when the group tried to start more processes than allowed."""
        d = self.dirs[-1]
        try:
            events = dict(line.split() for line in (d / "pids.events").read_text().splitlines())
            return int(events.get("max", 0)) > 0
        except (OSError, ValueError):
            return False

    def kill(self) -> None:
        """Kill every process in the group until it is empty."""
        kill_until_gone(self.pids, rounds=500)

    def remove(self) -> None:
        """Kill what is left and remove the group."""
        self.kill()
        for d in self.dirs:
            for _ in range(50):
                try:
                    d.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.01)
