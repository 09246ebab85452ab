"""Shared spaCy pipeline and sentence splitting (internal).

spaCy is imported on first use, never at ``import course``: importing it
costs about half a second, and most cells of a lesson never need it.

The pipeline is ``spacy.blank("nl")`` plus the rule-based ``sentencizer``:
no trained model, nothing downloaded. Paragraphs are split before this
module sees them, so a sentence never spans two paragraphs.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

#: Characters that open a quotation in Dutch news (curly, low-9, straight, guillemets).
OPENING_QUOTES = "“‘„‚\"'«‹"
#: Characters that close a quotation.
CLOSING_QUOTES = "”’\"'»›"

_STRANDED_OPENER = re.compile(r"\s+([“‘„‚\"'«‹])$")
_LEADING_CLOSER = re.compile(r"^([”’»›]+)(\s*)")


@lru_cache(maxsize=1)
def get_nlp() -> Any:
    """Return the shared blank Dutch spaCy pipeline with a sentencizer.

    Returns
    -------
    spacy.language.Language
        ``spacy.blank("nl")`` with the ``sentencizer`` component; built once
        per process and cached.
    """
    import spacy

    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    return nlp


def split_sentences(paragraph: str) -> list[tuple[int, int]]:
    """Split one paragraph into sentences, as character spans.

    spaCy's sentencizer leaves an opening quotation mark at the end of the
    sentence before it (``… wel. “``) and can start a sentence with the
    closing mark of the previous one; both are moved to where they belong.

    Parameters
    ----------
    paragraph : str
        The text of a single paragraph (no blank lines inside).

    Returns
    -------
    list of tuple of int
        ``(start, end)`` character offsets into ``paragraph``, in order,
        stripped of surrounding white space. Empty input gives ``[]``.
    """
    if not paragraph.strip():
        return []
    doc = get_nlp()(paragraph)
    spans = [[s.start_char, s.end_char] for s in doc.sents]
    # Move a stranded opening quote to the sentence it opens.
    for i in range(len(spans) - 1):
        start, end = spans[i]
        m = _STRANDED_OPENER.search(paragraph[start:end])
        if m and start + m.start(1) > start:
            spans[i][1] = start + m.start()
            spans[i + 1][0] = start + m.start(1)
    # Give a closing quote that starts a sentence back to the previous one.
    for i in range(1, len(spans)):
        start, end = spans[i]
        m = _LEADING_CLOSER.match(paragraph[start:end])
        if m:
            spans[i - 1][1] = start + len(m.group(1))
            spans[i][0] = start + m.end()
    out: list[tuple[int, int]] = []
    for start, end in spans:
        text = paragraph[start:end]
        lead = len(text) - len(text.lstrip())
        trail = len(text) - len(text.rstrip())
        s, e = start + lead, end - trail
        if e > s:
            out.append((s, e))
    return out


def tokenize(text: str) -> list[str]:
    """Split text into spaCy tokens, white space dropped.

    Parameters
    ----------
    text : str
        Any Dutch text.

    Returns
    -------
    list of str
        Token texts in order, punctuation included, diacritics and quote
        characters unchanged.
    """
    if not text.strip():
        return []
    return [t.text for t in get_nlp().tokenizer(text) if not t.is_space]


def is_word(token: str) -> bool:
    """Tell whether a token counts as a word (has a letter or a digit).

    Parameters
    ----------
    token : str
        One token.

    Returns
    -------
    bool
        True for ``"Oekraïne"``, ``"non-interventie"`` or ``"2022"``; False for
        punctuation and quotation marks.
    """
    return any(ch.isalnum() for ch in token)
