"""Saved web pages: the article without the page around it, its title, author, site and date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tracker import errors
from tracker.articles import parse_article, read_article
from tracker.webpage import read_page

WEB = Path(__file__).resolve().parent / "web"
TODAY = dt.date(2026, 11, 23)

# per page: sentences of the article that must be read, and text of the page around it that must not
PAGES = {
    "rachat_meta.html": (
        ["Le fabricant de casques Vantor chercherait à mettre la main sur Célestine Audio",
         "Si l’opération se concrétisait, elle serait la troisième acquisition de Vantor en deux ans"],
        ["Bons plans du jour", "Ombrelune officialise le rachat de Pixelnord", "Kernova dément toute fusion",
         "sera plutôt rachetée par Ombrelune", "Publier le commentaire", "Mentions légales", "Partager sur les réseaux",
         "window.pubConfig", "Rechercher sur le site"],
    ),
    "fusion_jsonld.html": (
        ["Kernova et Brisant Télécom envisageraient de fusionner leurs activités de fibre optique",
         "Les conseils d’administration des deux groupes devraient se réunir"],
        ["Ce site utilise des cookies", "Nos podcasts", "Pixelnord pourrait être racheté par un fonds américain",
         "Encore une fusion qui va faire monter les prix", "Qui sommes-nous", "l’essentiel de l’actualité des opérateurs"],
    ),
    "lancement_time.html": (
        ["La société Ombrelune, connue pour ses bracelets d’activité, préparerait le lancement",
         "Elle rappelle seulement qu’elle « ne commente jamais les rumeurs »"],
        ["Créer un compte", "Maison connectée", "Vantor va lancer une montre pour enfants", "je la commande le jour de sa sortie",
         "propulsé par un moteur de blog libre"],
    ),
    "sans_date.html": (
        ["Pixelnord et Vantor travailleront ensemble sur une nouvelle gamme d’écrans",
         "c’est la première fois que l’entreprise s’associe à un spécialiste de l’audio"],
        ["Nous écrire", "Kernova lancera un forfait illimité", "enfin une bonne nouvelle pour les joueurs", "Plan du site"],
    ),
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_webpage_keeps_the_article_and_drops_the_page_around_it(name):
    keep, drop = PAGES[name]
    text = read_article(str(WEB / name), today=TODAY).text
    for sentence in keep:
        assert sentence in text
    for boilerplate in drop:
        assert boilerplate not in text


@pytest.mark.parametrize(
    "name, date, source",
    [
        ("rachat_meta.html", dt.date(2024, 3, 12), "page"),  # article:published_time (modified three days later)
        ("fusion_jsonld.html", dt.date(2023, 11, 5), "page"),  # JSON-LD datePublished, not dateModified nor the update note
        ("lancement_time.html", dt.date(2022, 6, 30), "page"),  # <time class="published" datetime=…>
        ("sans_date.html", dt.date(2023, 2, 14), "text"),  # no metadata: the date the article writes, not the comment's
    ],
)
def test_webpage_date_comes_from_the_page_metadata(name, date, source):
    a = read_article(str(WEB / name), today=TODAY)
    assert (a.date, a.date_source) == (date, source)


def test_webpage_date_order_option_then_page():
    html = (WEB / "rachat_meta.html").read_text(encoding="utf-8")
    a = parse_article(html, "page.html", date=dt.date(2025, 1, 2), today=TODAY)
    assert (a.date, a.date_source) == (dt.date(2025, 1, 2), "option")


def test_webpage_page_date_after_today_is_not_believed():
    # published 2024-03-12, read as if on 2024-03-10
    html = (WEB / "rachat_meta.html").read_text(encoding="utf-8")
    a = parse_article(html, "page.html", today=dt.date(2024, 3, 10))
    assert a.date <= dt.date(2024, 3, 10)


def test_webpage_title_author_site_and_canonical_address():
    a = read_article(str(WEB / "rachat_meta.html"), today=TODAY)
    assert a.title == "Vantor pourrait racheter Célestine Audio"
    assert (a.author, a.site) == ("Mathilde Roussel", "La Gazette du Numérique")
    assert a.url == "https://gazette-numerique.example/2024/03/vantor-celestine-audio"


def test_webpage_title_loses_the_site_name_and_opens_the_text():
    a = read_article(str(WEB / "fusion_jsonld.html"), today=TODAY)
    assert a.title == "Kernova et Brisant Télécom discuteraient d’une fusion"
    assert a.text.split("\n")[0] == a.title


def test_webpage_english_page_is_refused():
    with pytest.raises(errors.NotFrench, match="language found: en"):
        read_article(str(WEB / "english.html"), today=TODAY)


def test_webpage_markup_without_text_is_an_empty_article(tmp_path):
    page = tmp_path / "vide.html"
    page.write_text("<html><head><title>Rien</title><script>var x = 1;</script></head><body><img src='a.png'></body></html>")
    with pytest.raises(errors.EmptyArticle):
        read_article(str(page), today=TODAY)


def test_webpage_fragment_keeps_every_paragraph_and_takes_the_given_title():
    page = read_page("<p>Premier paragraphe de l’article.</p><ul><li>un point important</li></ul><p>Dernier paragraphe.</p>",
                     today=TODAY, fragment=True, title="Un titre venu du flux")
    assert page.title == "Un titre venu du flux"
    lines = page.text.split("\n")
    assert lines[0] == "Un titre venu du flux"
    assert "Premier paragraphe de l’article." in lines and "Dernier paragraphe." in lines
    assert any("un point important" in line for line in lines)
