"""Reference and common wrong answers of the exercises of lesson 03."""

from __future__ import annotations

from .solutions import instructor_answer

#: 3.1: a code and a one-line reason per item; E1 and the opening's C2 are disputed (either code).
_CODING = {
    "C1": (1, "¶1 China denies the reports and ¶2 Sullivan warns the Chinese"),
    "C2": (1, "¶12 China says the US spreads disinformation; ¶13 the US accuses China of fake news"),
    "H4": (0, "nothing about the private lives of Sullivan, Zhao, Xi, Putin or Hass"),
    "M2": (0, "no word about morality in general, God or religion"),
    "E1": (1, "¶8 sanctions could harm the world economy; ¶5 financial ties with the West are cut"),
    "C2 opening": (1, "the ¶1 report is what the article later calls 'de Amerikaanse beschuldiging'"),
}

REFERENCE = {
    "3.1": _CODING,
    "3.2": [11, 12],
    "3.3": [[5, 4], [3, 7]],
    "3.5": [0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0],
}

ALSO_RIGHT = {
    "3.1": [
        {**_CODING, "E1": (0, "no loss or gain is called financial, only damage")},
        {**_CODING, "C2 opening": [0, "the opening reports news, the reproach comes later"]},
        {**{k: list(v) for k, v in _CODING.items()}, "c2 opening": (True, "the report is an American accusation")},
        {**_CODING, "opening C2": (1, "the article later calls it an accusation")},
    ],
    "3.2": [[12, 11], (11, 12, 12)],
    "3.3": [((5, 4), (3, 7))],
    "3.5": [[0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0], (0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0)],
}

WRONG = {
    "3.1": [
        ({**_CODING, "H4": (1, "Xi and Putin are friends")}, "item H4"),
        ({**_CODING, "C1": (0, "nobody really disagrees here")}, "item C1"),
        ({**_CODING, "M2": (0, "no")}, "one line of at least 4 words"),
        ({**_CODING, "C2": (1, "two\nlines of reasons here")}, "item C2"),
        ({k: v for k, v in _CODING.items() if k != "C2 opening"}, "six keys"),
        ({**_CODING, "E1": (2, "a two is not a code here")}, "a 1 or a 0"),
        ({**_CODING, "M2": "0"}, "a pair (code, reason)"),
    ],
    "3.2": [([10], "of ... of niet"), ([1], "zo meldden"), ([12], "second place"), ([11], "second place"),
            ([10, 11, 12], "of ... of niet"), ([0, 11], "paragraph numbers"), ([6, 12], "without a 'zo meldden'")],
    "3.3": [([[5, 3], [4, 7]], "rows coder c"), ([[7, 3], [4, 5]], "yes answers"), ([[5, 4], [3, 6]], "add up to 19"),
            ([[6, 3], [3, 7]], "one by one")],
    "3.5": [([0, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0], "¶10"), ([0] * 13, "10 of 13"), ([1] * 13, "¶1"),
            ([0, 1], "thirteen answers"), ([0, 0, 1, 0, 1, 0, 0, 2, 0, 0, 0, 0, 0], "thirteen answers")],
}

WRONG_TYPE = {
    "3.1": [[1, 1, 0, 0, 1, 1], "C1: 1", {1: (1, "a reason of words")}],
    "3.2": ["11, 12", 11],
    "3.3": [[5, 4, 3, 7], "[[5, 4], [3, 7]]", [[5.0, 4], [3, 7]]],
    "3.5": ["0010100100000", 3],
}

FUNCTIONS = {
    "3.4": {
        "reference": instructor_answer("3.4"),
        "wrong": [
            ('''def cohen_kappa(table):
    (a, b), (c, d) = table
    return (a + d) / (a + b + c + d)
''', "agreement no better than chance"),
            ('''def cohen_kappa(table):
    (a, b), (c, d) = table
    n = a + b + c + d
    observed = (a + d) / n
    expected = ((a + b) / n) * ((a + c) / n)
    return (observed - expected) / (1 - expected)
''', "both yes and both no"),
            ('''def cohen_kappa(table):
    (a, b), (c, d) = table
    n = a + b + c + d
    observed = (a + d) / n
    yes_1 = (a + b) / n
    expected = yes_1 * yes_1 + (1 - yes_1) * (1 - yes_1)
    return (observed - expected) / (1 - expected)
''', "coder 2 from the columns"),
        ],
    },
    "3.6": {
        "reference": instructor_answer("3.6"),
        "wrong": [
            ('''def economic_paragraph(paragraph):
    return any(word in paragraph.lower() for word in ["sanctie", "boycot"])
''', "money, prices, jobs or trade"),
            ('''def economic_paragraph(paragraph):
    return any(stem in paragraph.lower() for stem in ["econom", "kosten", "goederen", "financ", "euro"])
''', "only looks like an economic word"),
            ('''import re

def economic_paragraph(paragraph):
    stems = ["econom", "kosten", "goederen", "financ"]
    return any(w.startswith(s) for w in re.findall(r"\\w+", paragraph.lower()) for s in stems)
''', "inside a compound"),
        ],
    },
}
