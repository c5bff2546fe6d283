"""French cue lexicon (same modes as `patterns/en.py`). Phrases are matched on folded text:
lower-case, no accents, straight apostrophes ("l'appui", "grace a")."""
from __future__ import annotations

LANG = "fr"

CUES: list[tuple[str, str, float, str, list[str]]] = [
    ("SUPPORTS", "verb", 0.85, "fr-soutien", [
        "accompagne", "accompagnent", "accompagnee", "accompagnees", "soutient", "soutiennent",
        "soutenu", "soutenue", "soutenus", "appuie", "appuye", "appuyee", "heberge", "hebergee", "incube",
        "incubee", "encadre", "parraine", "parrainee", "aide", "aident", "a accompagne", "a soutenu",
        "accompagnes", "soutenues", "heberges", "hebergees", "appuyes", "epaule", "epaulee", "epaules",
        "ont accompagne", "ont soutenu", "incubes", "parraines"]),
    ("SUPPORTS", "insert", 0.75, "fr-soutien-insert", [
        "grace a l'appui de", "grace a l'appui du", "grace a l'appui des", "grace au soutien de",
        "grace au soutien du", "avec le soutien de", "avec le soutien du", "avec l'appui de", "avec l'appui du",
        "avec l'accompagnement de", "avec l'accompagnement du", "sous l'egide de", "sous l'egide du",
        "sous le patronage de", "grace a l'accompagnement de", "grace a l'accompagnement du"]),
    ("FUNDS", "verb", 0.9, "fr-financement", [
        "finance", "financent", "financee", "finances", "financees", "cofinance", "cofinancee", "co-finance", "cofinances", "cofinancees",
        "co-financee",
        "subventionne", "subventionnee", "octroye", "octroyee", "accorde", "accordee"]),
    ("FUNDS", "insert", 0.85, "fr-financement-insert", [
        "avec le soutien financier de", "avec le soutien financier du", "grace au financement de",
        "grace au financement du", "avec le financement de", "avec le financement du",
        "grace au soutien financier de", "grace au soutien financier du", "avec un financement de",
        "avec un financement du", "grace a un financement de", "grace a un financement du", "sur financement de", "grace a une subvention de", "avec une subvention de", "avec l'appui financier de", "avec l'appui financier du",
        "avec une contribution financiere de", "avec une contribution financiere du",
        "avec la contribution financiere de", "avec la contribution financiere du"]),
    ("RUNS", "verb", 0.85, "fr-pilotage", [
        "lance", "lancee", "a lance", "lancent", "organise", "organisee", "organisent", "a organise",
        "coordonne", "coordonnee", "pilote", "pilotee", "gere", "geree", "met en oeuvre", "mis en oeuvre",
        "mise en oeuvre", "porte", "portee", "anime", "animee", "initie", "initiee", "est en charge de", "chef de file", "est chef de file", "chef de file de", "chef de file du",
        "en charge de", "responsable de", "le lancement de", "le lancement du"]),
    ("PARTICIPATES_IN", "verb", 0.85, "fr-participation", [
        "participe a", "participe au", "participent a", "participent au", "a participe a", "a participe au",
        "ont participe a", "ont participe au", "prend part a", "a pris part a", "ont pris part a",
        "beneficie de", "beneficie du", "a beneficie de", "a beneficie du", "beneficient de",
        "beneficiaire de", "beneficiaire du", "laureat de", "laureat du", "laureate de", "laureate du",
        "laureats de", "laureats du", "laureat", "laureate", "laureats", "laureates", "selectionne pour", "selectionnee pour", "retenu pour", "retenue pour",
        "expose a", "expose au", "a expose a", "a expose au", "stand a", "stand au", "pavillon a", "pavillon au"]),
    ("JOIN", "verb", 0.8, "fr-adhesion", ["a rejoint", "ont rejoint", "rejoint", "adhere a", "adhere au"]),
    ("MEMBER_OF", "verb", 0.85, "fr-membre", [
        "membre de", "membre du", "membres de", "membres du", "membre fondateur de", "membre fondateur du",
        "membres fondateurs de", "membres fondateurs du", "adherent de", "adherent du", "adherents de",
        "adherents du", "fait partie des membres de", "fait partie des membres du"]),
    ("MEMBER_OF", "reverse", 0.8, "fr-regroupe", [
        "regroupe", "regroupent", "rassemble", "rassemblent", "federe", "federent", "reunit",
        "compte parmi ses membres", "dont les membres sont"]),
    ("PARTNERS_WITH", "with", 0.85, "fr-partenariat", [
        "en partenariat avec", "en collaboration avec", "en cooperation avec", "partenariat avec",
        "partenariats avec", "convention avec", "accord avec", "accord de partenariat avec",
        "convention de partenariat avec", "collabore avec", "collaborent avec", "coopere avec",
        "cooperent avec", "conjointement avec", "de concert avec", "travaille avec", "s'associe a",
        "s'associe avec", "signe une convention avec", "a signe une convention avec",
        "convention de cooperation avec", "accord de cooperation avec", "protocole d'accord avec",
        "memorandum d'entente avec", "signe un accord avec", "a signe un accord avec", "jumele avec",
        "jumelee avec"]),
    ("SUPPORTS", "verb", 0.75, "fr-partenaire-associe", ["partenaire associe de", "partenaire associe du",
                                                         "est partenaire associe de", "est partenaire associe du"]),
    ("PARTNERS_WITH", "between", 0.85, "fr-partenariat-entre", ["entre"]),
    ("LABELLED_BY", "verb", 0.9, "fr-labellisation", [
        "labellise", "labellisee", "labellises", "labellisees", "accredite", "accreditee", "certifie",
        "certifiee", "la labellisation de", "la labellisation du", "le label de", "le label du",
        "l'accreditation de", "l'accreditation du"]),
    ("LABELLED_BY", "label", 0.8, "fr-label", [
        "detient le", "detient la", "a obtenu le", "a obtenu la", "a recu le", "a recu la", "obtenu le",
        "s'est vu decerner le", "titulaire du", "titulaire de"]),
    ("PART_OF", "verb", 0.8, "fr-composante", [
        "fait partie de", "fait partie du", "est une composante de", "est une composante du",
        "une composante de", "une composante du", "volet de", "volet du", "releve de", "releve du"] +
        [f"{v}{d} {o} {n} {p}" for v in ("", "est ", "constitue ", "forme ")
         for d, o, n in (("la", "premiere", "phase"), ("la", "deuxieme", "phase"), ("la", "seconde", "phase"),
                         ("la", "troisieme", "phase"), ("la", "phase", "pilote"), ("le", "premier", "volet"),
                         ("le", "deuxieme", "volet"), ("le", "second", "volet"), ("la", "premiere", "edition"),
                         ("la", "deuxieme", "edition"), ("le", "volet", "regional"), ("la", "composante", "regionale"))
         for p in ("de", "du")]),
    ("PART_OF", "reverse", 0.75, "fr-comprend", ["comprend", "inclut", "englobe"]),
    ("LOCATED_IN", "verb", 0.85, "fr-localisation", [
        "base a", "basee a", "bases a", "situe a", "situee a", "situe au", "situee au", "implante a",
        "implantee a", "installe a", "installee a", "siege a", "dont le siege est a", "localise a",
        "localisee a", "situe dans", "situee dans", "implante dans", "implantee dans", "base au", "basee au",
        "etabli a", "etablie a", "cree a", "creee a", "fonde a", "fondee a"]),
    ("ACTIVE_IN", "verb", 0.8, "fr-secteur", [
        "opere dans", "operant dans", "exercant dans", "exerce dans", "actif dans", "active dans",
        "specialise dans", "specialisee dans", "dedie a", "dediee a", "dans le domaine de",
        "dans le domaine du", "dans les domaines de", "dans le secteur de", "dans le secteur du",
        "dans les secteurs de", "dans les secteurs du", "oeuvrant dans", "oeuvre dans", "intervient dans"]),
]

LEFT_FILLER = {"est", "sont", "etait", "a", "ont", "ete", "qui", "aussi", "egalement", "deja", "notamment",
               "actuellement", "officiellement", "recemment", "(", ")", "se", "s'", "toujours", "desormais",
               "avait", "avaient", "fut", "sera", "seront", "va", "vont", "avons", "avez", "sommes", "etes",
               "avions", "etions", "ai", "suis", "par", "ailleurs", "constitue", "forme", "represente", "devient"}
RIGHT_FILLER = {"le", "la", "les", "l'", "du", "de", "des", "d'", "au", "aux", "un", "une", "ses", "son", "sa",
                "leurs", "leur", "nos", "notre", "plusieurs", "differents", "differentes", "par", "en", "a",
                "«", "“", '"', "programme", "projet", "nouveau", "nouvelle", "edition", "phase", "session",
                "premiere", "deuxieme", "troisieme", "seconde", "vague", "cohorte", "salon", "foire", "forum",
                "congres", "sommet"}
LIST_CONNECTORS = {",", "et", "&", "ainsi", "que", "le", "la", "les", "l'", "ou", "aussi", "(", ")", ";", "de",
                   "du", "des", "d'"}
LIST_INTRO = ["tels que", "telles que", "tel que", "notamment", "dont", "comme", ":", "en particulier",
              "parmi lesquels", "parmi lesquelles", "a savoir"]
BY = {"par"}
PASSIVE_AUX = {"est", "sont", "ete", "etait", "fut", "etre", "sera", "sommes", "etes", "seront", "etaient"}
COORD_AUX = {"et", "mais"}
HEDGES = ["ne", "n'", "pas", "jamais", "aucun", "aucune", "plus jamais", "sans", "souhaite", "souhaitons", "souhaitent",
          "souhaiterions", "souhaiterait", "espere", "esperons", "esperent", "pourrait", "pourraient",
          "devrait", "devraient", "voudrait", "voudrions", "aimerait", "aimerions", "si", "vise a", "visons",
          "envisage", "envisageons", "projette", "comptons", "futur", "future", "prochainement",
          "eventuel", "eventuelle", "potentiel", "potentielle", "doit", "devons", "doivent", "faudrait",
          "aurait", "auraient", "besoin", "candidat", "candidature", "afin de"]
WE = {"nous", "notre cluster", "notre association", "notre reseau", "notre organisation", "notre structure",
      "notre pole", "notre federation", "notre groupement", "notre technopole"}
OUR_MEMBERS = ["nos adherents", "nos membres", "nos membres fondateurs", "nos entreprises membres",
               "parmi nos adherents", "parmi nos membres"]
FRAME = ["dans le cadre du", "dans le cadre de", "au titre du", "au titre de", "sous l'egide du programme",
         "dans le cadre du programme", "au titre du programme", "s'inscrit dans", "s'inscrit dans le",
         "s'inscrivent dans", "s'inscrit dans le cadre du", "s'inscrit dans le cadre de"]
ANAPHORA = {"le cluster", "ce cluster", "l'association", "le reseau", "il", "elle", "le pole", "ce pole"}
ANAPHORA_PROGRAMME = {"le projet", "ce projet", "le programme", "ce programme", "l'initiative", "cette initiative", "cet accelerateur", "l'accelerateur", "le dispositif", "ce dispositif", "le fonds", "ce fonds", "l'appel", "le concours",
                      # an event named before: « cette édition », « l'événement » (`references._KIND_OF_NOUN`)
                      "cette edition", "cette premiere edition", "l'evenement", "cet evenement", "cette manifestation"}
PRONOUN_SUBJECT = {"il", "elle"}
SECTOR_NOUNS = {"cluster", "clusters"}
SECTOR_NOUNS_BEFORE = {"secteur", "secteurs", "industrie", "industries", "filiere", "filieres", "domaine",
                       "domaines", "industrie de", "secteurs de"}
FOUNDED = ["cree en", "creee en", "fonde en", "fondee en", "lance en", "lancee en", "etabli en", "etablie en",
           "ne en", "nee en", "depuis", "cree le", "creee le"]
IN_PLACE = {"en", "au", "a"}
DESCRIPTIVE_LOC = {"en", "au", "a", "de", "du"}
COPULA = {"est", "etait", ",", "comme"}

# "under the P programme" (a project framed by a programme) and "our members A, B" (the document's own
# organisation's members), as cue entries so the engine matches them with the other phrases.
CUES.append(("PART_OF", "frame", 0.75, "fr-frame", FRAME))
CUES.append(("MEMBER_OF", "ours", 0.8, "fr-our-members", OUR_MEMBERS))
# "The memorandum was signed by A, B and C": every signatory partners with every other.
CUES.append(("PARTNERS_WITH", "signed", 0.8, "fr-signatories", ["signe par", "signee par", "signes par", "signees par", "signataires sont", "cosigne par", "cosignee par"]))
# "Beneficiaries include A, B": participants of the programme the text is about;
# "the jury retained five clusters for P: A, B": participants of P.
CUES.append(("PARTICIPATES_IN", "beneficiaries", 0.75, "fr-beneficiaries", ["les beneficiaires sont", "parmi les beneficiaires figurent", "parmi les beneficiaires", "les laureats sont", "parmi les laureats figurent", "parmi les laureats", "les participants sont", "les clusters selectionnes sont", "les clusters retenus sont"]))
CUES.append(("PARTICIPATES_IN", "selection", 0.75, "fr-selection-list", ["retenu", "retenus", "retenues", "selectionne", "selectionnes", "selectionnees", "choisi", "choisis"]))
CUES.append(("SUPPORTS", "agent_after", 0.8, "fr-incube-a", ["incube a", "incubee a", "incubes a", "heberge a",
                                                                "hebergee a", "heberges a", "heberge au", "hebergee au",
                                                                "incube au", "incubee au", "heberge dans", "hebergee dans"]))
# "Je remercie X pour son soutien": in an organisation's own text, the thanked support it.
CUES.append(("SUPPORTS", "thanks", 0.75, "fr-thanks", ["remercie", "remercions", "remercier", "je remercie", "nous remercions", "reconnaissant a", "reconnaissants a", "gratitude a"]))
# "X compte 52 adhérents, dont A et B": the members listed after the count.
CUES.append(("MEMBER_OF", "counts", 0.75, "fr-counts-members", ["compte", "compte aujourd'hui", "compte desormais", "compte plus de"]))
RIGHT_FILLER |= {"reseau", "pole", "cluster", "association", "federation", "alliance", "consortium"}
# "compte" is a hedge only before an infinitive ("le cluster compte rejoindre …"); "il compte 52 adhérents" is not
HEDGES += [f"compte {v}" for v in ("participer", "rejoindre", "lancer", "devenir", "integrer", "developper", "creer",
                                   "signer", "ouvrir", "obtenir", "candidater", "postuler", "s'", "se", "y")]
FOUNDED += ["a vu le jour en", "vu le jour en", "depuis sa creation en"]
CUES.append(("PARTNERS_WITH", "cosign", 0.8, "fr-cosigne", [
    "ont signe une convention", "ont signe un accord", "ont signe un protocole", "ont signe un memorandum",
    "ont signe une convention de partenariat", "ont signe une convention de cooperation",
    "ont signe une charte", "signent une convention", "signent un accord"]))
CUES.append(("SUPPORTS", "agent_after", 0.8, "fr-beneficie-appui", [
    "beneficie de l'appui de", "beneficie de l'appui du", "beneficie du soutien de", "beneficie du soutien du",
    "beneficie de l'accompagnement de", "beneficie de l'accompagnement du", "a beneficie de l'appui de",
    "a beneficie du soutien de"]))
CUES.append(("FUNDS", "agent_after", 0.8, "fr-beneficie-financement", [
    "beneficie d'un financement de", "beneficie d'un financement du", "a beneficie d'un financement de",
    "beneficie d'une subvention de", "beneficie d'une subvention du", "a recu une subvention de",
    "a recu un financement de"]))
CUES.append(("MEMBER_OF", "verb", 0.8, "fr-conseil", ["siege au conseil d'administration de",
                                                       "siege au conseil d'administration du"]))
CUES.append(("SUPPORTS", "verb", 0.8, "fr-accueil", ["accueille", "accueillent", "abrite", "abritent"]))
CUES.append(("PARTNERS_WITH", "with", 0.8, "fr-jumelage", ["convention de jumelage avec", "accord de jumelage avec",
                                                           "jumelage avec"]))
CUES.append(("PARTICIPATES_IN", "beneficiaries", 0.75, "fr-presents", [
    "parmi les clusters presents figuraient", "parmi les clusters presents", "parmi les participants figuraient",
    "parmi les participants", "les participants etaient"]))
RIGHT_FILLER |= {"acceleration", "incubation", "formation", "accompagnement", "soutien", "export", "d'"}
ANAPHORA_LAST = {"ce dernier", "cette derniere", "ces derniers"}
# « ce dernier » / « cette dernière » agree with the body they stand for: the gender its head word or its
# article shows (« l'Agence X … cette dernière » is the agency, not a group named after it)
ANAPHORA_LAST_GENDER = {"ce dernier": "m", "cette derniere": "f"}
HEAD_GENDER = {
    "m": {"cluster", "pole", "groupe", "ministere", "institut", "centre", "reseau", "fonds", "programme", "projet",
          "office", "conseil", "technoparc", "incubateur", "accelerateur", "consortium", "laboratoire", "club",
          "le", "du", "au"},
    "f": {"association", "agence", "chambre", "fondation", "banque", "universite", "federation", "societe",
          "entreprise", "organisation", "technopole", "direction", "commission", "region", "ecole", "cite",
          "plateforme", "initiative", "la"},
}
