"""Exercises of notebooks/03-framing.ipynb.

Decisions recorded here
-----------------------
- 3.1 and 3.5 are coding exercises graded per part (one part per codebook
  item or paragraph). The reference coding they are compared with is course
  data (``data/framing/reference_coding.csv`` and ``paragraph_coding.csv``),
  shown in the lesson right after the exercise, so the parts read it from
  there instead of holding digests. An item or paragraph marked *disputed*
  there accepts either answer.
- A reason in 3.1 counts when it is one line of at least four words; its
  content is for the teacher, who reads it.
- 3.4 and 3.6 are function exercises; their held-back cases live only in the
  instructor notebook.
"""

from __future__ import annotations

from typing import Any

from ..checks import (DICT, INT_LIST, AnswerType, Case, Part, norm_bool, norm_int_set, norm_number)
from . import make_exercise, make_function_exercise

#: The items of 3.1: key -> (scope of the reference coding, item).
CODED_ITEMS = {
    "C1": ("article", "C1"),
    "C2": ("article", "C2"),
    "H4": ("article", "H4"),
    "M2": ("article", "M2"),
    "E1": ("article", "E1"),
    "C2 opening": ("opening", "C2"),
}
#: Least number of words in a reason (3.1).
REASON_WORDS = 4

_ITEM_QUESTIONS = {
    "C1": "does the article show two parties that do not agree, anywhere in it?",
    "C2": "is a reproach only the word 'verwijt'? Look for one party saying that another did something wrong.",
    "H4": "does the article tell anything about the private life of the people it names, or only about their jobs?",
    "M2": "the question asks for morality in general, God or religion: which word of the article would that be?",
    "E1": "which sentence of the article is about money or the economy?",
    "C2 opening": "read ¶1–2 only: is the report of ¶1 a reproach, and what does the article later call it?",
}


def _key(text: str) -> str:
    words = str(text).split()
    if [w.casefold() for w in words] in (["c2", "opening"], ["opening", "c2"]):
        return "C2 opening"
    return " ".join(words).upper()


def norm_coding(value: Any) -> dict[str, Any]:
    """Normalise a coding with reasons: keys as ``"C1"`` / ``"C2 opening"``, values as [code, reason]."""
    out: dict[str, Any] = {}
    for key, pair in dict(value).items():
        if isinstance(pair, (list, tuple)) and len(pair) == 2 and isinstance(pair[1], str):
            code = pair[0]
            code = int(code) if isinstance(code, (bool, int)) and not isinstance(code, float) else code
            out[_key(key)] = [code, " ".join(pair[1].split()) if "\n" not in pair[1].strip() else pair[1].strip()]
        else:
            out[_key(key)] = pair
    return out


def _coding_rule(value: dict[str, Any]) -> str | None:
    missing = [k for k in CODED_ITEMS if k not in value]
    extra = [k for k in value if k not in CODED_ITEMS]
    if missing or extra:
        return ("does your dict have exactly the six keys the exercise names (C1, C2, H4, M2, E1 and "
                "\"C2 opening\")?")
    for key, pair in value.items():
        if not (isinstance(pair, list) and len(pair) == 2 and pair[0] in (0, 1) and isinstance(pair[1], str)):
            return (f"is the value of {key} a pair (code, reason): a 1 or a 0, then a line of text, "
                    "as in (0, \"only states act, nobody in society\")?")
    return None


def _reason_ok(reason: str) -> bool:
    return "\n" not in reason and len(reason.split()) >= REASON_WORDS


def _coding_parts(value: dict[str, Any]) -> list[Part]:
    from ...analysis.framing import load_reference_coding

    parts = []
    for key, (scope, item) in CODED_ITEMS.items():
        row = load_reference_coding(scope).set_index("item").loc[item]
        code, reason = value[key]
        accepted = {0, 1} if bool(row["disputed"]) else {int(row["answer"])}
        label = "item C2 for the opening (¶1–2)" if key == "C2 opening" else f"item {key}"
        if not _reason_ok(reason):
            why = (f"is your reason one line of at least {REASON_WORDS} words that says what in the text made "
                   "you decide?")
        else:
            why = _ITEM_QUESTIONS[key][0].upper() + _ITEM_QUESTIONS[key][1:]
        parts.append(Part(label, code in accepted and _reason_ok(reason), 1.0, why))
    return parts


def norm_yes_no_list(value: Any) -> list[int]:
    """Yes/no answers in a fixed order, as whole numbers (order matters)."""
    return [int(x) for x in value]


def _thirteen_answers(value: list[int]) -> str | None:
    if len(value) != 13 or any(v not in (0, 1) for v in value):
        return ("does your list hold thirteen answers, one per paragraph in order, each a one (the economic frame "
                "is there) or a zero?")
    return None


def _paragraph_parts(value: list[int]) -> list[Part]:
    from ...analysis.article import SEED_PATH
    from ...analysis.framing import load_paragraph_coding

    coded = load_paragraph_coding("economic")
    coded = coded[coded["article"] == SEED_PATH.name].set_index("paragraph")
    parts = []
    for n, answer in enumerate(value, start=1):
        row = coded.loc[n]
        accepted = {0, 1} if bool(row["disputed"]) else {int(row["answer"])}
        parts.append(Part(f"¶{n}", answer in accepted, 1.0,
                          "read it against E1–E3: does it name money, a cost, trade or an economic effect?"))
    return parts


def _paragraph_numbers(value: list[int]) -> str | None:
    if not value or any(not 1 <= v <= 13 for v in value):
        return "are your numbers paragraph numbers, from 1 to 13?"
    return None


def _is_table(value: Any) -> bool:
    import numbers

    def count(x: Any) -> bool:
        return isinstance(x, numbers.Integral) and not isinstance(x, bool) and x >= 0

    return (isinstance(value, (list, tuple)) and len(value) == 2
            and all(isinstance(row, (list, tuple)) and len(row) == 2 and all(count(x) for x in row) for row in value))


#: A 2×2 table of counts: two rows of two whole numbers.
TABLE_2X2 = AnswerType("a 2×2 table: a list of two lists of two whole numbers", "[[10, 2], [1, 6]]", _is_table,
                       many=True)


def norm_table(value: Any) -> list[list[int]]:
    """A 2×2 table of counts as a list of two lists of ints."""
    return [[int(x) for x in row] for row in value]


def _nineteen_units(value: list[list[int]]) -> str | None:
    if sum(map(sum, value)) != 19:
        return "do your four counts add up to 19, the number of items the two coders both coded?"
    return None


EXERCISES = [
    make_exercise(
        "3.1",
        "Code six items, with reasons",
        3,
        DICT,
        norm_coding,
        "",
        hint="Did you read each question literally and ask what the text itself must contain for a yes?",
        success="Right: every code agrees with ours, or takes one side of an item on which careful coders differ, "
        "and each has a reason. Coding asks what is in the text, not what you know about the world: that is what "
        "makes it repeatable. Now compare your reasons with ours.",
        judge=_coding_rule,
        parts=_coding_parts,
    ),
    make_exercise(
        "3.2",
        "What the article takes for granted",
        1,
        INT_LIST,
        norm_int_set,
        "094bc21dc3566f1470fd11c770c1004b9ba6fec2910986a53cc90f22c69e04a0",
        hint="Which phrases treat the request, or China's support for Russia, as something that already exists, "
        "without a 'zo meldden' or a 'volgens' in front of it?",
        success="Right. 'Blijft steunen' (¶11) takes for granted that China supports Russia now, and 'het Russische "
        "verzoek' (¶12) that there was a request: the definite article and the verb carry a claim the article "
        "never makes openly, while ¶10 says that it is not known whether Russia asked.",
        wrong=[
            ([10], "Does ¶10 take the request for granted, or does 'of ... of niet' leave it open?"),
            ([1], "Does ¶1 state the request as a fact, or as what media reported ('zo meldden')?"),
            ([10, 11, 12], "Does ¶10 take the request for granted, or does 'of ... of niet' leave it open?"),
            ([1, 11, 12], "Does ¶1 state the request as a fact, or as what media reported ('zo meldden')?"),
            ([12], "Is there a second place, where a verb takes for granted that something is already going on?"),
            ([11], "Is there a second place, where 'het' treats the request as something the reader already knows?"),
        ],
        judge=_paragraph_numbers,
    ),
    make_exercise(
        "3.3",
        "The 2×2 table of two coders",
        1,
        TABLE_2X2,
        norm_table,
        "1ef6c4e9be7d324560991fa584e4432bd304fbeb141f7e0cff0bdb8e97e1aaf7",
        hint="Did you go through the items one by one and put each in one of four cells by what C and D answered?",
        success="Right. The two agree on the diagonal (both yes, both no) and disagree off it: 12 of the 19 items on "
        "the diagonal.",
        wrong=[
            ([[5, 3], [4, 7]], "Are the rows coder C's answers and the columns coder D's?"),
            ([[7, 3], [4, 5]], "Do the first row and the first column hold the yes answers (1)?"),
            ([[7, 4], [3, 5]], "Do the first row and the first column hold the yes answers (1)?"),
        ],
        judge=_nineteen_units,
    ),
    make_function_exercise(
        "3.4",
        "Cohen's kappa from a table",
        3,
        function="cohen_kappa",
        signature="cohen_kappa(table: list[list[int]]) -> float",
        visible=[
            Case("two coders who agree on every unit", ([[3, 0], [0, 2]],), 1.0),
            Case("agreement no better than chance", ([[1, 1], [1, 1]],), 0.0),
            Case("coders who say yes to most units", ([[8, 1], [1, 0]],), -0.111),
            Case("agreement between chance and perfect", ([[6, 2], [1, 11]],), 0.681),
        ],
        normalise=norm_number(3),
        hint="What are the two shares kappa compares: the agreement you observe, and the agreement two coders with "
        "these yes-rates would reach by chance? Where in the table do you find each?",
        success="Right. Kappa is (observed - expected) / (1 - expected): the share of the agreement that chance "
        "leaves to be won, actually won. Two coders who say yes to almost everything agree a lot by chance, so "
        "the same observed agreement gives them a lower kappa.",
        kind_hints={
            "two coders who agree on every unit": "When the two agree on every unit the observed agreement is 1: "
            "what does your formula give then?",
            "agreement no better than chance": "When two coders agree only as often as their yes-rates predict, "
            "what must kappa be? Does your chance agreement count both ways to agree: both yes and both no?",
            "coders who say yes to most units": "When both say yes to most units, how much agreement does chance "
            "alone give? Can kappa fall below zero?",
            "agreement between chance and perfect": "Does your chance agreement use each coder's own yes-rate: "
            "coder 1 from the rows, coder 2 from the columns?",
        },
    ),
    make_exercise(
        "3.5",
        "Code the economic frame paragraph by paragraph",
        2,
        INT_LIST,
        norm_yes_no_list,
        "",
        hint="Did you read each paragraph on its own against the three economic items E1–E3?",
        success="Right: your coding agrees with ours on every paragraph, or takes one side where careful coders "
        "differ. Thirteen units of one variable: now you can ask how well a word list finds what you found.",
        judge=_thirteen_answers,
        parts=_paragraph_parts,
    ),
    make_function_exercise(
        "3.6",
        "A lexicon entry for the economic frame",
        3,
        function="economic_paragraph",
        signature="economic_paragraph(paragraph: str) -> bool",
        visible=[
            Case("a paragraph about money, prices, jobs or trade",
                 ("Voor Rusland is het van groot belang dat de banden met China goed blijven, niet alleen als het om "
                  "wapens gaat, maar ook voor de aanvoer van technologie en dagelijkse goederen. Bovendien worden de "
                  "financiële banden met China veel belangrijker voor Moskou, nu die met het Westen vrijwel zijn "
                  "doorgesneden.",), True),
            Case("a paragraph with no economic content",
                 ("China heeft de Amerikaanse beschuldiging direct van de hand gewezen zonder het Russische verzoek "
                  "glashard te ontkennen. “De VS heeft recent desinformatie verspreid over de kwestie Oekraïne, met "
                  "China als doelwit”, zei woordvoerder Zhao Lijian van het ministerie van buitenlandse zaken "
                  "maandag. “Dat is kwaadaardig.” Zhao bevestigde dat Oekraïne een belangrijk onderwerp zal zijn "
                  "tijdens de gesprekken in Rome.",), False),
            Case("an economic word inside a compound", ("Door de hoge energiekosten sluit de bakker in het dorp.",),
                 True),
            Case("a word that only looks like an economic word",
                 ("De Europese ministers spraken in Brussel over de oorlog.",), False),
        ],
        normalise=norm_bool,
        hint="Test your stems on paragraphs of other articles, not only this one: which words does a paragraph "
        "about money, prices, jobs or trade use, and in which forms (plurals, verbs, compounds)?",
        success="Right on the visible cases. Now measure it: its precision and recall on the paragraphs we coded "
        "tell you more than four cases can, and the grade calls it on paragraphs from articles you have not seen.",
        kind_hints={
            "a paragraph about money, prices, jobs or trade": "Does your list hold words for money, prices, jobs "
            "and trade, in the forms a paragraph uses (financiële, goederen)?",
            "a paragraph with no economic content": "Which of your stems also occurs inside ordinary words? Which "
            "word of the paragraph did your rule match?",
            "an economic word inside a compound": "Dutch glues words together (energiekosten, wereldeconomie): "
            "does your rule look for a stem only at the start of a word?",
            "a word that only looks like an economic word": "Which other words begin with the same letters as one "
            "of your stems (euro, Europa)? Can a whole word or a longer stem tell them apart?",
        },
    ),
]
