"""Product names: brand or series + model tokens, and elliptic coordination.

« Huawei Mate 30 Pro », « ses Mate 30 et Mate 30 Pro », « les iPhone 15, 15 Plus, 15 Pro et 15 Pro
Max », « la Switch OLED ». A product is named the way the gazetteer names its series: the gazetteer
lists « Find X5 » (no brand) and « Huawei Mate 30 Pro » (with it), so « Oppo Find X5 Pro » becomes
``Find X5 Pro`` and a bare « Mate 30 » becomes ``Huawei Mate 30``. Each product also gets its maker
(the gazetteer ``parent``, the series' brand or the brand written before it), which a ``launch``
without a named company falls back on: « Le OnePlus 15 est attendu en Chine ».
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

# tokens that continue a brand or a series into a model name (« Gemini 2.5 », « Galaxy S23 Ultra »)
MODEL_TOKEN = re.compile(
    r"^(?:[A-Za-z]{0,6}\d+(?:[.,]\d+)?[A-Za-z+]*|\d+|Pro|Ultra|Max|Plus|Lite|Mini|Fold|Flip|Note|Edge|SE|Neo|Air|Mate|Find|Mi|Reno|Nord|Redmi|Galaxy|Pixel|Gen|Series|OLED|\+)$"
)
# what may follow a product name without a digit: « Switch OLED », « Find X5 Pro », « iPhone XR »
SUFFIX_TOKEN = re.compile(r"^(?:Pro|Ultra|Max|Plus|Lite|Mini|OLED|SE|X|XR|XS|XL|\+)$")
COORD = {",", "et", "ou", "&"}
# what may stand before a product named by its model alone: « le S22 Ultra », « du 12S Ultra »
SHORT_BEFORE = {"le", "la", "les", "l'", "du", "des", "au", "aux", "de", "d'", "son", "sa", "ses", "leur", "leurs", "ce", "cet", "cette", "un", "une", "nouveau", "nouvel", "nouvelle"}


@dataclass(frozen=True)
class Series:
    brand: str
    with_brand: bool  # the gazetteer writes the brand in the name: « Huawei Mate 30 Pro »


def series_map(rows: list[dict]) -> dict[str, Series]:
    """Series words (« Mate », « Galaxy », « Find », « iPhone ») → their brand, read off the
    gazetteer's product names. A word two brands use is dropped."""
    found: dict[str, Series | None] = {}
    for row in rows:
        brand = row.get("parent")
        if row["type"] != "PRODUCT" or not brand:
            continue
        for surface in [row["name"], *row.get("aliases", [])]:
            words = surface.split()
            with_brand = words[0].lower() == brand.lower()
            rest = words[1:] if with_brand else words
            if len(rest) < 2 or not rest[0].isalpha() or rest[0].islower() or not _has_digit(rest[1]):
                continue
            with_brand = row["name"].split()[0].lower() == brand.lower()
            seen = found.get(rest[0], Series(brand, with_brand))
            found[rest[0]] = seen if seen is not None and seen.brand == brand else None
    return {word: s for word, s in found.items() if s is not None}


class ProductFinder:
    def __init__(self, rows: list[dict], spaceless: dict[str, str]):
        self.series = series_map(rows)
        self.spaceless = spaceless
        self.makers = {row["name"]: row["parent"] for row in rows if row["type"] == "PRODUCT" and row.get("parent")}
        self.brands = {row["name"] for row in rows if row["type"] in ("ORG", "BRAND")}

    def __call__(self, doc: Doc, spans: list[Span]) -> tuple[list[Span], dict[str, str]]:
        """Product spans found beyond ``spans`` (the gazetteer's), and each product's maker."""
        makers: dict[str, str] = {}
        out: list[Span] = []
        starts = [(s.start, s) for s in spans if s.label_ in ("ORG", "BRAND", "PRODUCT")]
        starts += [(t.i, None) for t in doc if t.text in self.series and t.i + 1 < len(doc) and _has_digit(doc[t.i + 1].text)]
        stops = {s.start for s in spans}  # « Switch Pro 4K »: the model ends where another name begins
        for start, span in starts:
            first = span.end if span is not None else start + 1
            end = self._extend(doc, first, product=span is not None and span.label_ == "PRODUCT", stops=stops)
            if end == first and span is not None:
                continue
            product = self._make(doc, start, end, span)
            if product is not None:
                out.append(product)
        for product in list(out) + [s for s in spans if s.label_ == "PRODUCT"]:
            out += self._elliptic(doc, product)
        out += self._short_names(doc, spans, out, stops)
        for s in out + spans:
            if s.label_ == "PRODUCT":
                maker = self.makers.get(s.kb_id_) or self._maker_of(doc, s)
                if maker:
                    makers.setdefault(s.kb_id_, maker)
        return out, makers

    def _extend(self, doc: Doc, end: int, *, product: bool, stops: set[int] = frozenset()) -> int:
        start = end
        while end < len(doc) and end not in stops and MODEL_TOKEN.match(doc[end].text) and "\n" not in doc[end - 1].whitespace_:
            end += 1
        if any(_has_digit(t.text) for t in doc[start:end]):
            return end
        if product:  # « Switch OLED »: a known product takes a suffix without a digit
            end = start
            while end < len(doc) and SUFFIX_TOKEN.match(doc[end].text):
                end += 1
            return end
        return start

    def _make(self, doc: Doc, start: int, end: int, base: Span | None) -> Span | None:
        surface = " ".join(doc[start:end].text.split())
        known = self.spaceless.get(fold_name(surface))
        if known:
            return Span(doc, start, end, label="PRODUCT", kb_id=known)
        words = surface.split()
        if base is not None and base.label_ == "PRODUCT":
            glue = " " if doc[base.end - 1].whitespace_ else ""  # « Galaxy S24+ », not « Galaxy S24 + »
            words = f"{base.kb_id_}{glue}{' '.join(doc[base.end : end].text.split())}".split()  # « Mate 30 » → « Huawei Mate 30 »
        elif base is not None and len(base) == 1:
            series = self.series.get(words[1]) if len(words) > 1 else None
            if series is not None and not series.with_brand:
                words = words[1:]  # « Oppo Find X5 Pro » → « Find X5 Pro »
        elif base is None:
            series = self.series[words[0]]
            if series.with_brand:
                words = [series.brand, *words]  # « Mate 30 » → « Huawei Mate 30 »
        name = " ".join(words)
        return Span(doc, start, end, label="PRODUCT", kb_id=self.spaceless.get(fold_name(name), name))

    def _elliptic(self, doc: Doc, product: Span) -> list[Span]:
        """« les iPhone 15, 15 Plus et 15 Pro » : « 15 Plus » is an iPhone too."""
        words = product.kb_id_.split()
        cut = next((n for n, w in enumerate(words) if _has_digit(w)), None)
        if not cut:
            return []
        stem = " ".join(words[:cut])
        out, i = [], product.end
        while i + 1 < len(doc) and doc[i].lower_ in COORD:
            j = i + 1
            if doc[j].lower_ in COORD:
                j += 1
            if not _has_digit(doc[j].text) or not MODEL_TOKEN.match(doc[j].text):
                break
            end = self._extend(doc, j, product=False)
            if end <= j:
                break
            name = f"{stem} {' '.join(doc[j:end].text.split())}"
            out.append(Span(doc, j, end, label="PRODUCT", kb_id=self.spaceless.get(fold_name(name), name)))
            i = end
        return out

    def _short_names(self, doc: Doc, spans: list[Span], found: list[Span], stops: set[int]) -> list[Span]:
        """« Le S22 Ultra », « Xiaomi lance le 12S Ultra »: a model named without its series, after a
        determiner, is named by the series of a product or the brand named before it in the article
        (the nearest first): a name the gazetteer knows, or the series of an earlier product whose
        model has the same letters (« Galaxy S22 » → « S22 Ultra » is a Galaxy)."""
        taken = {i for s in [*spans, *found] for i in range(s.start, s.end)}
        named = sorted((s for s in [*spans, *found] if s.label_ in ("ORG", "BRAND", "PRODUCT")), key=lambda s: s.start)
        out: list[Span] = []
        texts = [t.text for t in doc]  # plain strings: most tokens are passed over
        i = 1
        while i < len(doc):
            if i in taken or texts[i - 1].lower().replace("’", "'") not in SHORT_BEFORE or not _has_digit(texts[i]) or not MODEL_TOKEN.match(texts[i]):
                i += 1
                continue
            tok = doc[i]
            end = self._extend(doc, i, product=False, stops=stops - {i})
            surface = " ".join(doc[i:end].text.split())
            if not (re.search(r"[A-Za-z]", tok.text) or (end - i > 1 and SUFFIX_TOKEN.match(doc[end - 1].text))):
                i = max(end, i + 1)
                continue  # « le 8 octobre », « en 2024 »
            name = self._series_for(surface, [s for s in named if s.start < i])
            if name is not None:
                out.append(Span(doc, i, end, label="PRODUCT", kb_id=name))
                taken.update(range(i, end))
            i = max(end, i + 1)
        return out

    def _series_for(self, surface: str, before: list[Span]) -> str | None:
        model = surface.split()[0]
        for span in reversed(before):
            words = span.kb_id_.split()
            cut = next((n for n, w in enumerate(words) if _has_digit(w)), None)
            stems = [" ".join(words[:cut])] if span.label_ == "PRODUCT" and cut else []
            if span.label_ in ("ORG", "BRAND"):
                stems = [span.kb_id_]
            for stem in stems:
                name = f"{stem} {surface}"
                known = self.spaceless.get(fold_name(name))
                if known:
                    return known
                if span.label_ == "PRODUCT" and _letters(words[cut]) == _letters(model):
                    return name
        return None

    def _maker_of(self, doc: Doc, span: Span) -> str | None:
        words = span.kb_id_.split()
        first = words[0]
        if first in self.brands:
            return first
        series = self.series.get(first)
        if series:
            return series.brand
        # « Gemini 2.5 », « Switch Lite XL »: a model of a known product is made by that product's maker
        return next((self.makers[" ".join(words[:k])] for k in range(len(words) - 1, 0, -1) if " ".join(words[:k]) in self.makers), None)


def _letters(model: str) -> str:
    """« S22 » → « S », « 12S » → « », « X80 » → « X »: the letters a series puts before its numbers."""
    return re.match(r"[A-Za-z]*", model)[0]


def _has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)


def fold_name(text: str) -> str:
    """« Galaxy S22+ » and « galaxy s22 + » fold alike; « S22+ » and « S22 » do not."""
    return re.sub(r"[^\w+]+", "", text.lower())
