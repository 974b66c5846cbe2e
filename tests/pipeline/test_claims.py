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
    # a model name ends where another name begins; a period glued to the last name is not part of it
    ("Sony préparerait une PlayStation 5 Pro 8K.", {"launch:sony|playstation 5 pro": "hedged"}),
    ("Le Pixel 9 adopte enfin un port USB-C.", {"feature:pixel 9|usb-c": "asserted"}),
    # « et » between two products joins names, even when the tagger reads « Ultra » as a verb
    ("Samsung a dévoilé hier ses Galaxy S24, S24+ et S24 Ultra lors de son événement.",
     {"launch:samsung|galaxy s24": "asserted", "launch:samsung|galaxy s24+": "asserted", "launch:samsung|galaxy s24 ultra": "asserted"}),
    # a participle after a noun qualifies it: « intégré » is not a predicate here
    ("Le Galaxy S24 Ultra, équipé d'un stylet S Pen intégré, remplace la gamme Note.", {"feature:galaxy s24 ultra|s pen": "asserted"}),
    ("Le Pixel 9 a intégré un capteur LiDAR.", {"feature:pixel 9|lidar": "asserted"}),
    # « sortir » with a product as subject: the product is launched, by its maker
    ("La PlayStation 5 Pro sortira le 7 novembre.", {"launch:sony interactive entertainment|playstation 5 pro": "asserted"}),
    ("Google travaille sur un nouveau téléphone, le Pixel 9, qui sortirait en août.", {"launch:google|pixel 9": "hedged"}),
    ("Apple sortira l'iPhone 16 en septembre.", {"launch:apple|iphone 16": "asserted"}),
    ("Huawei pourrait sortir de la liste noire américaine.", {}),
    # « sans » a component: a denied feature, not a denied launch
    ("Sony officialise la PlayStation 5 Pro, sans lecteur Blu-ray.", {"launch:sony|playstation 5 pro": "confirmed", "feature:playstation 5 pro|lecteur blu-ray": "denied"}),
    ("Le Pixel 9 est officiel, mais sans la recharge sans fil.", {"launch:google|pixel 9": "confirmed", "feature:pixel 9|recharge sans fil": "denied"}),
    ("Le Pixel 9 est vendu 899 euros, sans surprise.", {"launch:google|pixel 9": "asserted"}),
    ("Sans aucun doute, le Pixel 9 intègre la recharge sans fil.", {"feature:pixel 9|recharge sans fil": "asserted"}),
    # the component as subject, the product as object; a company as subject is not a component
    ("La puce Tensor G4 devrait équiper les Pixel 9.", {"feature:pixel 9|tensor g4": "hedged"}),
    ("Le Snapdragon 8 Gen 3 anime le Xiaomi 14 Ultra.", {"feature:xiaomi 14 ultra|snapdragon 8 gen 3": "asserted"}),
    ("Samsung équipera le Galaxy S24 de sa propre puce.", {}),
    # « intégrer X à Y »: with no product before the verb, the product comes after « à » or « dans »
    ("Google voudrait intégrer Gemini à son navigateur Chrome.", {"feature:chrome|gemini": "hedged"}),
    ("Apple intègre le port USB-C dans l'iPhone 15.", {"feature:iphone 15|usb-c": "asserted"}),
    ("Google intégrera Gemini à ses futurs appareils.", {}),
    # « dont » makes its antecedent a complement: « des images du P70 » were unveiled, not the P70
    ("Huawei prépare le Huawei P70, dont des images ont déjà été dévoilées.", {"launch:huawei|huawei p70": "asserted"}),
    # a product that there will (not) be: a launch, denied by the negation around it
    ("Il y aura bien une PlayStation 5 Pro, selon Bloomberg.", {"launch:sony interactive entertainment|playstation 5 pro": "reported"}),
    ("Il n'y aura donc pas de Galaxy S25 Ultra cette année.", {"launch:samsung|galaxy s25 ultra": "denied"}),
    ("Il y aura des annonces de Samsung.", {}),
    # « afficher » a component; its negation denies the feature
    ("La Switch 2 affiche la 4K sur un téléviseur.", {"feature:switch 2|4k": "asserted"}),
    ("La Switch 2 n'affiche toujours pas la 8K sur un téléviseur.", {"feature:switch 2|8k": "denied"}),
    # a participle set off by a comma states its own fact, outside the hedge of the clause before it;
    # « attendu » states an expectation and stays under it
    ("Sony espérerait relancer les ventes de la PlayStation 5, sortie en 2020.", {"launch:sony interactive entertainment|playstation 5": "asserted"}),
    ("Le Pixel 9 serait animé par le Snapdragon 8 Gen 3 de Qualcomm, dévoilé le mois dernier.",
     {"feature:pixel 9|snapdragon 8 gen 3": "hedged", "launch:qualcomm|snapdragon 8 gen 3": "asserted"}),
    ("Apple adopterait l'USB-C sur l'iPhone 16, attendu en septembre.", {"launch:apple|iphone 16": "hedged"}),
    ("Sony voudrait relancer les ventes de la PlayStation 5, sortie en 2020.\n\nSource : Bloomberg",
     {"launch:sony interactive entertainment|playstation 5": "asserted"}),
    # a verbless headline question naming a product and a date asks whether it will be launched
    ("Exclusif : un Pixel 9 Pro en août à la place du Pixel Fold ?", {"launch:google|pixel 9 pro": "hedged"}),
    ("Vision Pro : un casque moins cher dès l'année prochaine ?", {"launch:apple|vision pro": "hedged"}),
    # without a date, or with a finite verb, it asks something else
    ("Un Pixel 9 Pro pliable ?", {}),
    ("Pourquoi le Pixel 9 Pro coûte-t-il si cher en 2024 ?", {}),
    # a code name after « puce », « modem », « capteur » is a component, whatever the NER calls it
    ("L'Apple Watch Series 10 est dotée d'une nouvelle puce S10.", {"feature:apple watch series 10|s10": "asserted"}),
    ("Le Galaxy S24 serait animé par une puce maison.", {}),
    # sanctions name the top authority; blocking a deal sanctions its buyer
    ("Huawei a été placé sur liste noire par le département du Commerce.", {"sanction:gouvernement américain|huawei": "asserted"}),
    ("Donald Trump préparerait un décret pour bannir ZTE des réseaux américains.", {"sanction:gouvernement américain|zte": "hedged"}),
    ("La CMA a annoncé mercredi bloquer l'acquisition d'Activision Blizzard par Microsoft.",
     {"sanction:cma|microsoft": "confirmed", "acquisition:microsoft|activision blizzard": "denied"}),
    # an organisation named after « de » is not the subject
    ("Il s'agira de la plus récente collaboration en date du spécialiste de la photo allemand après Sharp, Huawei et Panasonic.", {}),
    # partnerships: verb forms the tagger calls nouns, « ensemble », « liés par », suppliers, « se tourner vers »
    ("Sony collabore depuis 2019 avec Zeiss sur ses objectifs.", {"partnership:sony|zeiss": "asserted"}),
    ("Renault et Nissan auraient travaillé ensemble sur la batterie.", {"partnership:nissan|renault": "hedged"}),
    ("Sony et Honda sont liés par un accord de coentreprise.", {"partnership:honda|sony": "asserted"}),
    ("Nintendo se fournit en puces auprès de Nvidia.", {"partnership:nintendo|nvidia": "asserted"}),
    ("Samsung, qui fournit des écrans OLED à Apple, augmente ses prix.", {"partnership:apple|samsung": "asserted"}),
    ("Le groupe fournit des mises à jour à tous ses clients.", {}),
    ("Ford pourrait se tourner vers Volkswagen.", {"partnership:ford|volkswagen": "hedged"}),
    ("Après Sony, c'est au tour de Nokia de s'allier avec Zeiss.", {"partnership:nokia|zeiss": "asserted"}),
    ("Oppo, maison mère de OnePlus, collabore avec Zeiss.", {"partnership:oppo|zeiss": "asserted"}),
    # « la signature / le renouvellement de son accord »: the noun stays the predicate
    ("Google a annoncé le renouvellement de son accord avec Samsung.", {"partnership:google|samsung": "confirmed"}),
    # a product co-designed with a company: the product stands for its maker
    ("Le Galaxy S24, co-développé avec Qualcomm, arrive en France.", {"partnership:qualcomm|samsung": "asserted"}),
    ("Le Galaxy S25 a été conçu en partenariat avec Qualcomm.", {"partnership:qualcomm|samsung": "asserted"}),
    # an agreement to buy is the acquisition, not a partnership with the seller
    ("Google a signé un accord pour racheter Fitbit auprès de ses fondateurs.", {"acquisition:google|fitbit": "confirmed"}),
    # English tweets quoted in an article: « & », « with », « between », « may »
    ("Oppo & Vivo may sign a new contract with Zeiss.", {"partnership:oppo|zeiss": "hedged", "partnership:vivo|zeiss": "hedged"}),
    ("Contract between Oppo & Zeiss is ended now.", {"partnership_end:oppo|zeiss": "asserted"}),
    # partnership ends: suspending relations, « rupture entre », skipping a supplier, dropping its parts
    ("Selon Reuters, Microsoft suspendrait ses relations avec ZTE.", {"partnership_end:microsoft|zte": "hedged"}),
    ("Apple a suspendu une partie de ses activités avec Foxconn.", {"partnership_end:apple|foxconn": "asserted"}),
    ("La rupture entre Renault et Nissan est consommée.", {"partnership_end:nissan|renault": "asserted"}),
    ("Le Galaxy S25 pourrait faire l'impasse sur Qualcomm.", {"partnership_end:qualcomm|samsung": "hedged"}),
    ("Huawei a dû abandonner les puces de Qualcomm.", {"partnership_end:huawei|qualcomm": "asserted"}),
    # a descriptor in apposition keeps the coordination: two partners
    ("Apple pourrait s'associer avec Toyota ou le constructeur japonais Nissan.",
     {"partnership:apple|toyota": "hedged", "partnership:apple|nissan": "hedged"}),
    # a company named with « avec » beside a launch is the launcher's partner; a component is not
    ("Xiaomi présente le Xiaomi 14 avec Leica.", {"launch:xiaomi|xiaomi 14": "asserted", "partnership:leica|xiaomi": "asserted"}),
    ("Oppo officialise le Find X5 avec un capteur Sony.", {"launch:oppo|find x5": "confirmed"}),
    # a directional trigger does not make its coordinated subjects partners of each other
    ("Samsung et LG se tournent vers l'IA.", {}),
    ("Xiaomi et Oppo ont choisi le Snapdragon 8 Gen 3.", {}),
    ("Intel et AMD auraient cessé de livrer des puces en Chine.", {}),
    ("Sony et Nikon se fournissent en capteurs auprès de Samsung.", {"partnership:samsung|sony": "asserted", "partnership:nikon|samsung": "asserted"}),
    ("Apple se passe de chargeur.", {}),
    # a company chosen is a partner, a product chosen is not; a wish is not a claim
    ("Apple aurait choisi Kia pour assembler sa voiture.", {"partnership:apple|kia": "hedged"}),
    ("Apple aurait choisi le Snapdragon 8 Gen 3 pour son iPhone.", {}),
    ("Samsung et LG souhaitent continuer à travailler avec Huawei.", {}),
    # « des » after a verb is an article; a relative then coordinated clause shares the subject before it
    ("Apple Car : Hyundai confirme des discussions avec Apple", {"partnership:apple|hyundai": "hedged"}),
    ("Sony, qui avait annoncé puis retardé des discussions avec Honda, se tait.", {"partnership:honda|sony": "hedged"}),
    # a relation named in a « de » complement is background, even with both parties
    ("Le Galaxy S25, premier fruit de la collaboration entre Samsung et Qualcomm, arrive.", {}),
    ("Intel, AMD, Xilinx et Broadcom auraient cessé de livrer Huawei.",
     {"partnership_end:huawei|intel": "hedged", "partnership_end:amd|huawei": "hedged",
      "partnership_end:huawei|xilinx": "hedged", "partnership_end:broadcom|huawei": "hedged"}),
    # the antecedent of « avec qui / avec lequel » is the partner; a pronoun subject is the main clause's
    ("Apple a retrouvé Samsung, avec qui Xiaomi a signé un accord en 2020.", {"partnership:samsung|xiaomi": "confirmed"}),
    ("Apple a retrouvé Samsung, avec qui il a signé un accord en 2020.", {"partnership:apple|samsung": "confirmed"}),
    # « C'est officiel : » confirms the clause after the colon
    ("C'est officiel : Renault et Nissan ne travailleront plus ensemble.", {"partnership_end:nissan|renault": "confirmed"}),
    # a « que » clause's pronoun is its governor's subject; a negation wrapped around the trigger denies it
    ("Hyundai et Kia ont indiqué qu'ils n'étaient pas en discussions avec Apple.",
     {"partnership:apple|hyundai": "denied", "partnership:apple|kia": "denied"}),
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
    # the partnership in the « si » clause is a hypothesis: hedged, not confirmed by « se concrétise »
    assert [m.stance for m in analyse(text).mentions if m.sentence_index == 2] == ["hedged"]
    assert by_key["partnership:leica|sharp"].expected_by is None


# launch and feature rumours expected at a date relative to the article's (2024-01-15); a stated claim has none
EXPECTED = [
    ("Apple pourrait présenter l'iPhone 16 en juillet.", "launch:apple|iphone 16", "2024-07-31"),
    ("Le Pixel 9 serait lancé l'année prochaine.", "launch:google|pixel 9", "2025-12-31"),
    ("Sony préparerait une PlayStation 5 Pro d'ici la fin de l'année.", "launch:sony|playstation 5 pro", "2024-12-31"),
    ("Le OnePlus 15 serait attendu en Chine dans les prochaines semaines.", "launch:oneplus|oneplus 15", "2024-03-31"),
    ("L'iPhone 16 serait équipé d'un port USB-C l'année prochaine.", "feature:iphone 16|usb-c", "2025-12-31"),
    ("Apple prépare un iPhone 16.\nLe lancement serait prévu en septembre.", "launch:apple|iphone 16", "2024-09-30"),
    ("Apple lancera l'iPhone 16 en septembre.", "launch:apple|iphone 16", None),
    # a season: its last month
    ("Apple pourrait présenter l'iPhone 16 d'ici au printemps 2025.", "launch:apple|iphone 16", "2025-06-30"),
    ("Sony pourrait lancer la PlayStation 5 Pro cet automne.", "launch:sony|playstation 5 pro", "2024-12-31"),
    ("Le Pixel 9 a été présenté, et Google pourrait lancer le Pixel 9 Pro.", "launch:google|pixel 9 pro", None),
]


@pytest.mark.parametrize("text, key, expected", EXPECTED)
def test_claims_launch_and_feature_expected_by(analyse, text, key, expected):
    dates = {m.expected_by.isoformat() if m.expected_by else None for m in analyse(text).mentions if m.key == key}
    assert (expected in dates) if expected else dates == {None}


def test_claims_past_hearsay_has_no_expected_date(analyse):
    # « aurait signé cette année »: a past event reported, not a rumour expected by the end of the year
    past = analyse("Selon le journal, Sony aurait signé cette année un contrat avec Zeiss.").mentions
    assert [(m.key, m.stance, m.expected_by) for m in past] == [("partnership:sony|zeiss", "hedged", None)]
    future = analyse("Selon le journal, Sony pourrait signer cette année un contrat avec Zeiss.").mentions
    assert [m.expected_by.month for m in future] == [12]


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
    # a name inside a fronted prepositional phrase is not the salient subject
    ("Puisque les sanctions contre Huawei durent, Leica pourrait se tourner vers Xiaomi. Le géant chinois pourrait signer un partenariat avec Leica.",
     {"partnership:leica|xiaomi"}),
    # « les deux groupes » are the two last named together, not the sentence's subject
    ("Intel a renoncé, juste après la réconciliation entre Sony et Honda. Les deux groupes avaient alors signé un accord.",
     {"partnership:honda|sony"}),
    # a noun with a definite determiner refers to the claim already stated
    ("Salesforce serait en discussions pour racheter Slack. L'opération pourrait être annoncée la semaine prochaine.",
     {"acquisition:salesforce|slack"}),
    ("Broadcom voudrait racheter Qualcomm. Le rachat de Qualcomm n'aura donc pas lieu.",
     {"acquisition:broadcom|qualcomm"}),
    # an indefinite noun introduces something new: no claim
    ("Salesforce serait en discussions pour racheter Slack. Une opération de cette taille est rare.", set()),
    # an apposition is its name, not a descriptor
    ("Intel domine le marché. Le fabricant de puces Broadcom pourrait racheter Qualcomm.", {"acquisition:broadcom|qualcomm"}),
    # a model named without its series takes the series of a product, or the brand, named before it
    ("Samsung a dévoilé le Galaxy S24. Le S24 Ultra serait équipé d'un écran OLED.", {"feature:galaxy s24 ultra|écran oled"}),
    ("Huawei présente le Mate 60. Il officialise aussi le 60 Pro.", {"launch:huawei|huawei mate 60 pro"}),
    ("Xiaomi lance le 12S Ultra.", {"launch:xiaomi|xiaomi 12s ultra"}),
    # a product named again by a common noun or a pronoun: the product of the sentences before it
    ("Le Pixel 9 Pro est vendu 1 099 euros. Le smartphone serait animé par la puce Tensor G4.", {"feature:pixel 9 pro|tensor g4"}),
    ("Sony prépare une PlayStation 5 Pro. La console prendrait en charge la 8K sur un téléviseur.", {"feature:playstation 5 pro|8k"}),
    ("Le Pixel 9 Pro est vendu 1 099 euros. Il est propulsé par la puce Tensor G4.", {"feature:pixel 9 pro|tensor g4"}),
    ("Google présente le Pixel 9 et le Pixel 9 Pro. Les deux appareils sont équipés d'un écran OLED.",
     {"feature:pixel 9|écran oled", "feature:pixel 9 pro|écran oled"}),
    ("Le Pixel 9 et le Pixel 9 Pro sont vendus dès aujourd'hui. Ils adoptent un châssis en titane.",
     {"feature:pixel 9|châssis en titane", "feature:pixel 9 pro|châssis en titane"}),
    # a pronoun names the subject of the sentence before: here the company, not its product
    ("Google présente le Pixel 9. Il intègre aussi la recharge sans fil.", set()),
    # ... unless only a product can be the subject (« dotée d'un écran »): then the product named first
    ("Google présente mardi son nouveau téléphone, le Pixel 9. Il est doté d'un écran OLED.", {"feature:pixel 9|écran oled"}),
    ("Le Pixel 9 Pro est vendu 1 099 euros. Il semble équipé d'un écran OLED.", {"feature:pixel 9 pro|écran oled"}),
    ("Samsung a dévoilé le Galaxy S24 et le Galaxy S24+. Ils sont équipés d'un écran OLED.",
     {"feature:galaxy s24|écran oled", "feature:galaxy s24+|écran oled"}),
    # a chip noun names a chip; a name introduced by another noun (« le capteur ») is neither
    ("Le Galaxy S24 serait équipé du capteur Sony IMX989. Le smartphone intégrerait la recharge sans fil.", {"feature:galaxy s24|recharge sans fil"}),
    # an impersonal « il », a noun followed by a name, a generic plural: no reference
    ("Le Pixel 9 Pro est vendu 1 099 euros. Il semble que Google prépare un écran OLED.", set()),
    ("Google présente le Pixel 9. Le smartphone Galaxy S24 intégrerait la recharge sans fil.", {"feature:galaxy s24|recharge sans fil"}),
    ("Google présente le Pixel 9 et le Pixel 9 Pro. Les smartphones adoptent souvent un écran OLED.", set()),
    # « sans » + a verb is no component: it does not name the feature stated before
    ("Le Pixel 9 serait équipé d'un écran OLED. Google confirme que le smartphone sera présenté en août, sans dévoiler son prix.",
     {"launch:google|pixel 9"}),
    # a claim noun that is part of a name (« le projet Titan ») refers to no claim
    ("Apple préparerait une Apple Car. Le projet Titan, lancé en 2014, a connu de nombreux revirements.", set()),
    # a launch noun after a preposition dates something else: it refers to no launch
    ("Apple a présenté l'iPhone 16. Le groupe n'a jamais cité Bruxelles pendant la présentation.", set()),
    ("Apple prépare un iPhone 16. Le lancement est attendu en septembre.", {"launch:apple|iphone 16"}),
    # a reference at the very end of the text
    ("Google présente le Pixel 9. Voici le modèle phare", set()),
    # a date is not a model
    ("Samsung a dévoilé le Galaxy S24. Le 12 mars, Samsung lancera le S24 Ultra.", {"launch:samsung|galaxy s24 ultra"}),
    # four suppliers stop delivering the company a descriptor names
    ("Huawei a été placé sur liste noire. Intel et AMD auraient cessé de livrer le géant chinois.",
     {"partnership_end:huawei|intel", "partnership_end:amd|huawei"}),
    # a partnership noun with no party refers to the latest claim when the clause is about its status,
    # even a claim of its end; not when the partnership is background
    ("Sony et Zeiss ne collaboreraient plus ensemble. Leur partenariat avait été conclu en 2005.", {"partnership:sony|zeiss"}),
    ("Sony et Honda ont signé un accord. Si ce partenariat se concrétise, il pourrait être annoncé en mars.", {"partnership:honda|sony"}),
    ("Xiaomi et Leica ont signé un partenariat. Ce partenariat permettra à Xiaomi de rattraper Apple.", set()),
    ("Samsung et AMD ont signé un partenariat. Le partenariat avec AMD porte sur les GPU.", {"partnership:amd|samsung"}),
    ("Samsung et AMD ont signé un partenariat. Le Galaxy S25 est le premier fruit de son partenariat avec AMD.", set()),
    # an indefinite agreement about its status is the deal under discussion; not when it is background
    ("Renault serait en discussions avec Nissan. Un accord pourrait être signé dès le mois de mars.", {"partnership:nissan|renault"}),
    ("Renault serait en discussions avec Nissan. Un accord de cette taille serait une première.", set()),
    # the terms of the deal (« dans le cadre de cet accord ») are about it; a judgement on it is not
    ("Sony et Honda ont signé un partenariat. Dans le cadre de cet accord, Honda fournira les batteries.", {"partnership:honda|sony"}),
    ("Sony et Honda ont signé un partenariat. Cet accord est une bonne nouvelle pour Honda.", set()),
    # « la start-up » is a descriptor; a product named as the partner stands for its maker
    ("Anthropic a levé des fonds. La start-up est cliente de Google Cloud, avec lequel elle aurait signé un contrat.",
     {"partnership:anthropic|google"}),
    # « Rien n'est encore signé » says where the deal stated before stands, whatever its relation
    ("Renault serait en discussions avec Nissan. Rien n'est encore signé.", {"partnership:nissan|renault"}),
    ("Microsoft voudrait racheter Activision Blizzard. Rien n’est encore signé.", {"acquisition:microsoft|activision blizzard"}),
    # « l'accord » with no party of its own is the deal already stated, whatever its relation
    ("Microsoft rachète Activision Blizzard. Les deux groupes ont mis fin à l'accord.", {"acquisition:microsoft|activision blizzard"}),
    # an unnamed new partner, a named project: no claim
    ("Leica et Huawei s'étaient associés en 2016. Leica chercherait à s'associer avec un autre fabricant.", set()),
    ("Apple et Hyundai seraient en discussions. Le projet Titan a été lancé en 2014.", set()),
    ("Samsung fournit des écrans à Apple. Le groupe a déclaré qu'il continuerait à fournir des mises à jour à ses clients.", set()),
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
