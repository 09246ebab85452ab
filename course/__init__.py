"""Helper library for the Dutch news article course.

``import course`` is cheap: the public names below are loaded from their
modules on first use (PEP 562), so spaCy, pandas and friends are imported
only when a lesson needs them. Import what you need by name::

    from course import load_article, check
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

#: Public name -> module that defines it.
_EXPORTS: dict[str, str] = {
    # article
    "Article": "article",
    "ArticleError": "article",
    "Heading": "article",
    "Paragraph": "article",
    "Sentence": "article",
    "SEED_PATH": "article",
    "load_article": "article",
    "parse_article": "article",
    # paths (where the course's folders are)
    "data_path": "paths",
    # text
    "ReadabilityWarning": "text",
    "list_tokens": "text",
    "list_words": "text",
    "count_words": "text",
    "list_sentences": "text",
    "lemmatize": "text",
    "list_lemmas": "text",
    "score_zipf": "text",
    "find_word_frequencies": "text",
    "find_rare_words": "text",
    "count_syllables": "text",
    "score_readability": "text",
    "score_flesch_douma": "text",
    "score_brouwer": "text",
    "find_readability": "text",
    "describe_readability": "text",
    "readability_band": "text",
    # display
    "load_translation": "display",
    "show_side_by_side": "display",
    "SideBySide": "display",
    "show_actors": "display",
    "HighlightedText": "display",
    # reading
    "find_actors": "reading",
    "find_actor_mentions": "reading",
    "find_time_expressions": "reading",
    "build_timeline": "reading",
    "load_gazetteer": "reading",
    "load_glossary": "reading",
    # plots
    "plot_sentence_lengths": "plots",
    "plot_actor_heatmap": "plots",
    "plot_timeline": "plots",
    # summarize
    "summarize_lead": "summarize",
    "summarize_frequency": "summarize",
    "summarize_textrank": "summarize",
    "score_sentences": "summarize",
    "join_summary": "summarize",
    "plot_sentence_scores": "summarize",
    "DutchTokenizer": "summarize",
    "find_rouge": "summarize",
    "score_rouge": "summarize",
    "load_references": "summarize",
    "compare_methods": "summarize",
    "find_unsupported_names": "summarize",
    "find_unsupported_quotes": "summarize",
    "find_quote_speakers": "summarize",
    "find_swapped_speakers": "summarize",
    "find_unhedged_claims": "summarize",
    "list_hedges": "summarize",
    "check_summary": "summarize",
    "SummaryReport": "summarize",
    # framing
    "FRAMES": "framing",
    "ALPHA_RELIABLE": "framing",
    "ALPHA_TENTATIVE": "framing",
    "load_codebook": "framing",
    "list_text_items": "framing",
    "load_reference_coding": "framing",
    "reference_profiles": "framing",
    "frame_profile": "framing",
    "dominant_frame": "framing",
    "load_lexicon": "framing",
    "load_word_choice": "framing",
    "find_frame_markers": "framing",
    "tabulate_frame_markers": "framing",
    "lexicon_profile": "framing",
    "compare_profiles": "framing",
    "find_loaded_words": "framing",
    "find_metaphors": "framing",
    "find_hedges": "framing",
    "find_quotes": "framing",
    "find_sourcing_words": "framing",
    "load_paragraph_coding": "framing",
    "score_precision": "framing",
    "score_recall": "framing",
    "show_frames": "framing",
    "show_word_choice": "framing",
    "load_class_coding": "framing",
    "score_kappa": "framing",
    "score_alpha": "framing",
    "describe_alpha": "framing",
    "plot_frame_profiles": "framing",
    "plot_frame_heatmap": "framing",
    # sources
    "ARTICLES_DIR": "sources",
    "find_quotations": "sources",
    "find_attributions": "sources",
    "find_sources": "sources",
    "find_voices": "sources",
    "list_silent_actors": "sources",
    "plot_voices": "sources",
    "build_source_network": "sources",
    "plot_source_network": "sources",
    "load_claims": "sources",
    "claims_path": "sources",
    "load_lateral": "sources",
    "search_lateral": "sources",
    "format_lateral": "sources",
    "lateral_path": "sources",
    "SOURCE_TYPES": "sources",
    "SPEECH_VERBS": "sources",
    # quotations (the one quotation engine)
    "find_statements": "quotations",
    "list_statements": "quotations",
    "list_quote_spans": "quotations",
    "load_lexicon": "quotations",
    "WEAK_RULES": "quotations",
    # checks
    "check": "checks",
    "assert_answer": "checks",
    "grade_answer": "checks",
    "grade_function": "checks",
    "Case": "checks",
    "Part": "checks",
    "Feedback": "checks",
    "list_exercises": "checks",
    # analyze (course analyze)
    "analyze_article": "analyze",
    "analyze_file": "analyze",
    "load_schema": "analyze",
    # handouts (course handouts)
    "build_handouts": "handouts",
    "HandoutError": "handouts",
    # grade (course grade)
    "grade_batch": "grading",
    "write_outputs": "grading",
    "merge_manual": "grading",
    "read_submission": "grading",
    "GradeError": "grading",
    "Limits": "grading",
    "GradeContext": "grading",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'course' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"course.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
