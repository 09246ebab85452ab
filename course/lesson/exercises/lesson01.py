"""Exercises of notebooks/01-reading.ipynb.

1.5 and 1.7 are function exercises: the student writes a sentence splitter
and a rule that finds the words marking a reason or a purpose (the *why?*
of 5W1H). Their held-back cases are in the instructor notebook only.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..checks import INT, TEXT, TEXT_LIST, Case, norm_int, norm_text, norm_text_list
from . import make_exercise, make_function_exercise


def norm_sentences(value: Any) -> list[str]:
    """A list of sentences compared exactly, up to Unicode form and runs of white space.

    Quotation marks and punctuation are kept on purpose: exercise 1.5 is
    about where an opening quotation mark goes, so ``norm_text_list`` (which
    strips them) would accept the very mistake it teaches.
    """
    if isinstance(value, str) or not all(isinstance(x, str) for x in value):
        raise TypeError("expected a list of sentences (str)")
    return [" ".join(unicodedata.normalize("NFC", x).split()) for x in value]


def norm_markers(value: Any) -> list[str]:
    """A list of marker words, in order: case folded, white space collapsed, "om … te" read as "om te"."""
    if isinstance(value, str) or not all(isinstance(x, str) for x in value):
        raise TypeError("expected a list of words (str)")
    return [" ".join(re.sub(r"…|\.\.\.", " ", x.casefold()).split()) for x in value]


def _two_names(value: list[str]) -> str | None:
    if len(value) != 2:
        return "the answer is a pair: who asked, and who was asked? Give a list of exactly two names."
    return None


#: Kinds of case of exercise 1.5 (shared by the visible and the held-back cases).
K_OPEN = "a quote that opens the sentence"
K_CLOSE = "a quote that closes the sentence"
K_QUESTION = "a quoted question inside a sentence"
K_NUMBER = "a number with a point, or a sentence that starts with a number"
K_PLAIN = "plain sentences"
#: Kinds of case of exercise 1.7.
R_CAUSE = "a word of cause or consequence"
R_PURPOSE = "a purpose with om … te"
R_OM = "om without a te after it"
R_CAPITAL = "a marker with a capital at the start"
R_INSIDE = "a marker hidden inside a longer word"

EXERCISES = [
    make_exercise(
        "1.1",
        "Who asked whom?",
        1,
        TEXT_LIST,
        norm_text_list,
        "33b468724e7708364f70a2d63712fb01c5e95f9f1f26887ee4eef191d6c5ae25",
        hint="Which country is the subject of 'heeft ... gevraagd' in the first sentence, and which is its object?",
        success="Right. Paragraph 1 gives the request as a report ('zo meldden', 'op basis van anonieme "
        "bronnen'), and paragraph 10 leaves open whether it was made at all. Later paragraphs speak of it as a "
        "given: lesson 02 asks you to find where.",
        wrong=[
            (["China", "Rusland"], "Is the order right? In 'X heeft Y gevraagd', which one does the asking?"),
            (["Russia", "China"], "Did you use the English names? Give the names as the Dutch article writes them."),
            (["VS", "China"], "Does the US ask anything in the first sentence, or does it only leak? Who asks whom?"),
            (["Rusland", "Oekraïne"], "Is Ukraine the one who was asked? Read the first sentence again."),
        ],
        judge=_two_names,
    ),
    make_exercise(
        "1.2",
        "How many sentences in a section?",
        1,
        INT,
        norm_int,
        "0143b21901a05fe4991131fb52c33d470d6011fee56c20235b936933fbc79945",
        hint="Did you select the rows of sentence_table whose section is exactly 'Op de vlakte' and count them?",
        success="Right. The last section, 'De druk wordt opgevoerd', is the longest (11 sentences). It opens "
        "with the newspaper's own analysis (paragraph 10), but it also holds the newest news: China's answer, "
        "given on Monday by spokesman Zhao Lijian (paragraph 12).",
        wrong=[
            (4, "Is that the number of paragraphs? Count the rows of sentence_table, not paragraph_table."),
            (32, "Is that every sentence in the article? Select only the section 'Op de vlakte'."),
            (2, "Is that the number of sentences in one paragraph? Count the whole section."),
            (1, "Did you count the heading? Count the sentences of the paragraphs under it."),
        ],
    ),
    make_exercise(
        "1.3",
        "Where does Sullivan first appear?",
        1,
        INT,
        norm_int,
        "154b75663fa706a8716cb145313e9d16e8a4f34a758539f0d08a201064c3dd1b",
        hint="Which paragraph gives Sullivan's full name and role (counting paragraphs from 1)?",
        success="Right. The paragraph names him with his role, 'de nationale veiligheidsadviseur': "
        "that tells the reader why his words matter.",
        wrong=[
            (3, "Is that where he meets Yang Jiechi? Look earlier: who responds to the reports on Sunday?"),
            (1, "Is Sullivan in the first paragraph? Its sources are media and anonymous officials."),
        ],
    ),
    make_exercise(
        "1.4",
        "The most-mentioned actor",
        1,
        TEXT,
        norm_text,
        "e4dc28b362bbba16f03b2962e9eaee4087c98a2f356dfecb5b8134f96e8a853a",
        hint="The actors table is sorted by mentions: is your answer its first row?",
        success="Right. It is mentioned in every paragraph, also as 'Peking' and 'de Chinezen': the article "
        "is about China's choice more than about Russia's request.",
        wrong=[
            ("Rusland", "Did you count all the names an actor goes by? Look at the aliases column."),
            ("Peking", "Peking stands for the Chinese state here: which actor does the table count it under?"),
            ("Jake Sullivan", "Sullivan is the most-mentioned person, but is he the most-mentioned actor?"),
            ("VS", "Did you count all the names an actor goes by? Look at the aliases column."),
        ],
    ),
    make_function_exercise(
        "1.5",
        "A sentence splitter that keeps quotes in place",
        3,
        function="split_sentences",
        signature="split_sentences(text: str) -> list[str]",
        visible=[
            Case(K_OPEN, ("Hij bevestigde ze niet, maar waarschuwde de Chinezen wel. “We zullen dat niet toestaan”, "
                          "zei Sullivan over Chinese steun aan Rusland.",),
                 ["Hij bevestigde ze niet, maar waarschuwde de Chinezen wel.",
                  "“We zullen dat niet toestaan”, zei Sullivan over Chinese steun aan Rusland."]),
            Case(K_CLOSE, ("“Dat is kwaadaardig.” Zhao bevestigde dat Oekraïne een belangrijk onderwerp zal zijn.",),
                 ["“Dat is kwaadaardig.”", "Zhao bevestigde dat Oekraïne een belangrijk onderwerp zal zijn."]),
            Case(K_QUESTION, ("“Waarom nu?” vroeg een Chinese diplomaat zich af. Niemand wist het.",),
                 ["“Waarom nu?” vroeg een Chinese diplomaat zich af.", "Niemand wist het."]),
            Case(K_NUMBER, ("De handel groeide met 2.5 procent. 2022 werd toch een zwaar jaar.",),
                 ["De handel groeide met 2.5 procent.", "2022 werd toch een zwaar jaar."]),
        ],
        normalise=norm_sentences,
        hint="Look at what follows a full stop, question mark or exclamation mark: white space, and then what? "
        "Which characters can begin a new sentence, and which closing characters still belong to the old one?",
        success="Right. Your rule keeps an opening quotation mark with the sentence it opens; a splitter that cuts "
        "right after every full stop leaves it stranded at the end of the previous sentence (spaCy's sentencizer "
        "does exactly that, so the course library moves it). Abbreviations such as 'o.a. Biden' still fool it: "
        "every rule has cases it gets wrong.",
        kind_hints={
            K_OPEN: "Can a new sentence begin with a quotation mark („ “ ‘ \" «) instead of a capital? Where does "
            "your rule put that mark?",
            K_CLOSE: "When a closing quotation mark follows the full stop, which sentence does it belong to?",
            K_QUESTION: "After “…?” comes a word in lower case: does a new sentence begin there?",
            K_NUMBER: "Is there white space after the point in 2.5? Can a sentence begin with a digit?",
            K_PLAIN: "Does your rule treat ! and ? like a full stop, and keep the last sentence of the text?",
        },
    ),
    make_function_exercise(
        "1.7",
        "A rule for the why? of 5W1H",
        3,
        function="find_reason_words",
        signature="find_reason_words(sentence: str) -> list[str]",
        visible=[
            Case(R_PURPOSE, ("De VS volgen met het lekken naar de media en het uiten van dreigementen hetzelfde recept "
                             "als in de periode voor de Russische inval: oncontroleerbare informatie bekendmaken, om zo "
                             "de druk op te voeren.",), ["om te"]),
            Case(R_CAPITAL, ("Want of er daadwerkelijk door Rusland om militaire steun is verzocht of niet, Peking "
                             "moet wel reageren op de Amerikaanse beschuldiging.",), ["want"]),
            Case(R_OM, ("Rusland heeft China gevraagd om militaire steun, zo meldden internationaal gerespecteerde "
                        "media.",), []),
            Case(R_INSIDE, ("Waarom zwijgt Peking daaromtrent?",), []),
        ],
        normalise=norm_markers,
        hint="Split the sentence into whole words first, in lower case. For 'om', what must come later in the "
        "sentence before it marks a purpose, and what may not come in between?",
        success="Right. On the article your rule finds reasons in paragraphs 3, 9 and 10, but it cannot see the "
        "reason in paragraph 5 ('Voor Rusland is het van groot belang dat ...'), and 'aangeboden om te bemiddelen' "
        "(paragraph 9) is an offer, not a purpose. Marker words point to places to read; they do not find reasons.",
        kind_hints={
            R_CAUSE: "Does your list hold every word the docstring names (omdat, doordat, want, zodat, daarom)?",
            R_PURPOSE: "Does 'om' count only when a 'te' follows later, with no other 'om' before that 'te'?",
            R_OM: "'gevraagd om militaire steun': is there a 'te' after this 'om'? What should the rule return then?",
            R_CAPITAL: "Does your rule see 'Want' at the start of a sentence, with its capital?",
            R_INSIDE: "Do you compare whole words, or look for the letters anywhere (waarom, daaromtrent, wanten)?",
        },
    ),
]
