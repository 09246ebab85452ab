"""JupyterLab smoke tests: the lessons open in the real JupyterLab, in Chromium.

Starts ``jupyter lab`` headless on a free localhost port with a random
token, on a temporary copy of ``01-reading.ipynb`` (so the repository's
notebook is never touched), opens it in Debian's Chromium through
Playwright, waits until its cells render, saves a screenshot in
``build/screenshots/`` and always stops the server. Skips, saying why, only
when Chromium is not installed.

Then the student bundle as a student opens it (``student_env``: installed
from the bundle outside the repository, see ``tests/helpers/student_env.py``), with
the bundle README's own command: the notebook is not marked unsaved once its
kernel runs, the lab offers one kernel, and no "Jupyter news" notification
appears. And ``make lab`` / ``make lab-teacher`` serve what the README says,
with extra options in ``LAB_ARGS``.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import json
import time
import urllib.request
from pathlib import Path

import pytest

from helpers.paths import ROOT
from course.authoring.handouts import find_chromium
from helpers.student_env import readme_commands

CHROMIUM = find_chromium()
NOTEBOOK = ROOT / "notebooks" / "01-reading.ipynb"

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium; .ci/run does this)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"jupyter lab exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - localhost only
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.25)
    raise TimeoutError(f"jupyter lab did not answer at {url} within {timeout} s")


def stop(proc: subprocess.Popen) -> None:
    """Stop the server we started (its own process group: the server and its kernels)."""
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)


def test_jupyterlab_opens_and_renders_a_lesson(tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    root = tmp_path / "lab"
    root.mkdir()
    shutil.copyfile(NOTEBOOK, root / NOTEBOOK.name)
    port, token = free_port(), secrets.token_hex(16)
    env = {**os.environ, "JUPYTER_PLATFORM_DIRS": "1", "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"), "JUPYTER_RUNTIME_DIR": str(tmp_path / "rt")}
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.open_browser=False",
           "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
           f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
           f"--LabApp.workspaces_dir={tmp_path / 'workspaces'}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    log = (tmp_path / "lab.log").open("w")
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=root, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/api/status?token={token}", proc)
        with sync_api.sync_playwright() as p:
            args = ["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
            browser = p.chromium.launch(executable_path=CHROMIUM, args=args)
            try:
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.goto(f"{base}/lab/tree/{NOTEBOOK.name}?token={token}", timeout=90_000)
                page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
                heading = page.locator(".jp-Notebook .jp-RenderedMarkdown h1").first
                heading.wait_for(state="visible", timeout=90_000)
                assert "Reading the article" in heading.inner_text()
                page.wait_for_function(
                    "document.querySelectorAll('.jp-Notebook .jp-Cell').length > 10", timeout=90_000)
                (ROOT / "build" / "screenshots").mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(ROOT / "build" / "screenshots" / "lab-01-reading.png"))
            finally:
                browser.close()
    except Exception:
        log.flush()
        print((tmp_path / "lab.log").read_text(encoding="utf-8", errors="replace")[-3000:])
        raise
    finally:
        stop(proc)
        log.close()
    assert proc.poll() is not None, "the server was stopped"


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - localhost only
        return json.load(response)


def _root_flag() -> list[str]:
    return ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


def _setting_defaults(base: str, token: str, plugin: str) -> dict:
    """A plugin's settings defaults as the lab serves them (overrides.json applied)."""
    schema = _get(f"{base}/lab/api/settings/{plugin}?token={token}")["schema"]
    return {key: prop.get("default") for key, prop in schema["properties"].items()}


def _wait_for_idle_kernel(base: str, token: str, name: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        sessions = _get(f"{base}/api/sessions?token={token}")
        if any(s["path"].endswith(name) and s["kernel"]["execution_state"] == "idle" for s in sessions):
            return
        time.sleep(0.5)
    raise TimeoutError(f"no idle kernel for {name} within {timeout} s")


def test_student_bundle_opens_clean_in_jupyterlab(student_env):
    """The bundle README's second command; the notebook stays saved, one kernel, no news pop-up."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    command = readme_commands(student_env.bundle)[1].split()
    notebook = student_env.bundle / command[-1]
    before = notebook.read_bytes()
    port, token = free_port(), secrets.token_hex(16)
    cmd = [*command, "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
           "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", "--LabApp.expose_app_in_browser=True",
           *_root_flag()]
    log_path = student_env.tmp / "lab-bundle.log"
    log = log_path.open("w")
    proc = student_env.popen(cmd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/api/status?token={token}", proc)
        specs = _get(f"{base}/api/kernelspecs?token={token}")["kernelspecs"]
        metadata = json.loads(before)["metadata"]["kernelspec"]
        assert list(specs) == [metadata["name"]], "one kernel, the one the notebooks name"
        assert specs[metadata["name"]]["spec"]["display_name"] == metadata["display_name"]
        news = _setting_defaults(base, token, "@jupyterlab/apputils-extension:notification")
        assert news["fetchNews"] == "false" and news["checkForUpdates"] is False
        assert _setting_defaults(base, token, "@jupyterlab/extensionmanager-extension:plugin")["enabled"] is False
        with sync_api.sync_playwright() as p:
            args = ["--no-sandbox"] if _root_flag() else []
            browser = p.chromium.launch(executable_path=CHROMIUM, args=args)
            try:
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.goto(f"{base}/lab/tree/{notebook.name}?token={token}", timeout=90_000)
                page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
                _wait_for_idle_kernel(base, token, notebook.name)
                page.wait_for_function(
                    "t => [...document.querySelectorAll('.jp-Toolbar-kernelName')].some(e => e.textContent.includes(t))",
                    arg=metadata["display_name"], timeout=90_000)
                page.wait_for_timeout(4000)  # the news question used to pop up within a few seconds
                tab = page.locator(".lm-TabBar-tab", has_text=notebook.name).first
                assert "jp-mod-dirty" not in (tab.get_attribute("class") or ""), "the notebook is marked unsaved"
                toasts = " ".join(page.locator(".Toastify__toast").all_inner_texts())
                assert "news" not in toasts.casefold(), toasts
                page.evaluate("window.jupyterapp.commands.execute('launcher:create')")
                page.wait_for_selector(".jp-LauncherCard", timeout=30_000)
                cards = page.locator('.jp-LauncherCard[data-category="Notebook"]')
                assert cards.count() == 1 and metadata["display_name"] in cards.first.inner_text()
                (ROOT / "build" / "screenshots").mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(ROOT / "build" / "screenshots" / "lab-bundle-launcher.png"))
            finally:
                browser.close()
    except Exception:
        log.flush()
        print(log_path.read_text(encoding="utf-8", errors="replace")[-3000:])
        raise
    finally:
        stop(proc)
        log.close()
    assert notebook.read_bytes() == before, "opening the notebook changed the file"
    assert "Extension Manager is 'readonly'" in log_path.read_text(encoding="utf-8"), "nothing offers to fetch extensions"


def _make_lab(target: str, tmp_path: Path, lab_args: str = "") -> tuple[subprocess.Popen, str, str, Path]:
    port, token = free_port(), secrets.token_hex(16)
    args = (f"--no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port_retries=0 "
            f"--IdentityProvider.token={token} {lab_args}").strip()
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path / "config"), "JUPYTER_RUNTIME_DIR": str(tmp_path / "rt"),
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces")}
    log_path = tmp_path / "make-lab.log"
    proc = subprocess.Popen(["make", "--no-print-directory", target, f"RELEASE={tmp_path / 'release'}",
                             f"PORT={port}", f"LAB_ARGS={args}"], cwd=ROOT, env=env, stdout=log_path.open("w"),
                            stderr=subprocess.STDOUT, start_new_session=True)
    return proc, f"http://127.0.0.1:{port}", token, log_path


@pytest.mark.parametrize("target, lab_args, expect", [
    ("lab", "", "student"),
    ("lab", "--ServerApp.root_dir={other}", "other"),
    ("lab-teacher", "", "teacher"),
])
def test_make_lab_serves_the_student_edition(tmp_path, target, lab_args, expect):
    """`make lab`: the student edition; LAB_ARGS may name another root; `make lab-teacher`: the solutions."""
    other = tmp_path / "other"
    other.mkdir()
    (other / "marker.txt").write_text("another folder\n", encoding="utf-8")
    proc, base, token, log_path = _make_lab(target, tmp_path, lab_args.format(other=other))
    try:
        wait_until_up(f"{base}/api/status?token={token}", proc, timeout=180)
        names = {item["name"] for item in _get(f"{base}/api/contents?token={token}")["content"]}
        if expect == "other":
            assert names == {"marker.txt"}
            return
        nb = _get(f"{base}/api/contents/00-start.ipynb?token={token}&content=1")["content"]
        text = json.dumps(nb)
        if expect == "student":
            assert {"00-start.ipynb", "05-your-article.ipynb", "requirements.txt", "README.md"} <= names
            for name in sorted(n for n in names if n.endswith(".ipynb")):
                nb = _get(f"{base}/api/contents/{name}?token={token}&content=1")["content"]
                text = json.dumps(nb)
                assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text and "Rubric" not in text, name
                assert not [c for c in nb["cells"] if c.get("outputs")], name
                assert not [c for c in nb["cells"] if "teacher" in c["metadata"].get("tags", [])], name
        else:
            assert "src" in names and "BEGIN SOLUTION" in text
    except Exception:
        print(log_path.read_text(encoding="utf-8", errors="replace")[-3000:])
        raise
    finally:
        stop(proc)


def test_make_lab_rebuilds_the_student_edition_when_a_lesson_is_newer(tmp_path):
    release = tmp_path / "release"
    built = subprocess.run(["make", "-s", f"RELEASE={release}", f"{release}/student/requirements.txt"], cwd=ROOT,
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    dry = subprocess.run(["make", "-n", "lab", f"RELEASE={release}"], cwd=ROOT, capture_output=True, text=True)
    assert "course release" not in dry.stdout and f"{release}/student" in dry.stdout
    os.utime(release / "student" / "requirements.txt", (0, 0))
    dry = subprocess.run(["make", "-n", "lab", f"RELEASE={release}"], cwd=ROOT, capture_output=True, text=True)
    assert f"course release --out {release}" in dry.stdout
