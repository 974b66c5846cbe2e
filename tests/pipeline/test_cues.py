"""Stance and cues of French sentences, through the whole pipeline (tracker_cues + extract)."""

from __future__ import annotations

import pytest

# (sentence, expected sentence stance, cue texts that must be found)
SENTENCES = [
    # conditional tagged indicative by spaCy's small model
    ("Leica chercherait actuellement à s'associer avec un autre fabricant.", "hedged", ["chercherait"]),
    ("Apple préparerait un iPhone pliable pour 2026.", "hedged", ["préparerait"]),
    ("Samsung envisagerait de racheter une start-up française.", "hedged", ["envisagerait"]),
    ("Un fabricant avec un logo orange serait sur le point de conclure l'affaire.", "hedged", ["sur le point de"]),
    ("Les deux parties auraient décidé de ne pas reconduire le partenariat.", "hedged", ["auraient"]),
    ("Il semble que Leica et Huawei ne travailleront plus ensemble.", "hedged", ["Il semble que"]),
    ("On imagine que cela est dû aux sanctions américaines.", "hedged", ["On imagine"]),
    ("Il est possible que Samsung reporte le lancement du Galaxy S25.", "hedged", ["Il est possible"]),
    ("Rumeur : Apple rachèterait Netflix.", "hedged", ["Rumeur", "rachèterait"]),
    ("Xiaomi va-t-il racheter Leica ?", "hedged", ["?"]),
    # imperfect, not conditional
    ("En 2016, Huawei préférait déjà les optiques de Leica.", "asserted", []),
    ("Le logo de Leica attirait les acheteurs.", "asserted", []),
    # attribution without hedge
    ("Selon Bloomberg, Microsoft rachète Activision Blizzard.", "reported", ["Selon"]),
    ("D'après le Wall Street Journal, Google investit dans Anthropic.", "reported", ["D'après"]),
    ("Brian Shen Yi Ren a déclaré que le partenariat n'avait pas été reconduit.", "reported", ["déclaré"]),
    # a hedge wins over an attribution
    ("Selon Bloomberg, Apple pourrait racheter Disney.", "hedged", ["pourrait", "Selon"]),
    # confirmations
    ("Xiaomi officialise son partenariat avec Leica.", "confirmed", ["officialise"]),
    ("C'est désormais officiel : Microsoft rachète Activision Blizzard.", "confirmed", ["C'est désormais officiel"]),
    ("Après un certain nombre de rumeurs, Xiaomi a confirmé une coopération avec Leica.", "confirmed", ["confirmé"]),
    # denials
    ("Hyundai dément toute discussion avec Apple.", "denied", ["dément"]),
    # pseudo-cue: not a hedge
    ("Le Galaxy S24 est sans aucun doute le meilleur smartphone de Samsung.", "asserted", []),
    # plain statement
    ("OnePlus s'est associé à Hasselblad pour ses OnePlus 9.", "asserted", []),
    # « no comment » and a rumour spoken of are statements, not hedges
    ("Interrogé, Nintendo n'a pas souhaité commenter.", "asserted", []),
    ("Sony n'a pas commenté ces informations.", "asserted", []),
    ("La rumeur circulait depuis plusieurs semaines.", "asserted", []),
    ("Comme l'annonçaient les rumeurs, les Pixel 9 sont équipés d'une puce Tensor G4.", "asserted", []),
    ("Selon plusieurs fuites, Oppo travaillerait avec Hasselblad.", "hedged", ["fuites", "travaillerait"]),
    # opinion and promise verbs attribute
    ("Les analystes tablent sur un lancement en 2027.", "reported", ["tablent"]),
    ("Le patron de Nvidia a promis de garder le siège d'Arm à Cambridge.", "reported", ["promis"]),
    ("Les clients d'Arm craignent de perdre sa neutralité.", "reported", ["craignent"]),
    # neither confirmed nor denied, not yet confirmed, expected, open questions: hedges
    ("Le groupe de Mountain View n'a ni confirmé ni démenti la rupture avec Huawei.", "hedged", ["n'a ni confirmé ni démenti"]),
    ("Ni Sony ni Nintendo n'ont pour l'heure confirmé l'information.", "hedged", ["n'ont pour l'heure confirmé"]),
    ("Le Pixel 10 est attendu en août.", "hedged", ["est attendu"]),
    ("Reste à savoir si Google sera lui aussi concerné.", "hedged", ["Reste à savoir"]),
    ("Sa disponibilité en Europe n'est pas garantie.", "hedged", ["n'est pas garantie"]),
    # a conditional denial verb is a hedge (the denial itself is only rumoured)
    ("Apple abandonnerait le port Lightning sur l'iPhone 15, selon Ming-Chi Kuo.", "hedged", ["abandonnerait"]),
    # blocking denies
    ("Le président américain a signé un décret bloquant l'offre de Broadcom sur Qualcomm.", "denied", ["bloquant"]),
    # …but an aim is not a denial, nor is a negated or restricted one
    ("La FTC a saisi la justice pour bloquer le rachat de Figma par Adobe.", "asserted", []),
    ("La décision ne peut être contestée que devant le tribunal de commerce.", "asserted", []),
    # a negated speech verb attributes nothing; a refusal to comment denies nothing
    ("Samsung et Google n'ont pas répondu à nos questions.", "asserted", []),
    ("Le constructeur ne précise pas le prix de l'appareil.", "asserted", []),
    ("Qualcomm n'a pas communiqué le montant de l'opération.", "asserted", []),
    ("Intel et AMD se sont refusés à tout commentaire.", "asserted", []),
    ("Sony a décliné tout commentaire.", "asserted", []),
    # a participle qualifying a noun recalls a past event; with an agent it still attributes
    ("Le GPU, fruit du partenariat annoncé en 2021 avec AMD, équipe le Galaxy S24.", "asserted", []),
    ("La fusion, révélée en juin par la presse coréenne, a surpris les analystes.", "reported", ["révélée"]),
    ("Comme l'avait révélé Bloomberg, Apple intègre donc bien Gemini à Siri.", "asserted", []),
    # the conditional of reported speech and of indirect questions; modals keep hedging
    ("La Commission s'est opposée au projet, estimant qu'il nuirait à la concurrence.", "reported", ["estimant"]),
    ("Amazon n'a pas précisé quand les livraisons commenceraient.", "asserted", []),
    ("Le ministre a annoncé que l'État devrait approuver plusieurs licences.", "hedged", ["devrait"]),
    # confirming talks confirms the talks, not the deal
    ("Renault confirme des discussions avec Nissan.", "hedged", ["confirme", "discussions"]),
    # denials: « ne … pas en discussions », « il n'y aura pas de », « mettre fin à leur projet »
    ("Sony et Honda ont indiqué qu'ils n'étaient pas en discussions avec Apple.", "denied", ["n'étaient pas en discussions"]),
    ("Il n'y aura donc pas de Pixel 9 Ultra cette année.", "denied", ["Il n'y aura donc pas de"]),
    ("Qualcomm et NXP mettent fin à leur projet de fusion.", "denied", ["mettent fin à leur projet"]),
    # accepting the offer confirms; « annonce » is a verb after a subject, a noun after « aucune »
    ("Le conseil d'administration de Slack accepte l'offre de Salesforce.", "confirmed", ["accepte l'offre"]),
    ("Oppo annonce un partenariat avec Hasselblad.", "confirmed", ["annonce"]),
    ("Aucune annonce n'est prévue pour les iPad.", "asserted", []),
    # hearsay: a confirmation verb vouched for by third parties only is reported
    ("Broadcom a finalisé le rachat de VMware, selon la presse américaine.", "reported", ["finalisé", "selon"]),
    # a quantified group's opinion attributes; a benefactive « pour » does not
    ("Pour de nombreux analystes, Apple a les moyens de racheter Disney.", "reported", ["Pour de nombreux"]),
    ("Pour les joueurs, rien ne change.", "asserted", []),
    # a conjunction of condition makes the sentence hypothetical
    ("Microsoft rachètera Activision Blizzard, à condition que la CMA donne son feu vert.", "hedged", ["à condition que"]),
    ("À moins que Bruxelles ne s'y oppose, Google finalisera le rachat de Fitbit en juin.", "hedged", ["À moins que"]),
    ("Au cas où le régulateur chinois bloque l'opération, Intel renoncera à Tower.", "hedged", ["Au cas où"]),
    ("Dans l'hypothèse où Arm entre en Bourse, SoftBank gardera la majorité du capital.", "hedged", ["Dans l'hypothèse où"]),
    # an aim is no plan: « pour étudier », « pour tenter de »
    ("La Nasa lance une sonde pour étudier un astéroïde.", "asserted", []),
    ("Les équipes de Google travaillent jour et nuit pour tenter de corriger la panne.", "asserted", []),
    # a relative's speech verb tells what its antecedent said, not who the sentence is from
    ("Le quotidien coréen, qui avait évoqué un rachat de Kia, n'a pas réagi.", "asserted", []),
    ("Une partie de l'industrie, qui redoute une hausse des prix, reste prudente.", "asserted", []),
    ("Le Sénat a adopté un texte qui bloque les importations de drones.", "asserted", []),
    ("Le Sénat bloque les importations de drones.", "denied", ["bloque"]),
    ("Le Wall Street Journal, qui cite des sources proches du dossier, affirme que le groupe a doublé ses ventes.", "reported", ["affirme"]),
    # a plan or an intention under negation is a refusal; in the conditional, a rumoured one
    ("Apple n'a pas l'intention de racheter Netflix.", "denied", ["intention de"]),
    ("Samsung n'envisage pas de racheter AMD.", "denied", ["envisage"]),
    ("Apple ne chercherait pas à racheter Netflix.", "hedged", ["chercherait"]),
    ("Apple a l'intention de racheter Netflix.", "asserted", []),
    # « décrire » reports what a speaker says
    ("Lisa Su décrit ce partenariat comme une étape majeure.", "reported", ["décrit"]),
]


@pytest.mark.parametrize("text, stance, cues", SENTENCES)
def test_cues_sentence_stance(analyse, text, stance, cues):
    sentences = analyse(text).sentences
    assert len(sentences) == 1
    s = sentences[0]
    assert s.stance == stance, [(c.text, c.kind) for c in s.cues]
    found = [c.text for c in s.cues]
    for cue in cues:
        assert cue in found


def test_cues_keep_exact_article_text(analyse):
    """Evidence quotes the article as written: typographic apostrophes stay."""
    s = analyse("D’après lui, Leica pourrait s’associer à Xiaomi.").sentences[0]
    assert s.text == "D’après lui, Leica pourrait s’associer à Xiaomi."
    assert "D’après" in [c.text for c in s.cues]


def test_cues_future_in_the_past_is_not_a_hedge(analyse):
    s = analyse("Le PDG a dit qu'il ne s'entendrait jamais avec Nvidia.").sentences[0]
    assert "entendrait" not in [c.text for c in s.cues]
    assert s.stance == "reported"
    # the seller's own head refusing the sale: a denial, not a hedged rumour
    a = analyse("Le PDG a dit qu'il ne vendrait jamais Arm à Nvidia.")
    assert "vendrait" not in [c.text for c in a.sentences[0].cues if c.kind == "hedge"]
    assert [(m.key, m.stance) for m in a.mentions] == [("acquisition:nvidia|arm", "denied")]


def test_cues_source_of_selon(analyse):
    s = analyse("D'après les informations de l'ex-vice-président d'OPPO, Leica pourrait conclure un partenariat avec Xiaomi.").sentences[0]
    assert s.source == "ex-vice-président d'OPPO"


@pytest.mark.parametrize(
    "text, key, stance",
    [
        # the speaker's company (gazetteer) is the party the relation leaves unnamed
        ("Satya Nadella a assuré que le partenariat avec OpenAI durerait.", "partnership:microsoft|openai", "confirmed"),
        # … or the company an apposition names, when the title is a current office
        ("Jean Dupont, le président de Renault, a déclaré que l'alliance avec Nissan se poursuivrait.", "partnership:nissan|renault", "confirmed"),
    ],
)
def test_cues_speaker_speaks_for_their_company(analyse, text, key, stance):
    mentions = {m.key: m for m in analyse(text).mentions}
    assert key in mentions, sorted(mentions)
    assert mentions[key].stance == stance
    assert analyse(text).sentences[0].stance == stance


def test_cues_former_title_does_not_speak_for_the_company(analyse):
    s = analyse("Paul Martin, cofondateur de Renault, a jugé dangereux le partenariat entre Renault et Google.").sentences[0]
    assert s.stance == "reported"
    assert s.source == "Paul Martin"


def test_cues_pour_de_nombreux_names_the_group(analyse):
    assert analyse("Pour de nombreux analystes, Apple a les moyens de racheter Disney.").sentences[0].source == "analystes"


def test_cues_a_speech_denial_is_the_deniers_word(analyse):
    """« Nintendo dément … »: the denier speaks (party), « ne … pas » alone is the writer's own."""
    from tracker.stance import factuality

    spoken = analyse("Nintendo dément préparer une Switch Pro.").mentions[0]
    plain = analyse("Nintendo ne lancera pas de Switch Pro.").mentions[0]
    assert (spoken.stance, factuality(spoken.stance, spoken.cues)["source"]) == ("denied", "party")
    assert (plain.stance, factuality(plain.stance, plain.cues)["source"]) == ("denied", "writer")


@pytest.mark.parametrize("text, entity, flags", [
    ("Si le rachat aboutit, Qualcomm deviendra le premier fondeur.", "rachat", {"hypothesis": True}),
    ("Pour peu que les régulateurs acceptent, la fusion sera bouclée.", "régulateurs", {"hypothesis": True}),
    ("Le fondateur nie avoir vendu ses actions.", "actions", {"reported": True, "negation": True}),
    ("Le fondateur dément avoir vendu ses actions.", "actions", {"reported": True, "negation": True}),
    ("La Nasa lance une sonde pour étudier un astéroïde.", "astéroïde", {"hypothesis": False}),
    ("Le débit est mesuré en bits par seconde, l'unité SI du domaine.", "domaine", {"hypothesis": False}),
])
def test_cues_qualifiers_of_an_entitys_clause(nlp, text, entity, flags):
    from tracker.extract import qualifiers_at
    from tracker.normalise import normalise

    got = qualifiers_at(nlp(normalise(text)), text, text.index(entity))
    assert {k: got[k] for k in flags} == flags


@pytest.mark.parametrize("text, key, stance", [
    ("Si Microsoft rachète Activision Blizzard, Sony perdra Call of Duty.", "acquisition:microsoft|activision blizzard", "hedged"),
    ("Apple lancera l'iPhone 16 en septembre, même si Samsung a lancé le Galaxy S24 en janvier.", "launch:samsung|galaxy s24", "asserted"),
])
def test_cues_a_condition_hedges_its_claims_a_concession_does_not(analyse, text, key, stance):
    mentions = {m.key: m.stance for m in analyse(text).mentions}
    assert mentions.get(key) == stance, mentions


@pytest.mark.parametrize("text, stance, polarity", [
    ("Apple n'a pas l'intention de racheter Netflix.", "denied", "negative"),
    ("Microsoft ne veut pas racheter Nintendo.", "denied", "negative"),
    ("Apple ne chercherait pas à racheter Netflix.", "hedged", "negative"),
    ("Apple chercherait à racheter Netflix.", "hedged", "positive"),
])
def test_cues_a_refused_plan_denies_its_deal(analyse, text, stance, polarity):
    from tracker.stance import factuality

    m = analyse(text).mentions[0]
    assert (m.stance, factuality(m.stance, m.cues)["polarity"]) == (stance, polarity)


@pytest.mark.parametrize("text, key, stance", [
    # a negation inside a relative that qualifies a noun does not negate the claim
    ("Salesforce serait en discussions pour racheter Slack. L'opération, dont le montant n'a pas été dévoilé, "
     "pourrait être annoncée la semaine prochaine.", "acquisition:salesforce|slack", "hedged"),
    ("Apple, qui n'a pas souhaité commenter, rachètera Netflix.", "acquisition:apple|netflix", "asserted"),
    ("Apple, qui n'a pas souhaité commenter, ne rachètera pas Netflix.", "acquisition:apple|netflix", "denied"),
    # « pas le seul »: others do too
    ("Huawei ne serait pas le seul à s'associer avec Leica.", "partnership:huawei|leica", "hedged"),
])
def test_cues_only_a_negation_of_the_claim_makes_it_negative(analyse, text, key, stance):
    from tracker.stance import factuality

    mentions = [m for m in analyse(text).mentions if m.key == key]
    assert mentions and all(m.stance == stance for m in mentions), [(m.stance, m.cues) for m in mentions]
    expected = "negative" if stance == "denied" else "positive"
    assert {factuality(m.stance, m.cues)["polarity"] for m in mentions} == {expected}
