"""Exercises of notebooks/00-start.ipynb (warm-up)."""

from __future__ import annotations

from ..checks import INT, TEXT, TEXT_LIST, norm_int, norm_text, norm_text_list
from . import make_exercise


def _three_items(value: list[str]) -> str | None:
    if len(value) == 0:
        return "your list is empty: which short lines without a full stop split the article into sections?"
    return None


EXERCISES = [
    make_exercise(
        "0.1",
        "How many paragraphs?",
        1,
        INT,
        norm_int,
        "f3e629cc788b48087fecf5975846f5df84107c7fac5a66864384f7fe7aff98be",
        hint="Did you count with the library rather than by eye? Which part of `article` holds one item per "
        "body paragraph, and which Python function counts the items of a list?",
        success="Right. Headings and the date line are not paragraphs; the article also has 32 sentences.",
        wrong=[
            (16, "Did you count the three headings too? Headings are not body paragraphs."),
            (17, "Did you count the headings and the date line? Only body paragraphs count."),
            (32, "Is that the number of sentences? Paragraphs are the blocks between blank lines."),
            (12, "Is that a position in a Python list? Python counts from 0; paragraph numbers count from 1."),
        ],
    ),
    make_exercise(
        "0.2",
        "Where do they meet?",
        1,
        TEXT,
        norm_text,
        "eeeb5e33d370826040037171029de85ead56482d7977b152cc6315012aa9c528",
        hint="Which city does the first heading name, and what does the paragraph under it say?",
        success="Right. The first heading, 'Ontmoeting in Rome', announces this meeting of the two security advisers.",
        wrong=[
            ("Peking", "Peking is where the Winter Olympics were held. Where do Sullivan and Yang Jiechi meet?"),
            ("Beijing", "Beijing (Peking) is where the Winter Olympics were held. Where do Sullivan and Yang Jiechi meet?"),
            ("Washington", "Washington is home to The Washington Post. Where does the article say the meeting is?"),
            ("Rom", "Almost: how does the article spell the city?"),
        ],
    ),
    make_exercise(
        "0.3",
        "The headings",
        1,
        TEXT_LIST,
        norm_text_list,
        "8042c5adb1b4834e111a9eb412e355b5c20c3148fb19e93a6af3a512f09c113b",
        hint="Did you take the headings from the library, in the order they appear? Look back at the cell "
        "that showed them: which attribute of `article` gives them as text?",
        success="Right. Each heading opens a section; paragraphs 1 and 2, before the first heading, are the lead.",
        wrong=[
            (
                ["De druk wordt opgevoerd", "Op de vlakte", "Ontmoeting in Rome"],
                "Those are the headings, but in which order do they appear in the article?",
            ),
            (
                ["Ontmoeting in Rome", "Op de vlakte"],
                "Is a heading missing? Look at the last section of the article.",
            ),
        ],
        judge=_three_items,
    ),
]
