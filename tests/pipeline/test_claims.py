"""Claims (relation + canonical entities) and their stance, from French sentences."""

from __future__ import annotations

import pytest

# (sentence, {claim key: stance})
SENTENCES = [
    ("D'après l'ex-vice-président d'OPPO, Leica pourrait bientôt conclure un nouveau partenariat avec Xiaomi, Honor, ou Sharp.",
     {"partnership:leica|xiaomi": "hedged", "partnership:honor|leica": "hedged", "partnership:leica|sharp": "hedged"}),
    ("Xiaomi officialise son partenariat avec Leica et lancera un premier smartphone en juillet.",
     {"partnership:leica|xiaomi": "confirmed"}),
    ("OnePlus s'est récemment associé à Hasselblad pour ses OnePlus 9, et Vivo collabore de son côté avec Zeiss sur ses Vivo X60.",
     {"partnership:hasselblad|oneplus": "asserted", "partnership:vivo|zeiss": "asserted"}),
    ("Leica ne reconduit pas son partenariat avec Huawei",
     {"partnership_end:huawei|leica": "asserted"}),
    ("Il semble que Leica et Huawei ne travailleront plus ensemble après la sortie du Huawei P50 Pro.",
     {"partnership_end:huawei|leica": "hedged"}),
    ("Brian Shen Yi Ren a déclaré que le partenariat entre Huawei et Leica n'avait pas été reconduit.",
     {"partnership_end:huawei|leica": "reported"}),
    ("Vivo suivait les pas de Sony et Nokia en joignant ses forces à Zeiss.",
     {"partnership:vivo|zeiss": "asserted"}),
    ("Pour rappel, Huawei a été mis sur liste noire commerciale en mai dernier par le gouvernement américain.",
     {"sanction:gouvernement américain|huawei": "asserted"}),
    ("Selon Bloomberg, Microsoft rachète Activision Blizzard.", {"acquisition:microsoft|activision blizzard": "reported"}),
    ("Slack a été racheté par Salesforce.", {"acquisition:salesforce|slack": "asserted"}),
    ("Xiaomi ne s'associera pas à Leica.", {"partnership:leica|xiaomi": "denied"}),
    # features: components as common nouns (models/gazetteer.jsonl COMPONENT), the product as subject
    ("Le Pixel 9 serait équipé d'un écran OLED et d'un capteur LiDAR.",
     {"feature:pixel 9|écran oled": "hedged", "feature:pixel 9|lidar": "hedged"}),
    ("Le Galaxy S24 passerait enfin à la recharge sans fil.", {"feature:galaxy s24|recharge sans fil": "hedged"}),
    ("Les iPhone 16 Pro adoptent un châssis en titane.", {"feature:iphone 16 pro|châssis en titane": "asserted"}),
    ("Le Xiaomi 14 Ultra est animé par le Snapdragon 8 Gen 3.", {"feature:xiaomi 14 ultra|snapdragon 8 gen 3": "asserted"}),
    # « préparer » a product is a launch claim (hedged in the conditional)
    ("Sony préparerait une PlayStation 5 Pro pour la fin de l'année.", {"launch:sony|playstation 5 pro": "hedged"}),
    # talks with a named party are a hedged partnership; denying them denies it
    ("Renault serait en discussions avec Geely pour produire des moteurs.", {"partnership:geely|renault": "hedged"}),
    ("Sony et Honda démentent toute négociation avec Apple.", {"partnership:apple|sony": "denied", "partnership:apple|honda": "denied"}),
    # products: series named as the gazetteer names them, elliptic coordination, the maker by default
    ("Huawei a présenté jeudi à Munich ses Mate 30 et Mate 30 Pro.",
     {"launch:huawei|huawei mate 30": "asserted", "launch:huawei|huawei mate 30 pro": "asserted"}),
    ("Apple a dévoilé mardi les iPhone 15, 15 Plus et 15 Pro Max.",
     {"launch:apple|iphone 15": "asserted", "launch:apple|iphone 15 plus": "asserted", "launch:apple|iphone 15 pro max": "asserted"}),
    ("Oppo officialise ses Find X5 et Find X5 Pro.", {"launch:oppo|find x5": "confirmed", "launch:oppo|find x5 pro": "confirmed"}),
    ("Le OnePlus 15 serait attendu en Chine dans les prochaines semaines.", {"launch:oneplus|oneplus 15": "hedged"}),
    ("Nintendo s'apprêterait à lancer une Switch Pro, selon Bloomberg.", {"launch:nintendo|switch pro": "hedged"}),
    ("Comme attendu, les deux appareils ne sont pas équipés des services Google.", {}),
    # sanctions name the top authority; blocking a deal sanctions its buyer
    ("Huawei a été placé sur liste noire par le département du Commerce.", {"sanction:gouvernement américain|huawei": "asserted"}),
    ("Donald Trump préparerait un décret pour bannir ZTE des réseaux américains.", {"sanction:gouvernement américain|zte": "hedged"}),
    ("La CMA a annoncé mercredi bloquer l'acquisition d'Activision Blizzard par Microsoft.",
     {"sanction:cma|microsoft": "confirmed", "acquisition:microsoft|activision blizzard": "denied"}),
    # an organisation named after « de » is not the subject
    ("Il s'agira de la plus récente collaboration en date du spécialiste de la photo allemand après Sharp, Huawei et Panasonic.", {}),
    # acquisitions: ownership, purchase, an accepted offer, a sum paid for a company
    ("GitHub appartient désormais à Microsoft.", {"acquisition:microsoft|github": "asserted"}),
    # a short frame before a colon qualifies what follows
    ("C'est officiel : GitHub appartient à Microsoft.", {"acquisition:microsoft|github": "confirmed"}),
    ("Arm est passé sous le contrôle de SoftBank en 2016.", {"acquisition:softbank|arm": "asserted"}),
    ("Microsoft a acheté LinkedIn en 2016.", {"acquisition:microsoft|linkedin": "asserted"}),
    ("Microsoft a déboursé 26 milliards de dollars pour LinkedIn.", {"acquisition:microsoft|linkedin": "asserted"}),
    ("Le conseil de surveillance de Fitbit a approuvé mardi l'offre de rachat de Google.", {"acquisition:google|fitbit": "asserted"}),
    ("Le conseil d'administration de VMware a accepté l'offre de Broadcom.", {"acquisition:broadcom|vmware": "confirmed"}),
    # a participle without « avoir » is passive; with no « par », the buyer is the sentence's other party
    ("LinkedIn, racheté en 2016, sera intégré aux équipes de Microsoft.", {"acquisition:microsoft|linkedin": "asserted"}),
    # a relation noun completing a verb, or after an event of the deal, takes the clause's subject
    ("Broadcom est engagé dans le rachat de VMware.", {"acquisition:broadcom|vmware": "asserted"}),
    ("Broadcom, de son côté, est engagé dans le rachat de VMware.", {"acquisition:broadcom|vmware": "asserted"}),
    ("Google a finalisé l'acquisition de Fitbit.", {"acquisition:google|fitbit": "confirmed"}),
    ("Apple rachète-t-il Perplexity ?", {"acquisition:apple|perplexity": "hedged"}),
    # the relative closes at the comma: the hedge of the main clause is not the relative's
    ("SoftBank, qui avait racheté Arm en 2016, pourrait céder sa participation.", {"acquisition:softbank|arm": "asserted"}),
    # not acquisitions: the seller, a superlative, goods bought from a company
    ("Nvidia rachète Arm à SoftBank.", {"acquisition:nvidia|arm": "asserted"}),
    ("Ce serait le plus gros rachat de l'histoire d'Apple.", {}),
    ("Apple a payé 500 millions de dollars pour régler le litige avec Qualcomm.", {}),
    ("Le Congrès a interdit aux agences fédérales d'acheter du matériel Huawei.", {"sanction:congrès américain|huawei": "asserted"}),
    ("Washington interdit aux opérateurs d'acheter du matériel ZTE.", {"sanction:gouvernement américain|zte": "asserted"}),
    # investments: shareholder, funds raised from investors, an investment « de X dans Y »
    ("Tencent est devenu le premier actionnaire d'Ubisoft.", {"investment:tencent|ubisoft": "asserted"}),
    ("Mistral AI a levé 600 millions d'euros auprès de Nvidia et de Microsoft.",
     {"investment:nvidia|mistral ai": "asserted", "investment:microsoft|mistral ai": "asserted"}),
    ("Les analystes évoquent un investissement de 2 milliards de dollars de Microsoft dans OpenAI.", {"investment:microsoft|openai": "reported"}),
    ("Google a annoncé un investissement dans Anthropic, la start-up fondée par d'anciens chercheurs d'OpenAI.",
     {"investment:google|anthropic": "confirmed"}),
    # blocking or forbidding a deal sanctions its buyer; a dateline city is no authority
    ("Le gouvernement américain interdit le rachat d'Arm par Nvidia.",
     {"sanction:gouvernement américain|nvidia": "asserted", "acquisition:nvidia|arm": "denied"}),
    ("BRUXELLES, 3 mai - La CMA a annoncé bloquer le rachat de Figma par Adobe.",
     {"sanction:cma|adobe": "confirmed", "acquisition:adobe|figma": "denied"}),
    ("Washington a ajouté SMIC à son « Entity List ».", {"sanction:gouvernement américain|smic": "confirmed"}),
]


@pytest.mark.parametrize("text, expected", SENTENCES)
def test_claims_keys_and_stances(analyse, text, expected):
    got = {m.key: m.stance for m in analyse(text).mentions}
    assert got == expected


def test_claims_keep_the_sentence_and_source(analyse):
    m = analyse("Selon Bloomberg, Microsoft rachète Activision Blizzard.").mentions[0]
    assert m.sentence == "Selon Bloomberg, Microsoft rachète Activision Blizzard."
    assert m.source == "Bloomberg"
    assert m.entities == ("Microsoft", "Activision Blizzard")


def test_claims_anaphora_carries_the_expected_date(analyse):
    text = (
        "D'après lui, Leica pourrait conclure un partenariat avec Xiaomi ou Sharp.\n"
        "Leica pourrait bien se tourner vers Xiaomi.\n"
        "Si ce partenariat se concrétise, il pourrait être annoncé l'année prochaine.\n"
    )
    by_key = {m.key: m for m in analyse(text).mentions}
    assert by_key["partnership:leica|xiaomi"].expected_by.isoformat() == "2025-12-31"
    assert by_key["partnership:leica|sharp"].expected_by is None


# (text of several sentences, claim keys expected in its LAST sentence)
ANAPHORA = [
    # a nationality picks the antecedent among the organisations just named
    ("Washington a placé Huawei sur liste noire. D'après Bloomberg, Intel aurait cessé de s'associer avec le géant chinois.",
     {"partnership:huawei|intel"}),
    # a home town names the company; an object is not its own clause's subject
    ("Microsoft discute avec Activision Blizzard. Le groupe de Redmond pourrait racheter l'éditeur.",
     {"acquisition:microsoft|activision blizzard"}),
    ("Apple discute avec Intel depuis des mois. Les deux groupes pourraient signer un partenariat dès mars.",
     {"partnership:apple|intel"}),
    # a noun with a definite determiner refers to the claim already stated
    ("Salesforce serait en discussions pour racheter Slack. L'opération pourrait être annoncée la semaine prochaine.",
     {"acquisition:salesforce|slack"}),
    ("Broadcom voudrait racheter Qualcomm. Le rachat de Qualcomm n'aura donc pas lieu.",
     {"acquisition:broadcom|qualcomm"}),
    # an indefinite noun introduces something new: no claim
    ("Salesforce serait en discussions pour racheter Slack. Une opération de cette taille est rare.", set()),
    # an apposition is its name, not a descriptor
    ("Intel domine le marché. Le fabricant de puces Broadcom pourrait racheter Qualcomm.", {"acquisition:broadcom|qualcomm"}),
    # « du »/« au » open a descriptor, the preposition staying outside it
    ("Google lorgne sur Fitbit. Fitbit a accepté l'offre du géant de Mountain View.", {"acquisition:google|fitbit"}),
    # a subject pronoun is the organisation that was the nearest subject
    ("Microsoft multiplie les acquisitions : il a racheté GitHub en 2018.", {"acquisition:microsoft|github"}),
    # « la même firme », « la même start-up »: the role of the claim just stated
    ("Microsoft rachète Activision Blizzard. Le rachat de LinkedIn par la même firme avait coûté 26 milliards de dollars.",
     {"acquisition:microsoft|linkedin"}),
    ("Google investit 2 milliards de dollars dans Anthropic. Amazon avait promis 4 milliards de dollars d'investissement dans la même start-up.",
     {"investment:amazon|anthropic"}),
    # « le premier », « la seconde »: of the two organisations just named
    ("Broadcom et VMware ont confirmé le rachat de la seconde par le premier.", {"acquisition:broadcom|vmware"}),
    ("Le premier smartphone de Xiaomi équipé de Leica arrive.", set()),
    # a descriptor names the antecedent that is not a noun's complement (« filiale de Hyundai »)
    ("Apple aurait choisi Kia, filiale de Hyundai. Apple investirait 3 milliards de dollars dans le constructeur.", {"investment:apple|kia"}),
    # money paid by the investor already named goes to the company of its investment
    ("Microsoft investit dans OpenAI. Le groupe de Redmond aurait déjà versé 2 milliards de dollars.", {"investment:microsoft|openai"}),
    # a deal named by a claim noun, blocked: the buyer is sanctioned, the sentence is not an acquisition mention
    ("Microsoft rachète Activision Blizzard. La FTC a porté plainte pour empêcher la transaction.", {"sanction:ftc|microsoft"}),
    ("Salesforce rachète Slack. Le ministère américain de la Justice n'a pas bloqué la transaction.",
     {"sanction:gouvernement américain|salesforce"}),
    # a plural relation noun with no complement names deals in general
    ("Broadcom voudrait racheter Qualcomm. Broadcom multiplie les acquisitions depuis des années.", set()),
    # a claim noun qualifying another noun: the sentence is about the amount
    ("Salesforce rachète Slack. Le montant de l'opération n'a pas été dévoilé.", set()),
    # … unless a relative says something of the deal itself
    ("Salesforce rachète Slack. Les équipes de Slack rejoindront Salesforce à l'issue de l'opération, qui devrait être bouclée en juillet.",
     {"acquisition:salesforce|slack"}),
]

# (text whose first line is a headline, claim keys expected in that headline)
HEADLINES = [
    # a descriptor in a headline is named in the lines after it
    ("Le régulateur britannique bloque le rachat de Figma par Adobe\nLa CMA estime que l'opération nuirait à la concurrence.",
     {"sanction:cma|adobe", "acquisition:adobe|figma"}),
    # a claim noun in a headline is the claim the article then states
    ("Adobe et Figma renoncent à leur projet de fusion\nAdobe a annoncé l'abandon du rachat de Figma.", {"acquisition:adobe|figma"}),
]


@pytest.mark.parametrize("text, expected", ANAPHORA)
def test_claims_anaphora_names_the_claim(analyse, text, expected):
    analysis = analyse(text)
    last = analysis.sentences[-1].index
    assert {m.key for m in analysis.mentions if m.sentence_index == last} == expected


@pytest.mark.parametrize("text, expected", HEADLINES)
def test_claims_headline_refers_forward(analyse, text, expected):
    analysis = analyse(text)
    assert {m.key for m in analysis.mentions if m.sentence_index == 0} == expected


def test_claims_dateline_city_is_no_party(analyse):
    keys = {m.key for m in analyse("LONDRES, 26 avril - La CMA a annoncé bloquer le rachat de Figma par Adobe.").mentions}
    assert not any("londres" in k for k in keys)




def test_claims_pronoun_after_a_person_is_not_the_company(analyse):
    """« Sundar Pichai est confiant : il… »: the nearest subject is the man, not Google."""
    text = "Google multiplie les rachats. Sundar Pichai est confiant : il a racheté Fitbit."
    assert "acquisition:google|fitbit" not in {m.key for m in analyse(text).mentions}


# (sentence, a relation it must not hold): constructions that look like the new triggers
NOT_CLAIMS = [
    ("Qualcomm a accepté l'offre de partenariat de Samsung.", "acquisition"),
    ("Les actionnaires de Twitter ont approuvé le rachat par Elon Musk.", "investment"),
    ("Les clients peuvent acheter le Galaxy S24 chez Samsung dès vendredi.", "acquisition"),
    ("Google a versé 2 milliards de dollars d'amende à la Commission européenne.", "investment"),
    ("L'Union européenne interdit aux constructeurs de vendre des chargeurs sans USB-C.", "sanction"),
]


@pytest.mark.parametrize("text, relation", NOT_CLAIMS)
def test_claims_lookalikes_are_not_claims(analyse, text, relation):
    assert not any(m.relation == relation for m in analyse(text).mentions)


# (text of several sentences, {claim key: stance} expected in its LAST sentence)
LAST_STANCES = [
    # a blocked deal named by a claim noun: the sanction, denied by the negation
    ("Salesforce rachète Slack. Le ministère américain de la Justice n'a pas bloqué la transaction.",
     {"sanction:gouvernement américain|salesforce": "denied"}),
    # « L'offre, qui…, valoriserait Qualcomm »: the claim noun is the subject of the conditional
    ("Broadcom voudrait racheter Qualcomm. L'offre, qui serait dévoilée lundi, valoriserait Qualcomm à 100 milliards de dollars.",
     {"acquisition:broadcom|qualcomm": "hedged"}),
    # « à l'issue de l'opération, qui devrait être bouclée… »: the deal is the relative's subject
    ("Salesforce rachète Slack. Les équipes de Slack rejoindront Salesforce à l'issue de l'opération, qui devrait être bouclée en juillet.",
     {"acquisition:salesforce|slack": "hedged"}),
]


@pytest.mark.parametrize("text, expected", LAST_STANCES)
def test_claims_stance_in_last_sentence(analyse, text, expected):
    analysis = analyse(text)
    last = analysis.sentences[-1].index
    assert {m.key: m.stance for m in analysis.mentions if m.sentence_index == last} == expected
