"""Reading awkward files: encodings, BOMs, line endings, mojibake, HTML, size, language, header dates."""

from __future__ import annotations

import codecs
import datetime as dt

import pytest

from tracker import errors
from pathlib import Path

from tracker.articles import MAX_BYTES, read_article

TODAY = dt.date(2026, 11, 23)
SEED = Path(__file__).resolve().parents[1] / "corpus" / "articles" / "000_seed_leica_huawei.txt"


def write(tmp_path, data: bytes, name="a.txt") -> str:
    p = tmp_path / name
    p.write_bytes(data)
    return str(p)


@pytest.fixture
def original(tmp_path):
    return read_article(str(SEED), today=TODAY)


def _latin(text: str) -> str:
    """The seed with the characters latin-1 cannot hold replaced as an old French site would."""
    return text.replace("\u2019", "'").replace("\u2014", "-").replace("\u202f", " ").replace("\u2026", "...").replace("\u2013", "-").replace("\u201c", '"').replace("\u201d", '"')


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), id="utf-8 with BOM"),
        pytest.param(lambda t: t.replace("\n", "\r\n").encode("utf-8"), id="windows line endings"),
        pytest.param(lambda t: t.replace("\n", "\r").encode("utf-8"), id="old mac line endings"),
        pytest.param(lambda t: t.encode("cp1252"), id="cp1252"),
        pytest.param(lambda t: t.encode("utf-16"), id="utf-16 with BOM"),
        pytest.param(lambda t: t.encode("utf-8").decode("cp1252").encode("utf-8"), id="mojibake"),
        pytest.param(lambda t: t.replace("\n", "\r\n").encode("utf-8").decode("cp1252").encode("utf-8"), id="mojibake and CRLF"),
    ],
)
def test_articles_reencoded_copy_reads_as_the_original(tmp_path, original, encode):
    copy = read_article(write(tmp_path, encode(SEED.read_text(encoding="utf-8"))), today=TODAY)
    assert copy.text == original.text
    assert copy.sha256 == original.sha256
    assert (copy.title, copy.date) == (original.title, original.date)


def test_articles_latin1_file_is_decoded_not_rejected(tmp_path):
    text = _latin(SEED.read_text(encoding="utf-8"))
    utf8 = read_article(write(tmp_path, text.encode("utf-8"), "u.txt"), today=TODAY)
    latin = read_article(write(tmp_path, text.encode("latin-1"), "l.txt"), today=TODAY)
    assert latin.text == utf8.text and latin.sha256 == utf8.sha256
    assert "président" in latin.text or "partenariat" in latin.text


def test_articles_latin1_control_bytes_still_decode(tmp_path):
    # 0x81 and 0x9d are undefined in cp1252: a latin-1 reading keeps the file instead of refusing it
    text = _latin(SEED.read_text(encoding="utf-8"))
    a = read_article(write(tmp_path, text.encode("latin-1") + b"\x81\x9d\n"), today=TODAY)
    assert "partenariat" in a.text


def test_articles_mojibake_is_repaired_in_a_sentence(tmp_path):
    body = "Le prÃ©sident dâ€™OPPO a dÃ©clarÃ© que Leica pourrait sâ€™associer Ã  Xiaomi, et la rumeur enfle depuis des semaines dans la presse spÃ©cialisÃ©e.\n"
    a = read_article(write(tmp_path, body.encode("utf-8")), today=TODAY)
    assert a.text.startswith("Le président d’OPPO a déclaré que Leica pourrait s’associer à Xiaomi")
    assert "Ã" not in a.text


def test_articles_html_keeps_the_text_and_drops_scripts(tmp_path):
    html = (
        "<!doctype html><html><head><title>Ignoré</title><style>p{color:red}</style></head><body>"
        "<script>var rumeur = 'Apple rachète Google';</script>"
        "<h1>Apple pourrait racheter Netflix</h1><p>Selon Bloomberg, Apple <b>pourrait</b> racheter Netflix "
        "dans les prochains mois, et le marché attend la suite avec intérêt depuis des semaines.</p></body></html>"
    )
    a = read_article(write(tmp_path, html.encode("utf-8"), "a.html"), today=TODAY)
    assert a.title == "Apple pourrait racheter Netflix"
    assert "Selon Bloomberg, Apple pourrait racheter Netflix" in a.text
    assert "var rumeur" not in a.text and "<" not in a.text and "color" not in a.text


def test_articles_huge_file_is_refused_with_the_limit(tmp_path):
    path = write(tmp_path, b"a" * (MAX_BYTES + 1))
    with pytest.raises(errors.TooLarge) as exc:
        read_article(path, today=TODAY)
    assert str(MAX_BYTES) in str(exc.value)


@pytest.mark.parametrize(
    "text, lang",
    [
        ("The quick brown fox jumps over the lazy dog, and the company said on Monday that it would buy the startup next year for two billion dollars. ", "en"),
        ("Der Konzern hat am Montag angekündigt, dass er das junge Unternehmen im nächsten Jahr für zwei Milliarden Euro kaufen will, berichtet die Zeitung. ", "de"),
        ("La empresa anunció el lunes que compraría la startup el año que viene por dos mil millones de dólares, según el periódico de la ciudad. ", "es"),
    ],
)
def test_articles_not_french_names_the_language(tmp_path, text, lang):
    with pytest.raises(errors.NotFrench) as exc:
        read_article(write(tmp_path, (text * 2).encode("utf-8")), today=TODAY)
    assert f"language found: {lang}" in str(exc.value)


def test_articles_bad_header_date_is_an_input_error(tmp_path):
    path = write(tmp_path, b"date 2022-13-45 Apple rach\xc3\xa8te Netflix\nSelon Bloomberg, Apple pourrait racheter Netflix.\n")
    with pytest.raises(errors.InputError) as exc:
        read_article(path, today=TODAY)
    assert "2022-13-45" in str(exc.value) and "a.txt" in str(exc.value)


def test_articles_future_header_date_is_refused(tmp_path):
    path = write(tmp_path, b"date 2030-01-02 Apple rach\xc3\xa8te Netflix\nSelon Bloomberg, Apple pourrait racheter Netflix.\n")
    with pytest.raises(errors.InputError) as exc:
        read_article(path, today=TODAY)
    assert "2030-01-02" in str(exc.value) and str(TODAY) in str(exc.value)
    # the option wins over the header, so a wrong header can be overridden
    assert read_article(path, date=dt.date(2024, 3, 1), today=TODAY).date == dt.date(2024, 3, 1)


def test_articles_future_option_date_is_refused(tmp_path):
    path = write(tmp_path, "Selon Bloomberg, Apple pourrait racheter Netflix.\n".encode())
    with pytest.raises(errors.FutureDate) as exc:
        read_article(path, date=dt.date(2027, 1, 1), today=TODAY)
    assert "2027-01-01" in str(exc.value) and str(TODAY) in str(exc.value)
