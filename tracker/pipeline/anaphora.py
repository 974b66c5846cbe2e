"""Descriptors that name an organisation already mentioned (``models/anaphora.json``).

« D'après Bloomberg, Intel et Qualcomm auraient cessé de livrer le géant chinois » : the nationality
points to Huawei, named two sentences before. « Le groupe de Redmond » is Microsoft by its home town.
« Les deux groupes pourraient signer un accord » names the last two organisations. A singular
descriptor becomes an entity whose ``kb_id_`` is its antecedent; a plural one becomes two spans in
``doc.spans["tracker_pairs"]`` (over the same tokens), which the claim extractor reads as a group.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from tracker.resources import require

ORG_LABELS = ("ORG", "BRAND")


def validate_anaphora(data: dict) -> None:
    require(data, {"determiners": list, "plural": list, "nouns": list, "nationalities": dict, "places": dict, "max_sentences_back": int, "products": dict},
            "models/anaphora.json")


@dataclass(frozen=True)
class Descriptor:
    start: int
    end: int
    plural: bool
    country: str | None
    places: tuple[str, ...] | None


class DescriptorResolver:
    def __init__(self, data: dict, countries: dict[str, str | None]):
        validate_anaphora(data)
        self.data = data
        self.countries = countries
        self.nouns = {tuple(n.split()) for n in data["nouns"]}
        self.places = {tuple(p.split()): names for p, names in data["places"].items()}

    def __call__(self, doc: Doc, ents: list[Span]) -> tuple[list[Span], list[Span]]:
        """(singular descriptor entities, plural descriptor spans) for ``doc``, given its entities."""
        taken = {i for e in ents for i in range(e.start, e.end)}
        singles: list[Span] = []
        pairs: list[Span] = []
        known = sorted((e for e in ents if e.label_ in ORG_LABELS), key=lambda e: e.start)
        starts: list[int] = []  # sentence starts, read at the first descriptor only
        i = 0
        while i < len(doc):
            d = None if i in taken else self._descriptor(doc, i, taken)
            if d is None:
                i += 1
                continue
            starts = starts or [sent.start for sent in doc.sents]
            names = self._antecedents(doc, d, known + singles, starts)
            if d.plural and len(names) >= 2:
                pairs += [Span(doc, d.start, d.end, label="ORG", kb_id=n) for n in names[:2]]
            elif not d.plural and names:
                singles.append(Span(doc, d.start, d.end, label="ORG", kb_id=names[0]))
            i = d.end
        return singles, pairs

    def is_place(self, span: Span) -> bool:
        """« Redmond », « Cupertino »: a home town of models/anaphora.json ``places``."""
        return tuple(t.text for t in span) in self.places

    def names_apposition(self, doc: Doc, start: int) -> bool:
        """Does a descriptor end right before token ``start`` (« l'équipementier canadien Magna »,
        « la start-up Zorvex »)? Then the name there is an organisation, whatever the NER says."""
        for i in range(max(0, start - 6), start):
            extent = self._extent(doc, i, {start})
            if extent is not None and extent.end == start and not extent.plural:
                return True
        return False

    def _descriptor(self, doc: Doc, i: int, taken: set[int]) -> Descriptor | None:
        d = self._extent(doc, i, taken)
        if d is None or d.end in taken:  # « le fabricant de puces Broadcom »: an apposition, the name says who
            return None
        return d

    def _extent(self, doc: Doc, i: int, taken: set[int]) -> Descriptor | None:
        plural = next((p for p in self.data["plural"] if [t.lower_ for t in doc[i : i + len(p)]] == p), None)
        if plural is None and doc[i].lower_.replace("’", "'") not in self.data["determiners"]:
            return None
        j = i + (len(plural) if plural else 1)
        noun = next((n for n in self.nouns if tuple(t.lower_ for t in doc[j : j + len(n)]) == n), None)
        if noun is None:
            return None
        end = j + len(noun)
        country, places = None, None
        # « le géant chinois », « le groupe sud-coréen », « le groupe de Mountain View », « le fabricant de puces »
        while end < len(doc) and end not in taken:
            word = doc[end].lower_
            if word in self.data["nationalities"]:
                country, end = self.data["nationalities"][word], end + 1
            elif word in ("de", "d'", "d’", "du", "des") and end + 1 < len(doc):
                place = next((p for p in self.places if tuple(t.text for t in doc[end + 1 : end + 1 + len(p)]) == p), None)
                if place is not None:
                    places, end = tuple(self.places[place]), end + 1 + len(place)
                elif doc[end + 1].pos_ == "NOUN" and doc[end + 1].is_lower:
                    end += 2
                else:
                    break
            elif doc[end].pos_ == "ADJ" and doc[end].is_lower and not doc[end].is_punct:
                end += 1
            else:
                break
        return Descriptor(i, end, plural is not None, country, places)

    def _antecedents(self, doc: Doc, d: Descriptor, candidates: list[Span], starts: list[int]) -> list[str]:
        """``starts``: the token index where each sentence of ``doc`` begins."""
        here = doc[d.start].sent
        window = [b for b in starts if b <= here.start][-(self.data["max_sentences_back"] + 1) :]
        first = window[0] if window else 0
        scored: dict[str, tuple[float, int]] = {}
        own = doc[d.start : d.end]
        # « Le groupe de Redmond pourrait racheter l'éditeur » : an object is not its own clause's subject
        subjects = set() if d.plural or _subject_like(own) else {
            e.kb_id_ or e.text for e in candidates if here.start <= e.start < d.start and _subject_like(e)}
        for e in candidates:
            if not (first <= e.start < d.start):
                continue
            name = e.kb_id_ or e.text
            if name in subjects:
                continue
            if d.country and self.countries.get(name) != d.country:
                continue
            if d.places is not None and name not in d.places:
                continue
            distance = sum(1 for b in window if e.start < b <= d.start)
            score = (distance + (0 if _subject_like(e) else 1.5), -e.start)
            if name not in scored or score < scored[name]:
                scored[name] = score
        ranked = sorted(scored, key=scored.get)
        if d.plural:
            pair = _last_coordinated(doc, [e for e in candidates if first <= e.start < d.start and (e.kb_id_ or e.text) in scored])
            if pair and set(pair) & set(ranked[:2]):
                return pair + [n for n in ranked if n not in pair]
        return ranked


def _last_coordinated(doc: Doc, ents: list[Span]) -> list[str]:
    """« Intel a jeté l'éponge après la réconciliation entre Apple et Qualcomm. Les deux groupes… »:
    two organisations last named together are the pair a plural descriptor means, when one of them is
    among the two most salient (the caller checks)."""
    for a, b in reversed(list(zip(ents, ents[1:]))):
        names = [a.kb_id_ or a.text, b.kb_id_ or b.text]
        if names[0] != names[1] and [t.lower_ for t in doc[a.end : b.start]] in (["et"], ["&"]):
            return names
    return []


def _subject_like(ent: Span) -> bool:
    """Named before its sentence's main verb (« Le fabricant de puces Broadcom étudierait… »), not
    inside a phrase a preposition opens (« Puisque les sanctions contre Huawei ne devraient pas… »)."""
    root = ent.sent.root
    if any(t.dep_.startswith("nsubj") for t in ent):
        return True
    return root.pos_ in ("VERB", "AUX") and ent.end <= root.i and not _after_preposition(ent)


def _after_preposition(ent: Span) -> bool:
    i = ent.start - 1
    while i >= ent.sent.start and ent.doc[i].pos_ == "DET":
        i -= 1
    return i >= ent.sent.start and ent.doc[i].pos_ == "ADP"
