"""The resolution report through ``tracker report``: the JSON follows its schema, every figure leads
back to sentences, and md, csv and html say the same thing."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import re
from collections import Counter
from html.parser import HTMLParser
from statistics import median

import jsonschema
import pytest
from typer.testing import CliRunner

from conftest import REPORT_DAY
from tracker.cli import app
from tracker.report import schema

runner = CliRunner()

def cli(url, *args):
    result = runner.invoke(app, ["--db", url, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def report_json(url, as_of=REPORT_DAY) -> dict:
    return json.loads(cli(url, "report", "--format", "json", "--as-of", as_of))


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of the style sheets."""

    def __init__(self):
        super().__init__()
        self.seen, self.style, self._in_style = [], "", False

    def handle_starttag(self, tag, attrs):
        self.seen.append((tag, attrs))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.style += data


def validator():
    return jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("name", ["seeds", "corpus"])
def test_reports_json_follows_the_schema(stored, name):
    jsonschema.Draft202012Validator.check_schema(schema())
    errors = [f"{e.json_path}: {e.message}" for e in validator().iter_errors(report_json(stored(name)))]
    assert errors == []


def test_reports_schema_rejects_what_the_spec_forbids(stored):
    good = report_json(stored("seeds"))
    breakages = [
        lambda r: r["claims"][0].update(state="maybe"),
        lambda r: r["claims"][0].pop("history"),
        lambda r: r["claims"][0]["mentions"][0].update(date="14/05/2021"),
        lambda r: r["summary"].pop("expired"),
        lambda r: r["sources"].append({"name": "X"}),
        lambda r: r["claims"][0].update(undocumented=1),
    ]
    for breakage in breakages:
        bad = copy.deepcopy(good)
        breakage(bad)
        assert not validator().is_valid(bad)


@pytest.mark.parametrize("name", ["seeds", "corpus"])
def test_reports_every_figure_leads_back_to_sentences(stored, name):
    report = report_json(stored(name))
    articles = {a["id"]: a for a in report["articles"]}
    claims = {c["id"]: c for c in report["claims"]}
    assert report["summary"] == {"claims": len(claims), **{s: 0 for s in ("rumour", "confirmed", "denied", "fact", "expired")},
                                 **Counter(c["state"] for c in claims.values())}
    for c in claims.values():
        said = {(m["article"], m["sentence"]) for m in c["mentions"]}
        assert all(m["article"] in articles and articles[m["article"]]["date"] == m["date"] for m in c["mentions"])
        assert c["first_seen"] == min(m["date"] for m in c["mentions"])
        assert c["history"][-1]["state"] == c["state"]
        for step in c["history"]:
            # each state change names an article of the report and quotes one of the claim's sentences in it
            assert (step["article"], step["sentence"]) in said, (c["key"], step)
        # the first step is where the claim starts (« denied » from the start resolves nothing)
        resolutions = [h for h in c["history"][1:] if h["state"] in ("confirmed", "denied")]
        if resolutions:
            assert (c["resolved_at"], c["resolved_by"]) == (resolutions[-1]["date"], resolutions[-1]["article"])
            assert c["days_to_resolution"] == (dt.date.fromisoformat(c["resolved_at"]) - dt.date.fromisoformat(c["first_seen"])).days
        if c["state"] == "expired":
            assert c["expected_by"] == c["history"][-1]["date"] < report["as_of"]
        assert set(c["sources"]) <= {m["source"] for m in c["mentions"]}
    for row in report["sources"]:
        carried = [claims[i] for i in row["claims"]]
        assert all(any(m["source"] == row["name"] and m["stance"] in ("hedged", "reported") for m in c["mentions"]) for c in carried)
        ends = Counter(c["state"] for c in carried)
        assert (row["rumours"], row["confirmed"], row["denied"], row["open"], row["expired"]) == (
            len(carried), ends["confirmed"], ends["denied"], ends["rumour"], ends["expired"])
    for relation, t in report["timing"].items():
        assert all(claims[i]["relation"] == relation for i in t["claims"])
        assert t["median_days"] == median(claims[i]["days_to_resolution"] for i in t["claims"])


def test_reports_seeds_tell_the_leica_story(stored):
    report = report_json(stored("seeds"))
    lx = next(c for c in report["claims"] if c["key"] == "partnership:leica|xiaomi")
    assert [h["state"] for h in lx["history"]] == ["rumour", "confirmed"]
    assert "pourrait" in lx["history"][0]["sentence"] and "officialise" in lx["history"][1]["sentence"]
    oppo = next(r for r in report["sources"] if "OPPO" in r["name"])
    assert lx["id"] in oppo["claims"] and oppo["confirmed"] >= 1 and oppo["open"] >= 1
    assert oppo["accuracy"] == oppo["confirmed"] / (oppo["confirmed"] + oppo["denied"])
    assert lx["id"] in report["timing"]["partnership"]["claims"]


def test_reports_confirmed_then_denied_keeps_both_steps_and_scores_the_source(story):
    report = report_json(story)
    claims = {c["key"]: c for c in report["claims"]}
    netflix, ubisoft = claims["acquisition:apple|netflix"], claims["acquisition:sony|ubisoft"]
    assert [(h["date"], h["state"]) for h in netflix["history"]] == [
        ("2023-01-10", "rumour"), ("2023-03-01", "confirmed"), ("2023-06-01", "denied")]
    assert "dément" in netflix["history"][-1]["sentence"]
    assert (netflix["state"], netflix["confidence"]) == ("denied", 0.0)
    assert netflix["days_to_resolution"] == (dt.date(2023, 6, 1) - dt.date(2023, 1, 10)).days
    assert ubisoft["days_to_resolution"] == (dt.date(2023, 3, 1) - dt.date(2023, 1, 10)).days
    acquisitions = report["timing"]["acquisition"]
    assert acquisitions["resolved"] == 2
    assert acquisitions["median_days"] == (netflix["days_to_resolution"] + ubisoft["days_to_resolution"]) / 2
    bloomberg = next(r for r in report["sources"] if r["name"] == "Bloomberg")
    assert (bloomberg["rumours"], bloomberg["confirmed"], bloomberg["denied"], bloomberg["accuracy"]) == (2, 1, 1, 0.5)


def test_reports_rumour_expires_at_as_of_only(story):
    def ring(as_of):
        return next(c for c in report_json(story, as_of)["claims"] if c["relation"] == "launch")

    assert ring("2024-01-01")["state"] == "rumour"
    late = ring(REPORT_DAY)
    assert late["state"] == "expired"
    assert "juillet 2024" in late["history"][-1]["sentence"]
    leaker = next(r for r in report_json(story)["sources"] if r["name"] == "@leakerfou")
    assert (leaker["expired"], leaker["accuracy"]) == (1, None)


def test_reports_csv_is_one_row_per_claim_safe_in_a_spreadsheet(story):
    report = report_json(story)
    rows = list(csv.DictReader(io.StringIO(cli(story, "report", "--format", "csv", "--as-of", REPORT_DAY))))
    assert [int(r["id"]) for r in rows] == [c["id"] for c in report["claims"]]
    by_key = {r["key"]: r for r in rows}
    assert by_key["acquisition:apple|netflix"]["state"] == "denied"
    assert "dément" in by_key["acquisition:apple|netflix"]["evidence"]
    # « @leakerfou » alone in a cell would be read as a formula by a spreadsheet
    assert next(r for r in rows if r["relation"] == "launch")["sources"] == "'@leakerfou"


def test_reports_markdown_lists_every_claim_and_keeps_markup_as_text(story):
    md = cli(story, "report", "--format", "md", "--as-of", REPORT_DAY)
    report = report_json(story)
    for c in report["claims"]:
        assert f"| {c['id']} |" in md and f"### #{c['id']} " in md
    assert "## Sources" in md and "| Bloomberg | 2 | 1 | 1 |" in md
    assert "\\<script\\>" in md and not re.search(r"(?<!\\)[<>]", md)  # every « < » and « > » escaped for a code forge


def test_reports_html_is_self_contained_and_escapes_articles(story):
    page = cli(story, "report", "--format", "html", "--as-of", REPORT_DAY)
    report = report_json(story)
    tags = Tags()
    tags.feed(page)
    # nothing to fetch: no element that loads, no attribute naming a resource, links inside the page
    assert not {"script", "img", "link", "iframe", "object", "embed", "image", "use"} & {t for t, _ in tags.seen}
    assert not [(t, a) for t, attrs in tags.seen for a, v in attrs if a in ("src", "srcset", "data") or a.startswith("on")]
    assert all(v.startswith("#") for _, attrs in tags.seen for a, v in attrs if a in ("href", "xlink:href", "action"))
    assert not re.search(r"url\(|@import|//", tags.style)
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in page
    assert page.count('<rect class="bar"') == len(report["claims"])
    assert '<mark class="cue cue-hedge" title="hedge">pourrait</mark>' in page
    assert '<mark class="cue cue-deny" title="deny">dément</mark>' in page


def test_reports_show_prints_the_report_history(story):
    report = report_json(story)
    netflix = next(c for c in report["claims"] if c["key"] == "acquisition:apple|netflix")
    shown = json.loads(cli(story, "show", netflix["key"], "--format", "json", "--as-of", REPORT_DAY))
    assert shown["history"] == netflix["history"]
    text = cli(story, "show", str(netflix["id"]), "--as-of", REPORT_DAY)
    for step in netflix["history"]:
        assert step["sentence"] in text


@pytest.mark.parametrize("command", ["rumours", "claims"])
def test_reports_listings_agree_in_json_and_csv(story, command):
    rows = json.loads(cli(story, command, "--format", "json", "--as-of", "2024-01-01"))
    table = list(csv.DictReader(io.StringIO(cli(story, command, "--format", "csv", "--as-of", "2024-01-01"))))
    assert rows and [r["key"] for r in table] == [r["key"] for r in rows]
    assert [r["state"] for r in table] == [r["state"] for r in rows]
    if command == "rumours":
        assert {r["state"] for r in rows} == {"rumour"}
    ring = next(r for r in table if r["key"].startswith("launch:"))
    assert ring["sources"] == "'@leakerfou"  # not a formula in a spreadsheet


# Rumoured abandonments: two outlets disagree on a deal that is then abandoned; a second deal is
# rumoured, then rumoured abandoned, and stays open; a third is only rumoured denied.
AGAINST = {
    "a.txt": "date 2023-02-01\nSelon Reuters, Nvidia renoncerait à racheter Arm.\nSelon Bloomberg, Nvidia pourrait racheter Arm.\n"
             "Selon Les Échos, Google pourrait racheter Fitbit.\n",
    "b.txt": "date 2023-03-01\nSelon Reuters, Google renoncerait à racheter Fitbit.\n"
             "Selon le Financial Times, Sony aurait démenti tout projet de rachat de Nintendo.\n",
    "c.txt": "date 2023-05-01\nNvidia renonce au rachat d'Arm.\n",
}


@pytest.fixture
def against(ingested) -> str:
    return ingested("against", AGAINST, today=dt.date(2023, 6, 1))


def test_reports_sources_are_right_when_the_polarity_they_gave_came_true(against):
    report = report_json(against, "2023-06-01")
    assert validator().is_valid(report)
    claims = {c["key"]: c for c in report["claims"]}
    arm = claims["acquisition:nvidia|arm"]
    rows = {r["name"]: r for r in report["sources"]}
    # « renoncerait » and the deal was abandoned: right; « pourrait racheter »: wrong
    assert (rows["Reuters"]["right"], rows["Reuters"]["wrong"], rows["Reuters"]["pending"]) == (1, 0, 1)
    assert (rows["Bloomberg"]["right"], rows["Bloomberg"]["wrong"], rows["Bloomberg"]["pending"]) == (0, 1, 0)
    assert {"claim": arm["id"], "polarity": "negative", "verdict": "right"} in rows["Reuters"]["record"]
    # the fields the report had keep their meaning: the outcome of each claim carried
    assert (rows["Bloomberg"]["denied"], rows["Bloomberg"]["accuracy"]) == (1, 0.0)
    for row in report["sources"]:
        assert row["right"] + row["wrong"] + row["pending"] == row["rumours"]
        assert sorted(r["claim"] for r in row["record"]) == sorted(row["claims"])


def test_reports_a_negative_rumour_is_shown_as_what_it_is(against):
    report = report_json(against, "2023-06-01")
    claims = {c["key"]: c for c in report["claims"]}
    arm, nintendo = claims["acquisition:nvidia|arm"], claims["acquisition:sony|nintendo"]
    assert [(h["state"], h["negative"]) for h in arm["history"]] == [("rumour", "abandon évoqué"), ("denied", None)]
    assert (nintendo["state"], nintendo["history"][0]["negative"]) == ("rumour", "démenti évoqué")
    assert "(hedged — abandon évoqué)" in cli(against, "show", arm["key"], "--as-of", "2023-06-01")
    assert "(hedged — abandon évoqué)" in cli(against, "report", "--format", "md", "--as-of", "2023-06-01")
    assert "(hedged — abandon évoqué)" in cli(against, "report", "--format", "html", "--as-of", "2023-06-01")
    assert "abandon évoqué" in next(r for r in csv.DictReader(io.StringIO(cli(against, "report", "--format", "csv", "--as-of", "2023-06-01")))
                                    if r["key"] == arm["key"])["history"]


def test_reports_confidence_falls_with_a_rumoured_abandonment(against):
    before = next(c for c in report_json(against, "2023-02-01")["claims"] if c["key"] == "acquisition:google|fitbit")
    after = next(c for c in report_json(against, "2023-03-01")["claims"] if c["key"] == "acquisition:google|fitbit")
    assert after["state"] == "rumour" and 0 < after["confidence"] < before["confidence"]
    # the stored confidence the listings read agrees with the refolded one
    listed = json.loads(cli(against, "rumours", "--format", "json", "--as-of", "2023-06-01"))
    reported = {c["key"]: c["confidence"] for c in report_json(against, "2023-06-01")["claims"]}
    assert {r["key"]: r["confidence"] for r in listed} == {k: v for k, v in reported.items() if k in {r["key"] for r in listed}}
