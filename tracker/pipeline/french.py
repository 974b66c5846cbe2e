"""French function words the pipeline's rules read, defined once.

Lower-case forms, with the straight apostrophe (the tokens' text is compared after replacing « ’ »).
"""

from __future__ import annotations

# words that may stand between a preposition or a verb and the name it introduces, beside the
# determiners proper: « comme Xiaomi », « notamment Honor », « la même firme », « aussi Oppo »
DETERMINERS = frozenset({"le", "la", "les", "l'", "un", "une", "son", "sa", "ses", "leur", "leurs", "ce", "cette", "ces",
                         "notamment", "comme", "même", "aussi"})
POSSESSIVES = frozenset({"son", "sa", "ses", "leur", "leurs"})
PARTITIVES = frozenset({"de", "d'", "du", "des"})
# « selon Bloomberg », « d'après Reuters », « de source proche du dossier »
ATTRIBUTION_PREPS = frozenset({"selon", "d'après"})
# verbs whose subject is the source of what they govern or of the sentence they follow
# (« Bloomberg rapporte que… », « …, a appris Reuters », « écrit le Financial Times »)
ATTRIBUTION_LEMMAS = frozenset({"rapporter", "apprendre", "indiquer", "écrire", "affirmer", "révéler", "assurer", "expliquer",
                                "souligner", "préciser", "dévoiler", "citer", "selon", "croire", "relayer", "avancer",
                                "évoquer", "confier", "rappeler", "estimer", "ajouter", "signaler", "déclarer", "dire"})
RELATIVE_PRONOUNS = frozenset({"qui", "lequel", "laquelle", "lesquels", "lesquelles"})
SUBJECT_PRONOUNS = frozenset({"il", "elle", "ils", "elles", "on", "ce", "c'", "cela", "ça"})
# the subject pronouns that stand for one organisation named before (« il », « elle »)
PERSONAL_SUBJECTS = frozenset({"il", "elle"})
# verbs whose « il » stands for nothing (« il semble que », « il faut », « il s'agit de »)
IMPERSONAL_LEMMAS = frozenset({"sembler", "falloir", "agir", "paraître", "rester", "manquer", "exister", "pleuvoir", "valoir", "suffire"})
# nouns through which a deal noun takes the subject of the verb that governs them: « Nvidia renonce
# à son projet de rachat d'Arm », « Intel a trouvé un accord en vue de l'acquisition de Tower »,
# « Tencent a déposé une offre de rachat sur Ubisoft »
SUPPORT_NOUNS = frozenset({"projet", "projets", "offre", "offres", "proposition", "abandon", "annonce", "finalisation",
                           "officialisation", "échec", "conclusion", "bouclage", "annulation", "vue", "cadre", "négociation",
                           "négociations", "discussion", "discussions", "pourparlers", "tractations", "accord", "intention",
                           "volonté", "plan", "plans", "tentative", "idée", "course", "perspective", "objectif", "processus",
                           "étude", "examen", "feu", "approbation", "autorisation", "opération", "transaction", "dossier"})
# nouns that name someone else than the name after their « de »: « le propriétaire d'Europe 1 » is
# not Europe 1, « la maison mère de Google » is not Google (« la division PC de Toshiba » is part of it)
RELATIONAL_NOUNS = frozenset({"propriétaire", "propriétaires", "maison-mère", "mère", "actionnaire", "actionnaires", "patron",
                              "patronne", "fondateur", "fondatrice", "dirigeant", "dirigeants", "pdg", "président", "présidente",
                              "directeur", "directrice", "client", "clients", "fournisseur", "fournisseurs", "créateur", "créatrice"})
# prepositions that open another phrase than the one a role's name sits in (« racheter Arm pour 40
# milliards », « le rachat de Tower par Intel »)
CLAUSE_PREPOSITIONS = frozenset({"pour", "par", "dans", "en", "à", "au", "aux", "avec", "sur", "contre", "auprès", "afin", "selon", "d'après", "entre", "chez", "après", "avant", "depuis", "lors", "que", "qui", "dont", "où"})
# capitalised words that are no company: dates, and words capitalised after a quote or a colon
NOT_NAMES = frozenset({"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                       "novembre", "décembre", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
                       "europe", "chine", "france", "etats-unis", "états-unis", "japon", "inde", "allemagne"})
# « racheter 30 % des parts de », « une participation de 10 % »: a share, not the whole company
STAKE_NOUNS = frozenset({"participation", "participations", "part", "parts", "stake", "actions", "titres"})
# participles whose « par » names where a piece of news came from (« révélées par le WSJ »)
PASSIVE_SOURCES = frozenset({"révéler", "divulguer", "suivre", "rapporter", "relayer", "dévoiler", "évoquer", "publier", "citer", "éventer"})
# the end of an amount (« pour 5,4 milliards de dollars »)
CURRENCIES = frozenset({"dollars", "euros", "$", "€", "wons", "yens", "yuans", "livres", "francs"})
# the last word of many company names, French and English (« Zhejiang Dongfang Cie », « Atlantic Networks »)
COMPANY_SUFFIXES = frozenset({"cie", "group", "groupe", "inc", "inc.", "corp", "corp.", "corporation", "sa", "sas", "ag", "ltd", "limited",
                              "holding", "holdings", "communications", "networks", "capital", "technologies", "industries", "motor", "motors",
                              "systems", "partners", "ventures", "management", "telecom", "télécom", "electronics", "semiconductor", "semiconductors"})
