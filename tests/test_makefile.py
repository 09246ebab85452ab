"""The Makefile's set-up: the Debian packages the tests need, and one course kernel."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat

from helpers.paths import ROOT


def _fake_bin(tmp_path: Path, uid: int) -> Path:
    """A PATH folder with a fake apt-get (logs its arguments) and id (prints ``uid``)."""
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "apt-get").write_text(f'#!/bin/sh\necho "$@" >> {tmp_path / "apt.log"}\n', encoding="utf-8")
    (fake / "id").write_text(f"#!/bin/sh\necho {uid}\n", encoding="utf-8")
    for f in fake.iterdir():
        f.chmod(0o755)
    return fake


def _system_deps(tmp_path: Path, uid: int, packages: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{_fake_bin(tmp_path, uid)}:{os.environ['PATH']}"}
    return subprocess.run(["make", "-s", "system-deps", f"DEBIAN_PACKAGES={packages}"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)


def test_missing_debian_packages_are_installed_as_root(tmp_path):
    done = _system_deps(tmp_path, 0, "no-such-tool-1:pkg-one sh:dash no-such-tool-2:pkg-two")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "apt.log").read_text(encoding="utf-8").splitlines() == [
        "update -qq", "install -y -qq pkg-one pkg-two"]
    assert "installing Debian packages: pkg-one pkg-two" in done.stdout


def test_an_ordinary_user_is_told_what_to_install(tmp_path):
    done = _system_deps(tmp_path, 1000, "no-such-tool-1:pkg-one")
    assert done.returncode == 0 and not (tmp_path / "apt.log").exists()
    assert "missing Debian packages: pkg-one (run: sudo apt-get install pkg-one)" in done.stdout


def test_nothing_is_installed_when_nothing_is_missing(tmp_path):
    done = _system_deps(tmp_path, 0, "sh:dash")
    assert done.returncode == 0 and done.stdout == "" and not (tmp_path / "apt.log").exists()


def test_make_test_and_make_lab_check_the_debian_packages_and_ci_only_calls_make_test():
    dry = {t: subprocess.run(["make", "-n", t, "DEBIAN_PACKAGES=sh:dash"], cwd=ROOT, capture_output=True,
                             text=True).stdout for t in ("test", "lab")}
    assert all("command -v" in out for out in dry.values())
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [ln for ln in ci.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    assert commands[-1] == "make test" and not [ln for ln in commands if "apt-get" in ln or "chromium" in ln]


def test_the_venv_has_one_kernel_and_the_notebooks_name_it():
    kernels = Path(sys.prefix) / "share" / "jupyter" / "kernels"
    assert sorted(p.name for p in kernels.iterdir()) == ["python3"]
    spec = json.loads((kernels / "python3" / "kernel.json").read_text(encoding="utf-8"))
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        meta = nbformat.read(path, as_version=4).metadata["kernelspec"]
        assert (meta["name"], meta["display_name"]) == ("python3", spec["display_name"]), path.name
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "ipykernel install --user" not in makefile, "no second, per-user course kernel"


def test_the_venv_has_the_lab_settings_the_wheel_ships():
    for source, target in {"overrides.json": "share/jupyter/lab/settings/overrides.json",
                           "jupyter_lab_config.json": "etc/jupyter/jupyter_lab_config.json"}.items():
        assert (Path(sys.prefix) / target).read_bytes() == (ROOT / "course" / "lab" / source).read_bytes()


def test_every_tier_names_real_test_modules_and_test_fast_runs_only_the_unit_tier():
    """A misspelt module in helpers.tiers.TIERS would silently put a slow test into `make test-fast`."""
    import tomllib

    from helpers.tiers import TIERS, tier_of

    tests = {p.name for p in (ROOT / "tests").glob("test_*.py")}
    for tier, names in TIERS.items():
        assert set(names) <= tests, f"{tier}: no such test module {sorted(set(names) - tests)}"
    registered = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    assert {m.split(":")[0] for m in registered["markers"]} == {*TIERS, "unit"}
    assert tier_of(ROOT / "notebooks" / "01-reading.ipynb") == "notebooks"
    assert tier_of(ROOT / "tests" / "test_text.py") == "unit"
    dry = subprocess.run(["make", "-n", "test-fast"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "-m unit" in dry


def test_make_test_hands_out_the_slowest_files_first_and_keeps_each_file_in_order():
    from pathlib import Path

    from helpers.tiers import slowest_first

    paths = [Path(p) for p in ("test_a.py", "test_a.py", "nb.ipynb", "nb.ipynb", "test_b.py")]
    tiers = ["unit", "unit", "notebooks", "notebooks", "nbgrader"]
    assert slowest_first(paths, tiers) == [4, 2, 3, 0, 1]


def test_make_test_runs_in_parallel_with_whole_files_per_worker():
    """README: `make test` runs on every core with `--dist loadfile`; `make test-fast` the unit tier on every core."""
    test = subprocess.run(["make", "-n", "test"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    line = next(ln for ln in test.splitlines() if "-m pytest tests notebooks" in ln)
    assert "--nbval" in line and "-n auto" in line and "--dist loadfile --no-loadscope-reorder" in line
    serial = subprocess.run(["make", "-n", "test", "TEST_WORKERS=0"], cwd=ROOT, capture_output=True, text=True,
                            check=True).stdout
    assert "-n 0" in serial
    fast = subprocess.run(["make", "-n", "test-fast"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "-m unit -n auto" in fast


def test_the_handouts_are_built_once_per_session_for_all_workers(tmp_path, monkeypatch):
    from helpers import handouts as shared

    calls = []
    monkeypatch.setattr(shared, "HANDOUTS_DIR", tmp_path)
    monkeypatch.setattr(shared.handouts, "build_handouts", lambda src, out, edition, pdf: calls.append(edition))
    monkeypatch.setenv("COURSE_TEST_SESSION", "one")
    build = shared.built.__wrapped__          # what each worker runs once (lru_cache in one process)
    assert build("student") == tmp_path / "student" and build("student") == tmp_path / "student"
    assert calls == ["student"], "a second worker of the same session rebuilt the handouts"
    monkeypatch.setenv("COURSE_TEST_SESSION", "two")
    build("student")
    assert calls == ["student", "student"], "a new session reused an old build"
