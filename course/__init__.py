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
    "Article": "analysis.article",
    "ArticleError": "analysis.article",
    "Heading": "analysis.article",
    "Paragraph": "analysis.article",
    "Sentence": "analysis.article",
    "SEED_PATH": "analysis.article",
    "load_article": "analysis.article",
    "parse_article": "analysis.article",
    # paths (where the course's folders are)
    "data_path": "paths",
    # text
    "ReadabilityWarning": "analysis.text",
    "list_tokens": "analysis.text",
    "list_words": "analysis.text",
    "count_words": "analysis.text",
    "list_sentences": "analysis.text",
    "lemmatize": "analysis.text",
    "list_lemmas": "analysis.text",
    "score_zipf": "analysis.text",
    "find_word_frequencies": "analysis.text",
    "find_rare_words": "analysis.text",
    "count_syllables": "analysis.text",
    "score_readability": "analysis.text",
    "score_flesch_douma": "analysis.text",
    "score_brouwer": "analysis.text",
    "find_readability": "analysis.text",
    "describe_readability": "analysis.text",
    "readability_band": "analysis.text",
    # display
    "load_translation": "lesson.display",
    "show_side_by_side": "lesson.display",
    "SideBySide": "lesson.display",
    "show_actors": "lesson.display",
    "HighlightedText": "lesson.display",
    # reading
    "find_actors": "analysis.reading",
    "find_actor_mentions": "analysis.reading",
    "find_time_expressions": "analysis.reading",
    "build_timeline": "analysis.reading",
    "load_gazetteer": "analysis.reading",
    "load_glossary": "analysis.reading",
    # plots
    "plot_sentence_lengths": "lesson.plots",
    "plot_actor_heatmap": "lesson.plots",
    "plot_timeline": "lesson.plots",
    # summarize
    "summarize_lead": "analysis.summarize",
    "summarize_frequency": "analysis.summarize",
    "summarize_textrank": "analysis.summarize",
    "score_sentences": "analysis.summarize",
    "join_summary": "analysis.summarize",
    "plot_sentence_scores": "analysis.summarize",
    "DutchTokenizer": "analysis.summarize",
    "find_rouge": "analysis.summarize",
    "score_rouge": "analysis.summarize",
    "load_references": "analysis.summarize",
    "compare_methods": "analysis.summarize",
    "find_unsupported_names": "analysis.summarize",
    "find_unsupported_quotes": "analysis.summarize",
    "find_quote_speakers": "analysis.summarize",
    "find_swapped_speakers": "analysis.summarize",
    "find_unhedged_claims": "analysis.summarize",
    "list_hedges": "analysis.summarize",
    "check_summary": "analysis.summarize",
    "SummaryReport": "analysis.summarize",
    # framing
    "FRAMES": "analysis.framing",
    "ALPHA_RELIABLE": "analysis.framing",
    "ALPHA_TENTATIVE": "analysis.framing",
    "load_codebook": "analysis.framing",
    "list_text_items": "analysis.framing",
    "load_reference_coding": "analysis.framing",
    "reference_profiles": "analysis.framing",
    "frame_profile": "analysis.framing",
    "dominant_frame": "analysis.framing",
    "load_lexicon": "analysis.framing",
    "load_word_choice": "analysis.framing",
    "find_frame_markers": "analysis.framing",
    "tabulate_frame_markers": "analysis.framing",
    "lexicon_profile": "analysis.framing",
    "compare_profiles": "analysis.framing",
    "find_loaded_words": "analysis.framing",
    "find_metaphors": "analysis.framing",
    "find_hedges": "analysis.framing",
    "find_quotes": "analysis.framing",
    "find_sourcing_words": "analysis.framing",
    "load_paragraph_coding": "analysis.framing",
    "score_precision": "analysis.framing",
    "score_recall": "analysis.framing",
    "show_frames": "analysis.framing",
    "show_word_choice": "analysis.framing",
    "load_class_coding": "analysis.framing",
    "score_kappa": "analysis.framing",
    "score_alpha": "analysis.framing",
    "describe_alpha": "analysis.framing",
    "plot_frame_profiles": "analysis.framing",
    "plot_frame_heatmap": "analysis.framing",
    # sources
    "ARTICLES_DIR": "analysis.sources",
    "find_quotations": "analysis.sources",
    "find_attributions": "analysis.sources",
    "find_sources": "analysis.sources",
    "find_voices": "analysis.sources",
    "list_silent_actors": "analysis.sources",
    "plot_voices": "analysis.sources",
    "build_source_network": "analysis.sources",
    "plot_source_network": "analysis.sources",
    "load_claims": "analysis.sources",
    "claims_path": "analysis.sources",
    "load_lateral": "analysis.sources",
    "search_lateral": "analysis.sources",
    "format_lateral": "analysis.sources",
    "lateral_path": "analysis.sources",
    "SOURCE_TYPES": "analysis.sources",
    "SPEECH_VERBS": "analysis.sources",
    # quotations (the one quotation engine)
    "find_statements": "analysis.quotations",
    "list_statements": "analysis.quotations",
    "list_quote_spans": "analysis.quotations",
    "load_lexicon": "analysis.quotations",
    "WEAK_RULES": "analysis.quotations",
    # checks
    "check": "lesson.checks",
    "assert_answer": "lesson.checks",
    "grade_answer": "lesson.checks",
    "grade_function": "lesson.checks",
    "Case": "lesson.checks",
    "Part": "lesson.checks",
    "Feedback": "lesson.checks",
    "list_exercises": "lesson.checks",
    # analyze (course analyze)
    "analyze_article": "report.analyze",
    "analyze_file": "report.analyze",
    "load_schema": "report.analyze",
    # handouts (course handouts)
    "build_handouts": "authoring.handouts",
    "HandoutError": "authoring.handouts",
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
