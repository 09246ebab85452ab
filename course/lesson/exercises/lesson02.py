"""Exercises of notebooks/02-summarizing.ipynb.

2.2 (LEAD-n) and 2.3 (ROUGE-1 counted by hand) are function exercises;
2.4 checks the student's ROUGE-1 against ``rouge-score``; 2.6 is about
presupposition: what the article takes for granted.
"""

from __future__ import annotations

from typing import Any

from ..checks import INT_LIST, NUMBER, TEXT, Case, norm_int_set, norm_number, norm_text
from . import make_exercise, make_function_exercise


def norm_surname(value: Any) -> str:
    """A person's name by its last word, normalised: "Jake Sullivan" and "sullivan" are the same."""
    words = norm_text(value).split()
    return words[-1] if words else ""


def norm_phrase(value: Any) -> str:
    """A noun phrase without its article: "de Amerikaanse beschuldiging" equals "Amerikaanse beschuldiging"."""
    words = norm_text(value).split()
    return " ".join(words[1:] if words[:1] in (["het"], ["de"], ["een"]) else words)


def norm_sentence_list(value: Any) -> list[str]:
    """A list of sentences (a tuple is read as a list); anything else cannot match."""
    if isinstance(value, (str, bytes)) or not all(isinstance(x, str) for x in value):
        raise TypeError("expected a list of sentences (str)")
    return list(value)


#: The scores exercise 2.3's function returns, compared to 4 decimals.
ROUGE_KEYS = ("precision", "recall", "f")


def norm_scores(value: Any) -> dict[str, float]:
    """A dict of ROUGE scores: precision, recall and f, each rounded to 4 decimals (other keys ignored)."""
    if not isinstance(value, dict):
        raise TypeError("expected a dict with precision, recall and f")
    return {k: round(float(value[k]), 4) + 0.0 for k in ROUGE_KEYS}


def _three_sentences(value: list[int]) -> str | None:
    if len(value) != 3:
        return "a three-sentence summary has three sentence numbers: did you pass n=3 and take the sentence column?"
    return None


def _a_phrase(value: str) -> str | None:
    if len(value.split()) > 4:
        return "is your answer a short phrase of two or three words, not the whole sentence? Which words name the request?"
    return None


#: Kinds of case of exercise 2.2.
L_ACROSS = "n goes past the first paragraph"
L_WITHIN = "n stays inside the first paragraph"
L_LONG = "n is larger than the article"
L_ZERO = "n is zero or less"
L_EMPTY = "an empty paragraph"
#: Kinds of case of exercise 2.3.
W_SIMPLE = "no word repeated"
W_REPEAT = "a word repeated in the summary"
W_NONE = "no shared words"
W_EMPTY = "an empty summary"
W_BOTH = "words repeated on both sides"

EXERCISES = [
    make_exercise(
        "2.1",
        "What does the frequency method choose?",
        1,
        INT_LIST,
        norm_int_set,
        "77918967c7d64b8293ce7514baaf9c36b60fbd6de7cd3227f83ef63c673c2224",
        hint="Which of the three summarize_ functions scores sentences by word frequency, and which column of its "
        "table holds the sentence numbers?",
        success="Right. Only one of the three is from the lead (paragraphs 1-2): the method favours short "
        "sentences full of the article's commonest content words (China, Rusland, steun), wherever they stand.",
        wrong=[
            ([1, 2, 3], "Is that LEAD-3? Which function scores sentences by word frequency?"),
            ([1, 10, 14], "Is that the TextRank summary? Which function scores sentences by word frequency?"),
        ],
        judge=_three_sentences,
    ),
    make_function_exercise(
        "2.2",
        "LEAD-n by hand",
        2,
        function="lead_n",
        signature="lead_n(paragraphs: list[list[str]], n: int) -> list[str]",
        visible=[
            Case(L_ACROSS, ([["S1.", "S2."], ["S3.", "S4.", "S5."], ["S6."]], 3), ["S1.", "S2.", "S3."]),
            Case(L_LONG, ([["Een."], ["Twee.", "Drie."]], 5), ["Een.", "Twee.", "Drie."]),
            Case(L_ZERO, ([["Een."], ["Twee."]], 0), []),
        ],
        normalise=norm_sentence_list,
        hint="LEAD-n reads the article from the top and stops when it has n sentences. Where does your loop stop, "
        "and what does it give back when the article runs out first?",
        success="Right. LEAD-n knows nothing about content, only position: it works because news is written as an "
        "inverted pyramid. Your LEAD-3 of the article takes both sentences of paragraph 1 and the first of "
        "paragraph 2, exactly as summarize_lead does.",
        kind_hints={
            L_ACROSS: "Does your loop go on into the next paragraph when the first has fewer than n sentences?",
            L_WITHIN: "Does your loop stop as soon as it has n sentences, even in the middle of a paragraph?",
            L_LONG: "What happens when the article has fewer than n sentences: does the function give back all of them?",
            L_ZERO: "How many sentences should LEAD-0 hold, or LEAD-n for an n below 0? Does your loop add one "
            "before it checks, and does its test still stop the loop when n is negative?",
            L_EMPTY: "A paragraph can be empty (a heading left out): does your loop simply go on to the next one?",
        },
    ),
    make_function_exercise(
        "2.3",
        "ROUGE-1 counted by hand",
        3,
        function="rouge_1",
        signature="rouge_1(summary_words: list[str], reference_words: list[str]) -> dict",
        visible=[
            Case(W_SIMPLE, (["china", "ontkent", "het", "verzoek"], ["china", "ontkent", "alles"]),
                 {"precision": 0.5, "recall": 0.6667, "f": 0.5714}),
            Case(W_REPEAT, (["china", "china", "china", "zwijgt"], ["china", "zwijgt"]),
                 {"precision": 0.5, "recall": 1.0, "f": 0.6667}),
            Case(W_EMPTY, ([], ["china", "ontkent"]), {"precision": 0.0, "recall": 0.0, "f": 0.0}),
        ],
        normalise=norm_scores,
        hint="Count how often each word occurs on each side. How many times can a word count as shared, if the "
        "summary has it three times and the reference once? What do you divide by for precision, and for recall?",
        success="Right. That is ROUGE-1: shared words with clipped counts, precision over the summary's words, "
        "recall over the reference's, F1 their harmonic mean. rouge-score computes the same numbers once both "
        "texts are split into words the same way.",
        kind_hints={
            W_SIMPLE: "Is precision the share of the summary's words that are shared, and recall the share of the "
            "reference's words? Is f 2·P·R / (P + R)?",
            W_REPEAT: "Does a word count as shared only as often as it occurs on the side where it is rarer?",
            W_NONE: "With no word in common, what are precision, recall and f, and does your f divide by zero?",
            W_EMPTY: "An empty summary has no words to divide by: does your function give 0.0 instead of an error?",
            W_BOTH: "When a word is repeated on both sides, is the shared count the smaller of the two counts?",
        },
    ),
    make_exercise(
        "2.4",
        "Your ROUGE-1 against rouge-score",
        1,
        NUMBER,
        norm_number(2),
        "2f96e09ffcaf0386ff46d0fab94c469632d30c7401aa2971947eb079af2b68c5",
        hint="Did you split LEAD-3 and reference A into words with the Dutch tokenizer, call your own function, and "
        "take its F1?",
        success="Right: your count and rouge-score agree. LEAD-3 shares most of its words with reference A, which "
        "also opens with the request and its sources; ROUGE cannot see that LEAD-3 leaves out China's answer that "
        "the US spreads disinformation.",
        wrong=[
            (0.59, "Is that the recall? The exercise asks for F1 (the key f)."),
            (0.62, "Is that the precision? The exercise asks for F1 (the key f)."),
            (0.5, "Is that reference B? The exercise asks for reference A."),
            (0.3, "Is that ROUGE-2 (pairs of words)? The exercise asks for ROUGE-1, single words."),
            (0.42, "Is that ROUGE-L? The exercise asks for ROUGE-1, single words."),
        ],
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
    make_exercise(
        "2.6",
        "What the article takes for granted",
        1,
        TEXT,
        norm_phrase,
        "70303ebf3242908287fa1ced2db4a91d35f8eedc509a4783b74a4f8edc125799",
        hint="Read the first sentence of paragraph 12 word by word: which words name the request as a thing that "
        "exists, the way 'the American accusation' names the accusation?",
        success="Right. A definite noun phrase presupposes that its thing exists: 'het ... verzoek' no longer reports "
        "a request, it takes one for granted. Paragraph 11 does the same with 'blijft steunen' (keeps supporting), "
        "although paragraph 10 had just said 'of er daadwerkelijk door Rusland om militaire steun is verzocht of "
        "niet'. A summary that copies such a phrase copies the presupposition with it.",
        wrong=[
            ("de Amerikaanse beschuldiging", "That phrase calls the claim an accusation, which keeps a distance: "
             "which phrase in the same sentence treats the request itself as real?"),
            ("blijft steunen", "That is paragraph 11 (support already going on). Which phrase in paragraph 12 "
             "names the request?"),
            ("glashard", "'glashard' says how China did not deny it. Which words name what was not denied?"),
            ("desinformatie", "That is China's word for the American claim. Which words of the paragraph's first "
             "sentence name the request?"),
        ],
        judge=_a_phrase,
    ),
]
