"""Reference and common wrong answers of the exercises of lesson 04."""

from __future__ import annotations

REFERENCE = {
    "4.1": ["Jake Sullivan", "Zhao Lijian"],
    "4.2": 4,
    "4.3": 1,
    "4.4": 6,
    "4.5": "Oekraïne",
    "4.6": ["media", "official", "official", "expert", "official"],
}

ALSO_RIGHT = {
    "4.1": [["Zhao Lijian", "Jake Sullivan"], ["sullivan", "zhao"], ["Jake Sullivan", "Zhao Lijian", "Zhao Lijian"]],
    "4.5": ["oekraïne", "Ukraine", "Oekraïne."],
    "4.6": [["Media", "Official", "official", "Expert", "official"]],
}

WRONG = {
    "4.1": [(["Sullivan"], "paragraph 12"), (["Ryan Hass"], "full sentence"), (["Sullivan", "Zhao", "Hass"], "Which kind")],
    "4.2": [(2, "volgens hem"), (11, "Hij waarschuwt")],
    "4.3": [(0, "first paragraph"), (9, "all sources")],
    "4.4": [(2, "find_voices"), (5, "partial quote"), (7, "most statements")],
    "4.5": [("Rusland", "paragraph 13"), ("Yang Jiechi", "party to the war"), ("China", "Does China speak")],
    "4.6": [(["media", "official", "official", "official", "official"], "Ryan Hass"),
            (["media", "unknown", "official", "expert", "official"], "anonymous"),
            (["media", "official"], "five")],
}

WRONG_TYPE = {
    "4.1": ["Sullivan", None],
    "4.2": ["4", 4.5],
    "4.3": ["1", None],
    "4.4": ["6", None],
    "4.5": [["Oekraïne"], 1],
    "4.6": ["media", [1, 2]],
}
