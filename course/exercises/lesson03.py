"""Exercises of notebooks/03-framing.ipynb."""

from __future__ import annotations

from typing import Any

from ..checks import INT, INT_LIST, NUMBER, TEXT, TEXT_LIST, norm_int, norm_number, norm_text, norm_text_set
from . import make_exercise

#: The frame labels a student may give in 3.5 (the codebook's frame column).
FRAME_LABELS = ("responsibility", "human_interest", "conflict", "morality", "economic")


def norm_yes_no_list(value: Any) -> list[int]:
    """Yes/no answers in a fixed order, as whole numbers (order matters)."""
    return [int(x) for x in value]


def _five_answers(value: list[int]) -> str | None:
    if len(value) != 5 or any(v not in (0, 1) for v in value):
        return "does your list hold five answers, each a one (yes) or a zero (no), in the order of the items?"
    return None


def _frame_label(value: str) -> str | None:
    if norm_text(value) not in FRAME_LABELS:
        return "is your label written exactly as in the frame column of load_codebook()?"
    return None


EXERCISES = [
    make_exercise(
        "3.1",
        "Code five items",
        2,
        INT_LIST,
        norm_yes_no_list,
        "dcb3d5757815c80609af8d3468e6b7cf7cbf07ef06277049e62bc900a3267763",
        hint="Did you read each question literally and ask what the text itself must contain for a yes?",
        success="Right, and the same as our reference coding. Coding asks what is in the text, not what you "
        "know about the world: that is what makes it repeatable.",
        wrong=[
            ([1, 1, 1, 1, 1], "Is every one of the five really in the text? Which question asks for something "
             "the article never mentions?"),
            ([0, 0, 0, 0, 0], "Is none of the five in the text? Re-read the questions on disagreement: does "
             "anyone accuse anyone?"),
        ],
        judge=_five_answers,
    ),
    make_exercise(
        "3.2",
        "Where is the conflict?",
        1,
        INT,
        norm_int,
        "56f773ea136f04b22bb4548c1305895940615c39a3bc9622794e807266aef2dc",
        hint="Which row of tabulate_frame_markers(article) has the largest number in the conflict column?",
        success="Right. Accusation, denial, disinformation and a target: the paragraph where China answers the "
        "US is the most conflict-laden of the article.",
        wrong=[
            (10, "Is that a tie? Look again at the conflict column: which paragraph has more markers than all others?"),
            (11, "Is that a tie? Look again at the conflict column: which paragraph has more markers than all others?"),
            (8, "Is that the economic column? Which column holds the conflict markers?"),
            (0, "Paragraphs are numbered from 1: did you take a position instead of the paragraph number?"),
        ],
    ),
    make_exercise(
        "3.3",
        "The hedges of paragraph 8",
        1,
        TEXT_LIST,
        norm_text_set,
        "2d5ef09df34d80cc6b528862e6440372b8e59d11d10550799fc632808f9b14f8",
        hint="Did you take the text column of find_hedges(article) for the rows with paragraph 8?",
        success="Right. Every claim about the economic damage is hedged: the paragraph speaks of what could "
        "happen, not of what has happened.",
        wrong=[
            (["kan", "zou"], "Does paragraph 8 have one sentence or two? Did you keep the second sentence's hedge?"),
            (["kan", "meent"], "Is that paragraph 11? Which rows have paragraph 8?"),
        ],
    ),
    make_exercise(
        "3.4",
        "Kappa of two coders",
        1,
        NUMBER,
        norm_number(2),
        "5423cb5dea1d0e8bb86bdbb03584dfee34a2fec8664df3fad362c1107b1828a1",
        hint="Did you pass the rows of coders C and D of load_class_coding() to score_kappa, and round to two "
        "decimals?",
        success="Right. The two agree on many items, yet kappa is low: two coders who each say yes to about "
        "half the items would agree on many of them by chance alone.",
        wrong=[
            (0.58, "Is that coder C against the reference coding? The exercise asks for coder C against coder D."),
            (0.55, "Is that Krippendorff's alpha over all six coders? The exercise asks for Cohen's kappa of C and D."),
            (0.68, "Is that coder D against the reference coding? The exercise asks for coder C against coder D."),
        ],
    ),
    make_exercise(
        "3.5",
        "The dominant frame",
        1,
        TEXT,
        norm_text,
        "5838f437810bfdda96707dbf676433152a8a85f8c0d2754d4ca5dae773dfc827",
        hint="Which frame has the highest score in frame_profile(load_reference_coding())?",
        success="Right. In the reference coding it has the highest share of items present; the lexicon "
        "profile agrees on this one.",
        wrong=[
            ("economic", "Is that the second highest? Compare the scores of all five frames."),
            ("responsibility", "Is that the highest score? Compare the scores of all five frames."),
        ],
        judge=_frame_label,
    ),
]
