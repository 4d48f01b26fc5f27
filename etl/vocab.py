"""French language tables the parsers read: kept here as data, not buried in regexes."""

# Cardinal number words that text2num reads ("quatre-vingt-huit" is three of them joined).
# "un"/"une" are also articles: the claim extractor keeps them only before a scale word,
# an approximate noun or a unit of time ("un million", "un millier", "un an").
# "zéro" is left out: in this genre it is "tolérance zéro" (par. 98), not a count.
NUMBER_WORDS = (
    "un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze "
    "quinze seize vingt vingts trente quarante cinquante soixante septante huitante octante "
    "nonante cent cents mille"
).split()

# Ordinal words -> the cardinal word text2num reads ("cinquième" -> "cinq").
# "premier"/"première" are left out: they are mostly adjectives ("première instance").
ORDINAL_WORDS = {
    "unième": "un", "deuxième": "deux", "second": "deux", "seconde": "deux",
    "troisième": "trois", "quatrième": "quatre", "cinquième": "cinq", "sixième": "six",
    "septième": "sept", "huitième": "huit", "neuvième": "neuf", "dixième": "dix",
    "onzième": "onze", "douzième": "douze", "treizième": "treize", "quatorzième": "quatorze",
    "quinzième": "quinze", "seizième": "seize", "vingtième": "vingt", "trentième": "trente",
    "quarantième": "quarante", "cinquantième": "cinquante", "soixantième": "soixante",
    "centième": "cent", "millième": "mille",
}

# Scale words multiply the number before them: "20,3 millions" = 20 300 000.
SCALE_WORDS = {
    "million": 1e6, "millions": 1e6,
    "milliard": 1e9, "milliards": 1e9,
}

# Nouns that name a round quantity; as written they are approximate ("une centaine").
APPROX_NOUNS = {
    "dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
    "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100,
    "millier": 1000,
}

# Fractions written as nouns, as a share of one ("la moitié" = 0.5).
FRACTION_NOUNS = {"moitié": 1 / 2, "tiers": 1 / 3, "quart": 1 / 4, "quarts": 1 / 4}

# Words before a number that make it a bound, longest first so "plus d'un" wins over "un".
# "d'au moins 30 %" is caught by "au moins"; "dépassait 95 %" (par. 342) is a lower bound.
QUALIFIER_CUES = [
    ("pouvant aller jusqu'à", "at_most"),
    ("jusqu'à", "at_most"),
    ("au moins", "at_least"),
    ("au minimum", "at_least"),
    ("plus de", "more_than"),
    ("plus d'", "more_than"),
    ("près de", "approx"),
    ("près d'", "approx"),
    ("environ", "approx"),
    ("quelque", "approx"),
    ("presque", "approx"),
    ("moins de", "less_than"),
    ("moins d'", "less_than"),
    ("dépassait", "more_than"),
    ("dépasse", "more_than"),
    ("dépassant", "more_than"),
    ("supérieur à", "more_than"),
    ("inférieur à", "less_than"),
]

# Units written after a number (after "de"/"d'" for money: "230 millions de tenge").
PERCENT_UNITS = {"%": "%", "pour cent": "%", "pour 100": "%"}
MONEY_UNITS = {
    "tenge": "KZT", "KZT": "KZT",
    "dollars des États-Unis": "USD", "dollars": "USD", "USD": "USD",
    "euros": "EUR", "EUR": "EUR", "roubles": "RUB",
}
MEASURE_UNITS = {
    "ans": "years", "an": "years", "années": "years", "année": "years",
    "mois": "months", "semaines": "weeks", "semaine": "weeks",
    "jours": "days", "jour": "days", "heures": "hours", "heure": "hours",
    "pétaflops": "petaflops", "kilomètres": "km", "km": "km", "hectares": "ha",
}
# Adjectives that may stand between a number and its unit of time ("trois dernières années").
UNIT_ADJECTIVES = ("dernières", "derniers", "prochaines", "prochains")

# Words right before a number that make it an identifier, not a statistic:
# "art. 174", "loi no 322-I", "par. 16", "annexe 5", "résolution 68/237", "point 24".
REFERENCE_CUES = (
    "art.", "arts.", "article", "articles", "par.", "paragraphe", "paragraphes", "point",
    "points", "alinéa", "al.", "annexe", "annexes", "no", "nos", "n°", "résolution",
    "résolutions", "décision", "décisions", "sect.", "section", "sections", "chapitre",
    "chapitres", "règle", "règles", "principe", "observation", "recommandation", "objectif",
    "cible", "page", "p.", "pp.", "vol.", "annex", "para.", "paras.",
)

# Acronyms that are counted nouns ("15 ONG"); any other after a number names something ("24 KZ").
COUNTED_ACRONYMS = {"ONG", "OSC", "PME", "ODD"}

MONTHS = {
    "janvier": 1, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
}

# Abbreviations whose dot does not end a sentence ("art. 174", "par. 16", "L.N. Goumilev").
ABBREVIATIONS = {
    "art", "arts", "par", "para", "sect", "al", "no", "nos", "p", "pp", "cf", "etc", "vol",
    "chap", "env", "M", "MM", "Mme", "Mmes", "Dr", "St", "ann", "réf",
}

# A sentence that opens with one of these continues the previous sentence's period
# (par. 249: "Au total, 3 484 139 élèves ..." is the school year 2022/23 of the sentence before).
CARRY_PERIOD_OPENERS = ("au total", "parmi eux", "parmi elles", "parmi ceux", "sur ce nombre", "dont")

# Words that end the counted noun phrase after a number.
SUBJECT_STOPWORDS = set(
    """
    à au aux en dans pour par sur avec contre chez entre vers selon et ou mais dont qui que
    qu ce cette ces se s ont a sont est était étaient sera seront avait avaient y il ils
    elle elles on le la les l un une du au ne n soit ainsi alors comme lors depuis après
    avant durant pendant jusqu environ plus moins ont-ils ayant étant été sont-ils leur leurs
    son sa ses ici notamment également déjà respectivement chacun chacune contre
    """.split()
)
# Verb endings that end a noun phrase ("dispensaient", "occupait").
SUBJECT_VERB_ENDINGS = ("aient", "ait")
