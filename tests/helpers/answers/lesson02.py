"""Reference and common wrong answers of the exercises of lesson 02."""

from __future__ import annotations

from .solutions import instructor_answer

REFERENCE = {
    "2.1": [5, 14, 31],
    "2.4": 0.61,
    "2.5": "Sullivan",
    "2.6": "het Russische verzoek",
}

ALSO_RIGHT = {
    "2.1": [[31, 14, 5], (5, 14, 31)],
    "2.4": [0.6087, 0.608696, 0.61],
    "2.5": ["Jake Sullivan", "sullivan", " Jake  Sullivan "],
    "2.6": ["Russische verzoek", "het Russische verzoek.", "‘het Russische verzoek’", "HET RUSSISCHE VERZOEK"],
}

WRONG = {
    "2.1": [([1, 2, 3], "LEAD-3"), ([1, 10, 14], "TextRank"), ([5, 14], "three sentence numbers"),
            ([5, 14, 30], "word frequency")],
    "2.4": [(0.59, "recall"), (0.62, "precision"), (0.5, "reference B"), (0.3, "ROUGE-2"), (0.42, "ROUGE-L"),
            (0.7, "Dutch tokenizer")],
    "2.5": [("China", "article_speaker"), ("Zhao Lijian", "paragraph 12"), ("Joe Biden", "only named"),
            ("Ryan Hass", "speaker table")],
    "2.6": [("de Amerikaanse beschuldiging", "keeps a distance"), ("blijft steunen", "paragraph 11"),
            ("glashard", "not denied"), ("desinformatie", "China's word"),
            ("China heeft de Amerikaanse beschuldiging direct van de hand gewezen", "short phrase"),
            ("het verzoek", "which words name the request as a thing")],
}

WRONG_TYPE = {
    "2.1": ["5, 14, 31", 5],
    "2.4": ["0.61", None],
    "2.5": [["Sullivan"], None],
    "2.6": [["het Russische verzoek"], 1],
}

_LEAD_REFERENCE = instructor_answer("2.2")

_ROUGE_REFERENCE = instructor_answer("2.3")

FUNCTIONS = {
    "2.2": {
        "reference": _LEAD_REFERENCE,
        "wrong": [
            ('''def lead_n(paragraphs, n):
    return paragraphs[0][:n]
''', "n goes past the first paragraph"),
            ('''def lead_n(paragraphs, n):
    chosen = []
    for paragraph in paragraphs:
        for sentence in paragraph:
            chosen.append(sentence)
            if len(chosen) >= n:
                return chosen
    return chosen
''', "n is zero or less"),
        ],
    },
    "2.3": {
        "reference": _ROUGE_REFERENCE,
        "wrong": [
            # every summary word found in the reference counts, however often: no clipping
            ('''def rouge_1(summary_words, reference_words):
    overlap = sum(1 for w in summary_words if w in reference_words)
    precision = overlap / len(summary_words) if summary_words else 0.0
    recall = overlap / len(reference_words) if reference_words else 0.0
    f = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f": f}
''', "a word repeated in the summary"),
            # divides by zero on an empty summary
            (_ROUGE_REFERENCE.replace(" if summary_words else 0.0", ""), "an empty summary"),
            # precision and recall swapped
            (_ROUGE_REFERENCE.replace('{"precision": precision, "recall": recall', '{"precision": recall, "recall": precision'),
             "no word repeated"),
        ],
    },
}
