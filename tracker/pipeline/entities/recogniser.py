"""``tracker_entities``: organisations, brands, products, people and authorities.

Known names come from the gazetteer ``models/gazetteer.jsonl`` (aliases, casing); they override
the statistical NER, which tags « Xiaomi » as a person. Unknown names keep the NER's span, cleaned of
determiners and elided prepositions (« d'OPPO » → ``OPPO``). Each entity span gets its canonical
name as ``kb_id_``.
"""

from __future__ import annotations

from pathlib import Path

import srsly
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from tracker.errors import ModelDataError
from tracker.pipeline.entities.anaphora import DescriptorResolver
from tracker.pipeline.french import COMPANY_SUFFIXES
from tracker.pipeline.entities.product_refs import ProductReferences
from tracker.pipeline.entities.products import COORD, ProductFinder, fold_name
from tracker.resources import gazetteer as user_gazetteer, load_json, require
from tracker.pipeline import types  # noqa: F401  (the extensions this module reads and writes)

GAZETTEER_TYPES = {"ORG", "BRAND", "PRODUCT", "PERSON", "AUTHORITY", "COMPONENT"}
NER_LABELS = {"ORG": "ORG", "MISC": "MISC", "PER": "PERSON", "LOC": "LOC"}
_STRIP_LEADING = {"le", "la", "les", "l'", "l", "un", "une", "des", "de", "d'", "d", "du", "au", "aux", "à", "chez", "par", "avec", "et", "son", "sa", "ses"}


def validate_gazetteer(rows: list[dict] | tuple[dict, ...]) -> None:
    names = set()
    for i, row in enumerate(rows, 1):
        where = f"models/gazetteer.jsonl line {i}"
        require(row, {"name": str, "type": str}, where)
        if row["type"] not in GAZETTEER_TYPES:
            raise ModelDataError(f"{where}: type {row['type']!r} is not one of {sorted(GAZETTEER_TYPES)}")
        if not isinstance(row.get("aliases", []), list):
            raise ModelDataError(f"{where}: key 'aliases' should be a list")
        names.add(row["name"])


def authority_roots(rows: list[dict]) -> dict[str, str]:
    """« Département du Commerce des États-Unis » and « Donald Trump » → ``Gouvernement américain``:
    an authority's top parent authority, a person's authority (gazetteer ``parent`` and ``org``)."""
    by_name = {r["name"]: r for r in rows}

    def root(name: str, seen: frozenset = frozenset()) -> str:
        parent = by_name[name].get("parent")
        if parent in by_name and by_name[parent]["type"] == "AUTHORITY" and parent not in seen:
            return root(parent, seen | {name})
        return name

    out = {}
    for r in rows:
        if r["type"] == "AUTHORITY" and root(r["name"]) != r["name"]:
            out[r["name"]] = root(r["name"])
        elif r["type"] == "PERSON" and by_name.get(r.get("org") or "", {}).get("type") == "AUTHORITY":
            out[r["name"]] = root(r["org"])
    return out


def clean_surface(span: Span) -> str:
    """« d'OPPO » → « OPPO »; « le groupe Foo » keeps « groupe Foo » minus the determiner."""
    tokens = list(span)
    while tokens and tokens[0].lower_ in _STRIP_LEADING:
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    if not tokens:
        return span.text.strip()
    text = span.doc.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
    if text[:2].lower() in ("d'", "l'"):
        text = text[2:]
    return " ".join(text.split())


class EntityRecogniser:
    """Gazetteer phrase matching merged with the statistical NER into ``doc.ents``."""

    def __init__(self, nlp: Language, name: str = "tracker_entities", *, gazetteer: list[dict] | None = None, anaphora: dict | None = None):
        self.name = name
        self.vocab = nlp.vocab
        self.rows = list(gazetteer) if gazetteer is not None else list(user_gazetteer())
        self.anaphora = anaphora if anaphora is not None else load_json("anaphora.json")
        self._build()

    def _build(self) -> None:
        validate_gazetteer(self.rows)
        self.exact = PhraseMatcher(self.vocab, attr="ORTH")
        self.folded = PhraseMatcher(self.vocab, attr="LOWER")
        self.info: dict[str, dict] = {}
        self.spaceless: dict[str, str] = {}
        self.surfaces: dict[str, str] = {}
        make = self.vocab.strings.add
        tokenizer_nlp = _tokenizer(self.vocab)
        for row in self.rows:
            key = make(row["name"])
            self.info[row["name"]] = row
            surfaces = [row["name"], *row.get("aliases", [])]
            for surface in surfaces:
                self.surfaces.setdefault(surface if row.get("case_sensitive") else surface.casefold(), row["name"])
            if row["type"] == "PRODUCT":
                for surface in surfaces:
                    self.spaceless.setdefault(fold_name(surface), row["name"])
            docs = [tokenizer_nlp(s) for s in surfaces if s.strip()]
            matcher = self.exact if row.get("case_sensitive") else self.folded
            matcher.add(self.vocab.strings[key], docs)
        self.products = ProductFinder(self.rows, self.spaceless)
        self.roots = authority_roots(self.rows)
        self.orgs = {r["name"]: r["org"] for r in self.rows if r["type"] == "PERSON" and r.get("org")}
        self.descriptors = DescriptorResolver(self.anaphora, {row["name"]: row.get("country") for row in self.rows})
        self.product_refs = ProductReferences(self.anaphora["products"], self.anaphora["plural"])
        self.naming_nouns = frozenset(self.anaphora["products"]["naming_nouns"])

    def __call__(self, doc: Doc) -> Doc:
        found: list[Span] = []
        for matcher in (self.exact, self.folded):
            for match_id, start, end in matcher(doc):
                name = self.vocab.strings[match_id]
                found.append(Span(doc, start, end, label=self.info[name]["type"], kb_id=name))
        products, doc._.tracker_makers = self.products(doc, filter_spans(found))
        doc._.tracker_roots = self.roots
        doc._.tracker_orgs = self.orgs
        found += products
        gaz = filter_spans(found)
        taken = {i for s in gaz for i in range(s.start, s.end)}
        extra = []
        for ent in doc.ents:
            label = NER_LABELS.get(ent.label_)
            if label is None or any(i in taken for i in range(ent.start, ent.end)):
                continue
            start = ent.start
            while start < ent.end and doc[start].lower_ in _STRIP_LEADING:
                start += 1
            if start == ent.end:
                continue
            span = doc[start : ent.end]
            name = clean_surface(span)
            known = self._known(name)
            if known is not None:
                label, name = self.info[known]["type"], known
            elif start > 0 and doc[start - 1].lower_ in self.naming_nouns:
                label = "PRODUCT"  # « une nouvelle puce S9 »: the NER calls it a place
            extra.append(Span(doc, span.start, span.end, label=label, kb_id=name))
        extra = _unknown_organisations(doc, extra, gaz, self.descriptors)
        extra, doc._.tracker_short_names = _short_names(doc, extra)
        ents = filter_spans(gaz + extra)
        singles, pairs = self.descriptors(doc, ents)
        products, product_pairs = self.product_refs(doc, filter_spans(ents + singles))
        doc.spans["tracker_pairs"] = pairs + product_pairs
        doc.ents = filter_spans(ents + singles + products)
        return doc

    def _known(self, surface: str) -> str | None:
        """« port USB-C. » at the end of a sentence: the tokenizer keeps « C. » whole, as in « M. »,
        so the phrase matcher misses the name; the NER span, stripped of the period, still is it."""
        if not surface.endswith("."):
            return None
        surface = surface[:-1]
        return self.surfaces.get(surface) or self.surfaces.get(surface.casefold())

    def to_disk(self, path, *, exclude=tuple()):
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(path / "gazetteer.jsonl", self.rows)
        srsly.write_json(path / "anaphora.json", self.anaphora)

    def from_disk(self, path, *, exclude=tuple()):
        self.rows = list(srsly.read_jsonl(Path(path) / "gazetteer.jsonl"))
        self.anaphora = srsly.read_json(Path(path) / "anaphora.json")
        self._build()
        return self


def _unknown_organisations(doc: Doc, extra: list[Span], known: list[Span], descriptors: DescriptorResolver) -> list[Span]:
    """Names the gazetteer does not know, which the NER took for a place, a person or a thing, are
    organisations when the text says so:

    - after a descriptor: « l'équipementier canadien Magna », « la start-up Zorvex »;
    - in an enumeration with known organisations: « Intel, Qualcomm, Xilinx et Broadcom »;
    - a one-word « person » never named in full in the article (« le rachat de Brocade »), since
      a person is first named with a first name (« Pete Lau », then « Lau »);
    - a name that ends like a company (« Zhejiang Dongfang Cie », « Atlantic Networks »).

    A known home town (« le groupe de Redmond ») stays a place.
    """
    people = [e for e in list(known) + extra if e.label_ == "PERSON" and len(e) > 1]
    orgs = sorted((e for e in known if e.label_ in ("ORG", "BRAND")), key=lambda e: e.start)
    out = []
    for ent in extra:
        if ent.label_ in ("LOC", "PERSON", "MISC") and _is_name(ent) and not descriptors.is_place(ent) and (
            descriptors.names_apposition(doc, ent.start)
            or _enumerated_with(doc, ent, orgs)
            or (ent.label_ == "PERSON" and len(ent) == 1 and not any(p[-1].text == ent.text for p in people))
            or (len(ent) >= 2 and ent[-1].lower_ in COMPANY_SUFFIXES)  # « Zhejiang Dongfang Cie »
        ):
            ent = Span(doc, ent.start, ent.end, label="ORG", kb_id=ent.kb_id_)
        out.append(ent)
    return out


def _short_names(doc: Doc, extra: list[Span]) -> tuple[list[Span], dict[str, str]]:
    """« le néerlandais NXP Semiconductors … NXP », « Brimel Robotics … Brimel »: an organisation the
    gazetteer lacks, named in full first, is later named by its first word, or by the acronym it was
    given in brackets (« Vivendi Universal (VU) … VU »); that short name is the same organisation,
    with the same key. Returns the entities and the short names of the doc
    (``doc._.tracker_short_names``: first word → full name), which the parse's roles read for a
    name no entity covers."""
    short: dict[str, str] = {}
    for ent in doc.ents:  # « Vivendi Universal (VU) », « Qualcomm (QCOM) »: an acronym defined in brackets
        k = ent.end
        if k + 2 < len(doc) and doc[k].text == "(" and doc[k + 2].text == ")" and doc[k + 1].is_upper and doc[k + 1].is_alpha:
            short.setdefault(doc[k + 1].text, ent.kb_id_ or ent.text)
    out = []
    for ent in sorted(extra, key=lambda e: e.start):
        name = ent.kb_id_ or ent.text
        if ent.label_ == "ORG" and len(ent) >= 2 and name == ent.text and ent[0].text[:1].isupper() and len(ent[0].text) > 2:
            short.setdefault(ent[0].text, name)
        elif len(ent) == 1 and ent.text in short and ent.label_ in ("ORG", "MISC", "LOC", "PERSON"):
            ent = Span(doc, ent.start, ent.end, label="ORG", kb_id=short[ent.text])
        out.append(ent)
    return out, short


def _is_name(span: Span) -> bool:
    return span[0].text[:1].isupper() or span[0].text[:1].isdigit() or any(c.isupper() for c in span[0].text[1:])


def _enumerated_with(doc: Doc, ent: Span, orgs: list[Span]) -> bool:
    """``ent`` is separated from a known organisation only by « , », « et », « ou », « & »
    (:data:`tracker.pipeline.products.COORD`, which joins product names the same way)."""
    for org in orgs:
        between = doc[org.end : ent.start] if org.end <= ent.start else doc[ent.end : org.start]
        if org.end <= ent.start or ent.end <= org.start:
            if 0 < len(between) <= 2 and all(t.lower_ in COORD for t in between):
                return True
    return False


def _tokenizer(vocab):
    from spacy.lang.fr import French

    nlp = French(vocab=vocab)
    return nlp.make_doc


@Language.factory("tracker_entities", default_config={"gazetteer": None, "anaphora": None},
                  assigns=["doc.ents", "doc.spans", "doc._.tracker_makers", "doc._.tracker_roots", "doc._.tracker_orgs",
                           "doc._.tracker_short_names"],
                  requires=["token.pos", "token.dep"])
def make_entities(nlp: Language, name: str, gazetteer: list[dict] | None, anaphora: dict | None) -> EntityRecogniser:
    return EntityRecogniser(nlp, name, gazetteer=gazetteer, anaphora=anaphora)
