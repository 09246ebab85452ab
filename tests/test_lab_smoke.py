"""JupyterLab smoke test: the lessons open in the real JupyterLab, in Chromium.

Starts ``jupyter lab`` headless on a free localhost port with a random
token, on a temporary copy of ``01-reading.ipynb`` (so the repository's
notebook is never touched), opens it in Debian's Chromium through
Playwright, waits until its cells render, saves a screenshot in
``build/screenshots/`` and always stops the server. Skips, saying why, only
when Chromium is not installed.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import ROOT
from course.handouts import find_chromium

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
