"""Reference and common wrong answers of the exercises of lesson 03."""

from __future__ import annotations

REFERENCE = {
    "3.1": [1, 1, 0, 0, 1],
    "3.2": 12,
    "3.3": ["kan", "zou", "kunnen"],
    "3.4": 0.26,
    "3.5": "conflict",
}

ALSO_RIGHT = {
    "3.1": [(1, 1, 0, 0, 1)],
    "3.3": [["zou", "kunnen", "kan"], ("Kan", "zou", "kunnen"), ["kan", "zou", "kunnen", "kan"]],
    "3.4": [0.257, 0.25698, 0.2570281124497992],
    "3.5": ["Conflict", " conflict ", "conflict."],
}

WRONG = {
    "3.1": [([1, 1, 1, 1, 1], "really in the text"), ([0, 0, 0, 0, 0], "accuse"), ([1, 1, 0], "five answers"),
            ([1, 0, 1, 0, 1], "literally")],
    "3.2": [(10, "tie"), (11, "tie"), (8, "economic column"), (0, "numbered from 1"), (13, "conflict column")],
    "3.3": [(["kan", "zou"], "second sentence"), (["kan", "meent"], "paragraph 11"), (["volgens"], "paragraph 8")],
    "3.4": [(0.58, "coder C against the reference"), (0.55, "alpha"), (0.68, "coder D against"),
            (0.9, "coders C and D")],
    "3.5": [("economic", "second highest"), ("responsibility", "highest score"), ("framing", "frame column"),
            ("morality", "highest score in frame_profile")],
}

WRONG_TYPE = {
    "3.1": ["1, 1, 0, 0, 1", 1],
    "3.2": ["12", 12.0],
    "3.3": ["kan, zou, kunnen", 8],
    "3.4": ["0.26", None],
    "3.5": [["conflict"], 3],
}
