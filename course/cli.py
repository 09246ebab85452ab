"""The ``course`` command line.

Subcommands
-----------
``course build [SOURCE ...] [--no-execute]``
    Build lesson notebooks from ``notebooks/src/*.py`` (all by default),
    execute them and store outputs (see :mod:`course.authoring.notebooks`).
``course release [--out release/]``
    Build the student edition (solutions, hidden tests, teacher cells and
    outputs removed), with the student bundle next to it (see
    :mod:`course.authoring.bundle`), and the teacher edition of every lesson notebook;
    exit code 1 with a list of leaks when the student edition would leak.
``course article PATH``
    Read an article file and print its structure; exit code 2 with one line
    naming the file and the problem when it cannot be read.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

from .paths import project_root

ROOT = project_root()

# Subcommands that live in their own module: ``course.<name>`` defines
# ``add_arguments(parser)`` and ``run(args) -> int`` (the exit code), and keeps
# its heavy imports inside ``run`` so that ``course --help`` stays fast.
_PLUGINS = {
    "analyze": "run every lesson's analysis on article files (json, text or html)",
    "handouts": "render the lessons as self-contained HTML (and PDF) handouts",
    "grade": "grade a folder or zip of student submissions safely, in parallel",
}
#: Plug-ins whose module is not ``course.<name>``.
_PLUGIN_MODULES = {"analyze": "course.report.analyze", "handouts": "course.authoring.handouts",
                   "grade": "course.grading.cli"}


def _build(args: argparse.Namespace) -> int:
    from .authoring.notebooks import NotebookSourceError, build_file

    sources = [Path(s) for s in args.sources] or sorted((ROOT / "notebooks" / "src").glob("*.py"))
    for src in sources:
        try:
            out = build_file(src, execute=not args.no_execute)
        except NotebookSourceError as exc:
            print(f"course build: {exc}", file=sys.stderr)
            return 2
        print(f"built {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
    return 0


def _article(args: argparse.Namespace) -> int:
    from .analysis.article import ArticleError, load_article

    status = 0
    for path in args.paths:
        try:
            article = load_article(path)
        except ArticleError as exc:
            print(f"course article: {exc}", file=sys.stderr)
            status = 2
            continue
        print(f"{path}: date {article.date or '-'}, {len(article.paragraphs)} paragraphs, "
              f"{len(article.sentences)} sentences, headings: {'; '.join(article.heading_texts) or '-'}")
    return status


def _release(args: argparse.Namespace) -> int:
    from .authoring.release import ReleaseError, release

    try:
        written = release(ROOT / "notebooks", Path(args.out))
    except ReleaseError as exc:
        print(f"course release: {exc}", file=sys.stderr)
        return 1
    print(f"released {len(written)} student notebooks to {Path(args.out) / 'student'} (the student bundle: "
          f"see its README.md) and the teacher edition to {Path(args.out) / 'teacher'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the ``course`` command; returns the exit code."""
    if argv is None and sys.argv[1:2] == ["grade"] and os.environ.get("PYTHONHASHSEED") != "0":
        # Grading forks children from this process: fix the hash seed so that
        # a re-run gives the same result (set iteration order in student code).
        os.execve(sys.executable, [sys.executable, "-m", "course.cli", *sys.argv[1:]],
                  dict(os.environ, PYTHONHASHSEED="0"))
    parser = argparse.ArgumentParser(prog="course", description="Tools for the Dutch news article course.")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build lesson notebooks from notebooks/src/")
    b.add_argument("sources", nargs="*", help="percent sources (default: all in notebooks/src/)")
    b.add_argument("--no-execute", action="store_true", help="do not run the notebooks")
    b.set_defaults(func=_build)
    a = sub.add_parser("article", help="read article files and print their structure")
    a.add_argument("paths", nargs="+")
    a.set_defaults(func=_article)
    r = sub.add_parser("release", help="build the student and teacher editions of the notebooks")
    r.add_argument("--out", default="release", help="output folder (default: release/)")
    r.set_defaults(func=_release)
    chosen = (argv if argv is not None else sys.argv[1:])[:1]
    for name, help_text in _PLUGINS.items():
        if [name] != chosen:
            # Import a plug-in only when it is the command asked for: a broken
            # or slow module never affects the other commands.
            sub.add_parser(name, help=help_text)
            continue
        module = importlib.import_module(_PLUGIN_MODULES[name])
        s = sub.add_parser(name, help=help_text, description=(module.__doc__ or "").split("\n\n")[0],
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        module.add_arguments(s)
        s.set_defaults(func=module.run)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
