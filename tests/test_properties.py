"""Property tests (hypothesis): reading, normalisation and the analyse path on any input.

- reading a file of any bytes, or any text, gives an Article or a tracker InputError, nothing else;
- normalisation keeps every offset (one character for one) and the identity of an article;
- the analyse path never raises on any Unicode text, and everything it quotes is the article's own
  text at the offsets it gives.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import re
import tempfile
from pathlib import Path

from hypothesis import given, strategies as st

from tracker import errors
from tracker.analysis_view import analysis_dict
from tracker.articles import Article, parse_article, read_article
from tracker.normalise import normalise, repair, text_sha256

TODAY = dt.date(2026, 11, 23)

# pieces of French tech news, so that generated texts also reach the header, date, claim and cue code
FRAGMENTS = [
    "Apple", "pourrait", "racheter", "Netflix", "selon", "Bloomberg", "Xiaomi", "officialise", "son", "partenariat",
    "avec", "Leica", "dément", "ne", "pas", "D’après", "l’", "d’OPPO", "« ", " »", "en juillet", "l'année prochaine",
    "14 mai 2021", "Huawei", "liste noire", "Samsung", "équipé de", "Exynos", "serait sur le point de", "rumeur",
    "c'est officiel", "a déclaré que", ",", ".", "?", "!", "\n", "\n\n", "\u00a0:", "\u202f", "’", "Ã©", "â€™",
    "date 2022-05", "date 2021-05-14 ", "---\ndate: 2020-03-04\n---\n", "<p>", "</p>", "<script>x</script>", "&amp;",
]
french_like = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=40).map(" ".join)
any_text = st.one_of(st.text(), french_like)


def _encoded(text: str, encoding: str) -> bytes:
    return (codecs.BOM_UTF8 if encoding == "utf-8-sig" else b"") + text.encode("utf-8" if encoding == "utf-8-sig" else encoding, "replace")


any_bytes = st.one_of(
    st.binary(max_size=3000),
    st.builds(_encoded, any_text, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])),
)


def _read(data: bytes, name: str) -> Article:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        return read_article(str(path), today=TODAY)


def _check_article(article: Article) -> None:
    assert article.text.strip() and article.title.strip()
    assert re.fullmatch(r"[0-9a-f]{64}", article.sha256)
    assert article.date <= TODAY
    assert article.date_source in ("header", "page", "text", "ingested")


@given(any_bytes, st.sampled_from(["a.txt", "a.md", "a.html"]))
def test_properties_reading_any_file_gives_an_article_or_an_input_error(data, name):
    try:
        article = _read(data, name)
    except errors.InputError as exc:
        assert str(exc).startswith(str(Path(tempfile.gettempdir()))) or name in str(exc)
        assert "\n" not in str(exc)
        return
    _check_article(article)


@given(any_text)
def test_properties_parsing_any_text_gives_an_article_or_an_input_error(text):
    try:
        article = parse_article(text, "a.txt", today=TODAY)
    except errors.InputError:
        return
    _check_article(article)
    assert article.sha256 == parse_article(text.replace("\n", "\r\n").replace("\r\n", "\n"), "b.txt", today=TODAY).sha256


@given(any_text)
def test_properties_normalise_keeps_every_offset(text):
    norm = normalise(text)
    assert len(norm) == len(text)
    # one character for one: each character is normalised on its own, so offsets match
    assert all(norm[i] == normalise(text[i]) for i in range(len(text)))
    assert normalise(norm) == norm
    assert text_sha256(norm) == text_sha256(text)


@given(any_text)
def test_properties_repair_is_stable(text):
    fixed = repair(text)
    assert repair(fixed) == fixed


@given(any_text)
def test_properties_analyse_never_raises_and_quotes_the_article(nlp, text):
    from tracker.service import analyse_article

    article = Article(path="a.txt", title="t", text=text, date=TODAY, date_source="option", sha256=text_sha256(text))
    analysis = analyse_article(article, nlp)
    for s in analysis.sentences:
        assert s.text == text[s.start:s.end]
        for c in s.cues:
            assert c.start == c.end or c.text == text[c.start:c.end]
    for m in analysis.mentions:
        assert m.sentence in text
    json.dumps(analysis_dict(article, analysis), ensure_ascii=False)
