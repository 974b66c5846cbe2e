"""Roles read from the parse (tracker/pipeline/claims/syntax.py) and the deal vocabulary of real news:
negotiations, stakes, mergers, bids, abandonments. Sentences written for these tests."""

from __future__ import annotations

import pytest

from tracker.service import analyse_article
from tracker.articles import Article


def mentions(nlp, text: str) -> dict[str, str]:
    """{claim key: stance} of a one-paragraph article."""
    import datetime as dt

    article = Article(path="<test>", text=text, title=text.split("\n")[0], date=dt.date(2024, 3, 1), date_source="option", sha256="0")
    out: dict[str, str] = {}
    for m in analyse_article(article, nlp).mentions:
        out.setdefault(m.key, m.stance)
    return out


def assert_stances(nlp, text: str, expected: dict[str, str]) -> None:
    """Each expected claim key is found in ``text`` with the expected stance."""
    got = mentions(nlp, text)
    for key, stance in expected.items():
        assert got.get(key) == stance, (key, got)


ROLES = [
    # the subject carried through a relative, a phrase of attribution and « sur le point de »
    ("Tout le monde attend Nokia, qui selon les informations du Financial Times serait sur le point de racheter l'équipementier suédois Ericsson.",
     {"acquisition:nokia|ericsson": "hedged"}),
    # a phrase of attribution names a source, never a buyer
    ("Selon des informations publiées mardi par Reuters et Bloomberg, l'éditeur de logiciels Oracle devrait annoncer le rachat de Cerner.",
     {"acquisition:oracle|cerner": "hedged"}),
    ("Oracle négocie le rachat de Cerner, rapporte le Wall Street Journal.",
     {"acquisition:oracle|cerner": "hedged"}),
    # a verb of negotiation governs the deal noun, whose object sits after descriptors
    ("Le fabricant américain de puces Broadcom négocie le rachat de son concurrent californien VMware.",
     {"acquisition:broadcom|vmware": "hedged"}),
    # two buyers coordinated in the subject
    ("Lenovo et Fujitsu négocieraient le rachat de Toshiba.",
     {"acquisition:lenovo|toshiba": "hedged", "acquisition:fujitsu|toshiba": "hedged"}),
    # the possessive of a support noun names the sentence's subject; the amount is skipped
    ("Nvidia a confirmé l'abandon de son projet d'acquisition pour 40 milliards de dollars du britannique Arm.",
     {"acquisition:nvidia|arm": "denied"}),
    # « le rachat par X de Y »
    ("Le rachat par Microsoft du studio Activision Blizzard ne se fera pas.",
     {"acquisition:microsoft|activision blizzard": "denied"}),
    # an agency dateline is not the sentence's subject
    ("(Reuters) - Intel a annoncé avoir trouvé un accord en vue de l'acquisition du fondeur Tower Semiconductor.",
     {"acquisition:intel|tower semiconductor": "confirmed"}),
    # an object coordinated with the verb itself (ellipsis of « a racheté »)
    ("Cisco a racheté Webex en 2007, puis Duo Security en 2018.",
     {"acquisition:cisco|webex": "asserted", "acquisition:cisco|duo security": "asserted"}),
    # a ticker in brackets is the same party
    ("Le fabricant de processeurs Qualcomm (QCOM) prévoirait de renoncer au rachat de NXP.",
     {"acquisition:qualcomm|nxp": "hedged"}),
]


@pytest.mark.parametrize("sentence,expected", ROLES)
def test_roles_from_the_parse(nlp, sentence, expected):
    assert_stances(nlp, sentence, expected)


SOURCES_NEVER_PARTIES = [
    "Selon des informations publiées mardi par Reuters et Bloomberg, l'éditeur de logiciels Oracle devrait annoncer le rachat de Cerner.",
    "Oracle négocie le rachat de Cerner, rapporte le Wall Street Journal.",
    "D'après Bloomberg, Amazon serait en pourparlers avancés pour racheter iRobot.",
    "Les négociations avec Oracle avaient été révélées par Bloomberg.",
]


@pytest.mark.parametrize("sentence", SOURCES_NEVER_PARTIES)
def test_a_source_fills_no_role(nlp, sentence):
    sources = ("reuters", "bloomberg", "wall street journal")
    assert not [k for k in mentions(nlp, sentence) if any(s in k for s in sources)]


VOCABULARY = [
    # refusal: the target rejects the bidder's offer, which denies the deal
    ("ByteDance rejette l'offre de rachat de Microsoft.", {"acquisition:microsoft|bytedance": "denied"}),
    # a negation between the verb and its object
    ("Microsoft ne mettra pas la main sur TikTok.", {"acquisition:microsoft|tiktok": "denied"}),
    # a bid is a rumour of the deal, not the deal
    ("Orange et Free déposent une offre conjointe pour racheter SFR.",
     {"acquisition:orange|sfr": "hedged", "acquisition:free|sfr": "hedged"}),
    ("Tencent veut augmenter ses parts au sein de l'éditeur français Ubisoft.", {"investment:tencent|ubisoft": "hedged"}),
    # a share of a company is an investment in it
    ("Airbus va acquérir 30 % de Atos.", {"investment:airbus|atos": "asserted"}),
    # an investment noun: the investor after « de » (past the amount), the company after « dans »
    ("Le PDG de Kering a annoncé un investissement de 200 millions d'euros de Tencent dans la société Brimelec Holding.",
     {"investment:tencent|brimelec holding": "reported"}),
    # a round of financing, then the investor's share after « dont … par »
    ("Brimelec annonce la finalisation d'une levée de fonds de 40 millions d'euros, dont 25 millions par Bpifrance.",
     {"investment:bpifrance|brimelec": "confirmed"}),
    # financing: the subject receives the money
    ("OpenAI officialise un financement de 6 milliards de dollars mené par SoftBank.", {"investment:softbank|openai": "confirmed"}),
    # a component « présent dans » or « intégré dans » products: the products are the first role
    ("Le Snapdragon 8 Gen 3 est présent dans le Xiaomi 14 et le OnePlus 12.",
     {"feature:xiaomi 14|snapdragon 8 gen 3": "asserted", "feature:oneplus 12|snapdragon 8 gen 3": "asserted"}),
    ("ChatGPT serait intégré dans iOS 18.", {"feature:ios 18|chatgpt": "hedged"}),
    # a product announced is launched; a deal announced is no launch
    ("Le même jour, Google a annoncé Gemini 3.", {"launch:google|gemini 3": "confirmed"}),
    ("Nvidia annonce le rachat d'Arm.", {"acquisition:nvidia|arm": "confirmed"}),
    # mergers
    ("La fusion entre TF1 et M6 donnerait naissance à un géant de la télévision.", {"merger:m6|tf1": "hedged"}),
    ("TF1 et M6 vont fusionner.", {"merger:m6|tf1": "asserted"}),
    # the deal noun as the complement of a conditional the tagger reads as an adverb
    ("Orange et Bouygues Telecom discuteraient d'une fusion.", {"merger:bouygues telecom|orange": "hedged"}),
    # « le propriétaire de X » is not X
    ("Vivendi veut acquérir le propriétaire de Paris Match.", {}),
]


@pytest.mark.parametrize("sentence,expected", VOCABULARY)
def test_deal_vocabulary(nlp, sentence, expected):
    got = mentions(nlp, sentence)
    for key, stance in expected.items():
        assert got.get(key) == stance, (key, got)
    if not expected:
        assert not got


ARTICLE_CONTEXT = [
    # a merger in the headline of an article that names the buyer and its target is that acquisition
    ("Adobe et Figma abandonnent leur projet de fusion\n\n"
     "Adobe renonce au rachat de Figma, faute d'accord des autorités européennes.", "acquisition:adobe|figma", "merger:"),
    # « le premier / le second »: the two names coordinated last, not the newspaper named after them
    ("Les discussions entre Salesforce et Slack, révélées par le Wall Street Journal, ont abouti. "
     "Le premier a annoncé qu'il allait prendre le contrôle du second.", "acquisition:salesforce|slack", "wall street journal"),
    # a partner named alone is the partner of the organisation the headline is about
    ("Dassault Systèmes accélère dans la santé\n\n"
     "Le groupe multiplie les initiatives et c'est encore le cas avec l'annonce d'un partenariat avec Sanofi.",
     "partnership:dassault systèmes|sanofi", None),
    # a company the gazetteer lacks, named in full, then by its first word
    ("Le fabricant lyonnais Brimel Robotics serait en discussions avec Zorvex. "
     "Selon Les Echos, Zorvex pourrait racheter Brimel d'ici l'été.", "acquisition:zorvex|brimel robotics", "|brimel"),
    # « l'entreprise britannique » is the company of the deal, not the British newspaper quoted
    ("Nvidia négocierait le rachat d'Arm, annonce Bloomberg, suivi par le Financial Times. "
     "SoftBank avait dépensé 32 milliards de dollars pour mettre la main sur l'entreprise britannique.",
     "acquisition:softbank|arm", "financial times"),
]


@pytest.mark.parametrize("text,wanted,unwanted", ARTICLE_CONTEXT)
def test_the_article_names_the_parties(nlp, text, wanted, unwanted):
    got = mentions(nlp, text)
    assert wanted in got, got
    if unwanted is not None:
        assert not [k for k in got if unwanted in k and k != wanted], got


@pytest.mark.parametrize("text,key", [
    # a bid « sur » its target, the bidder after « de »
    ("Kering (KER) envisage une acquisition. L'OPA de KER sur Brimelec serait prête.", "acquisition:kering|brimelec"),
    # « il » stands for the organisation that opens the sentence before the colon
    ("Bouygues, qu'on croyait vendeur, fait parler de lui : il serait en train de préparer une OPA sur le groupe Brimelec.",
     "acquisition:bouygues|brimelec"),
])
def test_bids_acronyms_and_subject_pronouns(nlp, text, key):
    got = mentions(nlp, text)
    assert key in got, got
    assert not [k for k in got if k.startswith("launch:")]
