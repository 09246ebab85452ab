"""The worker: runs inside the sandbox and is the only place student code runs.

``python -m course.grading.worker --work DIR --home DIR [--sandboxed] [--warm]``
starts a *zygote*: it imports the course and warms its caches on public
material only (the seed article every student has and, with ``--warm``, one
run of the student edition of each lesson to grade, read from standard
input), then waits for commands on standard input. It has never seen an instructor notebook, a hidden test, a model
answer or any submission, so nothing a child inherits from it is secret.

One submission, as the grader drives it (see :mod:`course.grading.runner`)::

    grader -> zygote   F <nonce1>            fork a child
    zygote -> grader   {"ev": "forked", "nonce": nonce1, "pid": ...}
    grader             puts the child in the submission's cgroup
    grader -> child    <length>\\n<job JSON>   read by the child, not the zygote
    child  -> grader   start / end / values / note ... / done
    zygote -> grader   {"ev": "exited", "status": ...}      (a hint only)
    grader             kills whatever the submission left running
    grader -> zygote   R <nonce2>            (nonce2 made after the submission ended)
    zygote -> grader   {"ev": "reaped", "nonce": nonce2, "status": ..., "stray": n}

The child reads its own job, so the zygote's memory never holds a
submission. Before it runs any student code the child closes the zygote's
standard input, moves the result channel to a close-on-exec descriptor and
points descriptors 0-2 at ``/dev/null``: programs the student starts cannot
write to the channel by accident. The zygote marks itself non-dumpable, so a
child can neither trace it nor read or write its memory through ``/proc``.
Between two submissions the zygote kills every other process in its PID
namespace and empties the writable folders (``/tmp``, ``/dev/shm``, the work
folder, home); the grader checks the same from outside.

Without ``--sandboxed`` (``course grade --no-sandbox``: trusted code only)
there is no namespace to empty, and only the work folder is cleared.
"""

from __future__ import annotations

import argparse
import base64
import io
import json
import os
import resource
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .protocol import Missing, encode_value


class CellTimeout(BaseException):
    """Raised in the child when a cell runs past its time limit."""


class CappedWriter(io.TextIOBase):
    """A text stream that keeps at most ``limit`` characters per cell, counting the rest."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[str] = []
        self.kept = 0
        self.dropped = 0

    def reset(self) -> None:
        self.parts, self.kept, self.dropped = [], 0, 0

    def writable(self) -> bool:
        return True

    def write(self, s: Any) -> int:
        s = s if isinstance(s, str) else str(s)
        room = self.limit - self.kept
        if room > 0:
            piece = s[:room]
            self.parts.append(piece)
            self.kept += len(piece)
        self.dropped += max(0, len(s) - max(room, 0))
        return len(s)

    def flush(self) -> None:
        pass

    def text(self) -> str:
        out = "".join(self.parts)
        if self.dropped:
            out += f"\n[output truncated: {self.dropped:,} more characters]"
        return out


def make_shell() -> Any:
    """An IPython shell that runs cells with only the plain-text formatter (no images are rendered)."""
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    cfg = Config()
    cfg.HistoryManager.enabled = False
    cfg.InteractiveShell.colors = "nocolor"
    cfg.InteractiveShell.xmode = "Plain"
    shell = InteractiveShell.instance(config=cfg)
    shell.display_formatter.active_types = ["text/plain"]
    return shell


def warm_up() -> Any:
    """Import the course and warm its caches on the seed article; return the shell.

    Only public material is touched: the library and the article that every
    student has. No lesson notebook is read.
    """
    os.environ.setdefault("MPLBACKEND", "Agg")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401

    import course

    for name in course.__all__:  # import every module of the flat API
        getattr(course, name)
    article = course.load_article()
    try:
        course.analyze_article(article)
    except Exception:  # noqa: BLE001 - warming is an optimisation, never a reason to fail
        pass
    return make_shell()


# --------------------------------------------------------------------------
# Small I/O helpers (raw descriptors: nothing buffered that a child could inherit)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def send(fd: int, msg: dict) -> None:
    """Write one message (a JSON line) to the channel."""
    _write_all(fd, (json.dumps(msg, ensure_ascii=True) + "\n").encode())


def _read_line(fd: int, limit: int = 64) -> bytes:
    """Read up to a newline, one byte at a time, so that nothing after it is consumed."""
    out = bytearray()
    while len(out) <= limit:
        b = os.read(fd, 1)
        if not b:
            raise EOFError
        if b == b"\n":
            return bytes(out)
        out += b
    raise ValueError("command too long")


def _read_exact(fd: int, n: int) -> bytes:
    parts, got = [], 0
    while got < n:
        b = os.read(fd, min(1 << 16, n - got))
        if not b:
            raise EOFError
        parts.append(b)
        got += len(b)
    return b"".join(parts)


# --------------------------------------------------------------------------
# The child: one submission


def _read_inputs(fd: int) -> list:
    """Read one ``I <length>`` block of held-back inputs from the grader (a JSON list of argument lists)."""
    op, _, size = _read_line(fd).decode("ascii", "replace").partition(" ")
    if op != "I":
        raise ValueError("the grader sent no inputs")
    data = json.loads(_read_exact(fd, int(size)))
    return data if isinstance(data, list) else []


def call_function(function: Any, inputs: list, timeout: float) -> list[dict]:
    """Call the student's function on each held-back input; report what it returned, as plain data.

    Parameters
    ----------
    function : Any
        What the student's namespace holds under the function's name.
    inputs : list of list
        The positional arguments of each case.
    timeout : float
        Seconds for all the calls together (the cell time limit); calls
        after it runs out are reported as stopped.

    Returns
    -------
    list of dict
        Per input ``{"ok": encoded value}`` or ``{"error": "Type: text"}``.
    """
    import copy

    out: list[dict] = []
    deadline = time.monotonic() + timeout
    for args in inputs:
        if function is Missing or not callable(function):
            out.append({"error": "NotDefined: the function is not defined" if function is Missing
                        else f"TypeError: {type(function).__name__} is not a function"})
            continue
        left = deadline - time.monotonic()
        if left <= 0:
            out.append({"error": "CellTimeout: the time limit ran out before this case"})
            continue
        try:
            signal.setitimer(signal.ITIMER_REAL, left)
            try:
                got = function(*copy.deepcopy(list(args) if isinstance(args, list) else []))
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            out.append({"ok": encode_value(got)})
        except BaseException as exc:  # noqa: BLE001 - the student's error (or timeout) is that case's result
            signal.setitimer(signal.ITIMER_REAL, 0)
            out.append({"error": f"{type(exc).__name__}: {exc}"[:200]})
    return out


def _set_limits(limits: dict, cgroup: bool) -> None:
    def lim(kind: int, value: int) -> None:
        try:
            resource.setrlimit(kind, (value, value))
        except (ValueError, OSError):
            pass

    lim(resource.RLIMIT_CORE, 0)
    lim(resource.RLIMIT_FSIZE, int(limits["file_size_mb"]) * 1024 * 1024)
    lim(resource.RLIMIT_CPU, int(limits["timeout"]) + 5)
    lim(resource.RLIMIT_NOFILE, 256)
    try:
        with open("/proc/self/status") as fh:
            vm = next(int(line.split()[1]) for line in fh if line.startswith("VmSize:")) * 1024
    except (OSError, StopIteration):
        vm = 0
    # One process alone gets a MemoryError a little below the submission's limit, so that the cell fails
    # and later tests still run; all processes together are stopped at the limit (the cgroup).
    lim(resource.RLIMIT_AS, vm + int(limits["memory_mb"]) * 1024 * 1024 * 85 // 100)
    if not cgroup:
        lim(resource.RLIMIT_NPROC, int(limits.get("nproc_base", 0)) + int(limits["processes"]))


def _safe_rel(path: str) -> Path | None:
    rel = Path(path)
    if rel.is_absolute() or any(p in ("", ".", "..") for p in rel.parts) or not rel.parts:
        return None
    return rel


def _place_files(files: list, nbdir: Path) -> None:
    for rel, b64 in files:
        target = _safe_rel(rel) if isinstance(rel, str) else None
        if target is None or not isinstance(b64, str):
            continue
        (nbdir / target).parent.mkdir(parents=True, exist_ok=True)
        (nbdir / target).write_bytes(base64.b64decode(b64))


def child_main(shell: Any, work: Path, home: Path) -> None:
    """Read this child's job from standard input, run it, report on the channel; never returns."""
    chan = 1
    try:
        header = _read_line(0, 20)
        job = json.loads(_read_exact(0, int(header)))
        devnull = os.open(os.devnull, os.O_RDWR)
        chan = os.dup(1)  # not inheritable: programs the student starts do not get the channel
        inbox = os.dup(0)  # the grader's pipe: held-back inputs arrive here when a test runs
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        os.close(devnull)
        # Nor do processes the student forks (multiprocessing, a fork bomb): only this one reports.
        os.register_at_fork(after_in_child=lambda: (os.close(chan), os.close(inbox)))
        os.setsid()
        limits = job["limits"]
        nbdir = work / "notebooks"
        nbdir.mkdir(parents=True, exist_ok=True)
        _place_files(job.get("files", []), nbdir)
        os.chdir(nbdir)
        env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8", "MPLBACKEND": "Agg",
               "MPLCONFIGDIR": str(home / ".matplotlib"), "IPYTHONDIR": str(home / ".ipython"),
               "PYTHONHASHSEED": "0", "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
               "TMPDIR": os.environ.get("TMPDIR", "/tmp"), "PYTHONDONTWRITEBYTECODE": "1"}
        os.environ.clear()
        os.environ.update(env)
        tempfile.tempdir = None
        _set_limits(limits, bool(job.get("cgroup")))
        out = CappedWriter(int(limits["max_output"]))
        err = CappedWriter(int(limits["max_output"]) // 4)
        sys.stdout, sys.stderr = out, err
        shell.user_ns.clear()
        shell.init_user_ns()
        cell_timeout = float(limits["cell_timeout"])

        def on_alarm(signum: int, frame: Any) -> None:
            raise CellTimeout(f"the cell ran for more than {cell_timeout:g} s")

        signal.signal(signal.SIGALRM, on_alarm)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        steps, skip = job["steps"], set(job.get("skip", []))
    except BaseException as exc:  # noqa: BLE001
        try:
            send(chan, {"ev": "setup_failed", "error": f"{type(exc).__name__}: {exc}"[:300]})
        finally:
            os._exit(3)
    for i, step in enumerate(steps):
        if i in skip:
            continue
        if step["kind"] == "harvest":
            values = {}
            for name in step["names"]:
                value = shell.user_ns.get(name, Missing)
                try:
                    values[name] = {"$missing": True} if value is Missing else encode_value(value)
                except BaseException:  # noqa: BLE001
                    values[name] = {"$opaque": "unreadable", "repr": "?"}
            message = {"ev": "values", "step": i, "values": values}
            if step.get("call"):
                send(chan, {"ev": "need", "step": i})
                message["calls"] = call_function(shell.user_ns.get(step["call"], Missing), _read_inputs(inbox),
                                                 cell_timeout)
            send(chan, message)
            continue
        send(chan, {"ev": "start", "step": i})
        out.reset()
        err.reset()
        error = None
        try:
            signal.setitimer(signal.ITIMER_REAL, cell_timeout)
            result = shell.run_cell(step["source"], store_history=False, silent=False)
            signal.setitimer(signal.ITIMER_REAL, 0)
            exc = result.error_before_exec or result.error_in_exec
            if exc is not None:
                error = [type(exc).__name__, str(exc)[:300]]
        except BaseException as exc:  # noqa: BLE001 - a timeout between IPython's own lines
            signal.setitimer(signal.ITIMER_REAL, 0)
            error = [type(exc).__name__, str(exc)[:300]]
        try:
            sys.stdout, sys.stderr = out, err
            text = out.text() + (f"\n[stderr]\n{err.text()}" if err.kept else "")
            send(chan, {"ev": "end", "step": i, "error": error, "output": text})
        except BaseException:  # noqa: BLE001
            os._exit(4)
    send(chan, {"ev": "done"})
    os._exit(0)


# --------------------------------------------------------------------------
# The zygote


def _others(me: int) -> list[int]:
    """Every process in this PID namespace but pid 1 (bubblewrap's init) and ``me``."""
    import psutil

    return [pid for pid in psutil.pids() if pid not in (1, me)]


def _clean_namespace(me: int) -> int:
    """Kill every other process of the sandbox (reaping them); return how many were found."""
    found = 0
    for _ in range(200):
        pids = _others(me)
        if not pids:
            break
        found = max(found, len(pids))
        try:
            os.kill(-1, signal.SIGKILL)  # in a PID namespace: all but init and ourselves
        except ProcessLookupError:
            pass
        while True:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
        time.sleep(0.005)
    return found


def _mount_points() -> list[str]:
    import psutil

    try:
        return [p.mountpoint for p in psutil.disk_partitions(all=True)]
    except (OSError, psutil.Error):
        return []


def _empty(folder: Path, mounts: list[str]) -> None:
    """Remove what is inside ``folder`` (never following links); mounts and the folders above them stay."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if any(m == entry.path or m.startswith(entry.path.rstrip("/") + "/") for m in mounts):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            elif not entry.is_dir(follow_symlinks=False):
                os.unlink(entry.path)
        except OSError:
            pass


def warm_lessons(shell: Any, lessons: list[list[str]], work: Path, budget: float = 90.0) -> None:
    """Run the student edition of each lesson once, so that its caches are warm in every child.

    The student edition is public material (what every student has); errors
    are ignored (warming is an optimisation) and the namespace, figures and
    working folder are emptied afterwards.
    """
    import matplotlib.pyplot as plt

    nbdir = work / "notebooks"
    nbdir.mkdir(parents=True, exist_ok=True)
    old = os.getcwd()
    os.chdir(nbdir)
    end = time.monotonic() + budget
    try:
        for cells in lessons:
            shell.user_ns.clear()
            shell.init_user_ns()
            for source in cells:
                if time.monotonic() > end:
                    return
                try:
                    shell.run_cell(source, store_history=False, silent=True)
                except BaseException:  # noqa: BLE001
                    pass
    finally:
        shell.user_ns.clear()
        shell.init_user_ns()
        plt.close("all")
        os.chdir(old)
        _empty(nbdir, [])


def zygote_main(work: Path, home: Path, sandboxed: bool, warm: bool = False) -> None:
    """Warm up, then fork one child per ``F`` command until standard input closes.

    With ``warm``, the first thing on standard input is the student edition of
    the lessons to grade (``<length>\\n`` and a JSON list of lists of cell
    sources), run once by :func:`warm_lessons`.
    """
    import ctypes

    sys.stdout = sys.stderr  # nothing of ours may print on the channel (fd 1)
    shell = warm_up()
    if warm:
        try:
            lessons = json.loads(_read_exact(0, int(_read_line(0, 20))))
        except (EOFError, ValueError):
            lessons = []
        if isinstance(lessons, list):
            warm_lessons(shell, [[c for c in cells if isinstance(c, str)] for cells in lessons if isinstance(cells, list)],
                         work)
    try:
        ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE = 0: no ptrace, no /proc/<pid>/mem
    except (OSError, AttributeError):
        pass
    me = os.getpid()
    send(1, {"ev": "ready", "pid": me})
    status = 0
    while True:
        try:
            line = _read_line(0).decode("ascii", "replace")
        except (EOFError, ValueError):
            break
        op, _, nonce = line.partition(" ")
        if op == "F":
            pid = os.fork()
            if pid == 0:
                try:
                    child_main(shell, work, home)
                finally:
                    os._exit(5)
            send(1, {"ev": "forked", "nonce": nonce[:64], "pid": pid})
            try:
                _, status = os.waitpid(pid, 0)
            except ChildProcessError:
                status = 0
            send(1, {"ev": "exited", "status": status})
        elif op == "I":
            # inputs the grader sent a child that died before it read them: not for us
            try:
                _read_exact(0, int(nonce))
            except (EOFError, ValueError):
                break
        elif op == "R":
            stray = _clean_namespace(me) if sandboxed else 0
            mounts = _mount_points()
            for folder in ([work, home, Path("/tmp"), Path("/dev/shm")] if sandboxed else [work / "notebooks", home]):
                _empty(folder, mounts)
            send(1, {"ev": "reaped", "nonce": nonce[:64], "status": status, "stray": stray})
            status = 0
        else:
            break


def main(argv: list[str] | None = None) -> None:
    """Entry point of ``python -m course.grading.worker``."""
    parser = argparse.ArgumentParser(prog="course.grading.worker")
    parser.add_argument("--work", required=True)
    parser.add_argument("--home", required=True)
    parser.add_argument("--sandboxed", action="store_true")
    parser.add_argument("--batch", default="-", help="the batch's id (only to tell its processes apart)")
    parser.add_argument("--warm", action="store_true", help="read student editions to warm up on from stdin first")
    args = parser.parse_args(argv)
    zygote_main(Path(args.work), Path(args.home), args.sandboxed, args.warm)


if __name__ == "__main__":  # pragma: no cover - runs in the sandbox
    main()
