"""Exercises of notebooks/04-sources.ipynb."""

from __future__ import annotations

from typing import Any

from ..checks import (INT, INT_LIST, TEXT, TEXT_LIST, Case, Part, digest, norm_int, norm_int_set, norm_text,
                      norm_text_list)
from . import make_exercise, make_function_exercise

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


def _phrase_numbers(value: list[int]) -> str | None:
    if not value or any(v < 1 or v > 6 for v in value):
        return "give the numbers of the phrases (1 to 6), e.g. [1, 2]."
    return None


def _six_voices(value: list[str]) -> str | None:
    if len(value) != 6 or any(v not in ("source", "newspaper") for v in value):
        return "give six labels, one per phrase in order, each one of the two labels the exercise names."
    return None


def _lateral_norm(value: Any) -> list[str]:
    """Three answers: an outlet, a country (Dutch or English), a date as YYYY-MM-DD."""
    items = [norm_text(v) for v in value]
    if len(items) >= 2:
        items[1] = _COUNTRIES_EN_NL.get(items[1], items[1])
    return items


def _three_answers(value: list[str]) -> str | None:
    if len(value) != 3:
        return "give three answers, in order: the outlet, the country, the date (YYYY-MM-DD)."
    return None


#: Digests of the three parts of 4.11 (the answers are not in the library in plain text).
_LATERAL_PARTS = (
    ("the outlet of the article", "12ddc0f2a5b031fd55dfb279e1d2da0253299ddd91d91dd40a60ca14b4001d99",
     "Which row of the pack is about the article itself?"),
    ("the party to the war that denied", "74add965c2a4deed63055d9c83537e1da6c11609d10675d0c012c2118b10bfba",
     "Search for a denial on Monday 14 March: whose spokesman answered 'no'?"),
    ("the date of the first reports", "9581f77565da85b865032cf40a41773bb2c94e4d336d4c3032ccbb50d999869b",
     "Which row tells when the Financial Times and The Washington Post reported the request?"),
)


def _lateral_parts(value: list[str]) -> list[Part]:
    return [Part(label, k < len(value) and digest(f"4.11.{k + 1}", value[k]) == want, 1.0, why)
            for k, (label, want, why) in enumerate(_LATERAL_PARTS)]


EXERCISES = [
    make_exercise(
        "4.1", "Whose words are quoted?", 1, TEXT_LIST, norm_surname_set,
        "63e334c49a9058222c7db4d51a300f931c9ccba23b405d247f65d36f9c788fd7",
        hint="Which column of the quotations table says how a quotation is used, and which says who speaks?",
        success="Right. Only two people get whole sentences in quotation marks: one for each side of the "
        "conflict between the US and China. Russia and Ukraine get no direct quotation at all.",
        wrong=[
            (["Sullivan"], "Is that everyone? Look at paragraph 12 too: who speaks there?"),
            (["Ryan Hass"], "Is Hass's quotation a full sentence? Look at its kind in the quotations table."),
            (["Sullivan", "Zhao", "Hass"], "Is every quotation direct? Which kind is the quotation of paragraph 11?"),
        ],
    ),
    make_exercise(
        "4.2", "The quotation without a speaker", 1, INT, norm_int,
        "2b73fad1a856600e52599c19979612f04ebb514431b1617524a0e51f06cb241f",
        hint="Which row of the quotations table has an empty speaker, and in which paragraph does it stand?",
        success="Right. The tool gives ‘ijzersterke vriendschap’ no speaker because no verb of saying goes with it, "
        "but the text allows two readings. Xi and Poetin 'sealed' (beklonken) their friendship, so the sentence makes "
        "them its implied speakers, and this paper puts partial quotes in single quotation marks (paragraphs 2 and "
        "11): read so, these are their words. Read as a scare quote, the journalist keeps a distance from a glowing "
        "phrase. Section 8 shows what the leaders did say.",
        wrong=[
            (2, "Paragraph 2 has a partial quote: who says it, according to 'volgens hem'? Which quotation has no speaker?"),
            (11, "Is the quotation of paragraph 11 attributed to someone (Hij waarschuwt)? Which one has no speaker?"),
        ],
    ),
    make_exercise(
        "4.3", "Anonymous sources", 1, INT, norm_int,
        "8bd346d3e8bf829c5992e58d53a0e29f638d3d2f0643e84b0988b4f8acb3da19",
        hint="Which column of the sources table says whether the text names a source, and what does the tool put "
        "there for each row?",
        success="Right: that is the tool's count. The one anonymous source carries the article's main news: the "
        "request of Russia to China reaches us through two newspapers that rely on unnamed US officials. A careful "
        "reader may count more, e.g. 'de VS' of paragraph 13, where a country speaks without a named person or "
        "document: the tool counts a country as named.",
        wrong=[
            (0, "Read the first paragraph again: on whose information do the newspapers rely?"),
            (9, "Is that the number of all sources? Count only those with named equal to False."),
        ],
    ),
    make_exercise(
        "4.4", "The American voice", 1, INT, norm_int,
        "96f3e4abdb8f9d3ad8d647ef76d19a29f3d07640ea853fe8849866b634b5940d",
        hint="Which table adds up the statements per side, and how does it write the United States?",
        success="Right: that is the tool's count. The US speaks through its security adviser, through anonymous "
        "officials and as a country; only China speaks more often. A hand count can differ and still be defended: "
        "5 if the partial quote is part of Sullivan's warning, 7 if the 'Amerikaanse beschuldiging' of paragraph 12 "
        "counts as one more statement.",
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

    make_function_exercise(
        "4.7", "A rule for volgens X", 3,
        function="volgens_speaker",
        signature="volgens_speaker(sentence: str) -> str | None",
        visible=[
            Case("a role word before the name",
                 ("Volgens hoogleraar Anna de Wit van de Universiteit Leiden is de regel te streng.",),
                 "hoogleraar Anna de Wit"),
            Case("a description without a name", ("Volgens de brandweer is het vuur onder controle.",), "de brandweer"),
            Case("volgens in the middle of the sentence",
                 ("Die boodschap wordt volgens hem ‘direct en achter de schermen’ overgebracht aan Peking.",), "hem"),
            Case("no volgens in the sentence",
                 ("“We zullen dat niet toestaan”, zei Sullivan over Chinese steun aan Rusland.",), None),
        ],
        hint="Read your phrase word by word after 'volgens': which of the rules in the exercise decides whether "
        "this word still belongs to the speaker?",
        success="Right. Your rule reads the speaker phrase as the quotation engine does, with capitals, name "
        "particles and one word for a description. Try it on 'Volgens de Turkse president Recep Tayyip Erdogan is "
        "...': a capitalised adjective before a role word is where the rule stops too early, and why the engine "
        "keeps a list of role words (data/framing/role_words.csv).",
        kind_hints={
            "a role word before the name": "Does a lower-case word that comes right before a capitalised one "
            "belong to the speaker? And does a word like 'van' belong to the name when no capital follows it?",
            "a description without a name": "When the phrase has no capitalised word, how many lower-case words "
            "does the rule take after the article?",
            "volgens in the middle of the sentence": "Does your rule find 'volgens' anywhere in the sentence, and "
            "stop at a quotation mark?",
            "no volgens in the sentence": "What must the function return when there is no 'volgens' at all?",
        },
    ),
    make_function_exercise(
        "4.8", "A rule for \"…\", aldus X", 3,
        function="quote_speaker",
        signature="quote_speaker(sentence: str) -> str | None",
        visible=[
            Case("the speaker after aldus or a verb", ("„Het gaat goed”, aldus burgemeester Jan de Vos.",), "burgemeester Jan de Vos"),
            Case("more words after the speaker",
                 ("“We zullen dat niet toestaan”, zei Sullivan over Chinese steun aan Rusland.",), "Sullivan"),
            Case("the comma inside the quotation marks", ("‘Dat klopt niet,’ zegt ze.",), "ze"),
            Case("no speaker after the quotation",
                 ("Die boodschap wordt volgens hem ‘direct en achter de schermen’ overgebracht aan Peking.",), None),
        ],
        hint="Two steps, the second of which you wrote in 4.7: where does the quotation end with a comma and a "
        "verb of saying, and where does the speaker phrase after the verb end?",
        success="Right. Quotation, comma, verb, speaker: the same phrase rule serves both patterns, which is why the "
        "engine has one speaker reader for all its attribution patterns. Its speech verbs come from a list "
        "(data/framing/speech_verbs.csv), so a verb the list lacks ('grapte', 'verzuchtte') fools it and yours.",
        kind_hints={
            "the speaker after aldus or a verb": "Does your rule look for a closing quotation mark, a comma and then "
            "aldus or one of the verbs, all together?",
            "more words after the speaker": "Where does the name end? Which word after it is no longer part of "
            "the speaker?",
            "the comma inside the quotation marks": "Dutch papers also write the comma before the closing mark "
            "(,’ or ,”): does your rule accept both orders?",
            "no speaker after the quotation": "Is there a closing quotation mark followed by a comma and a verb of "
            "saying? If not, what should the function return?",
        },
    ),
    make_exercise(
        "4.9", "Taken for granted", 1, INT_LIST, norm_int_set,
        "e3223695923f90c4a753d4f3e5fa86f223093ffd8c78a72f9eecdc7511df3509",
        hint="A presupposition survives when you put the sentence in doubt ('Als ...', 'zonder ...'): which "
        "phrases would be odd if Russia had never asked, or China had never supported Russia?",
        success="Right. 'blijft steunen' (paragraph 11) takes for granted that China already supports Russia, and "
        "the way paragraph 12 names the request, that there was one: the article reports the request as a claim "
        "of anonymous officials in paragraph 1 and leaves it open in paragraph 10, but later treats it as given.",
        wrong=[
            ([1, 3, 4], "Is the request in phrase 1 taken for granted, or reported as a claim of others (zo meldden)?"),
            ([4], "Is that the only one? What does 'blijft' say about China now?"),
            ([3, 4, 6], "What does phrase 6 take for granted: the request, or the American accusation?"),
            ([2, 3, 4], "Does phrase 2 take the request for granted, or leave it open ('of ... of niet')?"),
        ],
        judge=_phrase_numbers,
    ),
    make_exercise(
        "4.10", "Who vouches for it?", 2, TEXT_LIST, norm_text_list,
        "f76c0df0dcfe43eadd65f4658bcbb1d5cb3c0ac4814aa9ef5ddb2f2b535899b0",
        hint="For each phrase, look for a speaker in its sentence: a name, volgens, a verb of saying, quotation "
        "marks. If there is none, who is making the claim?",
        success="Right. Three of the six are the newspaper's own voice: it vouches for its sources "
        "('internationaal gerespecteerde media', paragraph 1), explains the US interest (paragraph 3) and analyses "
        "the US strategy (paragraph 10) without naming any basis. The claims table lists paragraph 10 as us_strategy: "
        "the article's most important claim without a source.",
        wrong=[
            (["source", "source", "newspaper", "newspaper", "source", "source"],
             "Who calls the media 'internationaal gerespecteerd' in (1): the media themselves?"),
            (["newspaper", "source", "newspaper", "source", "source", "source"],
             "Who says in (4) that the US follow a recipe of leaking? Is anyone named in that sentence?"),
        ],
        judge=_six_voices,
    ),
    make_exercise(
        "4.11", "Read laterally", 2, TEXT_LIST, _lateral_norm, "",
        hint="Which words would the fact you need contain (a name, an action such as 'denied' or 'published', a "
        "kind of source)? Search the pack with search_lateral for them, and read all the rows it returns?",
        success="Right. Investigate the source: the article is Trouw's. Find better coverage: Russia did speak "
        "on Monday, and denied the request, which the article leaves out while saying only that China denies. "
        "Trace the claim: the first reports are of Sunday, and all of them rest on US officials who are not named.",
        judge=_three_answers,
        parts=_lateral_parts,
    ),
]
