"""RSS and Atom feeds, as a file or from a local web server: each entry's article, dated by the entry,
stored once."""

from __future__ import annotations

import datetime as dt
import itertools
from email.utils import format_datetime
from xml.sax.saxutils import escape

import pytest

from local_web import Answer, only_loopback, run, site, stored_articles  # noqa: F401 - fixtures
from tracker import errors
from tracker.feeds import FULL_WORDS, looks_like_feed, parse_feed

BUYERS = ["Vantor", "Ombrelune", "Kernova", "Pixelnord", "Brisant Télécom"]
TARGETS = ["Célestine Audio", "Mirabelle Logiciels", "Studio Galet", "Orfèvre Robotique"]
FIRST_DAY = dt.datetime(2025, 1, 6, 9, 30, tzinfo=dt.timezone.utc)


def story(buyer: str, target: str) -> str:
    """A French article of about a hundred words, its own for each pair of companies."""
    return (
        f"<p>{buyer} pourrait racheter {target}, selon plusieurs sources proches du dossier. Les négociations entre les deux "
        f"entreprises auraient commencé il y a quelques semaines et se poursuivraient dans la plus grande discrétion.</p>"
        f"<p>Contactées, ni la direction de {buyer} ni celle de {target} n’ont souhaité commenter ces informations. Le montant "
        f"évoqué dépasserait la centaine de millions d’euros, ce qui ferait de cette opération l’une des plus importantes "
        f"de l’année pour {buyer}, qui cherche depuis longtemps à élargir son catalogue.</p>"
        f"<p>Les salariés de {target} attendent désormais des précisions sur l’avenir de leurs équipes et de leurs bureaux, "
        f"que la direction promet de donner avant la fin du trimestre.</p>"
    )


def entries(n: int):
    """``n`` entries: (slug, title, date, html of the article)."""
    for i, (buyer, target) in enumerate(itertools.islice(itertools.product(BUYERS, TARGETS), n)):
        slug = f"article-{i + 1}"
        yield slug, f"{buyer} pourrait racheter {target}", FIRST_DAY + dt.timedelta(days=3 * i), story(buyer, target)


def rss(items, *, base: str = "https://blog-tech.example", full: bool = True) -> str:
    """An RSS 2.0 feed; ``full``: each item carries its article (content:encoded), else a teaser only."""
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>',
           "<title>Le Blog Tech</title><link>https://blog-tech.example/</link><description>Rumeurs et annonces</description>"]
    for slug, title, when, html in items:
        out.append(f"<item><title>{escape(title)}</title><link>{base}/{slug}</link><guid>{base}/{slug}</guid>"
                   f"<pubDate>{format_datetime(when)}</pubDate><description>{escape(title)}, selon nos informations.</description>")
        if full:
            out.append(f"<content:encoded><![CDATA[{html}]]></content:encoded>")
        out.append("</item>")
    out.append("</channel></rss>")
    return "\n".join(out)


def page(title: str, html: str, published: str) -> str:
    return (f'<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{title} - Le Blog Tech</title>'
            f'<meta property="article:published_time" content="{published}"><meta property="og:site_name" content="Le Blog Tech"></head>'
            f'<body><nav><a href="/">Accueil</a> <a href="/rumeurs">Rumeurs</a> <a href="/annonces">Annonces officielles</a></nav>'
            f'<article><h1>{title}</h1>{html}</article>'
            f'<aside class="related"><h3>À lire aussi</h3><a href="/x">Kernova dément vouloir quitter le marché français</a></aside>'
            f'<section id="comments"><h3>2 commentaires</h3><p class="comment">Je parie que Vantor finira par tout racheter.</p></section>'
            f"<footer>Le Blog Tech — mentions légales</footer></body></html>")




def test_feeds_file_of_20_entries_stores_20_then_none(db_url, tmp_path):
    feed = tmp_path / "flux.xml"
    feed.write_text(rss(entries(20)), encoding="utf-8")
    first = run(db_url, "ingest", str(feed))
    assert first.exit_code == 0, first.output
    assert first.stdout.rstrip().endswith(f"{feed}: 20 entries, 20 new\n20 stored, 0 already there, 0 skipped with errors")
    rows = stored_articles(db_url)
    assert len(rows) == 20
    assert [(str(r["date"]), r["date_source"]) for r in rows] == [((FIRST_DAY + dt.timedelta(days=3 * i)).date().isoformat(), "page") for i in range(20)]
    assert rows[0]["url"] == "https://blog-tech.example/article-1" and rows[0]["title"] == "Vantor pourrait racheter Célestine Audio"
    assert rows[0]["text"].startswith("Vantor pourrait racheter Célestine Audio\nVantor pourrait racheter Célestine Audio, selon plusieurs sources")
    second = run(db_url, "ingest", str(feed))
    assert second.exit_code == 0, second.output
    assert second.stdout.rstrip().endswith(f"{feed}: 20 entries, 0 new\n0 stored, 20 already there, 0 skipped with errors")
    assert len(stored_articles(db_url)) == 20


def test_feeds_address_with_teasers_fetches_each_page_once_and_dates_it_by_the_entry(db_url, site):
    items = list(entries(6))
    for slug, title, _, html in items:
        # the page says another date than the feed: the entry's wins
        site.add(f"/{slug}", page(title, html, "2020-02-02T10:00:00+01:00"))
    url = site.add("/flux.rss", Answer(rss(items, base=site.base, full=False).encode(), content_type="application/rss+xml"))
    first = run(db_url, "ingest", url)
    assert first.exit_code == 0, first.output
    assert f"{url}: 6 entries, 6 new" in first.stdout
    rows = stored_articles(db_url)
    assert [(r["url"], str(r["date"]), r["date_source"]) for r in rows] == [
        (site.url(f"/{slug}"), when.date().isoformat(), "page") for slug, _, when, _ in items]
    assert all("Kernova dément" not in r["text"] and "Je parie" not in r["text"] and "Accueil" not in r["text"] for r in rows)
    assert rows[1]["title"] == "Vantor pourrait racheter Mirabelle Logiciels"
    second = run(db_url, "ingest", url)
    assert second.exit_code == 0, second.output
    assert f"{url}: 6 entries, 0 new" in second.stdout and "0 stored, 6 already there" in second.stdout
    assert site.hits["/flux.rss"] == 2
    assert all(site.hits[f"/{slug}"] == 1 for slug, *_ in items)  # a stored entry is not fetched again


def test_feeds_atom_relative_links_and_updated_dates(db_url, site):
    items = list(entries(3))
    for slug, title, _, html in items:
        site.add(f"/billets/{slug}", page(title, html, "2019-01-01T00:00:00Z"))
    atom = ['<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="' + site.url("/billets/") + '">',
            "<title>Billets</title><id>urn:billets</id><updated>2025-02-01T00:00:00Z</updated>"]
    for slug, title, when, _ in items:
        atom.append(f'<entry><title>{escape(title)}</title><id>urn:{slug}</id><link href="{slug}"/>'
                    f"<updated>{when.isoformat()}</updated><summary>Court résumé.</summary></entry>")
    atom.append("</feed>")
    url = site.add("/atom", Answer("".join(atom).encode(), content_type="application/atom+xml"))
    result = run(db_url, "ingest", url)
    assert result.exit_code == 0, result.output
    assert [(r["url"], str(r["date"])) for r in stored_articles(db_url)] == [
        (site.url(f"/billets/{slug}"), when.date().isoformat()) for slug, _, when, _ in items]


def test_feeds_entry_that_fails_is_named_and_the_others_stored(db_url, site):
    items = list(entries(3))
    for slug, title, _, html in items[1:]:
        site.add(f"/{slug}", page(title, html, "2025-01-01T00:00:00Z"))
    url = site.add("/flux.xml", Answer(rss(items, base=site.base, full=False).encode(), content_type="text/xml"))
    result = run(db_url, "ingest", url)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"tracker: skipped {site.url('/article-1')}: the server answered 404 Not Found; check the address"
    assert f"{url}: 3 entries, 2 new" in result.stdout
    assert len(stored_articles(db_url)) == 2


def test_feeds_date_option_wins_over_the_entry(db_url, tmp_path):
    feed = tmp_path / "flux.rss"
    feed.write_text(rss(entries(2)), encoding="utf-8")
    result = run(db_url, "ingest", str(feed), "--date", "2025-06-01")
    assert result.exit_code == 0, result.output
    assert {(str(r["date"]), r["date_source"]) for r in stored_articles(db_url)} == {("2025-06-01", "option")}


@pytest.mark.parametrize("content, why", [
    ("<?xml version='1.0'?><catalogue><livre>Un livre</livre></catalogue>", "not a readable RSS/Atom feed"),
    ('<?xml version="1.0"?><rss version="2.0"><channel><title>Vide</title></channel></rss>', "not a readable RSS/Atom feed (no entries)"),
])
def test_feeds_file_that_is_no_feed_is_one_error(db_url, tmp_path, content, why):
    feed = tmp_path / "flux.xml"
    feed.write_text(content, encoding="utf-8")
    result = run(db_url, "ingest", str(feed))
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"tracker: skipped {feed}: {why}")


@pytest.mark.parametrize("head, is_feed", [
    (b'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0">', True),
    (b"\xef\xbb\xbf<?xml version='1.0'?><!-- flux --><feed xmlns='http://www.w3.org/2005/Atom'>", True),
    (b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">', True),
    (b"<!doctype html><html><body><p>rss</p>", False),
    (b"date 2024-01-02 Un article <rss> en texte", False),
])
def test_feeds_recognised_by_their_root_element(head, is_feed):
    assert looks_like_feed(head) is is_feed


def test_feeds_teaser_is_left_for_the_page_and_full_content_kept():
    feed = parse_feed(rss(entries(1), full=True).encode(), "flux.xml")
    assert feed.title == "Le Blog Tech"
    [entry] = feed.entries
    assert entry.content is not None and len(entry.content.split()) >= FULL_WORDS
    [teaser] = parse_feed(rss(entries(1), full=False).encode(), "flux.xml").entries
    assert teaser.content is None and teaser.link == "https://blog-tech.example/article-1"
    assert teaser.date == FIRST_DAY.date()


def test_feeds_garbage_is_a_bad_feed():
    with pytest.raises(errors.BadFeed):
        parse_feed(b"\x00\x01 ceci n'est pas un flux", "flux.xml")


@pytest.mark.parametrize("when, day", [
    ("<pubDate>Wed, 05 Mar 2025 00:30:00 +0100</pubDate>", dt.date(2025, 3, 5)),  # 4 March in UTC
    ("<pubDate>Tue, 04 Mar 2025 23:30:00 -0500</pubDate>", dt.date(2025, 3, 4)),  # 5 March in UTC
    ("<pubDate>5 mars 2025</pubDate><dc:date>2025-03-05T00:15:00+01:00</dc:date>", dt.date(2025, 3, 5)),
])
def test_feeds_entry_is_dated_in_the_publisher_time_zone(when, day):
    feed = ('<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Blog</title><item><title>Un titre</title>'
            f"<link>https://blog-tech.example/a</link>{when}</item></channel></rss>")
    [entry] = parse_feed(feed.encode(), "flux.xml").entries
    assert entry.date == day
