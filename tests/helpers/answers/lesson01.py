"""Reference and common wrong answers of the exercises of lesson 01."""

from __future__ import annotations

from .solutions import instructor_answer

REFERENCE = {
    "1.1": ["Rusland", "China"],
    "1.2": 8,
    "1.3": 2,
    "1.4": "China",
}

ALSO_RIGHT = {
    "1.1": [("Rusland", "China"), ["rusland", " china "]],
    "1.4": ["china", "China."],
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
}

WRONG_TYPE = {
    "1.1": ["Rusland, China", [1, 2]],
    "1.2": ["8", 8.0],
    "1.3": ["2", [2]],
    "1.4": [["China"], 1],
}

_SPLIT_REFERENCE = instructor_answer("1.5")

_REASON_REFERENCE = instructor_answer("1.7")

FUNCTIONS = {
    "1.5": {
        "reference": _SPLIT_REFERENCE,
        "wrong": [
            # cuts only where white space follows the mark: a closing quote after the mark blocks the split
            ('''import re


def split_sentences(text):
    return [s for s in re.split(r"(?<=[.!?])\\s+", text.strip()) if s]
''', "a quote that closes the sentence"),
            # a new sentence must start with a capital: the opening quote is left out of the rule
            (_SPLIT_REFERENCE.replace(" or rest[0] in OPENING_QUOTES", ""), "a quote that opens the sentence"),
            # digits cannot start a sentence
            (_SPLIT_REFERENCE.replace(" or rest[0].isdigit()", ""), "a sentence that starts with a number"),
        ],
    },
    "1.7": {
        "reference": _REASON_REFERENCE,
        "wrong": [
            # looks for the letters anywhere, not for whole words
            ('''def find_reason_words(sentence):
    text = sentence.lower()
    found = [w for w in ("omdat", "doordat", "want", "zodat", "daarom") if w in text]
    if " om " in text and " te " in text:
        found.append("om te")
    return found
''', "a marker hidden inside a longer word"),
            # case-sensitive: misses 'Want' at the start of a sentence
            (_REASON_REFERENCE.replace("sentence.lower()", "sentence"), "a marker with a capital at the start"),
            # every 'om' counts, with or without a 'te'
            ('''import re


def find_reason_words(sentence):
    found = []
    for word in re.findall(r"[^\\W\\d_]+", sentence.lower()):
        if word in ("omdat", "doordat", "want", "zodat", "daarom"):
            found.append(word)
        elif word == "om":
            found.append("om te")
    return found
''', "om without a te after it"),
        ],
    },
}
