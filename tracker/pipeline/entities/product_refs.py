"""Products named again by a common noun or a pronoun (``models/anaphora.json``, ``products``).

« Le smartphone serait animé par le Snapdragon 8+ Gen 1 », « La console prendrait en charge la 4K »,
« Il est animé par le Snapdragon 8 Gen 1 », « Les deux appareils ne sont pas équipés des services
Google », « Ils tournent sous EMUI 10 »: the noun or the pronoun names the product of the article that
it can be (a chip noun names a chip, a device noun anything else), the most salient of the last
sentences. A singular one becomes an entity whose ``kb_id_`` is its antecedent; a plural one becomes
spans in ``doc.spans["tracker_pairs"]`` (over the same tokens), which the claim extractor reads as a
group. A noun followed by a name (« le modèle phare, le Xiaomi 12S Ultra », « le smartphone Galaxy
S22 ») or by its owner (« la puce de Qualcomm ») is not a reference.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from tracker.errors import ModelDataError
from tracker.resources import require

KINDS = ("device", "chip")
JOINERS = {",", "et", "ou", "le", "la", "les", "l'", "son", "sa", "ses"}


def validate_products(data: dict) -> None:
    where = "models/anaphora.json products"
    require(data, {"determiners": list, "plural_determiners": list, "nouns": dict, "plural_nouns": dict, "chip_series": list, "pronouns": dict,
                   "impersonal": list, "max_sentences_back": int, "naming_nouns": list}, where)
    for key in ("nouns", "plural_nouns"):
        for noun, kind in data[key].items():
            if kind not in KINDS:
                raise ModelDataError(f"{where}.{key}.{noun}: {kind!r} is not one of {list(KINDS)}")
    for pronoun, number in data["pronouns"].items():
        if number not in (1, 2):
            raise ModelDataError(f"{where}.pronouns.{pronoun}: {number!r} is not 1 (singular) or 2 (plural)")


@dataclass(frozen=True)
class Reference:
    start: int
    end: int
    plural: bool
    two: bool  # « les deux appareils »: the last two products
    kind: str | None  # None: a pronoun, any product


class ProductReferences:
    def __init__(self, data: dict, plural_determiners: list[list[str]]):
        validate_products(data)
        self.data = data
        self.plural_determiners = plural_determiners
        self.chips = {s.casefold() for s in data["chip_series"]}
        # a reference opens with one of these words: every other token is skipped at once
        self.openers = set(data["pronouns"]) | set(data["determiners"]) | {p[0] for p in plural_determiners}

    def __call__(self, doc: Doc, ents: list[Span]) -> tuple[list[Span], list[Span]]:
        """(singular references as entities, plural references as spans) for ``doc``."""
        taken = {i for e in ents for i in range(e.start, e.end)}
        known = sorted(ents, key=lambda e: e.start)
        singles: list[Span] = []
        pairs: list[Span] = []
        starts = [sent.start for sent in doc.sents] if doc.has_annotation("SENT_START") else [0]
        first = set(starts)
        lowers = [t.lower_ for t in doc]  # plain strings: most tokens open nothing
        i = 0
        while i < len(doc):
            ref = None if i in taken or lowers[i].replace("’", "'") not in self.openers else self._reference(doc, i, taken, first)
            if ref is None:
                i += 1
                continue
            names = self._antecedents(doc, ref, known, starts)
            if ref.plural and len(names) >= 2:
                spans = [Span(doc, ref.start, ref.end, label="PRODUCT", kb_id=n) for n in names]
                pairs += spans
                known = sorted(known + spans, key=lambda e: e.start)
            elif not ref.plural and names:
                span = Span(doc, ref.start, ref.end, label="PRODUCT", kb_id=names[0])
                singles.append(span)
                known = sorted(known + [span], key=lambda e: e.start)
            i = ref.end
        return singles, pairs

    def _reference(self, doc: Doc, i: int, taken: set[int], starts: set[int]) -> Reference | None:
        data = self.data
        low = doc[i].lower_.replace("’", "'")
        if low in data["pronouns"] and i in starts:  # « Il est animé par… », « Ils tournent sous… »
            j = i + 1
            while j < len(doc) and doc[j].lower_.replace("’", "'") in ("ne", "n'"):
                j += 1
            if j < len(doc) and doc[j].lower_.replace("’", "'") in data["impersonal"]:
                return None  # « Il n'y aura pas… », « Il semble que… », « Il s'agit de… »
            if any(t.pos_ == "ADJ" and t.i + 1 < len(doc) and t.nbor(1).lower_.replace("’", "'") in ("que", "qu'", "de", "d'") for t in doc[j : j + 4]):
                return None  # « Il n'est pas exclu que… », « Il est probable que… »
            return Reference(i, i + 1, data["pronouns"][low] == 2, False, None)
        two = next((p for p in self.plural_determiners if [t.lower_ for t in doc[i : i + len(p)]] == p), None)
        if two is None and low not in data["determiners"]:
            return None
        j = i + (len(two) if two else 1)
        if j >= len(doc):
            return None
        noun = doc[j].lower_
        kind = data["nouns"].get(noun) or data["plural_nouns"].get(noun)
        if kind is None or j in taken:
            return None
        end = j + 1
        after = end
        while after < min(end + 2, len(doc)) and doc[after].is_lower and doc[after].is_alpha and after not in taken:
            after += 1  # « le modèle phare, le Xiaomi 12S Ultra »
        if _named_after(doc, end, taken) or (end < after < len(doc) and doc[after].text == "," and _named_after(doc, after, taken)):
            return None
        plural = noun in data["plural_nouns"] or (two is not None)
        if noun in data["plural_nouns"] and two is None and low not in data["plural_determiners"]:
            return None  # « les smartphones chinois » speaks of smartphones in general; « ces smartphones » does not
        return Reference(i, end, plural, two is not None, kind)

    def _antecedents(self, doc: Doc, ref: Reference, known: list[Span], starts: list[int]) -> list[str]:
        here = max(b for b in starts if b <= ref.start)
        back = 1 if ref.kind is None else self.data["max_sentences_back"]  # a pronoun: the sentence before
        window = [b for b in starts if b <= here][-(back + 1) :]
        first = window[0]
        last = here if ref.kind is None else ref.start  # a pronoun opens its sentence: the one before
        by_sentence: dict[int, list[Span]] = {}
        for e in known:
            if first <= e.start < last and (ref.kind is None or (e.label_ == "PRODUCT" and self._fits(e, ref.kind))):
                by_sentence.setdefault(max(b for b in window if b <= e.start), []).append(e)
        for b in sorted(by_sentence, reverse=True):
            names = list(dict.fromkeys(e.kb_id_ for e in reversed(by_sentence[b])))
            # the sentence's subject first: « le smartphone embarque le capteur Sony IMX989. Il est… »
            subjects = list(dict.fromkeys(e.kb_id_ for e in reversed(by_sentence[b]) if any(t.dep_.startswith("nsubj") for t in e)))
            if ref.kind is None:  # a pronoun: the subject of the sentence before, when it is a product
                if len(subjects) < (2 if ref.plural else 1):
                    subjects = self._first(by_sentence[b])  # the parser missed the subject: the first name
                labels = {e.kb_id_: e.label_ for e in by_sentence[b]}
                return subjects if subjects and all(labels[n] == "PRODUCT" for n in subjects) and (ref.plural == (len(subjects) > 1)) else []
            if not ref.plural:
                return (subjects or names)[:1]
            names = subjects if len(subjects) >= 2 else names
            if len(names) >= 2:
                return names[:2] if ref.two else names
        return []

    @staticmethod
    def _first(products: list[Span]) -> list[str]:
        """The products at the first place of the sentence that no preposition introduces: one name,
        a plural reference (several spans over the same tokens), or a coordination."""
        doc = products[0].doc
        free = [e for e in products if e.start == 0 or doc[e.start - 1].pos_ != "ADP"]
        if not free:
            return []
        group = [e for e in products if e.start == free[0].start]
        for e in products:
            if e.start > group[-1].start and all(t.lower_ in JOINERS for t in doc[group[-1].end : e.start]):
                group.append(e)
        return list(dict.fromkeys(e.kb_id_ for e in group))

    def _fits(self, product: Span, kind: str | None) -> bool:
        """« la puce » names a chip, « le smartphone » anything else; a name that a common noun
        introduces is of that noun's kind: « le capteur Sony IMX989 » is neither."""
        if kind is None:
            return True
        doc = product.doc
        before = doc[product.start - 1] if product.start > 0 else None
        if before is not None and before.pos_ == "NOUN" and before.is_lower and before.is_alpha:
            nouns = self.data["nouns"] | self.data["plural_nouns"]
            return nouns.get(before.lower_) == kind
        chip = product.kb_id_.split()[0].casefold() in self.chips if product.kb_id_ else False
        return chip == (kind == "chip")


def _named_after(doc: Doc, end: int, taken: set[int]) -> bool:
    """« le modèle phare, le Xiaomi 12S Ultra », « le smartphone Galaxy S22 », « la puce de Qualcomm »."""
    j = end
    if j < len(doc) and doc[j].text == ",":
        j += 1
    while j < len(doc) and doc[j].lower_.replace("’", "'") in ("le", "la", "les", "l'", "de", "d'", "du", "des", "un", "une"):
        j += 1
    return j < len(doc) and j in taken and (j == end or doc[end].text == "," or doc[end].lower_ in ("de", "d'", "du", "des"))
