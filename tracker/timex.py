"""Expected dates: « en juillet », « l'année prochaine », « d'ici la fin de l'année », relative to
the article's date. The answer is the last day the writer's expectation still holds."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from tracker.resources import load_json


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    return _month_end(year, month + 1)


def expected_by(sentence: str, article_date: dt.date) -> dt.date | None:
    """The latest date implied by a temporal expression in ``sentence``, or None.

    >>> expected_by("il pourrait être annoncé l'année prochaine", dt.date(2021, 5, 14))
    datetime.date(2022, 12, 31)
    >>> expected_by("un premier smartphone en juillet", dt.date(2022, 5, 1))
    datetime.date(2022, 7, 31)
    """
    s = sentence.lower().replace("’", "'")
    y = article_date.year
    months = load_json("articles.json")["months"]
    names = "|".join(sorted(months, key=len, reverse=True))
    found: list[dt.date] = []
    if re.search(r"\bl'(année|an) prochaine?\b|\bl'an prochain\b", s):
        found.append(dt.date(y + 1, 12, 31))
    if re.search(r"\b(d'ici|avant) (la )?fin (de l'année|d'année|de cette année)|\bcette année\b|\bd'ici la fin de l'an\b|\bfin \d{4}\b", s):
        m = re.search(r"\bfin (\d{4})\b", s)
        found.append(dt.date(int(m[1]), 12, 31) if m else dt.date(y, 12, 31))
    for m in re.finditer(r"\b(?:en|d'ici|avant|pour|courant)\s+(\d{4})\b", s):
        year = int(m[1])
        if y <= year <= y + 10:
            found.append(dt.date(year, 12, 31))
    for m in re.finditer(rf"\b(?:en|dès|d'ici|avant|pour|courant|début|fin|mi-)\s*(?:le mois de\s+)?({names})(?:\s+(prochain|\d{{4}}))?\b", s):
        month = months[m[1]]
        if m[2] and m[2].isdigit():
            year = int(m[2])
        else:
            year = y if month >= article_date.month else y + 1
            if m[2] == "prochain" and month <= article_date.month:
                year = y + 1
        found.append(_month_end(year, month))
    seasons = load_json("articles.json").get("seasons", {})
    if seasons:
        # « d'ici au printemps 2021 », « cet été », « à l'automne prochain »: the season's last month
        names = "|".join(seasons)
        for m in re.finditer(rf"(?:\bau|\bdu|\bcet|\ben|\bl'|\bà l')\s*({names})\b(?:\s+(prochain|\d{{4}}))?", s):
            month = seasons[m[1]]
            year = int(m[2]) if m[2] and m[2].isdigit() else (y if month >= article_date.month else y + 1)
            found.append(_month_end(year, month))
    rel = {
        r"dans les (prochaines|semaines à venir|prochains jours)|dans les jours qui viennent": 1,
        r"dans les prochaines semaines|d'ici quelques semaines": 2,
        r"dans les prochains mois|d'ici quelques mois|dans les mois à venir": 6,
        r"\b(d'ici|dans) (un|1) an\b": 12,
    }
    for pat, n in rel.items():
        if re.search(pat, s):
            found.append(_add_months(article_date, n))
    for m in re.finditer(r"\b(?:au |le )?(premier|1er|deuxième|second|2e|troisième|3e|quatrième|4e) trimestre(?: (\d{4}))?", s):
        q = {"premier": 1, "1er": 1, "deuxième": 2, "second": 2, "2e": 2, "troisième": 3, "3e": 3, "quatrième": 4, "4e": 4}[m[1]]
        year = int(m[2]) if m[2] else y
        found.append(_month_end(year, q * 3))
    found = [d for d in found if d >= article_date]
    return max(found) if found else None
