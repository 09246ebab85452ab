"""Reference and common wrong answers of the exercises of lesson 01."""

from __future__ import annotations

REFERENCE = {
    "1.1": ["Rusland", "China"],
    "1.2": 8,
    "1.3": 2,
    "1.4": "China",
    "1.5": "zondag",
}

ALSO_RIGHT = {
    "1.1": [("Rusland", "China"), ["rusland", " china "]],
    "1.4": ["china", "China."],
    "1.5": ["Zondag", "Sunday", "sunday"],
}

WRONG = {
    "1.1": [
        (["China", "Rusland"], "order"),
        (["Russia", "China"], "Dutch article"),
        (["VS", "China"], "leak"),
        (["Rusland"], "exactly two"),
    ],
    "1.2": [(4, "paragraphs"), (32, "every sentence"), (2, "one paragraph"), (1, "heading"), (9, "exactly 'Op de vlakte'")],
    "1.3": [(3, "Yang Jiechi"), (1, "anonymous"), (4, "full name")],
    "1.4": [("Rusland", "aliases"), ("Peking", "Chinese state"), ("Jake Sullivan", "most-mentioned person"),
            ("Oekraïne", "first row")],
    "1.5": [("maandag", "meeting"), ("Monday", "meeting"), ("2022-03-13", "inferred"), ("zaterdag", "first sentence")],
}

WRONG_TYPE = {
    "1.1": ["Rusland, China", [1, 2]],
    "1.2": ["8", 8.0],
    "1.3": ["2", [2]],
    "1.4": [["China"], 1],
    "1.5": [7, None],
}
