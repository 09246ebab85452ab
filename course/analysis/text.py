"""Words, lemmas, word frequencies and readability of a Dutch text.

Every function takes plain text (``article.text`` for a whole article) and,
where the language matters, a keyword ``lang="nl"``; Dutch is the only
language supported, and any other value raises :class:`ValueError`.

Words and sentences
-------------------
Tokens come from the shared blank Dutch spaCy pipeline (:mod:`course.analysis._nlp`);
a *word* is a token with a letter or a digit, so ``"Oekraïne"``,
``"non-interventie"`` and ``"2022"`` are words and ``,`` or ``‘`` are not.
Sentences are found paragraph by paragraph: the text is first split on blank
lines (the lines inside one paragraph are joined with a space, as
:func:`course.load_article` does), so a sentence never spans two paragraphs.
Diacritics and quotation marks are kept as written; text is put in Unicode
NFC form first, so an ``i`` followed by a combining diaeresis becomes the one
letter ``ï`` and "Oekraïne" is the same word however it was typed.

Lemmas and frequencies
----------------------
Lemmas come from simplemma (``lang="nl"``). It writes separable verbs with an
underscore (``op_roepen``); :func:`lemmatize` joins them (``oproepen``). It
lower-cases ordinary words and keeps the capitals of names it knows or does
not know (``Oekraïne``, ``Jiechi``). Word frequencies are wordfreq's Zipf
values for Dutch: 7 for the commonest words ("de"), about 3 for words a
reader meets a few times a year, 0 for words wordfreq has never seen.

Decisions:

* frequency tables group words by their **lower-cased form**, so sentence-
  initial "Die" and "die" are one row; the ``lemma`` column is the lemma of
  the form written most often in the text (first seen wins a tie), so names
  keep their capital there (word ``rusland``, lemma ``Rusland``);
* :func:`find_rare_words` leaves out numbers (words without a letter) but
  keeps proper nouns: a name such as "Jiechi" or "Brookings" is exactly what
  a reader may need explained. The ``capitalised`` column marks them (and
  their ``word`` keeps its capital), so a lesson can keep only ordinary
  words with ``rare[~rare.capitalised]``.

Readability
-----------
ASL = words per sentence, ASW = syllables per word;

* Flesch-Douma (Douma 1960): ``206.84 - 0.93·ASL - 77·ASW``;
* Brouwer leesindex (1963): ``195 - 2·ASL - 66.7·ASW``.

Higher is easier. Syllables are estimated with pyphen's ``nl_NL``
hyphenation dictionary (see :func:`count_syllables`). Only sentences that
contain a word are counted, and a number ("2022") counts as one syllable.

Each formula is read on its own author's scale (:func:`describe_readability`):
Douma's table (:data:`DOUMA_BANDS`) for Flesch-Douma, Brouwer's groups
(:data:`BROUWER_BANDS`) for Brouwer; never Flesch's English bands.

Decision on short texts: both formulas count syllables *per 100 words*
and were applied to samples of 100 words (Flesch 1948, whose formula
Douma and Brouwer adapted); no source we know gives a smaller minimum.
So below :data:`MIN_RELIABLE_WORDS` (100) words the ``score_`` functions
warn with :class:`ReadabilityWarning`, and the tables carry a ``reliable``
column instead of warning once per paragraph. ``reliable`` means only
"a sample of the usual minimum size": a score of a single news paragraph
(most have 20-55 words) is an illustration, not a measurement.

Heavy libraries (spaCy, simplemma, pyphen, wordfreq, pandas) are imported on
first use, never at ``import course``; dictionaries and per-word look-ups are
cached, so a second call on the same article is fast.
"""

from __future__ import annotations

import math
import re
import unicodedata
import warnings
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Sequence

from ._nlp import is_word, split_sentences, tokenize
from ..tables import typed_frame

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .article import Article

#: Languages the functions of this module support.
SUPPORTED_LANGS = ("nl",)
#: The usual minimum sample for a readability formula: 100 words (Flesch 1948;
#: Douma's and Brouwer's formulas count syllables per 100 words). Below it a
#: score is an illustration, not a measurement.
MIN_RELIABLE_WORDS = 100
#: Words with a Zipf frequency below this count as rare (DOMAIN.md).
RARE_ZIPF = 3.0
#: Douma's own table for Flesch-Douma scores: ``(low, high, Dutch label, English)``.
#: Source: Douma's "normentabel" as reproduced on DBNL
#: (https://dbnl.org/tekst/_taa014197701_01/_taa014197701_01_0089.php):
#: 0-30 zeer moeilijk, 30-45 moeilijk, 45-60 tamelijk moeilijk, 60-70 normaal,
#: 70-80 tamelijk gemakkelijk, 80-90 gemakkelijk, 90-100 zeer gemakkelijk.
DOUMA_BANDS: tuple[tuple[int, int, str, str], ...] = (
    (0, 30, "zeer moeilijk", "very difficult"),
    (30, 45, "moeilijk", "difficult"),
    (45, 60, "tamelijk moeilijk", "fairly difficult"),
    (60, 70, "normaal", "standard"),
    (70, 80, "tamelijk gemakkelijk", "fairly easy"),
    (80, 90, "gemakkelijk", "easy"),
    (90, 100, "zeer gemakkelijk", "very easy"),
)
#: Brouwer's groups for his leesindex, as far as our source gives them:
#: Brouwer sorted Dutch texts into six groups, from *zeer gemakkelijk* (80-100)
#: to *zeer moeilijk* (0-25) (the entry "Leesbaarheid" of Literêre Terme en
#: Teorieë, https://litterm.co.za/index.php/l/927-leesbaarheid). The bounds of
#: the four groups in between are not in that source, so we do not invent
#: them: 25-80 is one band that says so.
BROUWER_BANDS: tuple[tuple[int, int, str, str], ...] = (
    (0, 25, "zeer moeilijk", "very difficult"),
    (25, 80, "tussen zeer moeilijk en zeer gemakkelijk",
     "one of Brouwer's four middle groups; our source gives no bounds"),
    (80, 100, "zeer gemakkelijk", "very easy"),
)
#: The scale of each formula, by the key :func:`score_readability` uses.
READABILITY_BANDS: dict[str, tuple[tuple[int, int, str, str], ...]] = {
    "flesch_douma": DOUMA_BANDS,
    "brouwer": BROUWER_BANDS,
}
#: Whose scale each formula is read on, for :func:`describe_readability`.
_SCALE_NAMES = {"flesch_douma": "Douma's table", "brouwer": "Brouwer's scale"}
#: Decimals of the ratios and scores in :func:`score_readability` and
#: :func:`find_readability` (the ``score_`` functions do not round).
READABILITY_DECIMALS = 2
#: Readability scales :func:`describe_readability` knows.
READABILITY_SCALES = tuple(READABILITY_BANDS)

_BLANK_LINES = re.compile(r"\n[ \t]*\n")
_HYPHENS = re.compile(r"[-\u2010\u2011\u2012\u2013\u2014/]")

_FREQUENCY_COLUMNS = {"word": "str", "lemma": "str", "count": "int64", "zipf": "float64"}
_RARE_COLUMNS = {
    "word": "str",
    "lemma": "str",
    "zipf": "float64",
    "count": "int64",
    "first_sentence": "int64",
    "capitalised": "bool",
}
_READABILITY_COLUMNS = {
    "paragraph": "int64",
    "section": "str",
    "words": "int64",
    "sentences": "int64",
    "syllables": "int64",
    "asl": "float64",
    "asw": "float64",
    "flesch_douma": "float64",
    "brouwer": "float64",
    "reliable": "bool",
}


class ReadabilityWarning(UserWarning):
    """A readability score was computed on too little text to be stable."""


# --------------------------------------------------------------------------
# checks and cached look-ups (internal)


def _check_lang(lang: str) -> None:
    if lang not in SUPPORTED_LANGS:
        raise ValueError(
            f"language {lang!r} is not supported: the course.analysis.text functions handle Dutch only; use lang='nl'"
        )


def _check_text(text: Any, name: str = "text") -> str:
    if isinstance(text, str):
        return unicodedata.normalize("NFC", text)
    hint = " (for an article, pass article.text)" if hasattr(text, "paragraphs") else ""
    raise TypeError(f"{name} must be a str, not {type(text).__name__}{hint}")


@lru_cache(maxsize=1)
def _hyphenator() -> Any:
    import pyphen

    return pyphen.Pyphen(lang="nl_NL")


@lru_cache(maxsize=65536)
def _syllables(word: str) -> int:
    total = 0
    for part in _HYPHENS.split(word):
        if any(ch.isalpha() for ch in part):
            total += len(_hyphenator().positions(part.lower())) + 1
    return total


@lru_cache(maxsize=65536)
def _lemma(word: str) -> str:
    import simplemma

    lemma = simplemma.lemmatize(word, lang="nl")
    if "_" in lemma and "_" not in word:
        lemma = lemma.replace("_", "")
    return lemma


@lru_cache(maxsize=65536)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "nl"))


def _paragraphs(text: str) -> list[str]:
    """Split on blank lines; join the lines of a paragraph with a space."""
    out = []
    for block in _BLANK_LINES.split(text):
        joined = " ".join(line.strip() for line in block.splitlines() if line.strip())
        if joined:
            out.append(joined)
    return out


def _sentences(text: str) -> list[str]:
    return [p[s:e] for p in _paragraphs(text) for s, e in split_sentences(p)]


def _has_letter(word: str) -> bool:
    return any(ch.isalpha() for ch in word)


def _words_per_sentence(text: str) -> list[list[str]]:
    return [[t for t in tokenize(s) if is_word(t)] for s in _sentences(text)]


# --------------------------------------------------------------------------
# tokens, words, sentences


def list_tokens(text: str, lang: str = "nl") -> list[str]:
    """List the tokens of a text, punctuation included.

    Parameters
    ----------
    text : str
        Any Dutch text, e.g. ``article.text``.
    lang : str, optional
        Language of the text; only ``"nl"``.

    Returns
    -------
    list of str
        spaCy tokens in order, white space dropped; quotation marks are
        tokens of their own (``‘``, ``ijzersterke``, ``vriendschap``, ``’``).
        Empty text gives ``[]``.

    Raises
    ------
    ValueError
        For a language other than Dutch.
    """
    _check_lang(lang)
    return tokenize(_check_text(text))


def list_words(text: str, lang: str = "nl") -> list[str]:
    """List the words of a text: tokens with a letter or a digit.

    Parameters
    ----------
    text : str
        Any Dutch text.
    lang : str, optional
        Language of the text; only ``"nl"``.

    Returns
    -------
    list of str
        Words in order, as written (capitals and diacritics kept);
        ``"non-interventie"`` and ``"2022"`` are one word each.
    """
    return [t for t in list_tokens(text, lang=lang) if is_word(t)]


def count_words(text: str, lang: str = "nl") -> int:
    """Count the words of a text (see :func:`list_words`).

    Parameters
    ----------
    text : str
        Any Dutch text.
    lang : str, optional
        Language of the text; only ``"nl"``.

    Returns
    -------
    int
        Number of words; 0 for an empty text.
    """
    return len(list_words(text, lang=lang))


def list_sentences(text: str, lang: str = "nl") -> list[str]:
    """List the sentences of a text.

    The text is split into paragraphs on blank lines first (the lines inside
    a paragraph are joined with a space), then each paragraph into sentences,
    so a sentence never runs across a paragraph break or a heading.

    Parameters
    ----------
    text : str
        Any Dutch text, e.g. ``article.text``.
    lang : str, optional
        Language of the text; only ``"nl"``.

    Returns
    -------
    list of str
        Sentences in order, without surrounding white space; quotation marks
        stay with the sentence they belong to. Sentence *n* of the text is
        ``list_sentences(text)[n - 1]``. Empty text gives ``[]``.
    """
    _check_lang(lang)
    return _sentences(_check_text(text))


# --------------------------------------------------------------------------
# lemmas and frequencies


def lemmatize(word: str, lang: str = "nl") -> str:
    """Give the dictionary form (lemma) of one word.

    Parameters
    ----------
    word : str
        One word, as written in the text.
    lang : str, optional
        Language of the word; only ``"nl"``.

    Returns
    -------
    str
        The lemma from simplemma: ``"gevraagd"`` -> ``"vragen"``,
        ``"financiële"`` -> ``"financieel"``. Separable verbs are joined
        (simplemma's ``op_roepen`` becomes ``"oproepen"``). Names keep their
        capitals (``"Oekraïne"``); ordinary words come back lower-case, also
        at the start of a sentence (``"Sancties"`` -> ``"sanctie"``). A word
        simplemma does not know comes back unchanged.
    """
    _check_lang(lang)
    return _lemma(_check_text(word, "word"))


def list_lemmas(text: str, lang: str = "nl") -> list[str]:
    """List the lemma of every word of a text.

    Parameters
    ----------
    text : str
        Any Dutch text.
    lang : str, optional
        Language of the text; only ``"nl"``.

    Returns
    -------
    list of str
        One lemma per word of :func:`list_words`, in the same order.
    """
    return [_lemma(w) for w in list_words(text, lang=lang)]


def score_zipf(word: str, lang: str = "nl") -> float:
    """Score how common a word is in Dutch, on the Zipf scale.

    Parameters
    ----------
    word : str
        One word; capitals do not matter (``"Oekraïne"`` = ``"oekraïne"``).
    lang : str, optional
        Language of the word; only ``"nl"``.

    Returns
    -------
    float
        wordfreq's Zipf frequency: log10 of how often the word occurs per
        billion words of Dutch text. About 7 for "de", 4-5 for everyday words
        ("oorlog"), below 3 for rare words, 0 for words wordfreq never saw
        ("Jiechi"). A hyphenated word is scored from its parts by wordfreq.
    """
    _check_lang(lang)
    return _zipf(_check_text(word, "word").lower())


def _word_stats(text: str) -> dict[str, dict[str, Any]]:
    """Per lower-cased word: count, surface forms, first sentence, capitalisation."""
    stats: dict[str, dict[str, Any]] = {}
    for number, words in enumerate(_words_per_sentence(text), start=1):
        for position, word in enumerate(words):
            key = word.lower()
            entry = stats.get(key)
            if entry is None:
                entry = stats[key] = {
                    "count": 0,
                    "forms": {},
                    "first_sentence": number,
                    "all_capital": True,
                    "capital_inside": False,
                }
            entry["count"] += 1
            entry["forms"][word] = entry["forms"].get(word, 0) + 1
            capital = word[:1].isupper()
            entry["all_capital"] &= capital
            entry["capital_inside"] |= capital and position > 0
    return stats


def _main_form(forms: dict[str, int]) -> str:
    # dicts keep insertion order, and max() keeps the first of equal counts
    return max(forms, key=forms.__getitem__)


def find_word_frequencies(text: str, lang: str = "nl") -> "pd.DataFrame":
    """Count the words of a text and look up how common they are in Dutch.

    Words are grouped by their lower-cased form: "Die" at the start of a
    sentence and "die" inside one are the same word.

    Parameters
    ----------
    text : str
        Any Dutch text, e.g. ``article.text``.
    lang : str, optional
        Language of the text; only ``"nl"``.

    Returns
    -------
    pandas.DataFrame
        One row per distinct word, sorted by ``count`` (highest first), then
        by ``word``. Empty text gives an empty table with the same columns.

        ``word`` (str)
            The lower-cased word, diacritics kept (``"oekraïne"``).
        ``lemma`` (str)
            Lemma (:func:`lemmatize`) of the form written most often in the
            text, so names keep their capital (``"Oekraïne"``).
        ``count`` (int)
            How often the word occurs in the text.
        ``zipf`` (float)
            wordfreq's Zipf frequency for Dutch: about 7 for "de", 3 for a
            word read a few times a year, 0 for a word wordfreq never saw.
    """
    _check_lang(lang)
    stats = _word_stats(_check_text(text))
    rows = [
        {"word": key, "lemma": _lemma(_main_form(s["forms"])), "count": s["count"], "zipf": _zipf(key)}
        for key, s in stats.items()
    ]
    rows.sort(key=lambda r: (-r["count"], r["word"]))
    return typed_frame(rows, _FREQUENCY_COLUMNS)


def find_rare_words(text: str, threshold: float = RARE_ZIPF, lang: str = "nl") -> "pd.DataFrame":
    """Find the rare words of a text: a list of possibly difficult words.

    A word is rare when its Zipf frequency in Dutch is below ``threshold``
    (3 by default: words a reader meets at most a few times a year). Numbers
    (words without a letter) are left out. Proper nouns are kept, since an
    unknown name ("Jiechi", zipf 0) may need explaining too; the
    ``capitalised`` column lets a lesson drop them:
    ``rare[~rare.capitalised]``.

    Parameters
    ----------
    text : str
        Any Dutch text, e.g. ``article.text``.
    threshold : float, optional
        Words with a Zipf frequency strictly below this are rare.
    lang : str, optional
        Language of the text; only ``"nl"``.

    Returns
    -------
    pandas.DataFrame
        One row per rare word (grouped by lower-cased form, as in
        :func:`find_word_frequencies`), rarest first, then in reading order.
        A text without rare words gives an empty table with the same columns.

        ``word`` (str)
            The lower-cased word (``"beklonken"``); a capitalised word keeps
            its capital, as written most often (``"Jiechi"``).
        ``lemma`` (str)
            Lemma of the form written most often (``"beklinken"``, ``"Jiechi"``).
        ``zipf`` (float)
            wordfreq's Zipf frequency for Dutch.
        ``count`` (int)
            How often the word occurs in the text.
        ``first_sentence`` (int)
            1-based number of the first sentence of :func:`list_sentences`
            in which the word occurs.
        ``capitalised`` (bool)
            True when the word is written with a capital every time, and at
            least once not as the first word of a sentence: most likely a
            name. A word seen only at the start of sentences is False.
    """
    _check_lang(lang)
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or math.isnan(threshold):
        raise TypeError(f"threshold must be a number (a Zipf frequency such as 3.0), not {threshold!r}")
    stats = _word_stats(_check_text(text))
    rows = []
    for key, s in stats.items():
        if not _has_letter(key):
            continue
        zipf = _zipf(key)
        if zipf >= threshold:
            continue
        form = _main_form(s["forms"])
        capitalised = bool(s["all_capital"] and s["capital_inside"])
        rows.append(
            {
                "word": form if capitalised else key,
                "lemma": _lemma(form),
                "zipf": zipf,
                "count": s["count"],
                "first_sentence": s["first_sentence"],
                "capitalised": capitalised,
            }
        )
    rows.sort(key=lambda r: (r["zipf"], r["first_sentence"], r["word"].lower()))
    return typed_frame(rows, _RARE_COLUMNS)


# --------------------------------------------------------------------------
# syllables and readability


def count_syllables(word: str, lang: str = "nl") -> int:
    """Estimate the number of syllables of one word.

    The estimate is pyphen's ``nl_NL`` hyphenation points plus one. Hyphens
    already in the word also separate syllables, so each hyphenated part is
    counted on its own (``"non-interventie"`` -> non + in-ter-ven-tie = 5).
    Hyphenation follows spelling rules, not speech, so this is an
    approximation: ``"Oekraïne"`` -> 4 and ``"financiële"`` -> 5 are right,
    but an abbreviation such as ``"VS"`` counts as 1.

    Parameters
    ----------
    word : str
        One word.
    lang : str, optional
        Language of the word; only ``"nl"``.

    Returns
    -------
    int
        Number of syllables; 0 for a word without letters (``"2022"``,
        punctuation, empty string).
    """
    _check_lang(lang)
    return _syllables(_check_text(word, "word"))


def _counts(words_per_sentence: list[list[str]]) -> tuple[int, int, int]:
    """(words, sentences, syllables); sentences without a word are not counted."""
    sentences = [ws for ws in words_per_sentence if ws]
    words = [w for ws in sentences for w in ws]
    syllables = sum(max(1, _syllables(w)) for w in words)  # a number counts as one syllable
    return len(words), len(sentences), syllables


def _scores(words: int, sentences: int, syllables: int, rounded: bool = True) -> dict[str, Any]:
    if words:
        asl, asw = words / sentences, syllables / words
        douma = 206.84 - 0.93 * asl - 77 * asw
        brouwer = 195 - 2 * asl - 66.7 * asw
        if rounded:
            asl, asw, douma, brouwer = (round(x, READABILITY_DECIMALS) for x in (asl, asw, douma, brouwer))
    else:
        asl = asw = douma = brouwer = math.nan
    return {
        "words": words,
        "sentences": sentences,
        "syllables": syllables,
        "asl": asl,
        "asw": asw,
        "flesch_douma": douma,
        "brouwer": brouwer,
        "reliable": words >= MIN_RELIABLE_WORDS,
    }


def score_readability(text: "str | Article", lang: str = "nl") -> dict[str, Any]:
    """Compute the counts and both readability scores of a text or an article.

    Unlike :func:`score_flesch_douma` and :func:`score_brouwer`, this does
    not warn for a short text: look at ``reliable``. The ratios and scores
    are rounded to 2 decimals (:data:`READABILITY_DECIMALS`), ready to show
    and to compare in a lesson; the ``score_`` functions give full precision.

    Parameters
    ----------
    text : str or Article
        Dutch text, e.g. ``article.text`` for the whole article; or the
        :class:`~course.analysis.article.Article` itself, whose sentences are already
        split (the same split as for its text, so the same scores, faster).
    lang : str, optional
        Language of the text; only ``"nl"``.

    Returns
    -------
    dict
        ``words`` (int), ``sentences`` (int, only sentences with a word),
        ``syllables`` (int, numbers count as one), ``asl`` (float, words per
        sentence), ``asw`` (float, syllables per word), ``flesch_douma``
        (float), ``brouwer`` (float) -- these four rounded to 2 decimals,
        each computed from the unrounded counts -- and ``reliable`` (bool: at least
        :data:`MIN_RELIABLE_WORDS` words, the usual minimum sample).

    Raises
    ------
    ValueError
        When the text has no words, or for a language other than Dutch.
    """
    _check_lang(lang)
    if hasattr(text, "sentences") and not isinstance(text, str):
        per_sentence = [[t for t in tokenize(s.text) if is_word(t)] for s in text.sentences]
    else:
        per_sentence = _words_per_sentence(_check_text(text))
    words, sentences, syllables = _counts(per_sentence)
    if not words:
        raise ValueError("cannot score the readability of a text that has no words (is it empty?)")
    return _scores(words, sentences, syllables)


def _score(text: str, lang: str, formula: str, name: str) -> float:
    _check_lang(lang)
    words, sentences, syllables = _counts(_words_per_sentence(_check_text(text)))
    if not words:
        raise ValueError("cannot score the readability of a text that has no words (is it empty?)")
    result = _scores(words, sentences, syllables, rounded=False)
    if not result["reliable"]:
        w, s = result["words"], result["sentences"]
        warnings.warn(
            f"{name} of a text with {w} word{'s' * (w != 1)} and {s} sentence{'s' * (s != 1)}: "
            f"the formulas are applied to samples of at least {MIN_RELIABLE_WORDS} words; "
            "read this score as an illustration",
            ReadabilityWarning,
            stacklevel=3,
        )
    return float(result[formula])


def score_flesch_douma(text: str, lang: str = "nl") -> float:
    """Score a text with Flesch-Douma: ``206.84 - 0.93·ASL - 77·ASW``.

    ASL is words per sentence, ASW syllables per word (see
    :func:`score_readability` for how they are counted). Higher is easier;
    :func:`describe_readability` puts the score into words.

    Parameters
    ----------
    text : str
        Dutch text, e.g. ``article.text``.
    lang : str, optional
        Language of the text; only ``"nl"``.

    Returns
    -------
    float
        The Flesch-Douma score (not rounded, not clipped to 0-100).

    Raises
    ------
    ValueError
        When the text has no words, or for a language other than Dutch.

    Warns
    -----
    ReadabilityWarning
        When the text has under 100 words, the usual minimum sample: the
        score is then an illustration.
    """
    return _score(text, lang, "flesch_douma", "Flesch-Douma")


def score_brouwer(text: str, lang: str = "nl") -> float:
    """Score a text with Brouwer's leesindex: ``195 - 2·ASL - 66.7·ASW``.

    ASL is words per sentence, ASW syllables per word (see
    :func:`score_readability`). Higher is easier.

    Parameters
    ----------
    text : str
        Dutch text, e.g. ``article.text``.
    lang : str, optional
        Language of the text; only ``"nl"``.

    Returns
    -------
    float
        The Brouwer score (not rounded, not clipped).

    Raises
    ------
    ValueError
        When the text has no words, or for a language other than Dutch.

    Warns
    -----
    ReadabilityWarning
        When the text has under 100 words, the usual minimum sample.
    """
    return _score(text, lang, "brouwer", "Brouwer")


def find_readability(article_or_texts: "Article | str | Sequence[str]", lang: str = "nl") -> "pd.DataFrame":
    """Score the readability of each paragraph.

    A paragraph of a news article is far shorter than the 100-word sample
    the formulas are meant for, so per-paragraph scores illustrate where
    sentences and words get long; they do not measure a paragraph. Rather
    than warn once per paragraph, the table says so in its ``reliable``
    column; score the whole text with :func:`score_readability`.

    Parameters
    ----------
    article_or_texts : Article, str or sequence of str
        An :class:`~course.analysis.article.Article` (its body paragraphs, with their
        sections); or a text, split into paragraphs on blank lines (headings
        are not recognised: use :func:`course.parse_article` for that); or a
        list of texts, one paragraph each.
    lang : str, optional
        Language of the text; only ``"nl"``.

    Returns
    -------
    pandas.DataFrame
        One row per paragraph, in order; no paragraphs give an empty table
        with the same columns. A paragraph without words has missing
        (NaN) ratios and scores.

        ``paragraph`` (int)
            1-based paragraph number.
        ``section`` (str)
            Heading the paragraph falls under; missing before the first
            heading and for plain texts.
        ``words``, ``sentences``, ``syllables`` (int)
            Counts as in :func:`score_readability`.
        ``asl``, ``asw`` (float)
            Words per sentence, syllables per word (2 decimals).
        ``flesch_douma``, ``brouwer`` (float)
            The two scores (2 decimals, from the unrounded ratios).
        ``reliable`` (bool)
            True when the paragraph has at least 100 words.
    """
    _check_lang(lang)
    if isinstance(article_or_texts, str):
        items: list[tuple[str | None, str]] = [(None, p) for p in _paragraphs(_check_text(article_or_texts))]
    elif hasattr(article_or_texts, "paragraphs"):
        items = [(p.section, _check_text(p.text)) for p in article_or_texts.paragraphs]  # type: ignore[union-attr]
    elif isinstance(article_or_texts, Sequence):
        items = [(None, _check_text(t, f"text {i}")) for i, t in enumerate(article_or_texts, start=1)]
    else:
        raise TypeError(
            "find_readability needs an Article, a text, or a list of texts, "
            f"not {type(article_or_texts).__name__}"
        )
    rows = [
        {"paragraph": number, "section": section, **_scores(*_counts(_words_per_sentence(text)))}
        for number, (section, text) in enumerate(items, start=1)
    ]
    return typed_frame(rows, _READABILITY_COLUMNS)


def describe_readability(score: float, scale: str = "flesch_douma") -> str:
    """Put a readability score into words, on its own author's scale.

    Flesch-Douma is read on Douma's table (:data:`DOUMA_BANDS`), Brouwer on
    Brouwer's groups (:data:`BROUWER_BANDS`, only as far as our source gives
    them). The text starts with the score itself, so a label is never shown
    without the number it rests on.

    Parameters
    ----------
    score : float
        A score from :func:`score_flesch_douma` or :func:`score_brouwer`.
    scale : {"flesch_douma", "brouwer"}, optional
        Which score it is.

    Returns
    -------
    str
        E.g. ``"46.8: tamelijk moeilijk (fairly difficult) on Douma's table"``
        (the score to one decimal). A score below 0 gets the lowest band,
        above 100 the highest. A score on a boundary belongs to the easier
        band (60 is "normaal").

    Raises
    ------
    ValueError
        For an unknown scale or a missing (NaN) score.
    """
    low, high, dutch, english = readability_band(score, scale)
    return f"{score:.1f}: {dutch} ({english}) on {_SCALE_NAMES[scale]}"


def readability_band(score: float, scale: str = "flesch_douma") -> tuple[int, int, str, str]:
    """The band of a readability scale a score falls in: ``(low, high, Dutch label, English)``.

    See :func:`describe_readability` for the scales and the rules at the edges.
    """
    if scale not in READABILITY_SCALES:
        raise ValueError(f"scale={scale!r} is not known; use one of {', '.join(READABILITY_SCALES)}")
    if isinstance(score, bool) or not isinstance(score, (int, float)):
        raise TypeError(f"score must be a number, not {type(score).__name__}")
    if math.isnan(score):
        raise ValueError("score is missing (NaN): was the text empty?")
    bands = READABILITY_BANDS[scale]
    for band in reversed(bands):
        if score >= band[0]:
            return band
    return bands[0]

