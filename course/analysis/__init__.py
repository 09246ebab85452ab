"""The methods the lessons teach, one module per skill, on one article.

=====================  ==========================================================
module                 skill (lesson)
=====================  ==========================================================
``article``            reading the file: paragraphs, sections, sentences (00, 01)
``text``               words, lemmas, frequencies, readability (01)
``reading``            actors, time expressions, the timeline, the glossary (01)
``summarize``          lead, frequency and TextRank summaries, ROUGE, summary checks (02)
``framing``            codebook, frame markers, word choice, agreement (03)
``sources``            quotations, voices, claims, lateral reading (04)
``quotations``         the one quotation engine ``sources`` and ``course analyze`` use
``_nlp``               the tokenizer and sentence splitter the others share
=====================  ==========================================================

Import from :mod:`course` (``from course import find_sources``); the module
paths are for reading the code.
"""
