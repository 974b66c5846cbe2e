"""Offset-preserving text clean-up.

Every replacement maps one character to one character, so an offset in the normalised text is the
same offset in the text it came from: evidence quoted through offsets is the article's own words.
"""

from __future__ import annotations

import hashlib

# One character in, one character out: offsets never move.
_CHAR_MAP = str.maketrans(
    {
        "\u2019": "'",  # ’ typographic apostrophe
        "\u2018": "'",  # ‘
        "\u02bc": "'",  # ʼ modifier letter apostrophe
        "\u00a0": " ",  # no-break space
        "\u202f": " ",  # narrow no-break space (before « : ; ! ? » in French typography)
        "\u2009": " ",  # thin space
        "\u2007": " ",
        "\u200b": " ",  # zero-width space kept as a space so offsets stay put
        "\ufeff": " ",
        "\u2010": "-",
        "\u2011": "-",
        "\u00ad": "-",  # soft hyphen
    }
)


def normalise(text: str) -> str:
    """Return ``text`` with typographic variants folded, same length, same offsets.

    >>> normalise("l\u2019ex-vice-pr\u00e9sident d\u2019OPPO\u00a0:")
    "l'ex-vice-président d'OPPO :"
    """
    out = text.translate(_CHAR_MAP)
    assert len(out) == len(text)
    return out


def text_sha256(text: str) -> str:
    """The identity of an article: sha256 of its normalised text with runs of spaces folded."""
    folded = " ".join(normalise(text).split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()
