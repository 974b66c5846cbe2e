"""Reading article files: dates, titles, boilerplate, encodings and bad input."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker import errors
from tracker.articles import parse_date, read_article

TODAY = dt.date(2026, 11, 23)
BODY = "Selon Bloomberg, Apple pourrait racheter une entreprise française de semi-conducteurs dans les prochains mois, et le marché attend la suite avec intérêt.\n"


def write(tmp_path, text, name="a.txt", encoding="utf-8"):
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return str(p)


def test_articles_header_date_and_title(seeds):
    a = read_article(str(seeds[1]), today=TODAY)
    assert (a.date, a.date_source) == (dt.date(2022, 5, 1), "header")
    assert a.title == "Xiaomi officialise son partenariat avec Leica et lancera un premier smartphone en juillet."
    assert a.text.startswith("Xiaomi officialise")


def test_articles_date_from_text(seeds):
    a = read_article(str(seeds[0]), today=TODAY)
    assert (a.date, a.date_source) == (dt.date(2021, 5, 14), "text")


def test_articles_no_date_is_ingest_day_and_boilerplate_goes(seeds):
    a = read_article(str(seeds[2]), today=TODAY)
    assert (a.date, a.date_source) == (TODAY, "ingested")
    assert "Akismet" not in a.text and "Laisser un commentaire" not in a.text
    assert a.title == "Plus de 260 demandes pour travailler avec Huawei\u00a0!"


def test_articles_option_date_wins(seeds):
    a = read_article(str(seeds[1]), date=dt.date(2023, 1, 2), today=TODAY)
    assert (a.date, a.date_source) == (dt.date(2023, 1, 2), "option")


def test_articles_front_matter(tmp_path):
    a = read_article(write(tmp_path, f"---\ndate: 2020-03-04\ntitle: Un titre\n---\n{BODY}"), today=TODAY)
    assert (a.date, a.date_source, a.title) == (dt.date(2020, 3, 4), "header", "Un titre")


def test_articles_future_text_dates_ignored(tmp_path):
    a = read_article(write(tmp_path, BODY + "Le 3 mars 2020, puis le 5 janvier 2099.\n"), today=TODAY)
    assert a.date == dt.date(2020, 3, 3)


def test_articles_same_text_same_sha_whatever_the_line_endings(tmp_path):
    a = read_article(write(tmp_path, BODY, "a.txt"), today=TODAY)
    b = read_article(write(tmp_path, BODY.replace("\n", "\r\n"), "b.txt"), today=TODAY)
    c = read_article(write(tmp_path, BODY, "c.txt", encoding="cp1252"), today=TODAY)
    assert a.sha256 == b.sha256 == c.sha256


def test_articles_offsets_survive_normalisation(tmp_path):
    a = read_article(write(tmp_path, "L’ex-président d’OPPO\u00a0: " + BODY), today=TODAY)
    assert len(a.norm_text) == len(a.text)
    assert a.norm_text.startswith("L'ex-président d'OPPO :")


@pytest.mark.parametrize(
    "content, error",
    [(b"", errors.EmptyArticle), (b"  \n\t\n ", errors.EmptyArticle), (b"\x00\x01\x02PNG\x00\x00", errors.BinaryArticle),
     (("The quick brown fox jumps over the lazy dog and the company said it would buy the startup next year " * 3).encode(), errors.NotFrench)],
)
def test_articles_bad_input(tmp_path, content, error):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(error):
        read_article(str(p), today=TODAY)


def test_articles_missing_file(tmp_path):
    with pytest.raises(errors.MissingPath):
        read_article(str(tmp_path / "nope.txt"))


@pytest.mark.parametrize("value", ["2022-13-01", "hier", "2022/05/01", ""])
def test_articles_bad_dates(value):
    with pytest.raises(errors.BadDate):
        parse_date(value)
