"""Reference and common wrong answers of the exercises of lesson 00.

Teacher material: this file is never part of a student release. For each
exercise id: the reference answer, and wrong answers each with a word or
phrase the hint they get must contain. ``test_checks.py`` proves the
reference passes ``check`` and each wrong answer gets its intended hint;
``test_every_exercise_has_answers`` fails when a new exercise is added
without an entry here.
"""

from __future__ import annotations

REFERENCE = {
    "0.1": 13,
    "0.2": "Rome",
    "0.3": ["Ontmoeting in Rome", "Op de vlakte", "De druk wordt opgevoerd"],
}

#: Answers that are right but written differently (normalisation must accept them).
ALSO_RIGHT = {
    "0.2": ["rome", " Rome. ", "“Rome”"],
    "0.3": [("Ontmoeting in Rome", "Op de vlakte", "De druk wordt opgevoerd"), ["ontmoeting in rome", "op de vlakte", "de druk wordt opgevoerd"]],
}

WRONG = {
    "0.1": [(16, "headings"), (17, "date line"), (32, "sentences"), (12, "counts from 0"), (14, "which python function counts")],
    "0.2": [("Peking", "Winter Olympics"), ("Beijing", "Winter Olympics"), ("Rom", "spell"), ("Amsterdam", "first heading")],
    "0.3": [
        (["De druk wordt opgevoerd", "Op de vlakte", "Ontmoeting in Rome"], "order"),
        (["Ontmoeting in Rome", "Op de vlakte"], "missing"),
        ([], "empty"),
    ],
}

WRONG_TYPE = {
    "0.1": ["13", 13.0, True, [13]],
    "0.2": [1, ["Rome"], None],
    "0.3": ["Ontmoeting in Rome", [1, 2, 3], None],
}
