"""English cue lexicon: which words state which relation, and how their arguments sit.

Modes (see `patterns.__init__` for the engine):
  verb     a verb family; voice is decided per occurrence: "<participle> (… ≤4 tokens) by A" is
           passive (source = agents A, target = the subject), otherwise active (source = subject,
           target = the objects). `reverse` swaps source and target for both voices.
  passive  a phrase that already ends with "by": agents follow, the subject is the target.
  with     "X <cue> Y": PARTNERS_WITH X–Y; a co-actor phrase also makes Y share X's act.
  between  "<partnership noun> … between A and B": PARTNERS_WITH between all listed.
  insert   "X, <cue> Y, …" or "<cue> Y, X …": source = Y, target = the subject X.
  prefix   "A-funded P": source = the name before the hyphen, target = the next name.
  label    "X holds/received the <label programme>": target must be a label.
JOIN is MEMBER_OF when the target is an Organisation, PARTICIPATES_IN when a Programme.
"""
from __future__ import annotations

LANG = "en"

# (type, mode, confidence, method, phrases)
CUES: list[tuple[str, str, float, str, list[str]]] = [
    ("SUPPORTS", "verb", 0.85, "en-support", [
        "supports", "supported", "is supporting", "are supporting", "was supporting", "support",
        "accompanies", "accompanied", "is accompanying", "backs", "backed", "hosts", "hosted", "is hosting",
        "incubates", "incubated", "assists", "assisted", "coaches", "coached", "mentors", "mentored",
        "helps", "helped", "accompany", "host", "incubate", "back",
        "coach", "mentor", "assist"]),
    ("SUPPORTS", "insert", 0.75, "en-support-insert", [
        "with the support of", "with support from", "thanks to the support of", "with the backing of",
        "with the help of", "with the assistance of", "under the patronage of", "under the aegis of",
        "under the auspices of", "under the umbrella of"]),
    ("SUPPORTS", "verb", 0.75, "en-associated-partner", ["is an associated partner of", "an associated partner of",
                                                         "associate partner of", "is an associate partner of"]),
    ("FUNDS", "verb", 0.9, "en-funding", [
        "funds", "funded", "finances", "financed", "co-funded", "co-financed", "cofunded", "cofinanced",
        "co-funds", "co-finances", "finance", "fund", "co-finance", "co-fund", "subsidises", "subsidized", "subsidised", "subsidizes", "granted",
        # a sponsor pays ("EU-sponsored" was already funding)
        "sponsors", "sponsored", "sponsor"]),
    ("FUNDS", "insert", 0.85, "en-financial-support", [
        "with the financial support of", "with financial support from", "with funding from",
        "with the funding of", "thanks to funding from", "thanks to the financial support of",
        "financial support of", "funding from", "grant from", "with financial backing from", "with backing from", "with a grant from", "with the financial backing of", "thanks to a grant from",
        "with a financial contribution from", "with a financial contribution of", "with the financial contribution of",
        "with a contribution from"]),
    ("FUNDS", "prefix", 0.9, "en-x-funded", ["- funded", "- financed", "- co-funded", "- sponsored"]),
    ("RUNS", "verb", 0.85, "en-runs", [
        "launched", "launches", "organised", "organized", "organises", "organizes", "co-organised",
        "co-organized", "coordinates", "coordinated", "coordinate", "launch", "organise", "organize",
        "implement", "manage", "co-ordinates", "co-ordinated", "implements", "implemented", "manages", "managed",
        "runs", "run", "running", "operates the", "operated", "co-operated", "co-managed", "co-organises", "co-organizes", "leads", "initiated", "initiates", "steers", "steered",
        "carried out", "announced the launch of", "announce the launch of", "the launch of",
        "is in charge of", "in charge of", "is the lead partner of", "lead partner of", "is the lead partner", "is responsible for", "responsible for",
        "implementing"]),
    ("PARTICIPATES_IN", "verb", 0.85, "en-participation", [
        "took part in", "takes part in", "take part in", "taking part in", "participated in",
        "participates in", "participate in", "participating in", "have participated in",
        "was selected for", "were selected for", "selected for", "selected to join", "benefited from",
        "benefits from", "benefit from", "benefiting from", "exhibited at", "exhibits at", "exhibit at",
        "exhibiting at", "stand at", "booth at", "pavilion at", "attended", "attends", "presence at", "beneficiary of", "beneficiaries of",
        "used the", "uses the", "winner of", "won the", "laureate of", "was admitted to", "enrolled in"]),
    ("JOIN", "verb", 0.8, "en-joined", ["joined", "joins", "has joined", "have joined"]),
    ("MEMBER_OF", "verb", 0.85, "en-member-of", [
        "is a member of", "are members of", "is member of", "a member of", "member of", "members of",
        "is a founding member of", "founding member of", "founding members of", "board member of",
        "adheres to", "is affiliated to", "affiliated with", "belongs to"]),
    ("MEMBER_OF", "reverse", 0.8, "en-gathers", [
        "gathers", "brings together", "groups together", "regroups", "unites", "federates",
        "whose members include", "members include", "members are", "its members include", "counts among its members"]),
    ("PARTNERS_WITH", "with", 0.85, "en-partnership", [
        "in partnership with", "in collaboration with", "in cooperation with", "partnered with",
        "partners with", "partnering with", "partnership with", "partnerships with", "agreement with",
        "convention with", "memorandum of understanding with", "mou with", "cooperates with",
        "cooperated with", "collaborates with", "collaborated with", "collaborating with",
        "teamed up with", "together with", "twinned with", "paired with", "jointly with", "joint projects with",
        "collaborative projects with", "a partnership with", "works with", "worked with",
        "cooperation agreement with", "partnership agreement with", "joined forces with"]),
    ("PARTNERS_WITH", "between", 0.85, "en-partnership-between", ["between"]),
    ("LABELLED_BY", "verb", 0.9, "en-labelled-by", [
        "labelled", "labeled", "accredited", "certified", "labelling of", "labeling of", "label of",
        "accreditation of", "certification of", "accreditation from", "certification from", "label from"]),
    ("LABELLED_BY", "label", 0.8, "en-holds-label", [
        "holds the", "holds a", "received the", "received a", "obtained the", "obtained a", "awarded the",
        "awarded a", "has the", "earned the", "earned a", "was granted the", "was granted a"]),
    ("PART_OF", "verb", 0.8, "en-part-of", [
        "is part of", "is a component of", "a component of", "is one of the components of", "is a phase of",
        "a phase of", "is a track of", "falls under", "is a pillar of", "a pillar of", "a strand of",
        "a work package of", "is a work package of", "is one of the work packages of"] +
        [f"{v}the {o} {n} of" for v in ("", "is ", "forms ", "constitutes ")
         for o in ("first", "second", "third", "fourth", "pilot", "final", "new", "next", "main", "southern",
                   "regional", "national", "mediterranean")
         for n in ("phase", "edition", "track", "component", "pillar", "strand", "work package", "round", "stage")]),
    ("PART_OF", "reverse", 0.75, "en-includes", ["includes the", "includes", "comprises", "encompasses"]),
    ("LOCATED_IN", "verb", 0.85, "en-based-in", [
        "based in", "located in", "headquartered in", "situated in", "established in", "set up in",
        "installed in", "implanted in", "settled in", "located at", "based at"]),
    ("ACTIVE_IN", "verb", 0.8, "en-active-in", [
        "operates in", "operating in", "operate in", "active in", "specialized in", "specialised in",
        "specializing in", "specialising in", "focused on", "focusing on", "focuses on", "dedicated to",
        "works in", "working in", "in the field of", "in the fields of", "in the sectors", "in the sector of",
        "specialized in the", "targeting", "addressing"]),
]

# Words between the pieces of a relation that change nothing (auxiliaries, adverbs, articles).
LEFT_FILLER = {"is", "are", "was", "were", "has", "have", "had", "been", "being", "be", "also", "will", "forms",
               "constitutes", "represents", "remains", "becomes", "became", "currently",
               "now", "already", "which", "that", "who", "officially", "actively", "recently", "jointly",
               "successfully", "directly", "further", "then", "itself", "first", "(", ")", "mainly", "always",
               "today", "still", "proudly", "formally", "initially", "originally", "strongly", "regularly",
               "notably", "equally", "both", "together"}
RIGHT_FILLER = {"the", "a", "an", "its", "their", "our", "this", "these", "several", "various", "other", "both",
                "all", "new", "by", "in", "of", "two", "three", "four", "five", "six", "‘", "“", "'", '"',
                "first", "second", "third", "mainly", "notably", "international", "national", "regional",
                "project", "programme", "program", "initiative", "event", "platform", "edition", "phase",
                "round", "cohort", "wave", "session", "fourth", "fifth", "latest", "next", "second", "2nd", "3rd",
                "fair", "trade", "show", "exhibition", "summit", "annual"}
LIST_CONNECTORS = {",", "and", "&", "as", "well", "the", "or", "also", "(", ")", "plus", ";", "its", "their"}
LIST_INTRO = ["such as", "in particular", "including", "notably", "namely", "like", ":", "particularly",
              "among them", "among which", "among others"]
BY = {"by"}
PASSIVE_AUX = {"is", "are", "was", "were", "been", "be", "being", "get", "got"}
COORD_AUX = {"and", "but"}
# Hedges: a relation under negation, a wish, a need, a condition or a forecast is not asserted.
HEDGES = ["not", "never", "no", "no longer", "hope", "hopes", "hoped", "hoping", "wish", "wishes", "would", "could",
          "should", "might", "may", "must", "aim to", "aims to", "aiming to", "aim at", "plan to", "plans to",
          "planning to", "intend", "intends", "intend to", "need to", "needs to", "need", "would like", "if",
          "unless", "whether", "without", "want", "wants", "seek to", "seeks to",
          "expected to", "hopefully", "ideally", "potential", "possible", "possibly", "future", "neither", "nor",
          "cannot", "can't", "won't", "didn't", "doesn't", "don't", "isn't", "wasn't", "aren't", "lack",
          "lacks", "apply to", "applied to", "candidate"]
# First person: resolves to the document's own organisation.
WE = {"we", "us", "our cluster", "our association", "our organisation", "our organization", "our network"}
OUR_MEMBERS = ["our members", "our member companies", "our founding members", "among our members"]
FRAME = ["as part of the", "as part of", "under the", "within the framework of", "in the framework of",
         "within the", "under the umbrella of"]
ANAPHORA = {"the cluster", "this cluster", "it", "the association", "the network", "the company"}
ANAPHORA_PROGRAMME = {"the project", "this project", "the programme", "this programme", "the program",
                      "this program", "the initiative", "this initiative", "that project", "that programme", "that program", "the accelerator", "this accelerator", "the scheme", "this scheme", "the fund", "this fund", "the call", "the competition",
                      # an event named before ("this edition", "the event"): `references._KIND_OF_NOUN`
                      "this edition", "this first edition", "this year's edition", "the event", "this event"}
PRONOUN_SUBJECT = {"it"}
SECTOR_NOUNS = {"sector", "sectors", "industry", "industries", "field", "fields", "activities", "cluster",
                "clusters", "value chain", "market", "markets", "products"}
SECTOR_NOUNS_BEFORE: set[str] = set()   # French puts the noun first ("secteur de l'…")
FOUNDED = ["created in", "founded in", "established in", "launched in", "set up in", "was born in",
           "created on", "launched on", "founded on", "established on", "incorporated in", "since"]
IN_PLACE = {"in"}
DESCRIPTIVE_LOC = {"in", "from", "of"}
COPULA = {"is", "was", "as", ",", "are"}

# "under the P programme" (a project framed by a programme) and "our members A, B" (the document's own
# organisation's members), as cue entries so the engine matches them with the other phrases.
CUES.append(("PART_OF", "frame", 0.75, "en-frame", FRAME))
CUES.append(("MEMBER_OF", "ours", 0.8, "en-our-members", OUR_MEMBERS))
# "The memorandum was signed by A, B and C": every signatory partners with every other.
CUES.append(("PARTNERS_WITH", "signed", 0.8, "en-signatories", ["signed by", "signatories are", "signatories include", "co-signed by", "countersigned by"]))
# "Beneficiaries include A, B": participants of the programme the text is about;
# "the jury retained five clusters for P: A, B": participants of P.
CUES.append(("PARTICIPATES_IN", "beneficiaries", 0.75, "en-beneficiaries", ["beneficiaries include", "beneficiaries are", "beneficiaries were", "the beneficiaries include", "among the beneficiaries were", "among the beneficiaries are", "alumni include", "the winners are", "the winners were", "laureates include", "the laureates are", "participants include", "the selected clusters are", "the selected companies are"]))
CUES.append(("PARTICIPATES_IN", "selection", 0.75, "en-selection-list", ["retained", "selected", "shortlisted", "chose", "picked", "admitted"]))
# "incubated at X", "hosted at X": the place of incubation supports the incubated
CUES.append(("SUPPORTS", "agent_after", 0.8, "en-incubated-at", ["incubated at", "hosted at", "incubated within",
                                                                  "housed at", "hosted within"]))
# "Je remercie X pour son soutien": in an organisation's own text, the thanked support it.
CUES.append(("SUPPORTS", "thanks", 0.75, "en-thanks", ["thank", "thanks", "we thank", "i thank", "grateful to", "gratitude to", "would like to thank"]))
# "X compte 52 adhérents, dont A et B": the members listed after the count.
CUES.append(("MEMBER_OF", "counts", 0.75, "en-counts-members", ["counts", "now counts", "today counts", "has over", "has more than"]))
RIGHT_FILLER |= {"network", "cluster", "association", "federation", "alliance", "consortium"}
FOUNDED += ["since its creation in"]  # "was founded in": the bare "founded in" matches (longer cues would fire twice)
# "A and B signed a memorandum of understanding": the signatories partner with each other
CUES.append(("PARTNERS_WITH", "cosign", 0.8, "en-cosigned", [
    "signed a memorandum of understanding", "signed a memorandum", "signed an agreement", "signed a partnership",
    "signed a cooperation agreement", "signed a partnership agreement", "signed an mou", "signed a convention",
    "have signed an agreement", "have signed a memorandum", "signed a twinning agreement", "signed a charter"]))
CUES.append(("SUPPORTS", "agent_after", 0.8, "en-receives-support", [
    "receives backing from", "receives support from", "received support from", "received backing from",
    "benefits from the support of", "benefited from the support of", "is supported through"]))
CUES.append(("FUNDS", "agent_after", 0.8, "en-receives-funding", [
    "receives funding from", "received funding from", "receives a grant from", "received a grant from",
    "benefits from funding from", "benefited from funding from"]))
CUES.append(("MEMBER_OF", "verb", 0.8, "en-board", ["sits on the board of", "sit on the board of",
                                                     "has a seat on the board of"]))
CUES.append(("PARTNERS_WITH", "with", 0.8, "en-twinning", ["twinning agreement with", "a twinning agreement with"]))
CUES.append(("PARTICIPATES_IN", "beneficiaries", 0.75, "en-participants", [
    "participants included", "participants include", "among the participants were", "among the participants",
    "among the clusters present were", "the clusters present included"]))
RIGHT_FILLER |= {"acceleration", "incubation", "training", "support", "export", "mentoring"}
ANAPHORA_LAST = {"the latter"}
