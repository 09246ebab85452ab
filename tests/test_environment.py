"""Set-up files agree: pyproject.toml, environment.yml, requirements.lock, Makefile, CI."""

from __future__ import annotations

import re
import tomllib

import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

from helpers.paths import ROOT


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _env_pip() -> list[str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip = next(d for d in env["dependencies"] if isinstance(d, dict))["pip"]
    return pip


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    ours = {canonicalize_name(Requirement(r).name): Requirement(r).specifier for r in _pyproject()["project"]["dependencies"]}
    theirs = {canonicalize_name(Requirement(r).name): Requirement(r).specifier for r in _env_pip() if not r.startswith("-")}
    assert theirs == ours
    assert "-e ." in _env_pip(), "environment.yml installs the course package itself"


def test_environment_python_satisfies_requires_python():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python="))
    version = python.split("=", 1)[1]
    assert SpecifierSet(_pyproject()["project"]["requires-python"]).contains(version + ".0")


def _pins(lock: str) -> dict[str, str]:
    pins = {}
    for line in (ROOT / lock).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version
    return pins


def test_lock_pins_every_dependency_within_its_range():
    pins = _pins("requirements.lock")
    project = _pyproject()["project"]
    for req in map(Requirement, project["dependencies"] + project["optional-dependencies"]["test"]):
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is not pinned in requirements.lock (run `make lock`)"
        assert req.specifier.contains(pins[name], prereleases=True), f"{req.name}=={pins[name]} is outside {req.specifier}"
    assert all(re.fullmatch(r"[0-9][0-9A-Za-z.+!-]*", v) for v in pins.values())


def test_nbgrader_is_a_test_tool_in_its_own_pinned_venv():
    project = _pyproject()["project"]
    everything = project["dependencies"] + project["optional-dependencies"]["test"]
    assert "nbgrader" not in {canonicalize_name(Requirement(r).name) for r in everything}
    assert "nbgrader" in _pins("requirements-nbgrader.lock")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "-c $(NBG_LOCK) nbgrader" in makefile and "test: $(STAMP) $(NBG_STAMP)" in makefile
    assert "-e '.[test]'" in makefile


def test_nothing_that_downloads_at_run_time():
    deps = {canonicalize_name(Requirement(r).name) for r in _pyproject()["project"]["dependencies"]}
    assert not deps & {"nltk", "textstat", "otter-grader"}


def test_ci_runs_make_test_and_readme_shows_the_two_commands():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci and "set -e" in ci
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.index("make lab") < readme.index("## ") or "make lab" in readme.split("## ")[1]
    assert "make test" in readme
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("lab:", "test:", "bench:", "-c $(LOCK)", "ipykernel install", "--nbval"):
        assert target in makefile, target
