"""Exercises of notebooks/02-summarizing.ipynb."""

from __future__ import annotations

from typing import Any

from ..checks import INT, INT_LIST, NUMBER, TEXT, norm_int, norm_int_set, norm_number, norm_text
from . import make_exercise


def norm_surname(value: Any) -> str:
    """A person's name by its last word, normalised: "Jake Sullivan" and "sullivan" are the same."""
    words = norm_text(value).split()
    return words[-1] if words else ""


def _three_sentences(value: list[int]) -> str | None:
    if len(value) != 3:
        return "a three-sentence summary has three sentence numbers: did you pass n=3 and take the sentence column?"
    return None


def _one_word(value: str) -> str | None:
    if len(value.split()) != 1:
        return "is your answer one word? The table lists names word by word: give the one word the article lacks."
    return None


EXERCISES = [
    make_exercise(
        "2.1",
        "What does the frequency method choose?",
        1,
        INT_LIST,
        norm_int_set,
        "77918967c7d64b8293ce7514baaf9c36b60fbd6de7cd3227f83ef63c673c2224",
        hint="Did you call summarize_frequency(article, n=3) and take its sentence column as a list?",
        success="Right. Only one of the three is from the lead (paragraphs 1-2): the method favours short "
        "sentences full of the article's commonest content words (China, Rusland, steun), wherever they stand.",
        wrong=[
            ([1, 2, 3], "Is that LEAD-3? Which function scores sentences by word frequency?"),
            ([1, 10, 14], "Is that the TextRank summary? Which function scores sentences by word frequency?"),
        ],
        judge=_three_sentences,
    ),
    make_exercise(
        "2.2",
        "TextRank's central sentence",
        1,
        INT,
        norm_int,
        "591d4274060d850651506fc4d5ac7f02e1ead3d497460bf03a655e0a2155e4f4",
        hint="Did you take the row of score_sentences(article, 'textrank') whose rank is 1, and its sentence column?",
        success="Right. It is a background sentence: TextRank rewards a sentence that shares words with many "
        "others, not the sentence with the news.",
        wrong=[
            (1, "Is that the first sentence of the article? Is it also the one with rank 1 in the TextRank table?"),
            (31, "Is that the frequency method's top sentence? Which method does the exercise ask about?"),
            (0, "Sentences are numbered from 1: did you take the table's position instead of its sentence column?"),
        ],
    ),
    make_exercise(
        "2.3",
        "ROUGE-1 of LEAD-3",
        2,
        NUMBER,
        norm_number(2),
        "04fe555148136c29b440271dbb9737159961f4d9d44b01178cebacdb48e7aa91",
        hint="Did you compare the joined LEAD-3 text with reference A only, and take the f column of the rouge1 row?",
        success="Right. LEAD-3 shares most of its words with reference A, which also opens with the request "
        "and the sources; ROUGE cannot see that LEAD-3 leaves out China's answer that the US spreads disinformation.",
        wrong=[
            (0.59, "Is that the recall? The exercise asks for the F1 score (column f)."),
            (0.62, "Is that the precision? The exercise asks for the F1 score (column f)."),
            (0.5, "Is that the average over all references? The exercise asks for reference A only."),
            (0.3, "Is that ROUGE-2 (pairs of words)? The exercise asks for ROUGE-1."),
        ],
    ),
    make_exercise(
        "2.4",
        "A name from nowhere",
        1,
        TEXT,
        norm_text,
        "7238bf07ad485dcec03911e475cfd942f0db62db0a622186a6e6410eb3825688",
        hint="Which row of find_unsupported_names(bad_summary, article) has in_article equal to False?",
        success="Right. ROUGE barely notices the swap of one place name; a reader who trusts the summary "
        "now looks for the talks in the wrong city.",
        wrong=[
            ("Rome", "Is that name in the bad summary? Look at the names the summary uses, not the article."),
            ("Sullivan", "Does the article name Sullivan? Which name has in_article equal to False?"),
            ("Yang Jiechi", "Does the article name Yang Jiechi? Which name has in_article equal to False?"),
        ],
        judge=_one_word,
    ),
    make_exercise(
        "2.5",
        "Who really said it?",
        1,
        TEXT,
        norm_surname,
        "b4eab14c8e53c4b828268ef59836b5c78175a0cc5ae966253c8f06b12da61993",
        hint="Whom does the article's speaker table give for “We zullen dat niet toestaan”?",
        success="Right. The quote is an American warning to China; putting it in China's mouth turns a threat "
        "into a refusal, yet the bad summary has a higher ROUGE-1 than the corrected one.",
        wrong=[
            ("China", "Is that who the bad summary says spoke? Look at the article_speaker column."),
            ("Zhao Lijian", "Zhao speaks in paragraph 12: is this quote from his paragraph?"),
            ("Joe Biden", "Is Biden quoted, or only named as the president? Who says the words in paragraph 2?"),
        ],
    ),
]
