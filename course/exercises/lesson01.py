"""Exercises of notebooks/01-reading.ipynb."""

from __future__ import annotations

from ..checks import INT, TEXT, TEXT_LIST, norm_int, norm_text, norm_text_list, norm_weekday
from . import make_exercise


def _two_names(value: list[str]) -> str | None:
    if len(value) != 2:
        return "the answer is a pair: who asked, and who was asked? Give a list of exactly two names."
    return None


EXERCISES = [
    make_exercise(
        "1.1",
        "Who asked whom?",
        1,
        TEXT_LIST,
        norm_text_list,
        "33b468724e7708364f70a2d63712fb01c5e95f9f1f26887ee4eef191d6c5ae25",
        hint="Which country is the subject of 'heeft ... gevraagd' in the first sentence, and which is its object?",
        success="Right. Note that the article does not say this happened: it says media reported it, "
        "'op basis van anonieme bronnen'.",
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
        2,
        INT,
        norm_int,
        "0143b21901a05fe4991131fb52c33d470d6011fee56c20235b936933fbc79945",
        hint="Did you select the rows of sentence_table whose section is exactly 'Op de vlakte' and count them?",
        success="Right. The last section, 'De druk wordt opgevoerd', is the longest (11 sentences): "
        "the article ends on analysis, not on news.",
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
    make_exercise(
        "1.5",
        "The day of the reports",
        1,
        TEXT,
        norm_weekday,
        "67ca03d55fb02a3368eaa2a06e927ff60bc707316e355589b7629717d23c41d9",
        hint="Which time word does the first sentence use for the reports?",
        success="Right. With the anchor of Monday 14 March 2022, that is Sunday 13 March: an inferred date, "
        "since the article itself gives only the weekday.",
        wrong=[
            ("maandag", "Is that the day of the meeting in Rome? When did the media report the request?"),
            ("Monday", "Is that the day of the meeting in Rome? When did the media report the request?"),
            ("2022-03-13", "Is that a date you inferred? The question asks for the day of the week the article gives."),
        ],
    ),
]
