"""What the tests share, as a package: ``from helpers.submissions import answered``.

``pyproject.toml`` puts ``tests/`` on ``sys.path`` (pytest's ``pythonpath``)
and runs pytest with ``--import-mode=importlib``, so test modules are not
importable by each other and nothing here depends on pytest's default
``prepend`` import mode; the benchmarks add ``tests/`` to ``sys.path``
themselves.

=====================  ==========================================================
module                 what
=====================  ==========================================================
``paths``              ``ROOT`` (the checkout) and ``SEED`` (the article)
``answers``            reference, also-right, wrong and wrong-type answers per exercise
``submissions``        student notebooks filled with those answers; the fault corpus
``student_env``        the student bundle installed in a sandbox that hides the repository
``nbgrader_compat``    nbgrader's own venv: generate, autograde, read its scores
``handouts``           the handouts built once per test session (all workers)
=====================  ==========================================================
"""
