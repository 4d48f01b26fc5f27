"""The units a number may carry, and the words a reader sees for each: one home for the ETL and the app.

A claim's or an observation's `unit` is one of: `%`; a currency code (ISO 4217, `KZT`); a measure unit
of MEASURE_UNITS (`years`, `km`); a count unit of COUNT_UNITS (`cases`; observations only, from the
definition); or null for a plain count. The ETL's language tables (`etl/lang/`) map the words of a
document to these codes; the app shows the codes with the words below.
"""

PERCENT = "%"

# Currencies a document states amounts in, by ISO 4217 code: (French, English) words.
CURRENCIES = {
    "KZT": ("tenge", "tenge"),
    "USD": ("dollars des États-Unis", "US dollars"),
    "EUR": ("euros", "euros"),
    "RUB": ("roubles", "roubles"),
    "GBP": ("livres sterling", "pounds sterling"),
    "CHF": ("francs suisses", "Swiss francs"),
}

# Measure units, as the language tables write them: (French, English) words.
TIME_UNITS = {
    "years": ("ans", "years"),
    "months": ("mois", "months"),
    "weeks": ("semaines", "weeks"),
    "days": ("jours", "days"),
    "hours": ("heures", "hours"),
}
MEASURE_UNITS = TIME_UNITS | {
    "km": ("km", "km"),
    "ha": ("hectares", "hectares"),
    "petaflops": ("pétaflops", "petaflops"),
}

# The count units an observation's `unit` may hold (besides `%` and currency codes), each with the words a
# French and an English reader see: (fr, en). A definition naming one that is not here is refused; add it here,
# with both words.
COUNT_UNITS = {
    "count": ("nombre", "number"),  # an indicator whose rows count different things, each naming its own unit
    "persons": ("personnes", "persons"),
    "children": ("enfants", "children"),
    "pupils": ("élèves", "pupils"),
    "teachers": ("enseignants", "teachers"),
    "inspectors": ("inspecteurs", "inspectors"),
    "cases": ("affaires", "cases"),
    "judgments": ("jugements", "judgments"),
    "complaints": ("plaintes", "complaints"),
    "inspections": ("inspections", "inspections"),
    "violations": ("violations", "violations"),
    "schools": ("écoles", "schools"),
    "institutions": ("établissements", "institutions"),
    "associations": ("associations", "associations"),
    "events": ("événements", "events"),
    "textbooks": ("manuels", "textbooks"),
    "houses": ("maisons", "houses"),
    "buildings": ("bâtiments", "buildings"),
    "families": ("familles", "families"),
    "cars": ("voitures", "cars"),
    "delegations": ("délégations", "delegations"),  # States that spoke in a review (UPR interactive dialogue)
    "head of livestock": ("têtes de bétail", "head of livestock"),
}

_WORDS = {PERCENT: ("%", "%")} | CURRENCIES | MEASURE_UNITS | COUNT_UNITS
_LANGUAGE_INDEX = {"fr": 0, "en": 1}


def is_currency(unit: str | None) -> bool:
    """Whether a unit is a currency code the project knows."""
    return unit in CURRENCIES


def family(unit: str | None) -> str:
    """What kind of quantity a unit measures: `percent`, `money`, `time`, `measure` or `count`."""
    if unit == PERCENT:
        return "percent"
    if unit in CURRENCIES:
        return "money"
    if unit in TIME_UNITS:
        return "time"
    if unit in MEASURE_UNITS:
        return "measure"
    return "count"


def unit_words(unit: str, lang: str) -> str:
    """A unit as a reader of `lang` says it (`cases` -> `affaires`); a unit the project does not know, as it is."""
    words = _WORDS.get(unit)
    return words[_LANGUAGE_INDEX.get(lang, 1)] if words else unit
