"""Running submissions in sandboxed workers, ``workers`` at a time.

Each *slot* is one sandbox (see :mod:`course.grading.sandbox`) holding one
warm worker zygote (see :mod:`course.grading.worker`). A slot grades one
submission at a time; the grader

1. asks the zygote to fork (``F nonce1``) and waits for the matching
   ``forked`` reply, discarding anything else;
2. moves the new child into the submission's own cgroup (memory and process
   limits for all its processes together), then writes the job -- the
   submission's own cells and files, nothing else -- to the child;
3. reads the child's messages through :class:`~course.grading.protocol.LineReader`
   and :func:`~course.grading.protocol.parse_message`; the first bad one
   ends the submission with status ``protocol_error``;
4. when the child is done, dies, floods the channel or runs out of time,
   kills every process the submission started, then sends ``R nonce2``
   (made only now, so no process of the submission can know it) and waits
   for the matching ``reaped`` reply: from then on the slot is clean;
5. anything unexpected from the zygote itself (it died, it does not answer
   in time) tears the whole sandbox down; a fresh slot takes its place.

Nothing here keeps state between batches, and every id (nonces, cgroup
names) is random per batch, so graders on one machine never meet.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import select
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .context import GradeContext, GradeError, Limits
from .protocol import LineReader, ProtocolError, parse_message
from .sandbox import Cgroup, CgroupSupport, bwrap_command, kill_until_gone

#: Seconds a new slot may take to warm up.
WARM_TIMEOUT = 240.0
#: Seconds the zygote may take to fork or to clean up.
ZYGOTE_TIMEOUT = 20.0
#: Seconds between two looks at running submissions (timeouts, memory).
TICK = 0.1


@dataclass
class StepResult:
    """What happened to one step of a plan."""

    error: list[str] | None = None
    output: str = ""
    timed_out: bool = False
    killed: bool = False


@dataclass
class Job:
    """One notebook of one student, from plan to results.

    Attributes
    ----------
    student, notebook : str
    steps : list of dict
        The plan as plain data: ``{"kind": "code", "source", "label"}`` or
        ``{"kind": "harvest", "names", "label"}``; student material only.
    files : list of (str, str)
        The student's other files: relative path, base64 content.
    inputs : dict
        Step -> the held-back inputs of a function test (argument lists),
        sent to the worker only when it asks for them at that step.
    calls : dict
        Step -> what the student's function returned on each input
        (validated ``{"ok": encoded}`` / ``{"error": text}`` items).
    """

    student: str
    notebook: str
    steps: list[dict]
    files: list[tuple[str, str]] = field(default_factory=list)
    inputs: dict[int, list[list]] = field(default_factory=dict)
    calls: dict[int, list[dict]] = field(default_factory=dict)
    served: set[int] = field(default_factory=set)
    skip: set[int] = field(default_factory=set)
    results: dict[int, StepResult] = field(default_factory=dict)
    values: dict[int, dict[str, Any]] = field(default_factory=dict)
    events: list[str] = field(default_factory=list)
    status: str = "ok"
    reason: str = ""
    attempts: int = 0
    started: float = 0.0
    wall: float = 0.0
    cell_time: float = 0.0
    notes: list[str] = field(default_factory=list)


@dataclass
class _Slot:
    index: int
    proc: subprocess.Popen
    reader: LineReader
    state: str = "starting"          # starting, idle, forking, running, reaping, dead
    zygote_pid: int | None = None     # host pid of the zygote
    job: Job | None = None
    nonce: str = ""
    deadline: float = 0.0
    outbox: bytes = b""
    child_host_pid: int | None = None
    cgroup: Cgroup | None = None
    current: int | None = None
    cell_started: float = 0.0
    done: bool = False
    killed_for: str | None = None
    exit_status: int | None = None
    protocol: str = ""
    spawned: float = 0.0
    n_messages: int = 0
    serial: int = 0
    last_memory_look: float = 0.0


def _ns_pid(host_pid: int) -> int | None:
    """A process's pid in its innermost PID namespace (``NSpid`` of /proc/<pid>/status).

    psutil does not report namespace pids, so this one line is read by hand.
    """
    try:
        with open(f"/proc/{host_pid}/status") as fh:
            for line in fh:
                if line.startswith("NSpid:"):
                    return int(line.split()[-1])
    except (OSError, ValueError):
        return None
    return None


def _descendants(pid: int) -> list[int]:
    import psutil

    try:
        return [p.pid for p in psutil.Process(pid).children(recursive=True)]
    except psutil.Error:
        return []


def _pss_total(pids: list[int]) -> int:
    """Proportional memory of some processes, in bytes (shared pages counted once, split among them)."""
    import psutil

    total = 0
    for pid in pids:
        try:
            total += psutil.Process(pid).memory_full_info().pss
        except (psutil.Error, AttributeError):
            continue
    return total


class Runner:
    """Grade jobs in sandboxed slots.

    Parameters
    ----------
    ctx : GradeContext
    cgroups : CgroupSupport or None
        Where to make each submission's cgroup; None: per-process limits and
        the runner's own accounting.
    log_dir : Path
        The batch's private folder; each slot's standard error goes there.
    warm : list of list of str, optional
        The student edition (code cells) of each lesson to grade: every new
        zygote runs them once to warm its caches. Public material only.
    """

    def __init__(self, ctx: GradeContext, cgroups: CgroupSupport | None, log_dir: Path,
                 warm: list[list[str]] | None = None) -> None:
        self.ctx = ctx
        self.limits: Limits = ctx.limits
        self.cgroups = cgroups
        self.log_dir = log_dir
        self.slots: dict[int, _Slot] = {}
        self.serial = 0
        self.slot_starts = 0
        self.failed_starts = 0
        self.warm = warm or []

    # -- slots --------------------------------------------------------------

    def _start_slot(self, index: int) -> _Slot:
        self.slot_starts += 1
        log = open(self.log_dir / f"slot-{index}-{self.slot_starts}.log", "wb")
        if self.ctx.sandbox:
            cmd = bwrap_command(self.ctx.course_root, self.limits.tmp_mb, batch_id=self.ctx.batch_id)
            env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
        else:
            base = self.log_dir / f"slot-{index}-{self.slot_starts}"
            (base / "run").mkdir(parents=True)
            (base / "home").mkdir()
            for part in ("data", "seeds"):
                if (self.ctx.course_root / part).exists():
                    (base / "run" / part).symlink_to(self.ctx.course_root / part)
            cmd = [sys.executable, "-m", "course.grading.worker", "--work", str(base / "run"), "--home",
                   str(base / "home"), "--batch", self.ctx.batch_id, "--warm"]
            env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(base / "home"), "LANG": "C.UTF-8",
                   "PYTHONHASHSEED": "0", "MPLBACKEND": "Agg", "TMPDIR": str(base / "home"),
                   "MPLCONFIGDIR": str(base / "home" / ".matplotlib"), "IPYTHONDIR": str(base / "home" / ".ipython"),
                   "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, env=env,
                                start_new_session=True, close_fds=True)
        log.close()
        os.set_blocking(proc.stdout.fileno(), False)
        os.set_blocking(proc.stdin.fileno(), False)
        slot = _Slot(index, proc, LineReader(), deadline=time.monotonic() + WARM_TIMEOUT)
        warm = json.dumps(self.warm, ensure_ascii=True).encode()
        slot.outbox = f"{len(warm)}\n".encode() + warm
        self.slots[index] = slot
        return slot

    def _kill_slot(self, slot: _Slot) -> None:
        """Tear the sandbox down: its process group, everything below it, its cgroup."""
        for pid in [slot.proc.pid, *_descendants(slot.proc.pid)]:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        try:
            os.killpg(slot.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        if slot.cgroup is not None:
            slot.cgroup.remove()
            slot.cgroup = None
        for stream in (slot.proc.stdin, slot.proc.stdout):
            try:
                stream.close()
            except OSError:
                pass
        try:
            slot.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        slot.state = "dead"

    def _submission_pids(self, slot: _Slot) -> list[int]:
        """Host pids of every process of the running submission (never the zygote or bwrap's init)."""
        if slot.cgroup is not None:
            return slot.cgroup.pids()
        if slot.zygote_pid is None:
            return []
        keep = {slot.proc.pid, slot.zygote_pid, *self._ancestors(slot)}
        return [p for p in _descendants(slot.proc.pid) if p not in keep]

    def _ancestors(self, slot: _Slot) -> set[int]:
        import psutil

        try:
            return {p.pid for p in psutil.Process(slot.zygote_pid).parents()}
        except psutil.Error:
            return set()

    def _kill_submission(self, slot: _Slot) -> None:
        if slot.cgroup is not None:
            slot.cgroup.kill()
            return
        kill_until_gone(lambda: self._submission_pids(slot))

    # -- one submission -----------------------------------------------------

    def _begin(self, slot: _Slot, job: Job) -> None:
        slot.job = job
        slot.nonce = secrets.token_hex(16)
        slot.state = "forking"
        slot.deadline = time.monotonic() + ZYGOTE_TIMEOUT
        slot.reader.reset()
        slot.current, slot.done, slot.killed_for, slot.exit_status, slot.protocol = None, False, None, None, ""
        slot.child_host_pid, slot.n_messages = None, 0
        self.serial += 1
        slot.serial = self.serial
        job.attempts += 1
        job.served.clear()  # a re-run asks for each test's inputs again
        if not job.started:
            job.started = time.monotonic()
        slot.spawned = time.monotonic()
        slot.outbox += f"F {slot.nonce}\n".encode()

    def _job_bytes(self, slot: _Slot) -> bytes:
        job = slot.job
        lim = self.limits
        nproc_base = 0
        if slot.cgroup is None and os.geteuid() == 0:
            import psutil

            nproc_base = sum(p.num_threads() for p in psutil.process_iter() if _uid(p) == 0)
        payload = {"steps": job.steps, "skip": sorted(job.skip), "files": job.files, "cgroup": slot.cgroup is not None,
                   "limits": {"cell_timeout": lim.cell_timeout, "timeout": lim.timeout, "memory_mb": lim.memory_mb,
                              "max_output": lim.max_output, "processes": lim.processes,
                              "file_size_mb": lim.file_size_mb, "nproc_base": nproc_base}}
        data = json.dumps(payload, ensure_ascii=True).encode()
        return f"{len(data)}\n".encode() + data

    def _on_forked(self, slot: _Slot, msg: dict) -> None:
        ns_pid = msg.get("pid")
        host = None
        for _ in range(50):
            host = next((p for p in _descendants(slot.zygote_pid or slot.proc.pid) if _ns_pid(p) == ns_pid), None)
            if host is not None:
                break
            time.sleep(0.002)
        if host is None:
            self._slot_failed(slot, "the worker's new process could not be found")
            return
        slot.child_host_pid = host
        if self.cgroups is not None:
            cg = Cgroup(self.cgroups, f"sub-{slot.serial}")
            try:
                cg.create(self.limits.memory_mb, self.limits.processes)
                cg.add(host)
                slot.cgroup = cg
            except OSError as exc:
                cg.remove()
                self._slot_failed(slot, f"the submission's cgroup could not be made ({exc})")
                return
        slot.outbox += self._job_bytes(slot)
        slot.state = "running"

    def _handle(self, slot: _Slot, msg: dict) -> None:
        """A validated message from the running child (or the zygote's exit hint)."""
        job = slot.job
        ev = msg["ev"]
        if ev in ("start", "end", "values") and msg["step"] in job.skip:
            raise ProtocolError("a message about a step that was not run")
        if ev == "start":
            slot.current = msg["step"]
            slot.cell_started = time.monotonic()
        elif ev == "end":
            error = msg["error"]
            job.results[msg["step"]] = StepResult(error=error, output=msg["output"],
                                                  timed_out=bool(error and error[0] == "CellTimeout"))
            if slot.current == msg["step"]:
                job.cell_time += time.monotonic() - slot.cell_started
            slot.current = None
        elif ev == "need":
            self._send_inputs(slot, msg["step"])
        elif ev == "values":
            step = msg["step"]
            if step in job.inputs:
                calls = msg.get("calls")
                if step not in job.served or calls is None or len(calls) != len(job.inputs[step]):
                    raise ProtocolError("a function test's results that do not match the inputs sent")
                job.calls[step] = calls
                if slot.current == step:
                    job.cell_time += time.monotonic() - slot.cell_started
                    slot.current = None
            elif "calls" in msg:
                raise ProtocolError("call results for a step that calls no function")
            job.values[step] = msg["values"]
        elif ev == "note":
            if len(job.notes) < 5:
                job.notes.append(msg["text"])
        elif ev == "done":
            missing = [i for i, step in enumerate(job.steps) if i not in job.skip
                       and (job.values.get(i) is None if step["kind"] == "harvest" else i not in job.results)]
            if missing:
                raise ProtocolError(f"a 'done' message before step {missing[0] + 1} of {len(job.steps)} was reported")
            slot.done = True
        elif ev == "setup_failed":
            job.events.append(f"the grader could not set up the run: {msg['error']}")
            slot.done = False
        elif ev == "exited":
            slot.exit_status = msg.get("status", 0)
        else:
            raise ProtocolError(f"an unexpected '{ev}' message")

    def _send_inputs(self, slot: _Slot, step: int) -> None:
        """Send a function test's held-back inputs, once, and only when the run has reached that step.

        Every step before it must be reported and no cell may be running: a
        forged request from an earlier cell is a protocol error, so student
        code never sees the inputs before its function is called on them.
        """
        job = slot.job
        if step not in job.inputs or step in job.served:
            raise ProtocolError("a request for inputs of a step that has none (or already had them)")
        before = [i for i in range(step) if i not in job.skip]
        reported = all((i in job.values) if job.steps[i]["kind"] == "harvest" else (i in job.results) for i in before)
        if slot.current is not None or not reported:
            raise ProtocolError("a request for a test's inputs before the notebook reached that test")
        job.served.add(step)
        data = json.dumps(job.inputs[step], ensure_ascii=True).encode()
        slot.outbox += f"I {len(data)}\n".encode() + data
        # the calls run under the cell time limit, like a cell
        slot.current, slot.cell_started = step, time.monotonic()

    def _end_submission(self, slot: _Slot, why: str | None) -> None:
        """The submission is over: kill what it left, then ask the zygote to clean up."""
        if why and not slot.killed_for:
            slot.killed_for = why
        self._kill_submission(slot)
        slot.nonce = secrets.token_hex(16)
        slot.outbox += f"R {slot.nonce}\n".encode()
        slot.state = "reaping"
        slot.deadline = time.monotonic() + ZYGOTE_TIMEOUT

    def _slot_failed(self, slot: _Slot, why: str) -> None:
        if slot.state == "starting":
            self.failed_starts += 1
            if self.failed_starts >= 3:
                self._kill_slot(slot)
                log = sorted(self.log_dir.glob(f"slot-{slot.index}-*.log"))
                last = ""
                if log:
                    lines = log[-1].read_text(encoding="utf-8", errors="replace").strip().splitlines()
                    last = lines[-1][:200] if lines else ""
                raise GradeError(f"the grading worker does not start ({why}): {last or 'no message'}")
        job = slot.job
        if job is not None and slot.state in ("forking", "running", "reaping") and slot.killed_for != "worker":
            # A submission counts only when the zygote confirms that it cleaned up after it.
            slot.killed_for = "worker"
            job.events.append(f"the sandbox stopped: {why}")
        self._kill_slot(slot)

    # -- the loop -----------------------------------------------------------

    def _read(self, slot: _Slot) -> None:
        try:
            chunk = os.read(slot.proc.stdout.fileno(), 1 << 16)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        if not chunk:
            self._slot_failed(slot, "the worker ended")
            return
        try:
            lines = slot.reader.feed(chunk)
        except ProtocolError as exc:
            self._protocol(slot, str(exc))
            return
        for line in lines:
            if slot.state == "dead":
                return
            self._line(slot, line)

    def _protocol(self, slot: _Slot, why: str) -> None:
        if slot.state == "running":
            slot.protocol = why
            self._end_submission(slot, "protocol")
        elif slot.state in ("starting", "forking"):
            self._slot_failed(slot, f"the worker wrote something unexpected ({why})")
        # while reaping, everything but the matching reply is ignored

    def _line(self, slot: _Slot, line: bytes) -> None:
        n_steps = len(slot.job.steps) if slot.job is not None else None
        try:
            msg = parse_message(line, n_steps)
        except ProtocolError as exc:
            self._protocol(slot, str(exc))
            return
        if slot.state == "starting":
            self.failed_starts = 0
            if msg["ev"] != "ready":
                self._slot_failed(slot, "the worker did not start")
                return
            host = next((p for p in [slot.proc.pid, *_descendants(slot.proc.pid)] if _ns_pid(p) == msg.get("pid")),
                        None)
            slot.zygote_pid = host
            slot.state = "idle"
        elif slot.state == "forking":
            if msg["ev"] == "forked" and msg.get("nonce") == slot.nonce:
                self._on_forked(slot, msg)
            else:
                self._slot_failed(slot, "the worker answered out of turn")
        elif slot.state == "running":
            slot.n_messages += 1
            if slot.n_messages > 20_000:
                self._protocol(slot, "too many messages on the result channel")
                return
            if msg["ev"] in ("ready", "forked", "reaped"):
                self._protocol(slot, f"a forged '{msg['ev']}' message")
                return
            try:
                self._handle(slot, msg)
            except ProtocolError as exc:
                self._protocol(slot, str(exc))
                return
            if msg["ev"] == "exited" or slot.done:
                self._end_submission(slot, None)
        elif slot.state == "reaping":
            if msg["ev"] == "reaped" and msg.get("nonce") == slot.nonce:
                if msg.get("status", 0) and slot.exit_status in (None, 0):
                    slot.exit_status = msg["status"]
                if slot.exit_status is None:
                    slot.exit_status = msg.get("status", 0)
                self._finish(slot)
            # anything else is what the submission wrote before it was stopped: ignored

    def _finish(self, slot: _Slot) -> None:
        job = slot.job
        if slot.cgroup is not None:
            mem_hit, pids_hit = slot.cgroup.memory_hit(), slot.cgroup.pids_hit()
            slot.cgroup.remove()
            slot.cgroup = None
        else:
            mem_hit, pids_hit = slot.killed_for == "memory", slot.killed_for == "processes"
        job.wall += time.monotonic() - slot.spawned
        again = classify(job, slot.killed_for, slot.current, slot.exit_status or 0, slot.done, slot.protocol,
                         mem_hit, pids_hit, self.limits)
        slot.job = None
        slot.state = "idle"
        self._finished.append((job, again))

    def _flush(self, slot: _Slot) -> None:
        if not slot.outbox:
            return
        try:
            n = os.write(slot.proc.stdin.fileno(), slot.outbox)
            slot.outbox = slot.outbox[n:]
        except BlockingIOError:
            pass
        except OSError:
            self._slot_failed(slot, "the worker stopped reading")

    def _watch(self, slot: _Slot, now: float) -> None:
        job = slot.job
        if slot.zygote_pid is not None and slot.state in ("forking", "running", "reaping") \
                and not _alive(slot.zygote_pid):
            self._slot_failed(slot, "the worker was stopped")
            return
        if slot.state in ("starting", "forking", "reaping") and now > slot.deadline:
            self._slot_failed(slot, "the worker did not answer in time")
            return
        if slot.state != "running":
            return
        lim = self.limits
        if now - job.started > lim.timeout:
            self._end_submission(slot, "submission")
        elif slot.current is not None and now - slot.cell_started > lim.cell_timeout + 2.0:
            self._end_submission(slot, "cell")
        elif slot.cgroup is None:
            pids = self._submission_pids(slot)
            if len(pids) > lim.processes:
                self._end_submission(slot, "processes")
            elif now - slot.last_memory_look > 0.5:
                slot.last_memory_look = now
                if _pss_total(pids) > lim.memory_mb * 1024 * 1024:
                    self._end_submission(slot, "memory")

    def run(self, jobs: list[Job], progress: Callable[[Job], None] | None = None) -> None:
        """Run every job (filled in place), ``ctx.workers`` at a time."""
        pending = list(jobs)
        self._finished: list[tuple[Job, bool]] = []
        left = len(jobs)
        try:
            while left:
                for index in range(max(1, self.ctx.workers)):
                    slot = self.slots.get(index)
                    if slot is not None and slot.state == "dead" and slot.job is not None:
                        job, slot.job = slot.job, None
                        again = classify(job, slot.killed_for or "worker", slot.current, slot.exit_status or 0,
                                         slot.done, slot.protocol, False, False, self.limits)
                        self._finished.append((job, again))
                        if again:
                            pending.insert(0, job)
                            self._finished.pop()
                    free = sum(1 for s in self.slots.values() if s.state in ("starting", "idle"))
                    if (slot is None or slot.state == "dead") and len(pending) > free:
                        self._start_slot(index)
                    slot = self.slots.get(index)
                    if slot is not None and slot.state == "idle" and pending:
                        self._begin(slot, pending.pop(0))
                live = [s for s in self.slots.values() if s.state != "dead"]
                for slot in live:
                    self._flush(slot)
                live = [s for s in live if s.state != "dead"]
                rlist = {s.proc.stdout.fileno(): s for s in live}
                wlist = [s.proc.stdin.fileno() for s in live if s.outbox]
                ready_r, ready_w, _ = select.select(list(rlist), wlist, [], TICK) if rlist else ([], [], [])
                for fd in ready_r:
                    if rlist[fd].state != "dead":
                        self._read(rlist[fd])
                now = time.monotonic()
                for slot in list(self.slots.values()):
                    if slot.state != "dead":
                        self._watch(slot, now)
                while self._finished:
                    job, again = self._finished.pop(0)
                    if again:
                        pending.insert(0, job)
                    else:
                        left -= 1
                        if progress is not None:
                            progress(job)
        finally:
            for slot in self.slots.values():
                if slot.state != "dead":
                    self._kill_slot(slot)


def _alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie counts as gone)."""
    import psutil

    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def _uid(p: Any) -> int:
    try:
        return p.uids().real
    except Exception:  # noqa: BLE001
        return -1


_PLAIN_SIGNALS = {
    signal.SIGKILL: "was stopped by the system (killed), often because it used too much memory",
    signal.SIGSEGV: "crashed",
    signal.SIGABRT: "stopped itself with an error",
    signal.SIGXCPU: "used more than its CPU time",
    signal.SIGXFSZ: "wrote a file larger than allowed",
    signal.SIGTERM: "was asked to stop",
}


def classify(job: Job, killed_for: str | None, current: int | None, wstatus: int, done: bool, protocol: str,
             memory_hit: bool, pids_hit: bool, limits: Limits) -> bool:
    """Set the job's status and reason from how its run ended; True when it must run again.

    A cell that ran past its time limit and did not stop when interrupted is
    killed, and the notebook is run again without it (at most three times),
    so that later tests still run.
    """
    where = job.steps[current]["label"] if current is not None else "between cells"
    if killed_for == "worker":
        job.status = "kernel_died"
        job.reason = f"the notebook stopped the process that ran it ({where}); its results do not count"
        job.values.clear()
        job.calls.clear()
        if current is not None:
            job.results[current] = StepResult(error=["KernelDied", job.reason])
        return False
    if done and pids_hit and job.status == "ok":
        job.status = "resource_limit"
        job.reason = f"the notebook tried to start more than {limits.processes} processes at once; some failed"
        return False
    if done and (memory_hit or killed_for == "memory"):
        job.status = "resource_limit"
        job.reason = (f"the notebook's processes together used more than {limits.memory_mb} MB of memory; "
                      "some of them were stopped")
        return False
    if protocol:
        job.status = "protocol_error"
        job.reason = f"the notebook wrote on the grader's result channel: {protocol}; later cells did not count"
        return False
    if done:
        return False
    if killed_for in ("cell", "processes") and current is not None:
        if killed_for == "cell":
            job.results[current] = StepResult(error=["CellTimeout", f"the cell ran for more than "
                                                     f"{limits.cell_timeout:g} s and did not stop when interrupted"],
                                              timed_out=True, killed=True)
        else:
            job.results[current] = StepResult(error=["ResourceLimit", f"the cell started more than "
                                                     f"{limits.processes} processes (a fork bomb?)"], killed=True)
        job.skip.add(current)
        if job.attempts < 4 and time.monotonic() - job.started < limits.timeout:
            return True
        job.events.append("gave up after repeated cells that would not stop")
        job.status, job.reason = "timeout", f"{where} and other cells would not stop; later cells did not run"
        return False
    if killed_for == "submission":
        job.status, job.reason = "timeout", f"the notebook ran for more than {limits.timeout:g} s; later cells did not run"
        return False
    if memory_hit or killed_for == "memory":
        job.status = "resource_limit"
        job.reason = f"the notebook used more than {limits.memory_mb} MB of memory in {where}; later cells did not run"
    elif os.WIFSIGNALED(wstatus) and os.WTERMSIG(wstatus) in (signal.SIGXCPU, signal.SIGXFSZ):
        job.status = "resource_limit"
        what = "CPU time" if os.WTERMSIG(wstatus) == signal.SIGXCPU else "file size"
        job.reason = f"the {what} limit was hit in {where}; later cells did not run"
    else:
        if os.WIFSIGNALED(wstatus):
            sig = os.WTERMSIG(wstatus)
            how = _PLAIN_SIGNALS.get(sig, "was stopped by a signal")
        else:
            how = f"ended itself (exit code {os.WEXITSTATUS(wstatus)})"
        job.status = "kernel_died"
        job.reason = f"the Python process running the notebook {how} in {where}; later cells did not run"
    if current is not None:
        job.results[current] = StepResult(error=["KernelDied", job.reason])
    return False


def encode_files(folder: Path | None, notebook: str, budget_mb: float) -> tuple[list[tuple[str, str]], list[str]]:
    """The student's other files (not notebooks, no links, no hidden files) for the job; and notes.

    Parameters
    ----------
    folder : Path or None
        The student's folder.
    notebook : str
        The graded notebook (not sent: its cells travel in the plan).
    budget_mb : float
        Most megabytes sent in all; larger files are left out with a note.
    """
    files: list[tuple[str, str]] = []
    notes: list[str] = []
    if folder is None or folder.is_symlink() or not folder.is_dir():
        return files, notes
    budget = int(budget_mb * 1024 * 1024)
    for item in sorted(folder.rglob("*")):
        rel = item.relative_to(folder)
        if any(p.startswith(".") for p in rel.parts) or item.is_symlink() or not item.is_file():
            continue
        if item.suffix == ".ipynb":
            continue
        size = item.stat().st_size
        if size > budget:
            notes.append(f"{rel} was not copied next to the notebook: the files are over {budget_mb:g} MB")
            continue
        budget -= size
        files.append((rel.as_posix(), base64.b64encode(item.read_bytes()).decode()))
    return files, notes
