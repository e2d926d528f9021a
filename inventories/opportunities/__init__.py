"""Impact-reduction opportunities: lever inputs -> second-order inventory lines.

Each of the nineteen opportunities of the catalogue (ids as in the French
industry working group's brochure, accepted with accents, spaces or any case)
is a model of the levers a user fills in; its lines say what the twin avoids
(role "avoided") and what it adds (role "added"), month by month.
"""

from __future__ import annotations

import difflib
import unicodedata

from inventories.opportunities.models import OPPORTUNITY_MODELS

__all__ = ["CATALOGUE_IDS", "OPPORTUNITY_MODELS", "canonical_opportunity_id"]

#: Every id of the catalogue, in the brochure's spelling.
CATALOGUE_IDS = tuple(OPPORTUNITY_MODELS)


def _fold(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in ascii_text.lower() if ch.isalnum())


def canonical_opportunity_id(text: str) -> str:
    """The catalogue id for an id written with accents, spaces or any case."""
    by_key = {_fold(known): known for known in CATALOGUE_IDS}
    canonical = by_key.get(_fold(text))
    if canonical is None:
        close = difflib.get_close_matches(_fold(text), list(by_key), n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(by_key[c] for c in close)}?" if close else ""
        raise ValueError(f"{text!r} is not an opportunity of the catalogue{hint}")
    return canonical
