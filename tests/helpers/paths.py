"""Where the tests find the checkout and the article."""

from __future__ import annotations

from pathlib import Path

#: The checkout (the folder holding ``course/``, ``tests/``, ``notebooks/``).
ROOT = Path(__file__).resolve().parents[2]
#: The seed article (its bytes are pinned in ``tests/test_seed.py``).
SEED = ROOT / "seeds" / "000_79c815f5f65dac68.txt"
