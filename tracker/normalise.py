"""Text clean-up in two stages.

:func:`repair` runs once, on the decoded file: it undoes mojibake and may change the length, so its
output *is* the article's text. :func:`normalise` then maps one character to one character, so an
offset in the normalised text is the same offset in the article's text: evidence quoted through
offsets is the article's own words.
"""

from __future__ import annotations

import hashlib
from functools import cache

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


@cache
def _ftfy_config():
    import ftfy

    # only what a broken encoding did to the text: the author's typography (’, « », full-width
    # characters, ligatures) and any literal « &amp; » stay as written
    return ftfy.TextFixerConfig(
        unescape_html=False, uncurl_quotes=False, fix_character_width=False, fix_latin_ligatures=False,
        fix_line_breaks=False, normalization="NFC", explain=False,
    )


def repair(text: str) -> str:
    """Undo mojibake and compose accents (NFC), so a re-encoded copy reads as the original.

    >>> repair("Le pr\u00c3\u00a9sident d\u00e2\u20ac\u2122OPPO")
    'Le président d’OPPO'
    """
    import ftfy

    return ftfy.fix_text(text, _ftfy_config())


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
