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

from tracker.pipeline.claims.syntax import attribution_tokens
from tracker.resources import require

ORG_LABELS = ("ORG", "BRAND")
ACTOR_NOUNS = {"tour", "part", "côté"}  # « au tour de X », « de la part de X », « du côté de X »: X acts
AUTHORITY_LABELS = ("AUTHORITY",)


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
    authority: bool = False  # « le régulateur britannique »: an authority, not a company


class DescriptorResolver:
    def __init__(self, data: dict, countries: dict[str, str | None]):
        validate_anaphora(data)
        self.data = data
        self.countries = countries
        self.nouns = {tuple(n.split()) for n in data["nouns"] + data.get("authority_nouns", [])}
        self.authority_nouns = {tuple(n.split()) for n in data.get("authority_nouns", [])}
        self.pronouns = set(data.get("subject_pronouns", []))
        self.ordinals = {tuple(k.split()): v for k, v in data.get("ordinals", {}).items()}
        self.ordinal_lengths = sorted({len(w) for w in self.ordinals}, reverse=True)
        # a subject pronoun or an ordinal's first word (« le premier », « ce dernier ») may name an organisation
        self.referring_openers = self.pronouns | {w[0] for w in self.ordinals}
        self.places = {tuple(p.split()): names for p, names in data["places"].items()}
        # a descriptor opens with one of these words: every other token is skipped at once
        self.openers = {p[0] for p in data["plural"]} | set(data.get("contracted", ())) | set(data["determiners"])
        self.nouns_by_first: dict[str, list[tuple[str, ...]]] = {}
        for n in sorted(self.nouns, key=len, reverse=True):
            self.nouns_by_first.setdefault(n[0], []).append(n)

    def __call__(self, doc: Doc, ents: list[Span]) -> tuple[list[Span], list[Span]]:
        """(singular descriptor entities, plural descriptor spans) for ``doc``, given its entities."""
        taken = {i for e in ents for i in range(e.start, e.end)}
        singles: list[Span] = []
        pairs: list[Span] = []
        known = sorted((e for e in ents if e.label_ in ORG_LABELS + AUTHORITY_LABELS), key=lambda e: e.start)
        starts: list[int] = []  # sentence starts, read at the first descriptor only
        lowers = [t.lower_ for t in doc]  # plain strings: most tokens open nothing
        i = 0
        while i < len(doc):
            if i not in taken and lowers[i] in self.referring_openers:
                single = self._pronoun(doc, i, known + singles, ents) or self._ordinal(doc, i, known + singles)
                if single is not None:
                    singles.append(single)
                    i = single.end
                    continue
            opens = lowers[i].replace("’", "'") in self.openers
            d = None if i in taken or not opens else self._descriptor(doc, i, taken)
            if d is None:
                i += 1
                continue
            starts = starts or [sent.start for sent in doc.sents]
            names = self._antecedents(doc, d, known + singles, starts) or self._cataphora(doc, d, known, starts)
            if d.plural and len(names) >= 2:
                pairs += [Span(doc, d.start, d.end, label="ORG", kb_id=n) for n in names[:2]]
            elif not d.plural and names:
                singles.append(Span(doc, d.start, d.end, label="AUTHORITY" if d.authority else "ORG", kb_id=names[0]))
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
        k = d.end + 1
        while k < len(doc) and doc[k].lower_ in self.data["determiners"]:
            k += 1
        if d.end < len(doc) and doc[d.end].text == "," and k in taken:  # « le géant chinois, Huawei, »
            return None
        return d

    def _extent(self, doc: Doc, i: int, taken: set[int]) -> Descriptor | None:
        if doc[i].lower_.replace("’", "'") not in self.openers:
            return None
        plural = next((p for p in self.data["plural"] if [t.lower_ for t in doc[i : i + len(p)]] == p), None)
        contracted = plural is None and doc[i].lower_ in self.data.get("contracted", ())
        if plural is None and not contracted and doc[i].lower_.replace("’", "'") not in self.data["determiners"]:
            return None
        j = i + (len(plural) if plural else 1)
        if j >= len(doc):
            return None
        noun = next((n for n in self.nouns_by_first.get(doc[j].lower_, ()) if tuple(t.lower_ for t in doc[j : j + len(n)]) == n), None)
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
            elif doc[end].pos_ == "ADJ" and doc[end].is_lower and not doc[end].is_punct and country is None:
                # after the nationality, an « adjective » is a mistagged verb: « le régulateur britannique bloque »
                end += 1
            else:
                break
        return Descriptor(i + contracted, end, plural is not None, country, places, noun in self.authority_nouns)

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
        labels = AUTHORITY_LABELS if d.authority else ORG_LABELS
        sources: dict[int, set[int]] = {}
        for e in candidates:
            if not (first <= e.start < d.start) or e.label_ not in labels:
                continue
            name = e.kb_id_ or e.text
            if name in subjects or _named_as_source(doc, e, sources):
                continue
            if d.country and self.countries.get(name) != d.country:
                continue
            if d.places is not None and name not in d.places:
                continue
            distance = sum(1 for b in window if e.start < b <= d.start)
            score = (distance + (0 if _subject_like(e) else 1.5) + (1 if _noun_complement(e) else 0), -e.start)
            if name not in scored or score < scored[name]:
                scored[name] = score
        ranked = sorted(scored, key=scored.get)
        if d.plural:
            pair = _last_coordinated(doc, [e for e in candidates if first <= e.start < d.start and (e.kb_id_ or e.text) in scored])
            if pair and set(pair) & set(ranked[:2]):
                return pair + [n for n in ranked if n not in pair]
        return ranked

    def _cataphora(self, doc: Doc, d: Descriptor, candidates: list[Span], starts: list[int]) -> list[str]:
        """A headline may name by a descriptor whom the first lines then name (« Le régulateur
        britannique bloque le rachat… » / « L'autorité britannique de la concurrence, la CMA, … »)."""
        if d.plural or len(starts) < 2 or doc[d.start].sent.start != _first_start(doc):
            return []
        later = [b for b in starts if b > d.start]
        stop = later[self.data["max_sentences_back"]] if len(later) > self.data["max_sentences_back"] else len(doc)
        labels = AUTHORITY_LABELS if d.authority else ORG_LABELS
        for e in candidates:
            name = e.kb_id_ or e.text
            if d.end <= e.start < stop and e.label_ in labels and (not d.country or self.countries.get(name) == d.country) \
                    and (d.places is None or name in d.places):
                return [name]
        return []

    def _pronoun(self, doc: Doc, i: int, candidates: list[Span], ents: list[Span]) -> Span | None:
        """« Google n'en est pas à son coup d'essai : il avait déjà racheté… »: a subject pronoun
        whose nearest preceding subject (same or previous sentence) is an organisation."""
        tok = doc[i]
        if tok.lower_ not in self.pronouns or not tok.dep_.startswith("nsubj"):
            return None
        sent = tok.sent
        begin = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        for t in reversed(doc[begin:i]):
            ent = next((e for e in candidates if e.start <= t.i < e.end), None)
            if ent is not None and ent.label_ in ORG_LABELS and (_subject_like(ent) or ent.start == ent.sent.start):
                return Span(doc, i, i + 1, label="ORG", kb_id=ent.kb_id_ or ent.text)
            person = next((e for e in ents if e.start <= t.i < e.end and e.label_ == "PERSON"), None)
            if person is not None and (_subject_like(person) or person.start == person.sent.start):
                return None  # « Tim Cook est confiant : il… » is the man, not his company
            if t.dep_.startswith("nsubj") and t.lower_ not in self.pronouns:
                return None  # someone else is the nearest subject
        return None

    def _ordinal(self, doc: Doc, i: int, candidates: list[Span]) -> Span | None:
        """« l'abandon du rachat de la seconde par le premier »: of the two organisations just named."""
        words = next((w for n in self.ordinal_lengths if (w := tuple(t.lower_ for t in doc[i : i + n])) in self.ordinals), None)
        if words is None:
            return None
        end = i + len(words)
        if end < len(doc) and (doc[end].pos_ in ("NOUN", "PROPN", "ADJ", "NUM") or doc[end].is_digit):
            return None  # « le premier smartphone »
        sent = doc[i].sent
        begin = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        near = sorted((e for e in candidates if begin <= e.start < i and e.label_ in ORG_LABELS), key=lambda e: e.start)
        # « les négociations entre AMD et Xilinx, révélées par le Wall Street Journal… Le premier »:
        # the two names coordinated last, before the last two named
        names = _last_coordinated(doc, near, joiners=(["et"], ["&"], [")", "et"], ["et", "l'"], ["et", "le"], ["et", "la"])) \
            or list(dict.fromkeys(e.kb_id_ or e.text for e in near))
        if len(names) < 2:
            return None
        # « prendre le contrôle du second »: the contracted article belongs to the preposition
        first = i + 1 if words[0] in ("du", "au") else i
        return Span(doc, first, end, label="ORG", kb_id=names[-2:][self.ordinals[words]])


def _last_coordinated(doc: Doc, ents: list[Span], joiners=(["et"], ["&"])) -> list[str]:
    """« Intel a jeté l'éponge après la réconciliation entre Apple et Qualcomm. Les deux groupes… »:
    two organisations last named together are the pair a plural descriptor means, when one of them is
    among the two most salient (the caller checks)."""
    for a, b in reversed(list(zip(ents, ents[1:]))):
        names = [a.kb_id_ or a.text, b.kb_id_ or b.text]
        if names[0] != names[1] and [t.lower_ for t in doc[a.end : b.start]] in joiners:
            return names
    return []


def _first_start(doc: Doc) -> int:
    return next((s.start for s in doc.sents if s.text.strip()), 0)


def _named_as_source(doc: Doc, ent: Span, sources: dict[int, set[int]]) -> bool:
    """« selon le Financial Times », « …, rapporte le Wall Street Journal », « révélées par
    Bloomberg »: an outlet named as where the news came from (the phrases of attribution the claim
    roles skip, ``tracker.pipeline.syntax.attribution_tokens``) is not what a later « l'entreprise
    britannique » designates. ``sources`` caches the phrases by sentence start."""
    sent = ent.sent
    if sent.start not in sources:
        sources[sent.start] = attribution_tokens(doc, sent)[0]
    return all(i in sources[sent.start] for i in range(ent.start, ent.end))


def _noun_complement(ent: Span) -> bool:
    """« Kia, filiale de Hyundai », « d'anciens chercheurs d'OpenAI »: named as a noun's complement,
    the organisation is not what the text is about — unless the noun only introduces its actor
    (« c'est au tour d'Oppo de… », « de la part de Samsung », « du côté de Sony »)."""
    doc, i = ent.doc, ent.start - 1
    while i >= 0 and doc[i].lower_ in ("le", "la", "les", "l'"):
        i -= 1
    return i > 0 and doc[i].lower_ in ("de", "d'", "du", "des") and doc[i - 1].pos_ == "NOUN" and doc[i - 1].lower_ not in ACTOR_NOUNS


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
