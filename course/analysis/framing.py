"""Framing: codebook coding, frame markers, word choice and coder agreement (lesson 03).

Framing (Entman 1993) is selecting some aspects of reality and making them
salient, so as to promote a problem definition, a causal interpretation, a
moral evaluation and/or a treatment recommendation. Semetko & Valkenburg
(2000) measure five *generic* frames with yes/no questions; a frame's score
is the mean of its items (0..1).

Everything here reads its word lists from ``data/framing/`` (see the README
there) and works on any article in the course format.

- Codebook: :func:`load_codebook`, :func:`list_text_items`,
  :func:`load_reference_coding`, :func:`frame_profile`,
  :func:`reference_profiles`, :func:`dominant_frame`.
- Frame markers: :func:`load_lexicon`, :func:`find_frame_markers`,
  :func:`tabulate_frame_markers`, :func:`lexicon_profile`, :func:`show_frames`.
- Word choice: :func:`find_loaded_words`, :func:`find_metaphors`,
  :func:`find_hedges`, :func:`find_sourcing_words`, :func:`find_quotes`,
  :func:`show_word_choice`.
- Agreement: :func:`load_class_coding`, :func:`score_kappa`,
  :func:`score_alpha`, :func:`describe_alpha`.
- Validating a word list against people: :func:`load_paragraph_coding`,
  :func:`score_precision`, :func:`score_recall`.
- Plots: :func:`plot_frame_profiles`, :func:`plot_frame_heatmap`.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from .article import Article
from ..lesson.display import HighlightedText
from ..paths import data_path

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.figure import Figure

#: Where the codebook, lexicons and codings live.
FRAMING_DIR = data_path("framing")
#: The five generic frames of Semetko & Valkenburg (2000), in codebook order.
FRAMES = ("responsibility", "human_interest", "conflict", "morality", "economic")
#: Kinds of word choice in ``word_choice.csv``. ``sourcing`` words say how a
#: claim is sourced or judge its sources (*anonieme*, *oncontroleerbare*,
#: *internationaal gerespecteerde*): they are not hedges, which mark a claim
#: itself as uncertain (*zou*, *kan*).
WORD_KINDS = ("loaded", "metaphor", "hedge", "sourcing")
#: Okabe–Ito colour per frame (shared by highlighted text and charts).
FRAME_COLOURS = {
    "responsibility": "#56B4E9",
    "human_interest": "#E69F00",
    "conflict": "#D55E00",
    "morality": "#CC79A7",
    "economic": "#009E73",
}
KIND_COLOURS = {"loaded": "#D55E00", "metaphor": "#56B4E9", "hedge": "#F0E442", "sourcing": "#0072B2",
                "scare": "#CC79A7",
                "partial": "#E69F00", "direct": "#009E73", "unattributed": "#BBBBBB"}
#: Krippendorff's (2004) thresholds for alpha.
ALPHA_RELIABLE = 0.800
ALPHA_TENTATIVE = 0.667

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


# --------------------------------------------------------------------------
# codebook


def _read_csv(name: str) -> "pd.DataFrame":
    import pandas as pd

    return pd.read_csv(FRAMING_DIR / name, encoding="utf-8")


def load_codebook() -> "pd.DataFrame":
    """Load the Semetko & Valkenburg (2000) generic-frame questions.

    Returns
    -------
    pandas.DataFrame
        One row per item: ``frame``, ``item`` (e.g. ``"C2"``),
        ``question_en``, ``question_nl`` (our translation) and ``text``
        (False for the one item that needs pictures, H5).
    """
    table = _read_csv("codebook.csv")
    table["text"] = table["text"].astype(bool)
    return table


def list_text_items() -> list[str]:
    """The item ids that can be coded on plain text, in codebook order."""
    book = load_codebook()
    return book.loc[book["text"], "item"].tolist()


def load_reference_coding(scope: str = "article") -> "pd.DataFrame":
    """Load our reference coding of the seed article.

    Parameters
    ----------
    scope : str, optional
        ``"article"`` for the whole article, or one section: ``"opening"``
        (the paragraphs before the first heading) or a heading text such
        as ``"Op de vlakte"``. :func:`reference_profiles` lists them.

    Returns
    -------
    pandas.DataFrame
        ``item``, ``frame``, ``answer`` (1 = yes, 0 = no), ``disputed``
        (True for an item on which careful coders can differ: either answer
        is accepted with a reason) and a one-line ``justification``, for
        every text item.
    """
    table = _read_csv("reference_coding.csv")
    table["disputed"] = table["disputed"].astype(bool)
    if scope not in set(table["scope"]):
        raise ValueError(f"no reference coding for scope {scope!r}; known: {sorted(set(table['scope']))}")
    table = table[table["scope"] == scope].drop(columns="scope")
    frames = load_codebook().set_index("item")["frame"]
    table.insert(1, "frame", table["item"].map(frames))
    return table.reset_index(drop=True)


#: Scope name of the paragraphs before the first heading.
OPENING = "opening"


def reference_profiles() -> "pd.DataFrame":
    """Frame profiles of every scope of the reference coding: rows ``article`` then the sections in order."""
    import pandas as pd

    scopes = list(dict.fromkeys(_read_csv("reference_coding.csv")["scope"]))
    table = pd.DataFrame({scope: frame_profile(load_reference_coding(scope)) for scope in scopes}).T
    table.index.name = "scope"
    return table


def _answers(answers: Any) -> dict[str, int]:
    import pandas as pd

    if isinstance(answers, pd.DataFrame):
        answers = dict(zip(answers["item"], answers["answer"]))
    elif isinstance(answers, pd.Series):
        answers = answers.to_dict()
    out = {}
    known = set(load_codebook()["item"])
    for item, value in dict(answers).items():
        if item not in known:
            raise ValueError(f"unknown codebook item {item!r}")
        if value is None or (isinstance(value, float) and value != value):
            continue
        if value not in (0, 1, True, False):
            raise ValueError(f"item {item}: answer 1 (yes) or 0 (no), not {value!r}")
        out[item] = int(value)
    return out


def frame_profile(answers: Any) -> "pd.Series":
    """Turn yes/no answers into a frame profile: the mean answer per frame.

    Parameters
    ----------
    answers : dict, pandas.Series or DataFrame
        Item id -> 1 (yes) or 0 (no), for an article or a paragraph; a
        DataFrame needs ``item`` and ``answer`` columns. Items left out (or
        None) are not counted, so the visual item H5 can be skipped.

    Returns
    -------
    pandas.Series
        One value 0..1 per frame, in :data:`FRAMES` order; NaN for a frame
        with no answered item.
    """
    import pandas as pd

    given = _answers(answers)
    book = load_codebook()
    out = {}
    for frame in FRAMES:
        values = [given[i] for i in book.loc[book["frame"] == frame, "item"] if i in given]
        out[frame] = sum(values) / len(values) if values else float("nan")
    return pd.Series(out, name="profile", dtype=float)


def dominant_frame(profile: "pd.Series") -> str:
    """The frame with the highest score (the first in :data:`FRAMES` order on a tie)."""
    return str(profile.astype(float).idxmax())


# --------------------------------------------------------------------------
# lexicon matching


@lru_cache(maxsize=65536)
def _lemma(word: str) -> str:
    from .text import lemmatize

    return lemmatize(word).lower()


@lru_cache(maxsize=8)
def _patterns(name: str, column: str) -> tuple[tuple[tuple[str, ...], str, str, str], ...]:
    with open(FRAMING_DIR / name, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return tuple((tuple(r["term"].lower().split()), r["term"], r[column], r["note"]) for r in rows)


def load_lexicon() -> "pd.DataFrame":
    """Load the Dutch frame lexicon: ``term`` (a word form or lemma, or several), ``frame``, ``note``."""
    return _read_csv("lexicon.csv")


def load_word_choice() -> "pd.DataFrame":
    """Load the word-choice list: ``term``, ``kind`` (one of :data:`WORD_KINDS`), ``note``."""
    return _read_csv("word_choice.csv")


def _tokens(text: str) -> list[tuple[int, int, str, str]]:
    return [(m.start(), m.end(), m.group().lower(), _lemma(m.group())) for m in _WORD.finditer(text)]


@lru_cache(maxsize=8)
def _index(name: str, column: str) -> dict[str, list[tuple[tuple[str, ...], str, str, str]]]:
    """Patterns by their first word, longest first."""
    index: dict[str, list[tuple[tuple[str, ...], str, str, str]]] = {}
    for pattern in sorted(_patterns(name, column), key=lambda p: -len(p[0])):
        index.setdefault(pattern[0][0], []).append(pattern)
    return index


def _match(article: Article, name: str, column: str) -> "pd.DataFrame":
    import pandas as pd

    index = _index(name, column)
    texts = {p.index: p.text for p in article.paragraphs}
    rows: list[tuple] = []
    for sentence in article.sentences:
        para_text = texts[sentence.paragraph]
        tokens = _tokens(sentence.text)
        i = 0
        while i < len(tokens):
            _, _, word, lemma = tokens[i]
            found = None
            for parts, term, label, note in index.get(word, []) + (index.get(lemma, []) if lemma != word else []):
                n = len(parts)
                window = tokens[i : i + n]
                if len(window) == n and all(p == w or p == lem for p, (_, _, w, lem) in zip(parts, window)):
                    if found is None or n > len(found[0]):
                        found = (parts, term, label, note)
            if found is None:
                i += 1
                continue
            n = len(found[0])
            start, end = sentence.start + tokens[i][0], sentence.start + tokens[i + n - 1][1]
            rows.append((sentence.paragraph, sentence.index, start, end, para_text[start:end], found[1], found[2],
                         found[3]))
            i += n
    columns = ["paragraph", "sentence", "start", "end", "text", "term", column, "note"]
    dtypes = ["int64"] * 4 + ["object"] * 4
    if not rows:
        return pd.DataFrame({c: pd.Series([], dtype=t) for c, t in zip(columns, dtypes)})
    return pd.DataFrame(rows, columns=columns).astype(dict(zip(columns, dtypes)))


def find_frame_markers(article: Article) -> "pd.DataFrame":
    """Find the words of the frame lexicon in an article, matched on words and lemmas.

    A lexicon term matches a word when it equals the word (lower-case) or
    its lemma, so ``beschuldigen`` also finds *beschuldigen* and ``sanctie``
    finds *sancties*. Multi-word terms match consecutive words; longer terms
    win.

    Returns
    -------
    pandas.DataFrame
        One row per marker: ``paragraph``, ``sentence``, ``start``, ``end``
        (character offsets in the paragraph), ``text`` (as written),
        ``term`` (the lexicon entry), ``frame`` and ``note``.
    """
    return _match(article, "lexicon.csv", "frame")


def tabulate_frame_markers(article: Article) -> "pd.DataFrame":
    """Count the frame markers per paragraph: paragraphs × frames (all paragraphs, zeros included)."""
    markers = find_frame_markers(article)
    table = markers.pivot_table(index="paragraph", columns="frame", values="term", aggfunc="count", fill_value=0)
    numbers = [p.index for p in article.paragraphs]
    table = table.reindex(index=numbers, columns=list(FRAMES), fill_value=0).astype(int)
    table.index.name, table.columns.name = "paragraph", "frame"
    return table


def lexicon_profile(article: Article) -> "pd.Series":
    """The computer's frame profile: the share of paragraphs with at least one marker of each frame (0..1)."""
    counts = tabulate_frame_markers(article)
    profile = (counts > 0).mean() if len(counts) else counts.sum().astype(float)
    profile.name = "lexicon"
    return profile.reindex(list(FRAMES)).astype(float)


# --------------------------------------------------------------------------
# word choice


def _kind(article: Article, kind: str) -> "pd.DataFrame":
    table = _match(article, "word_choice.csv", "kind")
    return table[table["kind"] == kind].reset_index(drop=True)


def find_loaded_words(article: Article) -> "pd.DataFrame":
    """Find evaluative or loaded words (``kind == "loaded"`` in ``word_choice.csv``).

    Returns
    -------
    pandas.DataFrame
        ``paragraph``, ``sentence``, ``start``, ``end``, ``text``, ``term``,
        ``kind`` and ``note``, as in :func:`find_frame_markers`.
    """
    return _kind(article, "loaded")


def find_metaphors(article: Article) -> "pd.DataFrame":
    """Find the metaphors of ``word_choice.csv`` (achterdeur, op de vlakte ...).

    Columns as :func:`find_loaded_words`.
    """
    return _kind(article, "metaphor")


def find_hedges(article: Article) -> "pd.DataFrame":
    """Find hedges and epistemic markers (zou, kan, volgens, meent ...).

    Columns as :func:`find_loaded_words`.
    """
    return _kind(article, "hedge")


def find_sourcing_words(article: Article) -> "pd.DataFrame":
    """Find words that say how a claim is sourced or judge its sources (*anonieme*, *oncontroleerbare* ...).

    They are the newspaper's own word choice about its sources: *anonieme
    bronnen* says the sources are unnamed, *oncontroleerbare informatie*
    judges the information, and *internationaal gerespecteerde media* vouches
    for the outlets the paper relies on. Columns as :func:`find_loaded_words`.
    """
    return _kind(article, "sourcing")


def find_quotes(article: Article) -> "pd.DataFrame":
    """Find quoted passages and tell scare quotes from quotations: lesson 03's view of the quotation engine.

    The quotations and their kinds come from :mod:`course.analysis.quotations`: a
    full sentence is ``direct`` when someone is said to speak it, else
    ``unattributed``; a fragment is ``partial`` when it is attributed and a
    ``scare`` quote when nothing says who said it. A fragment after a verb
    of agreeing, such as *Xi en Poetin beklonken hun ‘ijzersterke
    vriendschap’*, counts as a scare quote here, though it has two readings:
    a scare quote (the paper keeps a phrase nobody is said to have spoken at
    a distance) or a partial quote whose implied speakers are the subjects
    of the verb (the seed's paper puts partial quotes in single marks, as in
    ‘direct en achter de schermen’). Lesson 03 teaches both readings.

    Returns
    -------
    pandas.DataFrame
        ``paragraph``, ``sentence``, ``start``, ``end`` (offsets of the
        quotation with its marks in the paragraph), ``text`` (the words
        inside the marks), ``words`` and ``kind``.
    """
    import pandas as pd

    from .quotations import list_statements

    lesson_kind = {"unattributed-partial": "scare"}
    rows = [{"paragraph": s.paragraph, "sentence": s.sentence, "start": s.start, "end": s.end, "text": s.quote,
             "words": len(_WORD.findall(s.quote)), "kind": lesson_kind.get(s.kind, s.kind)}
            for s in list_statements(article) if s.kind != "indirect"]
    columns = {"paragraph": "int64", "sentence": "int64", "start": "int64", "end": "int64", "text": "object",
               "words": "int64", "kind": "object"}
    return pd.DataFrame({c: pd.Series([r[c] for r in rows], dtype=t) for c, t in columns.items()})


# --------------------------------------------------------------------------
# highlighting


def _highlight(article: Article, table: "pd.DataFrame", column: str, colours: Mapping[str, str],
               paragraphs: Sequence[int] | None, title: str) -> HighlightedText:
    from ..lesson.display import render_highlights

    numbers = list(paragraphs) if paragraphs is not None else [p.index for p in article.paragraphs]
    docs, plain = [], []
    for n in numbers:
        para = article.paragraph(n)
        rows = table[table["paragraph"] == n].sort_values("start")
        ents, marked, last = [], [], 0
        for r in rows.itertuples():
            if r.start < last:  # overlapping span: keep the first
                continue
            label = str(getattr(r, column))
            ents.append({"start": int(r.start), "end": int(r.end), "label": label.upper()})
            marked.append(para.text[last : r.start] + f"[{para.text[r.start:r.end]}|{label.upper()}]")
            last = r.end
        docs.append({"text": para.text, "ents": ents, "title": f"¶{n}"})
        plain.append(f"¶{n} " + "".join(marked) + para.text[last:])
    upper = {k.upper(): v for k, v in colours.items()}
    page = render_highlights(docs, upper, colours, title, "course-framing")  # course/lesson/templates/highlighted.html.j2
    return HighlightedText(page, "\n".join(plain))


def show_frames(article: Article, paragraphs: Sequence[int] | None = None) -> HighlightedText:
    """Highlight the frame markers in the text, coloured by frame, with a legend."""
    return _highlight(article, find_frame_markers(article), "frame", FRAME_COLOURS, paragraphs, "Frames")


def show_word_choice(
    article: Article, table: "pd.DataFrame", paragraphs: Sequence[int] | None = None
) -> HighlightedText:
    """Highlight a word-choice table (from :func:`find_hedges`, :func:`find_quotes` ...) by its ``kind``."""
    kinds = {k: KIND_COLOURS[k] for k in KIND_COLOURS if (table["kind"] == k).any()}
    return _highlight(article, table, "kind", kinds, paragraphs, "Kinds")


# --------------------------------------------------------------------------
# agreement


def load_class_coding() -> "pd.DataFrame":
    """Load the sample class coding: INVENTED data, six coders (A-F) × the text items of the seed.

    Returns
    -------
    pandas.DataFrame
        One row per coder (index ``coder``), one 0/1 column per text item.
    """
    return _read_csv("class_coding.csv").set_index("coder")


def score_kappa(coder_a: Any, coder_b: Any) -> float:
    """Cohen's kappa between two coders' yes/no answers.

    Parameters
    ----------
    coder_a, coder_b : dict, Series, DataFrame or list
        Answers per item (as for :func:`frame_profile`), or two equal-length
        lists. Only items both coders answered count.

    Returns
    -------
    float
        1 is perfect agreement, 0 agreement no better than chance.
        NaN when chance agreement is already perfect (one answer everywhere).
    """
    from sklearn.metrics import cohen_kappa_score

    if isinstance(coder_a, (list, tuple)) and isinstance(coder_b, (list, tuple)):
        if len(coder_a) != len(coder_b):
            raise ValueError("both codings need the same number of answers")
        a, b = list(coder_a), list(coder_b)
    else:
        da, db = _answers(coder_a), _answers(coder_b)
        items = [i for i in da if i in db]
        a, b = [da[i] for i in items], [db[i] for i in items]
    if len(set(a) | set(b)) < 2:
        return float("nan")
    return float(cohen_kappa_score(a, b))


def score_alpha(coding: "pd.DataFrame") -> float:
    """Krippendorff's alpha (nominal) over a coders × items table of 0/1 answers (NaN = not coded)."""
    import krippendorff
    import numpy as np

    data = np.asarray(coding, dtype=float)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def describe_alpha(alpha: float) -> str:
    """Say what an alpha means by Krippendorff's (2004) rule: ≥ .800 reliable, ≥ .667 tentative, else too low."""
    if alpha >= ALPHA_RELIABLE:
        return "reliable (α ≥ .800)"
    if alpha >= ALPHA_TENTATIVE:
        return "tentative conclusions only (.667 ≤ α < .800)"
    return "too low to rely on (α < .667)"


def _article_by_name(name: str) -> Article:
    """Load a coded article by file name: the seed from ``seeds/``, the others from ``data/articles/``."""
    from .article import SEED_PATH, load_article

    return load_article(SEED_PATH if name == SEED_PATH.name else data_path("articles", name))


def load_paragraph_coding(frame: str = "economic") -> "pd.DataFrame":
    """Load our coding of one frame paragraph by paragraph, in the seed and the course's other articles.

    One variable (is the frame present in this paragraph?) over many units
    (every paragraph of four articles): the kind of data agreement and
    validation statistics are meant for. A paragraph has the economic frame
    when any of the items E1-E3 of the codebook would be yes for it alone.

    Parameters
    ----------
    frame : str, optional
        A frame of :data:`FRAMES` that has been coded (only ``"economic"`` so far).

    Returns
    -------
    pandas.DataFrame
        ``article`` (file name), ``paragraph``, ``text``, ``answer`` (1 =
        the frame is there), ``disputed`` (True where careful coders can
        differ), ``justification``, and ``lexicon``: True when the course's
        frame lexicon finds a marker of ``frame`` in the paragraph.
    """
    table = _read_csv("paragraph_coding.csv")
    if frame not in set(table["frame"]):
        raise ValueError(f"no paragraph coding for frame {frame!r}; coded: {sorted(set(table['frame']))}")
    table = table[table["frame"] == frame].drop(columns="frame").reset_index(drop=True)
    table["disputed"] = table["disputed"].astype(bool)
    texts, found = [], []
    for name, rows in table.groupby("article", sort=False):
        article = _article_by_name(str(name))
        counts = tabulate_frame_markers(article)[frame]
        for n in rows["paragraph"]:
            texts.append(article.paragraph(int(n)).text)
            found.append(bool(counts.loc[int(n)] > 0))
    table.insert(2, "text", texts)
    table["lexicon"] = found
    return table


def _pairs(found: Any, coded: Any) -> list[tuple[bool, bool]]:
    """Pair two yes/no codings unit by unit and drop the units either left open (None, NaN or ``...``).

    Two dicts or Series are paired by key (e.g. paragraph number); a list is
    paired by position, also with a dict or Series of the same length (in
    its order).
    """
    import pandas as pd

    keyed = [isinstance(v, (dict, pd.Series)) for v in (found, coded)]
    a = pd.Series(found) if keyed[0] else pd.Series(list(found), dtype=object)
    b = pd.Series(coded) if keyed[1] else pd.Series(list(coded), dtype=object)
    if keyed[0] != keyed[1] or not any(keyed):
        if len(a) != len(b):
            raise ValueError(f"both codings need the same number of units ({len(a)} and {len(b)})")
        a, b = a.reset_index(drop=True), b.reset_index(drop=True)
    joined = pd.concat([a.rename("found"), b.rename("coded")], axis=1, join="inner")

    def is_open(value: Any) -> bool:
        return value is None or value is Ellipsis or (isinstance(value, float) and value != value)

    return [(bool(f), bool(c)) for f, c in zip(joined["found"], joined["coded"]) if not (is_open(f) or is_open(c))]


def score_precision(found: Any, coded: Any) -> float:
    """Precision of a computer's yes/no decisions against a human coding: of the units it finds, the share people coded yes.

    Parameters
    ----------
    found : list, dict or pandas.Series
        The computer's decision per unit (True/1 = it finds the frame).
    coded : list, dict or pandas.Series
        The human coding of the same units (1 = the frame is there). Lists
        are paired by position, dicts and Series by key (paragraph number);
        a unit left at None in either is not counted.

    Returns
    -------
    float
        true positives / (true positives + false positives); NaN when the
        computer finds nothing.
    """
    pairs = _pairs(found, coded)
    hits = [c for f, c in pairs if f]
    return sum(hits) / len(hits) if hits else float("nan")


def score_recall(found: Any, coded: Any) -> float:
    """Recall of a computer's yes/no decisions against a human coding: of the units people coded yes, the share it finds.

    Parameters are those of :func:`score_precision`.

    Returns
    -------
    float
        true positives / (true positives + false negatives); NaN when people
        coded no unit yes.
    """
    pairs = _pairs(found, coded)
    wanted = [f for f, c in pairs if c]
    return sum(wanted) / len(wanted) if wanted else float("nan")


def compare_profiles(article: Article, reference: Any = None, student: Any = None) -> "pd.DataFrame":
    """Put frame profiles side by side: ``reference`` (coding), ``lexicon`` and optionally ``student``.

    ``reference`` defaults to the seed's reference coding; pass your own
    answers for another article.
    """
    import pandas as pd

    ref = frame_profile(load_reference_coding() if reference is None else reference)
    table = pd.DataFrame({"reference": ref, "lexicon": lexicon_profile(article)})
    if student is not None:
        table["student"] = frame_profile(student)
    table["difference"] = table["lexicon"] - table["reference"]
    table.index.name = "frame"
    return table


# --------------------------------------------------------------------------
# plots


def plot_frame_profiles(profiles: "pd.DataFrame") -> "Figure":
    """Grouped bars of frame profiles, one colour per column (e.g. reference, lexicon, student)."""
    import matplotlib.pyplot as plt
    from ..lesson import plots as _plots  # noqa: F401 - registers the alt-text formatter
    import numpy as np

    from ..lesson.plots import PALETTE

    columns = [c for c in profiles.columns if c != "difference"]
    fig, ax = plt.subplots(figsize=(7, 3.5), layout="constrained")
    plt.close(fig)
    x = np.arange(len(profiles))
    width = 0.8 / max(len(columns), 1)
    for k, column in enumerate(columns):
        ax.bar(x + (k - (len(columns) - 1) / 2) * width, profiles[column].astype(float), width,
               label=column, color=PALETTE[k % len(PALETTE)])
    ax.set_xticks(x, [str(f).replace("_", " ") for f in profiles.index])
    ax.set_ylim(0, 1)
    ax.set_ylabel("score (0..1)")
    ax.legend(frameon=False)
    ax.set_title("Frame profiles")
    fig.alt_text = "Bar chart of the five frame scores (0 to 1) for: " + ", ".join(columns) + "."
    return fig


def plot_frame_heatmap(article: Article) -> "Figure":
    """Heat map of frame markers: paragraphs (rows) × frames (columns), count in each cell."""
    import matplotlib.pyplot as plt
    from ..lesson import plots as _plots  # noqa: F401 - registers the alt-text formatter

    counts = tabulate_frame_markers(article)
    fig, ax = plt.subplots(figsize=(5.5, 0.35 * len(counts) + 1.2), layout="constrained")
    plt.close(fig)
    image = ax.imshow(counts.to_numpy(), aspect="auto", cmap="Blues", vmin=0)
    ax.set_xticks(range(len(counts.columns)), [c.replace("_", "\n") for c in counts.columns])
    ax.set_yticks(range(len(counts.index)), [f"¶{n}" for n in counts.index])
    top = counts.to_numpy().max() if counts.size else 0
    for i, row in enumerate(counts.to_numpy()):
        for j, value in enumerate(row):
            if value:
                ax.text(j, i, str(value), ha="center", va="center", color="white" if value > top / 2 else "black")
    fig.colorbar(image, ax=ax, label="markers")
    ax.set_title("Frame markers per paragraph")
    fig.alt_text = (f"Heat map of frame-lexicon markers in {len(counts)} paragraphs (rows) for five frames "
                    f"(columns); {int(counts.to_numpy().sum())} markers in all.")
    return fig
