"""Reference and common wrong answers of the exercises of lesson 02."""

from __future__ import annotations

REFERENCE = {
    "2.1": [5, 14, 31],
    "2.2": 10,
    "2.3": 0.61,
    "2.4": "Genève",
    "2.5": "Sullivan",
}

ALSO_RIGHT = {
    "2.1": [[31, 14, 5], (5, 14, 31)],
    "2.3": [0.6087, 0.608696, 0.61],
    "2.4": ["genève", "Genève."],
    "2.5": ["Jake Sullivan", "sullivan", " Jake  Sullivan "],
}

WRONG = {
    "2.1": [([1, 2, 3], "LEAD-3"), ([1, 10, 14], "TextRank"), ([5, 14], "three sentence numbers"),
            ([5, 14, 30], "summarize_frequency")],
    "2.2": [(1, "first sentence"), (31, "frequency"), (0, "numbered from 1"), (14, "rank is 1")],
    "2.3": [(0.59, "recall"), (0.62, "precision"), (0.5, "average"), (0.3, "ROUGE-2"), (0.42, "reference A only")],
    "2.4": [("Rome", "not the article"), ("Sullivan", "Does the article name Sullivan"), ("Geneve", "in_article"),
            ("Yang Jiechi", "one word")],
    "2.5": [("China", "article_speaker"), ("Zhao Lijian", "paragraph 12"), ("Joe Biden", "only named"),
            ("Ryan Hass", "speaker table")],
}

WRONG_TYPE = {
    "2.1": ["5, 14, 31", 5],
    "2.2": ["10", 10.0],
    "2.3": ["0.61", None],
    "2.4": [["Genève"], 1],
    "2.5": [["Sullivan"], None],
}
