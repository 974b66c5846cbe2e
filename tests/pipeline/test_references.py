"""Which earlier claim a noun refers to: a demonstrative points at the latest, a definite noun at
the deal the article is about; a noun that only introduces its actor does not demote it."""

from __future__ import annotations

import pytest

# (text of several sentences, claim keys expected in its LAST sentence)
CASES = [
    # « la transaction »: the article's most mentioned deal, not the one named in passing
    ("Microsoft rachète Activision Blizzard. Le rachat d'Activision Blizzard par Microsoft est officiel. "
     "Microsoft avait racheté ZeniMax en 2021. La transaction devrait être finalisée en juin.",
     {"acquisition:microsoft|activision blizzard"}),
    # « ce partenariat », « un tel partenariat »: the latest claim
    ("Sony et Zeiss collaborent depuis 1996. Sony et Zeiss ont renouvelé leur accord. Zeiss pourrait aussi s'associer avec Nikon. "
     "Si ce partenariat se concrétise, il pourrait être annoncé en mars.",
     {"partnership:nikon|zeiss"}),
    # « c'est au tour de X de… »: X is the actor, not a noun's complement
    ("Après Sony, c'est au tour de Nikon de s'allier avec l'allemand Zeiss. Les deux entreprises auraient travaillé ensemble sur les objectifs.",
     {"partnership:nikon|zeiss"}),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_references_pick_the_claim(analyse, text, expected):
    analysis = analyse(text)
    last = analysis.sentences[-1].index
    assert {m.key for m in analysis.mentions if m.sentence_index == last} == expected
