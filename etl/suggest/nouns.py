"""What a claim's subject counts: its noun, what its brackets add, its English and its count unit (no I/O here)."""

import re

from contract.units import COUNT_UNITS

# Words that name a measure, not what it counts: "part de femmes", "taux d’emploi", "montant total" (par. 89, 92, 200).
# Such a subject links a number to no other by its noun, as a subject the text does not give.
MEASURE_WORDS = (
    "part",
    "taux",
    "niveau",
    "montant",
    "somme",
    "quota",
    "proportion",
    "pourcentage",
    "nombre",
    "total",
    "share",
    "rate",
    "level",
    "amount",
    "sum",
    "number",
    "percentage",
)
# English for the counted nouns that recur in treaty-body reports (the head of a claim's subject,
# singular); a noun not listed keeps its French words in quotes in the English title. Only nouns with one
# meaning whatever follows them: "agent" is left out ("agents de l'État", "agents d'intelligence artificielle").
HEADS_EN = {
    "affaire": "cases",
    "procédure": "proceedings",
    "personne": "persons",
    "enfant": "children",
    "élève": "pupils",
    "école": "schools",
    "établissement": "institutions",
    "apatride": "stateless persons",
    "réfugié": "refugees",
    "immigrant": "immigrants",
    "migrant": "migrants",
    "inspection": "inspections",
    "violation": "violations",
    "signalement": "reports",
    "plainte": "complaints",
    "femme": "women",
    "habitant": "inhabitants",
    "famille": "families",
    "maison": "houses",
    "bâtiment": "buildings",
    "voiture": "cars",
    "manuel": "textbooks",
    "enseignant": "teachers",
    "événement": "events",
    "formation": "training sessions",
    "séminaire": "seminars",
    "juge": "judges",
    "décision": "decisions",
    "citoyen": "citizens",
    "consultation": "consultations",
    "document": "documents",
    "publication": "publications",
    "projet": "projects",
    "spécialiste": "specialists",
    "employé": "employees",
    "association": "associations",
    "jardin": "kindergartens",
    "place": "places",
    "résidence": "residences",
    "lit": "beds",
    "université": "universities",
    "jugement": "judgments",
    "inspecteur": "inspectors",
    "groupe": "groups",
    "réunion": "meetings",
    "expert": "experts",
    "communiqué": "press releases",
    "activité": "activities",
    "abonné": "subscribers",
    "membre": "members",
    "représentant": "representatives",
    "journaliste": "journalists",
    "ong": "NGOs",
    "fonctionnaire": "civil servants",
    "député": "deputies",
    "parlementaire": "members of parliament",
    "victime": "victims",
    "condamnation": "convictions",
    "demande": "applications",
    "étranger": "foreigners",
    "travailleur": "workers",
    "candidat": "candidates",
    "centre": "centres",
    "organisation": "organisations",
    "salle": "rooms",
    "bannière": "banners",
    "vidéo": "videos",
    "documentaire": "documentaries",
}
# Counted nouns of people: the curated definitions count inhabitants, refugees, stateless persons … in persons.
PERSONS_HEADS = (
    "habitant",
    "réfugié",
    "apatride",
    "immigrant",
    "migrant",
    "femme",
    "citoyen",
    "étranger",
    "travailleur",
    "victime",
    "membre",
    "représentant",
    "journaliste",
    "fonctionnaire",
    "employé",
    "spécialiste",
    "expert",
    "juge",
    "député",
    "parlementaire",
    "candidat",
    "abonné",
)
MIXED_UNIT = "count"  # the unit of a table whose lines count different things, each naming its own (contract/units.py)
_WORD_RE = re.compile(r"[^\W\d_][\w’'\-]*", re.UNICODE)


def subject_parts(subject: str | None) -> tuple[str, str]:
    """A subject's noun phrase and what its brackets add: 'personnes (condamnées)' -> ('personnes', 'condamnées').

    The noun phrase says what is counted; the bracket (a participle, a language, an article) tells apart numbers
    of one noun, as series or parts of a table.
    """
    if subject is None:
        return "", ""
    text = subject.strip()
    noun, _, bracket = text.partition("(")
    qualifier = bracket[:-1].strip()
    if text.endswith(")") and _WORD_RE.search(noun) and qualifier and not set("()") & set(qualifier):
        return noun.strip(), qualifier
    return text, ""


def subject_head(subject: str | None) -> str | None:
    """The counted noun of a subject, lower case and singular: 'affaires pénales enregistrées' -> 'affaire'."""
    if subject is None:
        return None
    words: list[str] = _WORD_RE.findall(subject.lower())
    if not words:
        return None
    head = words[0]
    if len(head) > 3 and head[-1] in "sx" and not head.endswith(("ss", "us")):
        head = head[:-1]
    return head


def names_a_measure(subject: str | None) -> bool:
    """Whether a subject names a measure ('taux d’emploi', 'part de femmes'), not a counted noun."""
    words = _WORD_RE.findall(subject.lower()) if subject is not None else []
    return bool(words) and words[0] in MEASURE_WORDS


def counted_noun(subject: str | None) -> str | None:
    """The noun a subject counts, as written: the first word English knows ('nouvelles écoles' -> 'écoles'), else the first."""
    words: list[str] = _WORD_RE.findall(subject.lower()) if subject is not None else []
    known = [w for w in words[:3] if subject_head(w) in HEADS_EN]
    return (known or words)[0] if words else None


# A count unit by the head of its French word ('affaires' -> 'cases'); procedures are cases, as the curated count them.
_COUNT_UNIT_OF = {subject_head(fr): unit for unit, (fr, _) in COUNT_UNITS.items()} | {"procédure": "cases"}


def count_unit(noun: str | None) -> str:
    """The count unit of contract/units.py a counted noun is in ('affaires' -> 'cases'), else 'count'."""
    head = subject_head(noun)
    return _COUNT_UNIT_OF.get(head) or ("persons" if head in PERSONS_HEADS else MIXED_UNIT)


def english_noun(noun: str) -> str:
    """A French counted noun in English ('affaires' -> 'cases'), or as written, in quotes, when English does not
    know it."""
    return HEADS_EN.get(subject_head(noun) or "", f"“{noun}”")


def english_subject(subject: str) -> str:
    """A French counted phrase for an English title: 'Cases (“affaires pénales enregistrées”)', or the French in quotes."""
    head = subject_head(subject)
    if head is not None and head in HEADS_EN:
        return HEADS_EN[head] + (f" (“{subject}”)" if len(subject.split()) > 1 else "")
    return f"“{subject}”"
