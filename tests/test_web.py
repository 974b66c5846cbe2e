"""`tracker ingest https://…`: fetching an article from a local web server, and each way it can fail
with one line on standard error."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from local_web import Answer, closed_port, only_loopback, run, site, stored_articles  # noqa: F401 - fixtures
from tracker import errors, web
from tracker.cli import app

runner = CliRunner()
TODAY = dt.date.today()




def one_error_line(result) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("tracker: ")
    return lines[0]


def test_web_ingest_url_keeps_the_address_title_and_page_date(db_url, site):
    url = site.page("/audio/vantor-celestine", "rachat_meta.html")
    result = run(db_url, "ingest", url)
    assert result.exit_code == 0, result.output
    assert f"+ {url} [2024-03-12 from page] « Vantor pourrait racheter Célestine Audio »" in result.stdout
    [row] = stored_articles(db_url)
    assert (row["path"], row["url"], str(row["date"]), row["date_source"]) == (url, url, "2024-03-12", "page")
    assert (row["author"], row["site"]) == ("Mathilde Roussel", "La Gazette du Numérique")


def test_web_address_already_stored_is_skipped_without_fetching_it(db_url, site):
    url = site.page("/audio/vantor-celestine", "rachat_meta.html")
    assert run(db_url, "ingest", url).exit_code == 0
    assert site.hits["/audio/vantor-celestine"] == 1
    again = run(db_url, "ingest", url + "#commentaires")  # the same page
    assert again.exit_code == 0, again.output
    assert "already stored as article 1" in again.stdout
    assert site.hits["/audio/vantor-celestine"] == 1
    assert len(stored_articles(db_url)) == 1


def test_web_redirects_are_followed_and_the_asked_address_kept(db_url, site):
    site.page("/2024/fusion", "fusion_jsonld.html")
    site.add("/fusion", Answer(status=301, headers={"Location": "/2024/fusion"}))
    url = site.add("/f", Answer(status=302, headers={"Location": site.url("/fusion")}))
    answer = web.fetch(url)
    assert answer.final_url == site.url("/2024/fusion")
    result = run(db_url, "ingest", url)
    assert result.exit_code == 0, result.output
    assert [(a["url"], str(a["date"]), a["date_source"]) for a in stored_articles(db_url)] == [(url, "2023-11-05", "page")]


def test_web_analyse_reads_an_address(site):
    url = site.page("/montre", "lancement_time.html")
    result = runner.invoke(app, ["analyse", url, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["article"]["date"], data["article"]["date_source"]) == ("2022-06-30", "page")
    # a page that names no site is from its host
    assert (data["article"]["url"], data["article"]["site"]) == (url, url.split("/")[2])
    said = " ".join(s["text"] for s in data["sentences"])
    assert "préparerait le lancement de sa toute première montre connectée" in said
    assert "Articles similaires" not in said and "Jeanne dit" not in said


def _failing(site, kind: str, monkeypatch) -> tuple[str, str]:
    """An address that fails in the way named, and what its error line must say."""
    monkeypatch.setattr(web, "TIMEOUT", 0.5)
    monkeypatch.setattr(web, "MAX_BYTES", 20_000)
    page = "<html><body>" + "<p>Une phrase française pour remplir la page, encore et encore.</p>" * 400 + "</body></html>"
    if kind == "404":
        return site.url("/nulle-part"), "the server answered 404 Not Found; check the address"
    if kind == "500":
        return site.add("/panne", Answer(b"erreur", status=500)), "the server answered 500 Internal Server Error; try again later"
    if kind == "no answer":
        return site.add("/lent", Answer(b"<p>trop tard</p>", delay=3)), "no complete answer within 0.5 s (timed out)"
    if kind == "trickle":
        return site.add("/goutte", Answer(b"<html><body><p>" + b"lentement " * 40 + b"</p></body></html>", trickle=0.05)), "timed out"
    if kind == "pdf":
        return site.add("/rapport.pdf", Answer(b"%PDF-1.7 ...", content_type="application/pdf")), \
            "not a web page or a feed (the server sent application/pdf)"
    if kind == "english":
        return site.page("/en/vantor", "english.html"), "the text is not French (language found: en"
    if kind == "too large, said":
        return site.add("/gros", page), "the page is too large ("
    if kind == "too large, unsaid":
        return site.add("/gros-sans-taille", Answer(page.encode(), length=False)), "the page is too large (more than 20000 bytes)"
    if kind == "redirect loop":
        return site.add("/boucle", Answer(status=302, headers={"Location": "/boucle"})), "more than 5 redirects, or a redirect loop"
    if kind == "redirect to a file":
        return site.add("/ailleurs", Answer(status=302, headers={"Location": "file:///etc/passwd"})), \
            "redirected to file:///etc/passwd, which is not a web address"
    if kind == "nothing listens":
        return f"http://127.0.0.1:{closed_port()}/article", "cannot connect ("
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["404", "500", "no answer", "trickle", "pdf", "english", "too large, said", "too large, unsaid",
                                  "redirect loop", "redirect to a file", "nothing listens"])
def test_web_failure_is_one_line_and_stores_nothing(db_url, site, monkeypatch, kind):
    url, says = _failing(site, kind, monkeypatch)
    line = one_error_line(run(db_url, "ingest", url))
    assert line.startswith(f"tracker: skipped {url}: ") and says in line, line
    assert stored_articles(db_url) == []


def test_web_failing_address_does_not_stop_the_others(db_url, site, tmp_path):
    good = site.page("/montre", "lancement_time.html")
    result = run(db_url, "ingest", site.url("/disparu"), good)
    assert result.exit_code == 2
    assert "404" in result.stderr and "1 stored, 0 already there, 1 skipped with errors" in result.stdout
    assert [a["url"] for a in stored_articles(db_url)] == [good]


def test_web_fetch_refuses_what_is_not_a_web_address():
    with pytest.raises(errors.FetchError, match="not a web address"):
        web.fetch("ftp://127.0.0.1/article.html")


def test_web_page_in_a_legacy_charset_is_read(db_url, site):
    body = ("<html><head><title>Kernova lancerait un forfait</title></head><body><h1>Kernova lancerait un forfait</h1>"
            "<p>L’opérateur Kernova préparerait un forfait à prix réduit pour les étudiants, selon une fuite relayée par "
            "plusieurs forums spécialisés. Le prix exact n’a pas été communiqué et la date de sortie reste inconnue.</p></body></html>")
    url = site.add("/latin", Answer(body.replace("’", "'").encode("latin-1"), content_type="text/html; charset=ISO-8859-1"))
    result = run(db_url, "ingest", url)
    assert result.exit_code == 0, result.output
    [stored] = stored_articles(db_url)
    assert "L'opérateur Kernova préparerait un forfait à prix réduit pour les étudiants" in stored["text"]


def test_web_report_names_the_address_and_the_page_date(db_url, site):
    import jsonschema

    from tracker.report import schema

    url = site.page("/audio/vantor-celestine", "rachat_meta.html")
    assert run(db_url, "ingest", url).exit_code == 0
    result = run(db_url, "report", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER).validate(report)
    [article] = report["articles"]
    assert (article["url"], article["date"], article["date_source"]) == (url, "2024-03-12", "page")
