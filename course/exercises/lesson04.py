"""Exercises of notebooks/04-sources.ipynb."""

from __future__ import annotations

from typing import Any

from ..checks import INT, TEXT, TEXT_LIST, norm_int, norm_text, norm_text_list
from . import make_exercise

_COUNTRIES_EN_NL = {"ukraine": "oekraïne", "oekraine": "oekraïne", "russia": "rusland", "united states": "vs",
                    "us": "vs", "usa": "vs", "de vs": "vs", "verenigde staten": "vs"}


#: Chinese names put the family name first (Zhao Lijian, Yang Jiechi, Xi Jinping).
_FAMILY_NAME_FIRST = {"zhao", "yang", "xi", "wang", "li"}


def _surname(name: str) -> str:
    words = norm_text(name).split()
    return words[0] if words[0] in _FAMILY_NAME_FIRST else words[-1]


def norm_surname_set(value: Any) -> list[str]:
    """Names by their family name, order and duplicates ignored: "Zhao Lijian" equals "zhao"."""
    return sorted({_surname(v) for v in value if norm_text(v)})


def norm_country(value: Any) -> str:
    """A country in Dutch or English ("Ukraine" -> "oekraïne")."""
    text = norm_text(value)
    return _COUNTRIES_EN_NL.get(text, text)


def _five_types(value: list[str]) -> str | None:
    if len(value) != 5:
        return "does your list hold five types, one per source, in the order of the exercise?"
    return None


EXERCISES = [
    make_exercise(
        "4.1", "Whose words are quoted?", 1, TEXT_LIST, norm_surname_set,
        "63e334c49a9058222c7db4d51a300f931c9ccba23b405d247f65d36f9c788fd7",
        hint="Which rows of find_quotations(article) have kind equal to 'direct', and what is in their speaker column?",
        success="Right. Only two people get whole sentences in quotation marks: one for each side of the "
        "conflict between the US and China. Russia and Ukraine get no direct quotation at all.",
        wrong=[
            (["Sullivan"], "Is that everyone? Look at paragraph 12 too: who speaks there?"),
            (["Ryan Hass"], "Is Hass's quotation a full sentence? Filter on kind == 'direct'."),
            (["Sullivan", "Zhao", "Hass"], "Is every quotation direct? Which kind is the quotation of paragraph 11?"),
        ],
    ),
    make_exercise(
        "4.2", "The quotation without a speaker", 1, INT, norm_int,
        "2b73fad1a856600e52599c19979612f04ebb514431b1617524a0e51f06cb241f",
        hint="Which row of find_quotations(article) has no speaker (speaker.isna()), and what is its paragraph?",
        success="Right. Nobody in the article is said to have spoken ‘ijzersterke vriendschap’: Xi and Poetin "
        "'sealed' it, but whether these are their words or the journalist keeping a distance, the text "
        "does not say.",
        wrong=[
            (2, "Paragraph 2 has a partial quote: who says it, according to 'volgens hem'? Which quotation has no speaker?"),
            (11, "Is the quotation of paragraph 11 attributed to someone (Hij waarschuwt)? Which one has no speaker?"),
        ],
    ),
    make_exercise(
        "4.3", "Anonymous sources", 1, INT, norm_int,
        "8bd346d3e8bf829c5992e58d53a0e29f638d3d2f0643e84b0988b4f8acb3da19",
        hint="How many rows of find_sources(article) have named equal to False?",
        success="Right. Only one source is anonymous, but it carries the article's main news: the request of "
        "Russia to China reaches us through two newspapers that rely on unnamed US officials.",
        wrong=[
            (0, "Read the first paragraph again: on whose information do the newspapers rely?"),
            (9, "Is that the number of all sources? Count only those with named equal to False."),
        ],
    ),
    make_exercise(
        "4.4", "The American voice", 1, INT, norm_int,
        "96f3e4abdb8f9d3ad8d647ef76d19a29f3d07640ea853fe8849866b634b5940d",
        hint="What does find_voices(article) give in the statements column of the row for the VS?",
        success="Right. The US speaks through its security adviser, through anonymous officials and as a country; "
        "only China speaks more often, through its spokesman and as a country.",
        wrong=[
            (2, "Is that only the row 'VS' of find_sources? The side VS also includes Sullivan and the anonymous officials: "
                "did you use find_voices?"),
            (5, "Did you leave out the partial quote ‘direct en achter de schermen’? Does the statements column count it?"),
            (7, "Is that the side with the most statements? The exercise asks about the US: which row is it?"),
        ],
    ),
    make_exercise(
        "4.5", "The party that never speaks", 1, TEXT, norm_country,
        "be776cbd41ea8769c15af4df1c0027867c97564c353097ee471065e67d7b066a",
        hint="Which country in list_silent_actors(article) is a party to the war the article is about?",
        success="Right. The war is fought in and against this country, yet it never speaks: it is only talked "
        "about, and even the claim about its 'plans' is made by Russia and called fake news by the US.",
        wrong=[
            ("Rusland", "Read paragraph 13 again: to whom does 'Volgens Rusland ...' attribute a claim? Is Russia in the silent list?"),
            ("Yang Jiechi", "Is Yang Jiechi a party to the war, or a Chinese official? Which country never speaks?"),
            ("China", "Does China speak? Look at find_sources: how many statements does it have?"),
        ],
    ),
    make_exercise(
        "4.6", "What kind of source?", 2, TEXT_LIST, norm_text_list,
        "db2f5315688658b1519c028602ad4dfb2c68fbf8ef4b16b8aa8066f176c05bd0",
        hint="What does the type column of find_sources(article) say for each of the five sources, in the order asked?",
        success="Right. Three of the five sources speak for a government, and the two newspapers pass on what "
        "unnamed officials told them: "
        "the article is built from what officials say, or let leak.",
        wrong=[
            (["media", "official", "official", "official", "official"],
             "Does Ryan Hass work for a government? Read paragraph 11: what is a China-kenner of a denktank?"),
            (["media", "unknown", "official", "expert", "official"],
             "Does the text say whom the anonymous sources work for? Read the end of the first sentence?"),
        ],
        judge=_five_types,
    ),
]
