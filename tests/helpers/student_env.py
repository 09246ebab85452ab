"""A student's machine, for the tests: the bundle in a folder outside the repository.

:func:`make_student_env` releases the course into a temporary folder and
follows the bundle's own README there, in a bubblewrap sandbox in which the
repository is an empty folder (``--tmpfs <repo>``), so no path can reach back
into it:

1. ``python3 -m venv .venv`` in the bundle folder (the README's first command,
   first half);
2. *instead of the package index*: the packages the README's install would
   download are made visible to that venv from this project's ``.venv``,
   mounted read-only elsewhere (a ``.pth`` file, copies of their data files
   and console scripts), without the course itself (its editable install and
   its own kernel and lab settings are left out). The exact
   pins of ``requirements.txt`` must match them: the install runs with
   ``PIP_NO_INDEX=1`` and no network, so a missing or different pin fails;
3. ``.venv/bin/pip install -r requirements.txt`` (the second half): pip
   installs the course wheel from the bundle into the fresh venv, with its
   JupyterLab settings.

:meth:`StudentEnv.run` and :meth:`StudentEnv.popen` then run commands in the
same sandbox, in the bundle folder.
"""

from __future__ import annotations

import importlib.metadata as md
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .paths import ROOT

HOST_VENV = Path(sys.prefix)
_SITE = Path(md.distribution("pip").locate_file(""))  # site-packages of this venv
_COURSE_ENTRIES = re.compile(r"^(dutch_news_course|__editable__|course$|.*\.pth$|__pycache__$|_virtualenv)")
#: Data files of this venv that are the course's own (installed by the Makefile), not a package's.
_OWN_DATA = ("share/jupyter/kernels/", "share/jupyter/lab/settings/", "etc/jupyter/jupyter_lab_config.json")


def bwrap_works() -> bool:
    """Whether bubblewrap is installed and can make a sandbox here."""
    if shutil.which("bwrap") is None:
        return False
    probe = subprocess.run(["bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "true"],
                           capture_output=True, timeout=30)
    return probe.returncode == 0


def base_python() -> str:
    """The interpreter this project's venv was made from (``home`` in ``pyvenv.cfg``)."""
    cfg = (HOST_VENV / "pyvenv.cfg").read_text(encoding="utf-8")
    home = re.search(r"^home\s*=\s*(.+)$", cfg, re.M).group(1).strip()
    return str(Path(home) / f"python{sys.version_info.major}.{sys.version_info.minor}")


@dataclass
class StudentEnv:
    """The bundle folder, its ``.venv`` and the sandbox that hides the repository."""

    tmp: Path
    bundle: Path

    @property
    def venv(self) -> Path:
        return self.bundle / ".venv"

    @property
    def mounted_venv(self) -> Path:
        return self.tmp / "index-stand-in"

    def env(self) -> dict[str, str]:
        home = self.tmp / "home"
        return {
            "PATH": f"{self.venv / 'bin'}:{Path(base_python()).parent}:/usr/bin:/bin",
            "HOME": str(home), "TMPDIR": str(self.tmp / "t"), "LANG": "C.UTF-8",
            "JUPYTER_PLATFORM_DIRS": "1", "PYDEVD_DISABLE_FILE_VALIDATION": "1",
            "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1", "MPLBACKEND": "Agg",
        }

    def sandbox(self, argv: list[str], network: bool = False) -> list[str]:
        """``argv`` wrapped in bubblewrap: the repository is empty, ``.venv`` of the project elsewhere."""
        cmd = ["bwrap", "--ro-bind", "/", "/", "--bind", str(self.tmp), str(self.tmp), "--tmpfs", str(ROOT),
               "--ro-bind", str(HOST_VENV), str(self.mounted_venv), "--dev", "/dev", "--proc", "/proc",
               "--die-with-parent", "--chdir", str(self.bundle)]
        if not network:
            cmd.append("--unshare-net")
        return [*cmd, *argv]

    def run(self, argv: list[str], timeout: float = 600, network: bool = False) -> subprocess.CompletedProcess:
        """Run a command in the sandbox, in the bundle folder; text output captured."""
        return subprocess.run(self.sandbox(argv, network), env=self.env(), capture_output=True, text=True,
                              timeout=timeout)

    def popen(self, argv: list[str], **kwargs) -> subprocess.Popen:
        """Start a command in the sandbox (with the network, for a server the browser reaches)."""
        return subprocess.Popen(self.sandbox(argv, network=True), env=self.env(), **kwargs)


def provide_packages(env: StudentEnv) -> None:
    """Stand in for the package index: this venv's packages (not the course) for the bundle's venv."""
    site_rel = _SITE.relative_to(HOST_VENV)
    deps = env.tmp / "deps"
    deps.mkdir()
    for entry in sorted(_SITE.iterdir()):
        if not _COURSE_ENTRIES.match(entry.name):
            (deps / entry.name).symlink_to(env.mounted_venv / site_rel / entry.name)
    (env.venv / site_rel / "_index_stand_in.pth").write_text(f"{deps}\n", encoding="utf-8")
    # The data files a pip install puts in the environment (JupyterLab's assets, server extensions):
    # copies (hard links where possible), since JupyterLab serves no file linked from elsewhere.
    for top in ("share/jupyter", "etc/jupyter"):
        for path in sorted((HOST_VENV / top).rglob("*")):
            rel = path.relative_to(HOST_VENV).as_posix()
            if path.is_dir() or rel.startswith(_OWN_DATA):
                continue
            (env.venv / rel).parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(path.resolve(), env.venv / rel)
            except OSError:
                shutil.copyfile(path, env.venv / rel)
    # The console scripts a pip install would write (jupyter, jupyter-lab ...), for this venv's Python.
    for ep in md.entry_points(group="console_scripts"):
        if ep.dist is not None and ep.dist.metadata["Name"] != "dutch-news-course":
            script = env.venv / "bin" / ep.name
            if not script.exists():
                module, _, func = ep.value.partition(":")
                script.write_text(f"#!{env.venv / 'bin' / 'python'}\nimport sys\nfrom {module} import "
                                  f"{func.split('.')[0]}\nsys.exit({func}())\n", encoding="utf-8")
                script.chmod(0o755)


def readme_commands(bundle: Path) -> list[str]:
    """The shell commands of the bundle README's first code block."""
    text = (bundle / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", text, re.S).group(1)
    return [line.strip() for line in block.splitlines() if line.strip()]


def make_student_env(tmp: Path) -> StudentEnv:
    """Release the course into ``tmp`` and install the bundle there as its README says."""
    from course.authoring.release import release

    for name in ("home", "t", "index-stand-in"):
        (tmp / name).mkdir(parents=True, exist_ok=True)
    release(ROOT / "notebooks", tmp / "release")
    bundle = tmp / "course"  # the folder a student unpacks, outside the repository
    shutil.copytree(tmp / "release" / "student", bundle)
    env = StudentEnv(tmp, bundle)
    make_venv, install = readme_commands(bundle)[0].split(" && ")
    done = env.run(["sh", "-c", make_venv])
    assert done.returncode == 0, done.stderr
    provide_packages(env)
    done = env.run(["sh", "-c", install])
    assert done.returncode == 0, done.stdout + done.stderr
    return env
