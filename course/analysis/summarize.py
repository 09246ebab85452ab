"""Extractive summaries, ROUGE, and the checks ROUGE cannot do.

Summarizers
-----------
Three extractive methods choose ``n`` whole sentences of an article:

* **LEAD-n** (:func:`summarize_lead`): the first ``n`` sentences. News is
  written as an inverted pyramid, so this is a strong baseline. Its score is
  the sentence's position read backwards, ``1 - (i - 1) / N``.
* **frequency** (:func:`summarize_frequency`, after Luhn 1958): every
  *content lemma* (a word's lemma, lower-cased, that is not in
  :data:`STOP_WORDS` and has a letter) gets its count divided by the count
  of the commonest content lemma; a sentence scores the mean weight of its
  content lemmas (the mean, not the sum, so long sentences do not win by
  length alone).
* **TextRank** (:func:`summarize_textrank`, Mihalcea & Tarau 2004):
  sentences are nodes; two sentences are joined by an edge weighted
  ``overlap / (log |Si| + log |Sj|)``, where ``overlap`` is the number of
  content lemmas they share and ``|S|`` the number of content lemmas of a
  sentence. PageRank (damping 0.85; :func:`pagerank`, the iteration of networkx's) gives each sentence a score.

All three return a table with the columns of :data:`SUMMARY_COLUMNS`:

=========  ===============================================================
sentence   1-based sentence number in the article
paragraph  1-based paragraph number
text       the sentence
score      the method's score (higher is more important)
rank       1 for the highest score; ties go to the earlier sentence
chosen     True for the ``n`` sentences of the summary
=========  ===============================================================

:func:`score_sentences` gives every sentence of the article; the
``summarize_`` functions keep only the chosen rows, in article order.
An article without content words gets scores of 0.

ROUGE
-----
:func:`find_rouge` wraps ``rouge-score`` (Lin 2004) with
:class:`DutchTokenizer`: the package's default tokenizer keeps only ASCII
letters and cuts "Oekraïne" into "oekra" and "ne". No stemming is used.
ROUGE-1 counts the words summary and reference share (each word at most as
often as it occurs in both), ROUGE-2 the shared pairs of neighbouring words,
and ROUGE-L the *longest common subsequence*: the longest list of words that
occur in both texts in the same order, with gaps allowed (Lin 2004, sec. 3),
not the longest unbroken run of words. Lesson 02 has students count
ROUGE-1 by hand, so the library deliberately offers no hand-counted
version to call.

What ROUGE cannot see
---------------------
ROUGE counts shared words. It does not notice a name or number that is not
in the article (:func:`find_unsupported_names`), a quotation that is not
verbatim (:func:`find_unsupported_quotes`), a quotation put in the wrong
mouth (:func:`find_swapped_speakers`, using :func:`find_quote_speakers`) or
a reported claim turned into a plain fact (:func:`find_unhedged_claims`).
:func:`check_summary` runs them all. These are rules, not understanding:
they point at things to re-read, and never judge the prose.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from ._nlp import is_word, split_sentences, tokenize
from .article import Article
from ..paths import data_path
from ..tables import typed_frame

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.figure import Figure

#: Folder of the reference summaries (``<article stem>.csv``).
SUMMARIES_DIR = data_path("summaries")
#: Summarizing methods, in the order tables and charts show them.
METHODS = ("lead", "frequency", "textrank")
#: ROUGE variants reported by :func:`find_rouge`.
ROUGE_METRICS = ("rouge1", "rouge2", "rougeL")
#: PageRank damping factor of TextRank (Mihalcea & Tarau 2004).
DAMPING = 0.85
#: Columns of the summarizer tables.
SUMMARY_COLUMNS = {"sentence": "int64", "paragraph": "int64", "text": "str", "score": "float64",
                   "rank": "int64", "chosen": "bool"}

#: A small Dutch stop-word list: articles, pronouns, prepositions, conjunctions,
#: auxiliaries and common adverbs (lemmas, lower case). Written for this course.
STOP_WORDS = frozenset("""
de het een der den des 't
ik jij je u hij zij ze wij we jullie hem haar hun hen mij me mijn jouw uw zijn ons onze zich zichzelf
dit dat deze die wie wat welk welke waar wanneer hoe waarom waarmee waarover waarin daar hier er
en of maar want dus noch toch ook nog al alleen wel niet geen nooit
in op aan bij met van voor naar over door uit om tot tegen tussen onder boven na zonder via
sinds tijdens binnen buiten achter naast per tegenover rond langs vanaf volgens
als dan omdat doordat terwijl hoewel zodat indien tenzij toen nadat voordat
zijn worden hebben zullen kunnen moeten mogen willen gaan doen laten blijven
is was waren wordt werd werden heeft had hadden zal zou zouden kan kon konden moet moest
zo nu dan heel zeer erg meer meest veel weinig enkele enkel elk elke ieder iedere alle ander andere
te toe zelf daarbij daarom daarmee daarvan echter bovendien inderdaad juist vrijwel helemaal eerder
iets niets niks niemand iemand men
""".split())

def _markers(kind: str) -> tuple[str, ...]:
    """Terms of one kind from ``data/framing/hedges.csv`` (beside the frame lexicon), in file order."""
    import csv

    path = data_path("framing", "hedges.csv")
    with open(path, encoding="utf-8", newline="") as handle:
        return tuple(row["term"] for row in csv.DictReader(handle) if row["kind"] == kind)


#: Words and phrases that mark a claim as reported, attributed or uncertain (``data/framing/hedges.csv``).
HEDGES = _markers("hedge")
#: Verbs that attribute a quotation to a speaker in a summary (``data/framing/hedges.csv``).
SPEECH_VERBS = _markers("attribution")
#: Dutch number words :func:`find_unsupported_names` checks as numbers.
NUMBER_WORDS = ("twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf",
                "twintig", "dertig", "veertig", "vijftig", "honderd", "duizend", "miljoen", "miljard")
#: Pronouns that point back to the last named speaker.

_WORD_RE = re.compile(r"[^\W_]+")


# --------------------------------------------------------------------------
# content lemmas (internal)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=4096)
def _content_lemmas(sentence: str) -> tuple[str, ...]:
    """Lower-cased lemmas of the sentence's words, stop words and numbers left out."""
    from .text import lemmatize

    out = []
    for token in tokenize(_nfc(sentence)):
        if not is_word(token) or not any(ch.isalpha() for ch in token):
            continue
        lemma = lemmatize(token).lower()
        if lemma in STOP_WORDS or token.lower() in STOP_WORDS:
            continue
        out.append(lemma)
    return tuple(out)


def _check_article(article: Any) -> Article:
    if not isinstance(article, Article):
        raise TypeError(f"article must be an Article (from load_article), not {type(article).__name__}")
    return article


def _table(article: Article, scores: Sequence[float], n: int) -> "pd.DataFrame":
    if n < 0:
        raise ValueError(f"n must be 0 or more, not {n}")
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
    rank = {i: r + 1 for r, i in enumerate(order)}
    chosen = set(order[:n])
    rows = [
        {"sentence": s.index, "paragraph": s.paragraph, "text": s.text, "score": float(scores[i]),
         "rank": rank[i], "chosen": i in chosen}
        for i, s in enumerate(article.sentences)
    ]
    return typed_frame(rows, SUMMARY_COLUMNS)


def _lead_scores(article: Article) -> list[float]:
    total = len(article.sentences)
    return [1 - i / total for i in range(total)]


def _frequency_scores(article: Article) -> list[float]:
    from collections import Counter

    lemmas = [_content_lemmas(s.text) for s in article.sentences]
    counts = Counter(lemma for sentence in lemmas for lemma in sentence)
    top = max(counts.values(), default=0)
    if not top:
        return [0.0] * len(lemmas)
    return [sum(counts[x] for x in sentence) / top / len(sentence) if sentence else 0.0 for sentence in lemmas]


def _similarity(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """Mihalcea & Tarau (2004): shared words over the sum of the log lengths."""
    overlap = len(set(a) & set(b))
    denominator = math.log(len(a)) + math.log(len(b)) if a and b else 0.0
    return overlap / denominator if overlap and denominator > 0 else 0.0


def _textrank_scores(article: Article) -> list[float]:
    import numpy as np

    lemmas = [_content_lemmas(s.text) for s in article.sentences]
    n = len(lemmas)
    if not n:
        return []
    weights = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            weights[i, j] = weights[j, i] = _similarity(lemmas[i], lemmas[j])
    if not weights.any():
        return [0.0] * n
    return pagerank(weights).tolist()


def pagerank(weights: "np.ndarray", damping: float = DAMPING, tol: float = 1e-10, max_iter: int = 1000) -> "np.ndarray":
    """PageRank of a small weighted graph given as a dense matrix.

    The same power iteration as ``networkx.pagerank`` (uniform
    personalization, dangling nodes spread uniformly, stop when the L1 change
    is below ``n * tol``), without building a graph object: for the 10-40
    sentences of a news article that is most of the cost.

    Parameters
    ----------
    weights : numpy.ndarray
        ``n x n`` non-negative edge weights (symmetric for an undirected graph).
    damping, tol, max_iter
        As in ``networkx.pagerank``.

    Returns
    -------
    numpy.ndarray
        The rank of each node; sums to 1.

    Raises
    ------
    RuntimeError
        When the iteration does not converge in ``max_iter`` steps.
    """
    import numpy as np

    n = weights.shape[0]
    out_weight = weights.sum(axis=1)
    dangling = out_weight == 0
    transition = np.divide(weights, out_weight[:, None], out=np.zeros_like(weights), where=~dangling[:, None])
    p = np.full(n, 1.0 / n)
    x = p.copy()
    for _ in range(max_iter):
        last = x
        x = damping * (x @ transition + x[dangling].sum() * p) + (1 - damping) * p
        if np.abs(x - last).sum() < n * tol:
            return x
    raise RuntimeError(f"PageRank did not converge in {max_iter} iterations")


_SCORERS = {"lead": _lead_scores, "frequency": _frequency_scores, "textrank": _textrank_scores}


# --------------------------------------------------------------------------
# summarizers


def score_sentences(article: Article, method: str = "textrank", n: int = 3) -> "pd.DataFrame":
    """Score every sentence of an article with one summarizing method.

    Parameters
    ----------
    article : Article
    method : str, optional
        ``"lead"``, ``"frequency"`` or ``"textrank"`` (see the module docstring).
    n : int, optional
        How many sentences the summary has; they get ``chosen = True``.

    Returns
    -------
    pandas.DataFrame
        One row per sentence, in article order, with the columns of
        :data:`SUMMARY_COLUMNS`.

    Raises
    ------
    ValueError
        For an unknown method or a negative ``n``.
    """
    _check_article(article)
    if method not in _SCORERS:
        raise ValueError(f"unknown method {method!r}: use one of {', '.join(METHODS)}")
    return _table(article, _SCORERS[method](article), n)


def _chosen(article: Article, method: str, n: int) -> "pd.DataFrame":
    table = score_sentences(article, method, n)
    return table[table["chosen"]].reset_index(drop=True)


def summarize_lead(article: Article, n: int = 3) -> "pd.DataFrame":
    """Summarize with LEAD-n: the first ``n`` sentences.

    Returns
    -------
    pandas.DataFrame
        The chosen sentences in article order, columns :data:`SUMMARY_COLUMNS`.
    """
    return _chosen(article, "lead", n)


def summarize_frequency(article: Article, n: int = 3) -> "pd.DataFrame":
    """Summarize with the ``n`` sentences whose content lemmas are most frequent in the article.

    Returns
    -------
    pandas.DataFrame
        The chosen sentences in article order, columns :data:`SUMMARY_COLUMNS`.
    """
    return _chosen(article, "frequency", n)


def summarize_textrank(article: Article, n: int = 3) -> "pd.DataFrame":
    """Summarize with the ``n`` sentences TextRank ranks highest.

    Returns
    -------
    pandas.DataFrame
        The chosen sentences in article order, columns :data:`SUMMARY_COLUMNS`.
    """
    return _chosen(article, "textrank", n)


def join_summary(summary: "pd.DataFrame") -> str:
    """Join the ``text`` of a summary table into one text, sentences separated by a space."""
    return " ".join(summary["text"].tolist())


def plot_sentence_scores(article: Article, n: int = 3) -> "Figure":
    """Chart each method's sentence scores across the article, chosen sentences marked.

    Scores are divided by each method's highest score, so the three methods
    share one scale (0 to 1).

    Returns
    -------
    matplotlib.figure.Figure
        Closed in pyplot; ``fig.alt_text`` describes it in one sentence.
    """
    import matplotlib.pyplot as plt

    from ..lesson.plots import PALETTE

    fig, axes = plt.subplots(len(METHODS), 1, figsize=(8, 5.2), sharex=True, layout="constrained")
    plt.close(fig)
    tops = []
    for ax, method, colour in zip(axes, METHODS, PALETTE):
        table = score_sentences(article, method, n)
        top = table["score"].max() if len(table) and table["score"].max() > 0 else 1.0
        colours = [colour if c else "#CCCCCC" for c in table["chosen"]]
        ax.bar(table["sentence"], table["score"] / top, color=colours)
        ax.set_ylabel(method, rotation=0, ha="right", va="center")
        ax.set_ylim(0, 1.05)
        ax.set_yticks([0, 1])
        tops.append(f"{method}: sentences {', '.join(str(s) for s in table.loc[table['chosen'], 'sentence'])}")
    axes[-1].set_xlabel("sentence number in the article")
    axes[0].set_title(f"Sentence scores per method (coloured: the {n} chosen sentences)")
    fig.alt_text = (f"Bar charts of the sentence scores of three summarizing methods across "
                    f"{len(article.sentences)} sentences; chosen " + "; ".join(tops) + ".")
    return fig


# --------------------------------------------------------------------------
# ROUGE


class DutchTokenizer:
    """A ROUGE tokenizer that keeps Dutch letters.

    ``tokenize(text)`` puts the text in NFC form, lower-cases it and returns
    its runs of letters and digits: ``"Oekraïne"`` -> ``["oekraïne"]``,
    ``"non-interventie"`` -> ``["non", "interventie"]``. No stemming.
    """

    def tokenize(self, text: str) -> list[str]:
        """Split a text into lower-cased words (letters with diacritics kept)."""
        return _WORD_RE.findall(_nfc(text).lower())


@lru_cache(maxsize=1)
def _scorer() -> Any:
    from rouge_score.rouge_scorer import RougeScorer

    return RougeScorer(list(ROUGE_METRICS), use_stemmer=False, tokenizer=DutchTokenizer())


_ROUGE_COLUMNS = {"reference": "str", "metric": "str", "precision": "float64", "recall": "float64",
                  "f": "float64"}


def _as_references(references: "str | Sequence[str] | dict[str, str] | pd.DataFrame") -> dict[str, str]:
    if isinstance(references, str):
        return {"1": references}
    if isinstance(references, dict):
        return {str(k): v for k, v in references.items()}
    if hasattr(references, "columns"):
        return dict(zip(references["reference"].astype(str), references["nl"]))
    return {str(i + 1): r for i, r in enumerate(references)}


def find_rouge(summary: str, references: "str | Sequence[str] | dict[str, str] | pd.DataFrame") -> "pd.DataFrame":
    """Compare a summary with reference summaries: ROUGE-1, ROUGE-2 and ROUGE-L.

    Parameters
    ----------
    summary : str
        The summary to evaluate.
    references : str, list of str, dict or DataFrame
        One reference, several (numbered from 1), named ones (``{"A": ...}``),
        or the table of :func:`load_references` (its ``nl`` column).

    Returns
    -------
    pandas.DataFrame
        One row per reference and metric. Columns: ``reference`` (id),
        ``metric`` (``rouge1``, ``rouge2``, ``rougeL``), ``precision``,
        ``recall`` and ``f`` (F1), each between 0 and 1.
    """
    rows = []
    for ref_id, ref in _as_references(references).items():
        scores = _scorer().score(ref, summary)
        for metric in ROUGE_METRICS:
            s = scores[metric]
            rows.append({"reference": ref_id, "metric": metric, "precision": s.precision,
                         "recall": s.recall, "f": s.fmeasure})
    return typed_frame(rows, _ROUGE_COLUMNS)


def score_rouge(summary: str, reference: str, metric: str = "rouge1") -> float:
    """Score a summary against one reference: the F1 of one ROUGE metric.

    Parameters
    ----------
    summary, reference : str
    metric : str, optional
        ``"rouge1"``, ``"rouge2"`` or ``"rougeL"``.

    Returns
    -------
    float
        Between 0 and 1 (not rounded).
    """
    if metric not in ROUGE_METRICS:
        raise ValueError(f"unknown metric {metric!r}: use one of {', '.join(ROUGE_METRICS)}")
    return float(_scorer().score(reference, summary)[metric].fmeasure)


def reference_path(article: Article) -> Path:
    """Where the reference summaries of an article are expected: ``data/summaries/<stem>.csv``."""
    return SUMMARIES_DIR / f"{Path(article.path).stem}.csv"


def load_references(article: Article, path: str | Path | None = None) -> "pd.DataFrame":
    """Read the reference summaries of an article.

    Returns
    -------
    pandas.DataFrame
        Columns ``reference`` (id), ``focus``, ``nl`` (the Dutch summary) and
        ``en`` (its English translation); see ``data/summaries/README.md``.

    Raises
    ------
    FileNotFoundError
        When the article has no reference summaries.
    """
    import pandas as pd

    p = Path(path) if path is not None else reference_path(article)
    if not p.exists():
        raise FileNotFoundError(f"no reference summaries for {article.path}: expected {p}")
    return pd.read_csv(p, dtype=str, keep_default_na=False)


def compare_methods(article: Article, references: Any, n: int = 3) -> "pd.DataFrame":
    """Score every summarizer against the references: mean ROUGE F1 per method.

    Returns
    -------
    pandas.DataFrame
        One row per method (``lead``, ``frequency``, ``textrank``). Columns:
        ``method``, ``sentences`` (the chosen sentence numbers, as a list),
        ``rouge1``, ``rouge2``, ``rougeL`` (F1 averaged over the references).
    """
    import pandas as pd

    rows = []
    for method in METHODS:
        table = _chosen(article, method, n)
        rouge = find_rouge(join_summary(table), references)
        means = rouge.groupby("metric")["f"].mean()
        rows.append({"method": method, "sentences": table["sentence"].tolist(),
                     **{m: float(means.get(m, 0.0)) for m in ROUGE_METRICS}})
    return pd.DataFrame(rows, columns=["method", "sentences", *ROUGE_METRICS])


# --------------------------------------------------------------------------
# what ROUGE cannot see


def _sentences_of(text: str) -> list[str]:
    text = _nfc(text)
    out = []
    for block in re.split(r"\n\s*\n", text):
        para = " ".join(block.split())
        out.extend(para[s:e] for s, e in split_sentences(para))
    return out


def _article_text(article: Article | str) -> str:
    return _nfc(article.text if isinstance(article, Article) else article)


def find_unsupported_names(summary: str, article: Article | str) -> "pd.DataFrame":
    """Check that every name and number in a summary appears in the article.

    A *name* is a capitalised word that is not the first word of its
    sentence; a sentence's first word counts as a name only when the article
    writes it with a capital in the middle of a sentence or it is a rare
    word (Zipf < 3.5). A *number* is a word with a digit or a Dutch number
    word (:data:`NUMBER_WORDS`). The limit of the rule: a well-known name
    that opens a sentence and is not in the article ("Merkel zei ...") looks
    like an ordinary word and is missed; the same name later in a sentence
    is found.

    Returns
    -------
    pandas.DataFrame
        One row per distinct name or number, in order of appearance.
        Columns: ``word``, ``kind`` (``"name"`` or ``"number"``),
        ``in_article`` (bool: the article has the word, same capitals for
        names, as a whole word).
    """
    from .text import score_zipf

    text = _article_text(article)
    article_words = set(_WORD_RE.findall(text))
    article_lower = {w.lower() for w in article_words}
    mid_capitals = set()
    for sentence in _sentences_of(text):
        words = [t for t in tokenize(sentence) if is_word(t)]
        mid_capitals.update(w for w in words[1:] if w[:1].isupper())
    rows, seen = [], set()
    for sentence in _sentences_of(summary):
        words = [t for t in tokenize(sentence) if is_word(t)]
        for i, word in enumerate(words):
            kind = None
            if any(ch.isdigit() for ch in word) or word.lower() in NUMBER_WORDS:
                kind = "number"
            elif word[:1].isupper() and word.lower() not in STOP_WORDS:
                if i > 0 or word in mid_capitals or score_zipf(word) < 3.5:
                    kind = "name"
            if kind is None or word in seen:
                continue
            seen.add(word)
            parts = _WORD_RE.findall(word)
            found = all((p in article_words) if kind == "name" else (p.lower() in article_lower) for p in parts)
            rows.append({"word": word, "kind": kind, "in_article": found})
    return typed_frame(rows, {"word": "str", "kind": "str", "in_article": "bool"})


def _squash(text: str) -> str:
    """Normalise a quotation for comparison: NFC, white space, quote marks and edge punctuation."""
    text = _nfc(text)
    text = re.sub(r"[“”„‘’\"«»]", "", text)
    return " ".join(text.split()).strip(" .,;:!?")


def _quotes(text: str) -> list[tuple[int, int, str]]:
    """(start, end, quoted text) of each quotation in a text."""
    from .quotations import list_quote_spans

    return [(start, end, inner) for start, end, inner, _ in list_quote_spans(text)]


def find_unsupported_quotes(summary: str, article: Article | str) -> "pd.DataFrame":
    """Check that every quotation in a summary appears verbatim in the article.

    The comparison ignores the kind of quotation marks, white space and
    punctuation at the edges of the quotation; every word must be the same.

    Returns
    -------
    pandas.DataFrame
        One row per quotation of the summary. Columns: ``quote`` (as the
        summary writes it) and ``verbatim`` (bool).
    """
    source = _squash(_article_text(article))
    rows = [{"quote": q, "verbatim": bool(_squash(q)) and _squash(q) in source} for _, _, q in _quotes(_nfc(summary))]
    return typed_frame(rows, {"quote": "str", "verbatim": "bool"})


def _speaker_key(name: str | None) -> str | None:
    return name.split()[-1].casefold() if name else None


def find_quote_speakers(article: Article | str) -> "pd.DataFrame":
    """Find who says each quotation of a text: lesson 02's view of the quotation engine.

    The speakers come from :mod:`course.analysis.quotations`; the rules are named as
    lesson 02 teaches them:

    1. ``direct``: the speaker is in the sentence: a speech verb and a name,
       perhaps after role words (``zei woordvoerder Zhao Lijian``), a name
       before the verb, ``volgens X``, or ``X: “...”`` (the engine's
       named, anonymous, role and organisation rules);
    2. ``pronoun``: *hij*, *zij*, *ze*, *hem* or *haar* points back to the
       last person named before it (``volgens hem``);
    3. ``continued``: a quotation-only sentence continues the quotation
       before it, or follows a sentence about its speaker (the engine's
       continued and previous rules);
    4. otherwise the speaker is missing: no speech verb, name or pronoun
       ties the quotation to a speaker. That is a fact about the rules,
       not about the text: ‘ijzersterke vriendschap’ follows *beklonken*
       (sealed), so a reader may take Xi and Poetin as its implied speakers
       (a partial quote; this paper puts partial quotes in single quotation
       marks) or read it as the paper's scare quote. Lesson 02 teaches both
       readings.

    Returns
    -------
    pandas.DataFrame
        One row per quotation. Columns: ``sentence`` (1-based number),
        ``quote`` (without quotation marks), ``speaker`` (as the text
        writes the name where it is named, or ``None``) and ``rule``. Text
        that is not an article (a summary) is read with
        :func:`course.parse_article`; text it cannot read gives an empty
        table.
    """
    from .article import ArticleError, parse_article
    from .quotations import list_statements

    columns = {"sentence": "int64", "quote": "str", "speaker": "object", "rule": "str"}
    if not isinstance(article, Article):
        try:
            article = parse_article(_nfc(article), "<summary>")
        except ArticleError:
            return typed_frame([], columns)
    statements = list_statements(article)
    rows = []
    last_mention: dict[str, str] = {}  # speaker -> how the text last wrote the name
    for s in statements:
        if s.kind == "indirect":
            if s.speaker and s.rule in ("named", "anonymous"):
                last_mention[s.speaker] = s.mention or s.speaker
            continue
        rule = _LESSON_RULES.get(s.rule, "none") if s.speaker else "none"
        speaker = None
        if s.speaker:
            speaker = s.mention if rule == "direct" else last_mention.get(s.speaker, s.speaker)
            if rule == "direct":
                last_mention[s.speaker] = s.mention or s.speaker
        rows.append({"sentence": s.sentence, "quote": s.quote, "speaker": speaker, "rule": rule})
    return typed_frame(rows, columns)


#: The engine's rules (:data:`course.analysis.quotations.RULES`) in the words lesson 02 uses.
_LESSON_RULES = {"named": "direct", "anonymous": "direct", "role": "direct", "organisation": "direct",
                 "pronoun": "pronoun", "previous": "continued", "continued": "continued"}


def find_swapped_speakers(summary: str, article: Article | str) -> "pd.DataFrame":
    """Find quotations a summary puts in another speaker's mouth than the article does.

    Each quotation of the summary is matched with the article quotation
    that contains it (or is contained by it); both speakers come from
    :func:`find_quote_speakers`. Speakers are compared by their last word,
    so "Sullivan" and "Jake Sullivan" are the same speaker.

    Returns
    -------
    pandas.DataFrame
        One row per summary quotation found in the article. Columns:
        ``quote``, ``article_speaker``, ``summary_speaker`` (``None`` when
        the summary names nobody) and ``swapped`` (bool: both are named and
        they differ).
    """
    article_quotes = find_quote_speakers(article)
    summary_quotes = find_quote_speakers(summary)
    rows = []
    for _, sq in summary_quotes.iterrows():
        key = _squash(sq["quote"])
        if not key:
            continue
        for _, aq in article_quotes.iterrows():
            other = _squash(aq["quote"])
            if key in other or other in key:
                swapped = (sq["speaker"] is not None and aq["speaker"] is not None
                           and _speaker_key(sq["speaker"]) != _speaker_key(aq["speaker"]))
                rows.append({"quote": sq["quote"], "article_speaker": aq["speaker"],
                             "summary_speaker": sq["speaker"], "swapped": swapped})
                break
    return typed_frame(rows, {"quote": "str", "article_speaker": "object", "summary_speaker": "object", "swapped": "bool"})


def list_hedges(sentence: str) -> list[str]:
    """List the hedging and attribution markers in a sentence: :data:`HEDGES`, then :data:`SPEECH_VERBS`.

    A marker inside a longer one found earlier ("meldden" in "zo meldden") is not listed twice.
    """
    low = " ".join(_WORD_RE.findall(_nfc(sentence).lower()))
    found: list[str] = []
    for hedge in HEDGES + SPEECH_VERBS:
        if hedge in found:
            continue
        if re.search(rf"(?<!\w){re.escape(hedge)}(?!\w)", low) and not any(hedge in f for f in found):
            found.append(hedge)
    return found


def find_unhedged_claims(summary: str, article: Article) -> "pd.DataFrame":
    """Find summary sentences that state as fact what the article only reports.

    Each summary sentence is matched with the article sentence that shares
    the most content lemmas (ties: the earlier sentence). When that article
    sentence carries a hedge or attribution (:func:`list_hedges`) and the
    summary sentence carries none, the claim has lost its hedge.

    Returns
    -------
    pandas.DataFrame
        One row per summary sentence. Columns: ``summary_sentence`` (1-based),
        ``text``, ``article_sentence`` (best match, 0 when nothing is shared),
        ``shared`` (number of shared content lemmas), ``article_hedges`` and
        ``summary_hedges`` (markers joined by ", "), ``unhedged`` (bool).
    """
    _check_article(article)
    source = [(s.index, s.text, set(_content_lemmas(s.text))) for s in article.sentences]
    rows = []
    for number, sentence in enumerate(_sentences_of(summary), start=1):
        mine = set(_content_lemmas(sentence))
        best, shared, best_text = 0, 0, ""
        for index, text, lemmas in source:
            overlap = len(mine & lemmas)
            if overlap > shared:
                best, shared, best_text = index, overlap, text
        a_hedges = list_hedges(best_text) if best else []
        s_hedges = list_hedges(sentence)
        rows.append({"summary_sentence": number, "text": sentence, "article_sentence": best, "shared": shared,
                     "article_hedges": ", ".join(a_hedges), "summary_hedges": ", ".join(s_hedges),
                     "unhedged": bool(a_hedges) and not s_hedges})
    return typed_frame(rows, {"summary_sentence": "int64", "text": "str", "article_sentence": "int64", "shared": "int64",
                         "article_hedges": "str", "summary_hedges": "str", "unhedged": "bool"})


@dataclass(frozen=True)
class SummaryReport:
    """What :func:`check_summary` found; shown as a short text report.

    Attributes
    ----------
    sentences, words : int
        Length of the summary.
    rouge : pandas.DataFrame
        :func:`find_rouge` against the references (empty without references).
    names : list of str
        Names and numbers not in the article.
    quotes : list of str
        Quotations not verbatim in the article.
    swapped : list of str
        Quotations given to another speaker than in the article.
    unhedged : list of int
        Summary sentences that drop the article's hedge.
    """

    sentences: int
    words: int
    rouge: Any
    names: list[str]
    quotes: list[str]
    swapped: list[str]
    unhedged: list[int]
    target_sentences: int = 3

    def lines(self) -> list[str]:
        """The report, one finding per line."""
        out = [f"Length: {self.sentences} sentence(s), {self.words} words "
               f"(the exercise asks for {self.target_sentences} sentences)."]
        if len(self.rouge):
            means = self.rouge.groupby("metric")["f"].agg(["mean", "max"])
            out.append("ROUGE F1 against the references (mean / best): " + "; ".join(
                f"{m} {means.loc[m, 'mean']:.2f} / {means.loc[m, 'max']:.2f}" for m in ROUGE_METRICS))
        out.append("Names and numbers not in the article: " + (", ".join(self.names) or "none found."))
        out.append("Quotations not verbatim in the article: " + (", ".join(f"‘{q}’" for q in self.quotes)
                                                                   or "none found."))
        out.append("Quotations given to another speaker: " + (", ".join(f"‘{q}’" for q in self.swapped)
                                                               or "none found."))
        out.append("Sentences that state as fact what the article only reports: "
                   + (", ".join(str(n) for n in self.unhedged) or "none found."))
        out.append("These are rule-based checks; they do not judge whether the summary is good. "
                   "Re-read what they point at.")
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        from ..templating import render

        return render("course.lesson", "summary_report.html.j2", lines=list(self.lines()))


def check_summary(text: str, article: Article | None = None, references: Any = None,
                  target_sentences: int = 3) -> SummaryReport:
    """Check a summary with everything a rule can check; never judges the prose.

    Parameters
    ----------
    text : str
        The summary.
    article : Article, optional
        The article summarized; by default the seed article.
    references : optional
        Reference summaries in any form :func:`find_rouge` accepts; by
        default those of :func:`load_references` (none when the article has none).
    target_sentences : int, optional
        The length the exercise asks for (reported, not enforced).

    Returns
    -------
    SummaryReport
        Length, ROUGE, names and numbers not in the article, quotations not
        verbatim, swapped speakers and sentences that lost their hedge.
    """
    from .article import load_article

    article = article if article is not None else load_article()
    text = _nfc(text if isinstance(text, str) else str(text))
    if references is None:
        try:
            references = load_references(article)
        except FileNotFoundError:
            references = {}
    rouge = find_rouge(text, references) if text.strip() else find_rouge("", {})
    names = find_unsupported_names(text, article)
    quotes = find_unsupported_quotes(text, article)
    swapped = find_swapped_speakers(text, article)
    unhedged = find_unhedged_claims(text, article)
    return SummaryReport(
        sentences=len(_sentences_of(text)),
        words=sum(is_word(t) for t in tokenize(text)),
        rouge=rouge,
        names=names.loc[~names["in_article"], "word"].tolist(),
        quotes=quotes.loc[~quotes["verbatim"], "quote"].tolist(),
        swapped=swapped.loc[swapped["swapped"], "quote"].tolist(),
        unhedged=unhedged.loc[unhedged["unhedged"], "summary_sentence"].tolist(),
        target_sentences=target_sentences,
    )
