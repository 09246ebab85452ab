"""Sharded grading on a real job engine: a single-node Slurm started here, and the job definitions in deploy/.

The Slurm test starts ``munged``, ``slurmctld`` and ``slurmd`` (Debian's
``munge`` and ``slurm-wlm``, which ``make system-deps`` installs) with a
``slurm.conf`` written to a temporary folder, queues
``deploy/slurm/submit.sh`` (a job array of shards, then the merge as a
dependent job) and compares the merged outputs with one unsharded run.
It skips, saying why, when the daemons are not installed or cannot start.
"""

from __future__ import annotations

import os
import random
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
import yaml

from helpers.paths import ROOT
from course.grading.sandbox import bwrap_command, bwrap_path

sys.path.insert(0, str(ROOT / "tests"))
from helpers.answers import REFERENCE  # noqa: E402
from helpers.submissions import LESSON, exercises, fill_answers, student_version  # noqa: E402

COURSE = str(ROOT / ".venv" / "bin" / "course")
DEPLOY = ROOT / "deploy"
LIMITS = "--cell-timeout 10 --timeout 60 --memory 768"
DAEMONS = ("munged", "slurmctld", "slurmd", "sbatch", "squeue", "sinfo")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def slurm_conf(d: Path, cpus: int, memory_mb: int) -> str:
    """A one-node cluster whose state, logs and sockets all live in ``d``."""
    return "\n".join([
        "ClusterName=coursetest", "SlurmctldHost=localhost(127.0.0.1)", "SlurmUser=root", "SlurmdUser=root",
        "AuthType=auth/munge", f"AuthInfo=socket={d}/munge.sock", "CredType=cred/munge",
        f"SlurmctldPort={_free_port()}", f"SlurmdPort={_free_port()}",
        f"StateSaveLocation={d}/state", f"SlurmdSpoolDir={d}/spool",
        f"SlurmctldPidFile={d}/slurmctld.pid", f"SlurmdPidFile={d}/slurmd.pid",
        f"SlurmctldLogFile={d}/slurmctld.log", f"SlurmdLogFile={d}/slurmd.log",
        "ProctrackType=proctrack/linuxproc", "TaskPlugin=task/none", "JobAcctGatherType=jobacct_gather/none",
        "AccountingStorageType=accounting_storage/none", "SchedulerType=sched/backfill",
        "SelectType=select/cons_tres", "SelectTypeParameters=CR_CPU", "MpiDefault=none", "SwitchType=switch/none",
        "ReturnToService=2", "MinJobAge=600",
        f"NodeName=localhost NodeAddr=127.0.0.1 CPUs={cpus} RealMemory={memory_mb} State=UNKNOWN",
        "PartitionName=grade Nodes=localhost Default=YES MaxTime=INFINITE State=UP", ""])


def _memory_mb() -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return max(1024, int(line.split()[1]) // 1024 - 1024)
    return 4096


def _tail(path: Path) -> str:
    return path.read_text(errors="replace")[-1500:] if path.exists() else "(no log)"


@pytest.fixture(scope="module")
def slurm(tmp_path_factory):
    """A running single-node Slurm; yields the environment its commands need. Stops what it started."""
    missing = [d for d in DAEMONS if shutil.which(d) is None]
    if missing:
        pytest.skip(f"Slurm is not installed here (no {', '.join(missing)}): `make system-deps` installs "
                    "Debian's slurm-wlm and munge as root")
    if os.geteuid() != 0:
        pytest.skip("a single-node Slurm started by a test needs root (slurmd starts each job as its user)")
    if bwrap_path() is None:
        pytest.skip("bubblewrap (bwrap) is not installed: `make system-deps` installs it")
    d = Path(tmp_path_factory.mktemp("slurm"))
    for sub in ("state", "spool"):
        (d / sub).mkdir()
    key = d / "munge.key"
    key.write_bytes(os.urandom(1024))
    key.chmod(0o400)
    conf = d / "slurm.conf"
    conf.write_text(slurm_conf(d, cpus=min(2, os.cpu_count() or 1), memory_mb=_memory_mb()), encoding="utf-8")
    env = dict(os.environ, SLURM_CONF=str(conf))
    started: list[subprocess.Popen] = []

    def start(cmd: list[str], log: str) -> None:
        started.append(subprocess.Popen(cmd, stdout=open(d / log, "wb"), stderr=subprocess.STDOUT, env=env,
                                        stdin=subprocess.DEVNULL))

    try:
        start(["munged", "-F", "-f", f"--key-file={key}", f"--socket={d}/munge.sock", f"--pid-file={d}/munged.pid",
               f"--log-file={d}/munged.log", f"--seed-file={d}/munged.seed"], "munged.out")
        deadline = time.monotonic() + 20
        while not (d / "munge.sock").exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        start(["slurmctld", "-D", "-f", str(conf)], "slurmctld.out")
        start(["slurmd", "-D", "-f", str(conf), "-N", "localhost"], "slurmd.out")
        deadline = time.monotonic() + 60
        state = ""
        while time.monotonic() < deadline:
            if any(p.poll() is not None for p in started):
                break
            proc = subprocess.run(["sinfo", "-h", "-o", "%t"], capture_output=True, text=True, env=env)
            state = proc.stdout.strip()
            if state in ("idle", "mix", "alloc"):
                break
            time.sleep(0.5)
        else:
            state = f"timeout ({state or 'no answer'})"
        if state not in ("idle", "mix", "alloc"):
            logs = "\n".join(f"--- {n}\n{_tail(d / n)}" for n in ("munged.out", "slurmctld.out", "slurmctld.log",
                                                                    "slurmd.out", "slurmd.log"))
            pytest.skip(f"the single-node Slurm could not start here (node state {state!r}):\n{logs}")
        yield {"env": env, "dir": d}
    finally:
        for p in reversed(started):
            p.terminate()
        for p in reversed(started):
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(timeout=10)


def make_class(dest: Path, n: int = 4) -> None:
    rng = random.Random(1818)
    for i in range(n):
        (dest / f"st{i}").mkdir(parents=True)
        answers = {ex: REFERENCE[ex] for ex in exercises(LESSON) if ex in REFERENCE and rng.random() < 0.7}
        (dest / f"st{i}" / LESSON).write_text(nbformat.writes(fill_answers(student_version(LESSON), answers)),
                                              encoding="utf-8")




def tree(root: Path, skip: tuple[str, ...] = ()) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.relative_to(root).parts[0] not in skip}


def test_a_slurm_job_array_grades_the_shards_and_a_dependent_job_merges_them(slurm, tmp_path):
    env = slurm["env"]
    subs = tmp_path / "subs"
    make_class(subs)
    subprocess.run([COURSE, "grade", str(subs), "--out", str(tmp_path / "full"), "-j", "2", "--quiet",
                    *LIMITS.split()], check=True, capture_output=True, cwd=ROOT, timeout=900)
    logs = tmp_path / "logs"
    logs.mkdir()
    out = tmp_path / "grades"
    proc = subprocess.run([str(DEPLOY / "slurm" / "submit.sh"), str(subs), str(out), "2", "--cpus-per-task=1",
                           "--mem-per-cpu=1000M", f"--output={logs}/%x-%A_%a.log"],
                          capture_output=True, text=True, cwd=ROOT, env=dict(env, GRADE_ARGS=LIMITS), timeout=60)
    assert proc.returncode == 0, proc.stderr
    array, merge = proc.stdout.split()
    deadline = time.monotonic() + 900
    while time.monotonic() < deadline:
        queued = subprocess.run(["squeue", "-h", "-j", f"{array},{merge}", "-o", "%i %T"], capture_output=True,
                                text=True, env=env).stdout.strip()
        if not queued:
            break
        time.sleep(2)
    else:
        pytest.fail(f"the jobs did not finish in 15 minutes: {queued}")
    shown = {p.name: p.read_text(errors="replace")[-2000:] for p in logs.iterdir()}
    assert {f"course-grade-{array}_0.log", f"course-grade-{array}_1.log"} <= set(shown), shown
    assert (out / "grades.csv").exists(), shown
    for k in (0, 1):
        assert (out / f"shard-{k}" / "shard.json").exists()
    full, merged = tree(tmp_path / "full"), tree(out, skip=("shard-0", "shard-1"))
    assert sorted(merged) == sorted(full)
    for name in full:
        if name not in ("timings.csv", "class_report.html", "plots/time.png", "plots/time.svg"):
            assert merged[name] == full[name], f"{name} differs from one unsharded run"
    assert "results.json" in full


# --------------------------------------------------------------------------
# The job definitions in deploy/


def _docs(path: Path) -> list[dict]:
    return [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d]


def test_the_kubernetes_indexed_job_has_the_pod_settings_the_sandbox_needs_and_nothing_more():
    (job,) = _docs(DEPLOY / "k8s" / "grade-indexed-job.yaml")
    spec = job["spec"]
    pod = spec["template"]["spec"]
    (c,) = pod["containers"]
    env = {e["name"]: e["value"] for e in c["env"]}
    assert spec["completionMode"] == "Indexed" and spec["completions"] == int(env["SHARDS"])
    assert pod["hostUsers"] is False and pod["restartPolicy"] == "Never"
    assert pod["securityContext"]["seccompProfile"] == {"type": "Unconfined"}
    assert pod["securityContext"]["appArmorProfile"] == {"type": "Unconfined"}
    assert pod["securityContext"]["runAsNonRoot"] is True
    sc = c["securityContext"]
    assert sc["privileged"] is False and sc["allowPrivilegeEscalation"] is False
    assert sc["capabilities"] == {"drop": ["ALL"]} and "add" not in sc["capabilities"]
    assert sc["procMount"] == "Unmasked"
    command = " ".join(c["command"] + c["args"])
    assert '--shard "$JOB_COMPLETION_INDEX/$SHARDS"' in command
    assert '--out "/data/grades/shard-$JOB_COMPLETION_INDEX"' in command
    (merge,) = _docs(DEPLOY / "k8s" / "merge-job.yaml")
    m = merge["spec"]["template"]["spec"]["containers"][0]
    assert "course grade merge /data/grades/shard-* --out /data/grades" in " ".join(m["command"] + m["args"])
    assert merge["spec"]["template"]["spec"]["volumes"] == pod["volumes"][:1] + [{"name": "tmp", "emptyDir":
                                                                                  {"sizeLimit": "1Gi"}}]


def test_the_ci_matrix_grades_every_shard_then_merges():
    wf = yaml.safe_load((DEPLOY / "ci" / "github-matrix.yml").read_text(encoding="utf-8"))
    n = int(wf["env"]["SHARDS"])
    grade, merge = wf["jobs"]["grade"], wf["jobs"]["merge"]
    assert grade["strategy"]["matrix"]["shard"] == list(range(n))
    runs = " ".join(s.get("run", "") for s in grade["steps"])
    assert "--shard ${{ matrix.shard }}/${{ env.SHARDS }} --out grades/shard-${{ matrix.shard }}" in runs
    assert merge["needs"] == "grade"
    assert "course grade merge grades/shard-* --out grades" in " ".join(s.get("run", "") for s in merge["steps"])


@pytest.mark.parametrize("script", ["grade-array.sbatch", "merge.sbatch", "submit.sh"])
def test_the_slurm_scripts_are_valid_shell(script):
    path = DEPLOY / "slurm" / script
    assert os.access(path, os.X_OK)
    subprocess.run(["bash", "-n", str(path)], check=True)


@pytest.fixture
def fake_course(tmp_path):
    """A COURSE folder whose ``course`` only prints its arguments."""
    stub = tmp_path / "checkout" / ".venv" / "bin" / "course"
    stub.parent.mkdir(parents=True)
    stub.write_text('#!/bin/sh\necho "$@"\n', encoding="utf-8")
    stub.chmod(0o755)
    return tmp_path / "checkout"


@pytest.mark.parametrize("task, count, shards, expected", [("3", "8", None, "3/8"), ("3", "1", "8", "3/8"),
                                                           ("0", "2", None, "0/2")])
def test_the_array_script_grades_shard_k_of_n(fake_course, tmp_path, task, count, shards, expected):
    """N is the array's size, or SHARDS when one failed shard is queued again (--array=3)."""
    env = dict(os.environ, COURSE=str(fake_course), SLURM_ARRAY_TASK_ID=task, SLURM_ARRAY_TASK_COUNT=count,
               SLURM_CPUS_PER_TASK="4")
    env.pop("SHARDS", None)
    if shards:
        env["SHARDS"] = shards
    out = subprocess.run(["bash", str(DEPLOY / "slurm" / "grade-array.sbatch"), "subs", "grades"], env=env,
                         capture_output=True, text=True, check=True, cwd=tmp_path).stdout.split()
    k = expected.split("/")[0]
    assert out == ["grade", "subs", "--shard", expected, "--out", f"grades/shard-{k}", "-j", "4", "--quiet"]


def test_the_merge_script_merges_every_shard_folder(fake_course, tmp_path):
    for k in range(3):
        (tmp_path / "grades" / f"shard-{k}").mkdir(parents=True)
    out = subprocess.run(["bash", str(DEPLOY / "slurm" / "merge.sbatch"), "grades"], capture_output=True, text=True,
                         check=True, cwd=tmp_path, env=dict(os.environ, COURSE=str(fake_course))).stdout.split()
    assert out == ["grade", "merge", "grades/shard-0", "grades/shard-1", "grades/shard-2", "--out", "grades"]


def test_the_job_definitions_ask_for_2_5_gb_per_core():
    text = (DEPLOY / "slurm" / "grade-array.sbatch").read_text(encoding="utf-8")
    assert "#SBATCH --mem-per-cpu=2500M" in text and "#SBATCH --cpus-per-task=4" in text
    (job,) = _docs(DEPLOY / "k8s" / "grade-indexed-job.yaml")
    (c,) = job["spec"]["template"]["spec"]["containers"]
    assert c["resources"]["limits"] == {"cpu": "4", "memory": "10Gi"} and "-j 4" in " ".join(c["args"])


def _readable_by_all(path: str) -> bool:
    p = Path(path)
    return all(os.stat(q).st_mode & 0o005 == 0o005 for q in [*reversed(p.parents), p] if q.exists())


def test_the_sandbox_runs_as_a_pod_runs_it_non_root_without_capabilities_and_with_no_new_privs():
    """The Kubernetes manifest runs as a user, drops every capability and forbids privilege escalation.

    The grader's own bubblewrap options (namespaces, --disable-userns, a new /proc, tmpfs folders) still
    work then. The probe runs as ``nobody``, so the bind mounts of folders only root can read (this
    machine's Python lives in root's home) are left out, and a shell stands in for the worker.
    """
    if bwrap_path() is None or shutil.which("setpriv") is None or os.geteuid() != 0:
        pytest.skip("needs bubblewrap, setpriv and root (to become a user without capabilities)")
    cmd = bwrap_command(ROOT, 16)
    cmd, kept = cmd[:cmd.index("--")], []
    i = 0
    while i < len(cmd):
        if cmd[i] == "--ro-bind" and not _readable_by_all(cmd[i + 1]):
            i += 3
            continue
        kept.append(cmd[i])
        i += 1
    probe = "grep -E '^(CapEff|NoNewPrivs)' /proc/self/status | tr -s '\\t' ' '; echo sandboxed"
    proc = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all",
                           "--bounding-set=-all", "--no-new-privs", *kept, "--", "/bin/sh", "-c", probe],
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL, cwd="/")
    assert proc.returncode == 0, proc.stderr[-1000:]
    assert proc.stdout.splitlines() == ["CapEff: 0000000000000000", "NoNewPrivs: 1", "sandboxed"]
    assert {"--unshare-all", "--unshare-user", "--disable-userns", "--proc"} <= set(kept)
