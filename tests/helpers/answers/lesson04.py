"""Reference and common wrong answers of the exercises of lesson 04."""

from __future__ import annotations

from .solutions import instructor_answer

REFERENCE = {
    "4.1": ["Jake Sullivan", "Zhao Lijian"],
    "4.2": 4,
    "4.3": 1,
    "4.4": 6,
    "4.5": "Oekraïne",
    "4.6": ["media", "official", "official", "expert", "official"],
    "4.9": [3, 4],
    "4.10": ["newspaper", "source", "newspaper", "newspaper", "source", "source"],
    "4.11": ["Trouw", "Rusland", "2022-03-13"],
}

ALSO_RIGHT = {
    "4.1": [["Zhao Lijian", "Jake Sullivan"], ["sullivan", "zhao"], ["Jake Sullivan", "Zhao Lijian", "Zhao Lijian"]],
    "4.5": ["oekraïne", "Ukraine", "Oekraïne."],
    "4.6": [["Media", "Official", "official", "Expert", "official"]],
    "4.9": [[4, 3], [3, 4, 4]],
    "4.10": [["Newspaper", "source", "newspaper", "Newspaper", "source", "Source"]],
    "4.11": [["trouw", "Russia", "2022-03-13"], ["Trouw.", "rusland", " 2022-03-13"]],
}

WRONG = {
    "4.1": [(["Sullivan"], "paragraph 12"), (["Ryan Hass"], "full sentence"), (["Sullivan", "Zhao", "Hass"], "Which kind")],
    "4.2": [(2, "volgens hem"), (11, "Hij waarschuwt")],
    "4.3": [(0, "first paragraph"), (9, "all sources")],
    "4.4": [(2, "find_voices"), (5, "partial quote"), (7, "most statements")],
    "4.5": [("Rusland", "paragraph 13"), ("Yang Jiechi", "party to the war"), ("China", "Does China speak")],
    "4.6": [(["media", "official", "official", "official", "official"], "Ryan Hass"),
            (["media", "unknown", "official", "expert", "official"], "anonymous"),
            (["media", "official"], "five")],
    "4.9": [([1, 3, 4], "zo meldden"), ([4], "blijft"), ([3, 4, 6], "American accusation"), ([2, 3, 4], "of niet"),
            ([7], "numbers of the phrases")],
    "4.10": [(["source", "source", "newspaper", "newspaper", "source", "source"], "internationaal gerespecteerd"),
             (["newspaper", "source", "newspaper", "source", "source", "source"], "recipe of leaking"),
             (["newspaper", "source"], "six labels")],
    "4.11": [(["NRC", "Rusland", "2022-03-13"], "the outlet of the article"),
             (["Trouw", "China", "2022-03-13"], "the party to the war that denied"),
             (["Trouw", "Rusland", "2022-03-14"], "the date of the first reports"),
             (["Trouw", "Rusland"], "three answers")],
}

WRONG_TYPE = {
    "4.1": ["Sullivan", None],
    "4.2": ["4", 4.5],
    "4.3": ["1", None],
    "4.4": ["6", None],
    "4.5": [["Oekraïne"], 1],
    "4.6": ["media", [1, 2]],
    "4.9": ["3", ["3"]],
    "4.10": ["newspaper", None],
    "4.11": ["Trouw", [1, 2, 3]],
}

_NAIVE_VOLGENS = """def volgens_speaker(sentence):
    low = sentence.lower()
    if "volgens " not in low:
        return None
    rest = sentence[low.index("volgens ") + len("volgens "):]
    return rest.split(",")[0].rstrip(".")
"""

_FIRST_WORD = """def volgens_speaker(sentence):
    words = sentence.split()
    lower = [w.lower() for w in words]
    if "volgens" not in lower:
        return None
    return words[lower.index("volgens") + 1].strip(",.")
"""

_ALDUS_ONLY = """def quote_speaker(sentence):
    at = sentence.find(", aldus ")
    if at < 0:
        return None
    return sentence[at + len(", aldus "):].split(",")[0].rstrip(".")
"""

_TO_THE_END = """def quote_speaker(sentence):
    for marker in (", aldus ", ", zei ", ", zegt ", ", schreef "):
        at = sentence.find(marker)
        if at > 0 and sentence[at - 1] in "\u201d\u2019'\\"":
            return sentence[at + len(marker):].split(",")[0].rstrip(".")
    return None
"""

_REFERENCE_47 = instructor_answer("4.7")

_REFERENCE_48 = instructor_answer("4.8")

FUNCTIONS = {
    "4.7": {
        "reference": _REFERENCE_47,
        "wrong": [(_NAIVE_VOLGENS, "a description without a name"), (_FIRST_WORD, "a role word before the name")],
    },
    "4.8": {
        "reference": _REFERENCE_48,
        "wrong": [(_ALDUS_ONLY, "more words after the speaker"), (_TO_THE_END, "more words after the speaker")],
    },
}
