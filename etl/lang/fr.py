"""French: the tables the shared grammar reads (number words, units, cues, months, periods)."""

# Tables kept compact, several entries a line, with the formatter off (etl/lang/__init__.py says why).
# fmt: off

CODE = "fr"
TEXT2NUM = "fr"  # text2num's name for the language
LOCALE = "fr"  # babel's locale for digits: "678 400", "71,2"

# Digits: a decimal comma; groups of three after plain spaces ("678 400"), and after the no-break,
# narrow and thin spaces every language takes (etl/numbers.py).
DECIMAL_MARKS = ","
GROUP_MARKS = " "

# Cardinal number words that text2num reads ("quatre-vingt-huit" is three of them joined).
# "un"/"une" are also articles: the claim extractor keeps them only before a scale word,
# an approximate noun or a unit of time ("un million", "un millier", "un an").
# "zéro" is left out: in this genre it is "tolérance zéro" (par. 98), not a count.
NUMBER_WORDS = [
    "un", "une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze", "treize",
    "quatorze", "quinze", "seize", "vingt", "vingts", "trente", "quarante", "cinquante", "soixante", "septante",
    "huitante", "octante", "nonante", "cent", "cents", "mille",
]
ARTICLE_NUMBERS = ("un", "une")
INDEFINITE_ONE: dict[str, str] = {}  # "un millier": "un" is a number word already
# How number words join: hyphens, spaces, and "et" before un/une/onze only ("vingt et un").
WORD_JOINER = r"-et-|-|\s+et\s+(?=(?:un|une|onze)\b)|\s+"
# "deux virgule cinq" = 2.5
DECIMAL_WORDS = ("virgule",)

# Ordinal words -> the cardinal word text2num reads ("cinquième" -> "cinq").
# "premier"/"première" are mostly adjectives ("première instance", "premier semestre", "pour la
# première fois"): ordinals only before a noun that is none of ORDINAL_ADJECTIVE_NOT_BEFORE
# ("la première loi spéciale sur la lutte contre la traite", par. 311).
ORDINAL_WORDS = {
    "premier": "un", "première": "un",
    "unième": "un", "deuxième": "deux", "second": "deux", "seconde": "deux",
    "troisième": "trois", "quatrième": "quatre", "cinquième": "cinq", "sixième": "six",
    "septième": "sept", "huitième": "huit", "neuvième": "neuf", "dixième": "dix",
    "onzième": "onze", "douzième": "douze", "treizième": "treize", "quatorzième": "quatorze",
    "quinzième": "quinze", "seizième": "seize", "vingtième": "vingt", "trentième": "trente",
    "quarantième": "quarante", "cinquantième": "cinquante", "soixantième": "soixante",
    "centième": "cent", "millième": "mille",
}
# "1er", "2e", "14ème"; "XXXIVe" (par. 35) for a roman numeral.
ORDINAL_SUFFIXES = ("er", "re", "ère", "ème", "ième", "e", "es")
ROMAN_ORDINAL_SUFFIX = "e"
ORDINAL_ADJECTIVES = ("premier", "première")
ORDINAL_ADJECTIVE_NOT_BEFORE = (
    "instance", "semestre", "trimestre", "fois", "ministre", "vice", "plan", "rang", "lieu", "temps", "vue",
    "abord", "de", "d'", "du", "des", "degré", "ligne", "étape", "phase", "cycle", "rapport",
)
# "aucun cas de violence … n'a été enregistré" (par. 194): a zero written in words, a count of what a
# negated passive says was not recorded; "n'ont noté aucune violation" (par. 107) has no such verb after it.
ZERO_WORDS = ("aucun", "aucune")
ZERO_AFTER = r"[^.;:]{0,160}?n['’](?:a|ont)\s+été\s+[^\W\d]"
# "a acquitté un accusé et en a condamné 50" (par. 199): the article counts when "en" takes its noun
# up again with a number.
ARTICLE_COUNTED_AFTER = r"\s+[^\W\d]+\s+et\s+en\s+(?:a|ont|avait|avaient)\s+[^\W\d]+\s+\d"
# "en a condamné 50": the pronoun that takes up the noun of the count before (its plural).
PRONOUN_TAKING_UP = r"(?<!\w)en\s+(?:a|ont|avait|avaient)\s+(?P<verb>[^\W\d]+)\s+$"

# Scale words multiply the number before them: "20,3 millions" = 20 300 000, "10 mille" = 10 000.
# "billion" is 10^12 in French (10^9 is "milliard").
SCALE_WORDS = {
    "mille": 1e3,
    "million": 1e6, "millions": 1e6,
    "milliard": 1e9, "milliards": 1e9,
    "billion": 1e12, "billions": 1e12,
}

# Nouns that name a round quantity; as written they are approximate ("une centaine").
APPROX_NOUNS = {
    "dizaine": 10, "douzaine": 12, "demi-douzaine": 6, "quinzaine": 15, "vingtaine": 20,
    "trentaine": 30, "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100,
    "millier": 1000,
}
# The words that may count them ("deux douzaines", "une centaine"); digits too ("3 centaines").
APPROX_COUNTS = ("un", "une", "deux", "trois", "quatre", "cinq")
ONE_WORDS = ("un", "une")  # "une centaine" = one hundred, roughly
PLURAL_ENDINGS = ("s",)

# Fractions written as words, as a share of one ("la moitié" = 0.5); an article before them
# ("les deux tiers") is read past.
FRACTIONS = {
    "la moitié": 1 / 2, "un tiers": 1 / 3, "deux tiers": 2 / 3, "trois tiers": 1.0,
    "un quart": 1 / 4, "deux quarts": 2 / 4, "trois quarts": 3 / 4,
}
FRACTION_ARTICLES = ("les", "la", "l'", "une")
FRACTIONS_WITH_OF: tuple[str, ...] = ()  # every fraction is a share

# Words before a number that make it a bound; the longest cue wins ("plus d'un" over "un").
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

# Units written after a number (after "de"/"d'" for money: "230 millions de tenge"), as the codes of
# contract/units.py; a currency's own code ("KZT", "USD") is read in every language.
PERCENT_UNITS = {"%": "%", "pour cent": "%", "pour 100": "%"}
MONEY_UNITS = {
    "tenge": "KZT", "dollars des États-Unis": "USD", "dollars": "USD", "euros": "EUR", "roubles": "RUB",
}
MONEY_PREFIXES: dict[str, str] = {}  # "$ 5" is not French
UNIT_OF = ("de", "d'")
MEASURE_UNITS = {
    "ans": "years", "an": "years", "années": "years", "année": "years",
    "mois": "months", "semaines": "weeks", "semaine": "weeks",
    "jours": "days", "jour": "days", "heures": "hours", "heure": "hours",
    "pétaflops": "petaflops", "kilomètres": "km", "km": "km", "hectares": "ha",
}
# Adjectives between a number and its unit of time that make it a date ("trois dernières années").
UNIT_ADJECTIVES = ("dernières", "derniers", "prochaines", "prochains")
DATING_BEFORE: tuple[str, ...] = ()  # French puts them after the number
# Words after a number of years that make it a date (French says it before: "il y a trois ans").
DATING_AFTER: tuple[str, ...] = ()

# A time or a sum in the terms of a law, not a statistic (kind `provision`): a penalty
# ("trois à sept ans d'emprisonnement", par. 191), a fine ("amende pouvant aller jusqu'à
# 2 000 tenge"), a time limit ("dans un délai de trois mois, voire d'un an", par. 278;
# "réduit à trente jours", par. 292), a term ("accordé pour un an", par. 286). These words
# near a time or a sum, in its clause, make it one.
PROVISION_CUES = (
    "emprisonnement", "privation de liberté", "amende", "peine", "passible", "délai",
    "accordé pour", "pour une durée", "prolongé",
)
# The cues that are verbs or adjectives, which name nothing a provision bounds ("accordé pour un an").
PROVISION_VERB_CUES = ("accordé", "prolongé", "passible")
# Right before a time: "doit se présenter dans les vingt-quatre heures" (par. 282).
TIME_LIMIT_BEFORE = ("dans les", "sous")
# An age that defines who a number counts, not a measured quantity: "enfants âgés de 2 à 6 ans"
# (par. 225), "enfants (jusqu'à 18 ans)" (par. 151), "enfants de moins de 14 ans" (par. 295).
AGE_CUES = ("enfants", "mineurs", "jeunes")
AGE_BEFORE = ("âgés de", "âgées de", "âgé de", "âgée de", "âge de")  # right before the age
AGE_AFTER = ("ans révolus",)  # "enfants de 15 ans révolus"
AGE_OF = "âge des {noun}"  # the subject of an age: "âge des enfants"

# Words right before a number that make it an identifier, not a statistic:
# "art. 174", "loi no 322-I", "par. 16", "annexe 5", "résolution 68/237", "point 24".
REFERENCE_CUES = (
    "art.", "arts.", "article", "articles", "par.", "paragraphe", "paragraphes", "point",
    "points", "alinéa", "al.", "annexe", "annexes", "no", "nos", "n°", "résolution",
    "résolutions", "décision", "décisions", "sect.", "section", "sections", "chapitre",
    "chapitres", "règle", "règles", "principe", "observation", "recommandation", "objectif",
    "cible", "page", "p.", "pp.", "vol.", "annex", "para.", "paras.",
    # sessions et séances, objectifs du Millénaire et de développement durable ("OMD 4", "ODD 16.9"),
    # protocoles facultatifs, conventions ("Convention no 169"), conclusions d'un autre organe, notes
    "session", "sessions", "séance", "séances", "OMD", "ODD", "OP", "objectifs", "cibles", "protocole",
    "protocoles", "convention", "conventions", "conclusion", "conclusions", "recommandations",
    "indicateur", "indicateurs",
)
# A roman numeral after these is a reference ("voir sect. XII", par. 6).
ROMAN_REFERENCE_CUES = ("sect.", "section")
# Words that continue a list of references ("par. 16, 22, 28 et 42", "articles 174, 404 et 405").
LIST_WORDS = ("et", "ou", "à")
# Words that may follow a reference in such a list ("l'article 174 du Code pénal").
AFTER_REFERENCE_WORDS = ("et", "ou", "à", "du", "de", "des", "d'")

# Acronyms that are counted nouns ("15 ONG"); any other after a number names something ("24 KZ").
COUNTED_ACRONYMS = {"ONG", "OSC", "PME", "ODD"}

MONTHS = {
    "janvier": 1, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
}
DAY = r"1er|\d{1,2}"  # "1er juillet 2025"

# Time expressions, tried in this order (a longer one wins over the years inside it).
# {y} {y1} {y2}: years; {m} {m1} {m2}: month names; {n}: a count in digits or words;
# {d}: a day; {of}: "de", "d'" (and "de l'année").
FIRST_MONTHS = [r"(?:(?:au\s+cours|pendant|durant|lors)\s+)?(?:les|des)\s+{n}\s+premiers\s+mois\s+{of}{y}"]
HALF_YEARS = {  # "au premier semestre de 2025" (par. 107)
    1: [r"(?:(?:au\s+cours\s+du|au|pendant\s+le|durant\s+le)\s+)?premier\s+semestre\s+(?:{of})?{y}"],
    2: [r"(?:(?:au\s+cours\s+du|au|pendant\s+le|durant\s+le)\s+)?second\s+semestre\s+(?:{of})?{y}"],
}
UNTIL_MONTH_END = [r"[Dd]e\s+{y1}\s+à\s+la\s+fin\s+(?:d['’]|de\s+|du\s+)(?:{half1}|{m})\s+(?:de\s+)?{y2}"]
HALF1 = r"premier\s+semestre"
MONTH_RANGES = [r"(?:[Dd]e|[Ee]ntre)\s+{m1}(?:\s+{y1})?\s+(?:à|et)\s+{m2}\s+{y2}"]
YEAR_RANGES = [r"(?:[Dd]e|[Ee]ntre)\s+{y1}\s+(?:à|et)\s+{y2}"]
SINCE = [r"[Dd]epuis\s+(?:le\s+début\s+{of})?{y}"]
DAY_DATES = [r"{d}\s+{m}\s+{y}"]
# "du 8 au 19 février 2010": the first number is a day (etl/claims/references.py)
DAY_RANGE_WORDS = ("au", "à", "et", "-", "–")
DAY_OF: tuple[str, ...] = ()
DAY_MONTHS = [r"{d}\s+{m}"]  # a date without its year: "le 5 novembre"
MONTH_YEARS = [r"{m}\s+{y}"]
START_OF_YEAR = [r"début\s+{of}{y}"]
END_OF_YEAR = [r"fin\s+{of}{y}"]
OF = r"(?:de\s+|d['’])(?:l['’]année\s+)?"
# Years that name a thing rather than a time ("Convention de 1951", "à l'horizon 2029"),
# or a baseline ("par rapport à 2020", par. 203).
NAMING_BEFORE = (
    r"horizon|Convention\s+de|Protocole\s+de|amendement\s+de|Plan\s+national|Déclaration\s+d\S+"
    r"|par\s+rapport\s+à"
)
NAMING_AFTER: str | None = None
# A date after "du" dates a document ("loi no 322-I du 26 août 1998"), not a statistic.
DOCUMENT_DATE_BEFORE = r"\bdu"
# Two time expressions joined into one: "la période 2022-2024 et les six premiers mois de 2025".
TIME_JOIN = r"\s+et\s+(?:les\s+|des\s+|en\s+|au\s+cours\s+des\s+|la\s+période\s+)?"

# Words between a number and the time expression after it that tie them ("46 en 2022").
IN_WORDS = r"en|au\s+cours(?:\s+de\s+l['’]année)?|pour|durant|pendant"
# A range of two numbers: "de 46 à 91", "2 à 4 %"; "de" opens a change from one to the other.
RANGE_WORDS = ("à", "et")
BETWEEN_WORDS = ("entre",)
RANGE_OPENERS = ("de", "passant de", "passé de")
# ", et" ends a clause: a time after it does not reach back (par. 240).
AND = "et"
# Before a share that belongs to the count before it: "dont 36 (39 %)", "soit 39 %".
SHARE_OF_BEFORE = ("dont", "soit", ",")
# A growth rate, dated by the span between the two numbers it compares (par. 380 "+193 %").
GROWTH_CUES = ("hausse de", "augmentation de", "progression de", "croissance de", "baisse de", "diminution de")

# A sentence that states no period may take the one of the sentence before it (par. 107, 410),
# unless it states a standing fact or a habit, which that date does not reach: "Le Kazakhstan
# compte 737 400 personnes handicapées" (par. 89), "chaque année" (par. 255), "généralement"
# (par. 191), "est en cours" (par. 229). Patterns, matched as whole words.
UNDATED_CUES = (
    r"compte(?:nt)?", r"existe(?:nt)?", r"il\s+y\s+a", r"permet(?:tent)?", r"représente(?:nt)?",
    r"comprend(?:re)?", r"possède(?:nt)?", r"dispose(?:nt)?", r"reste(?:nt)?", r"demeure(?:nt)?",
    r"chaque\s+(?:année|mois|trimestre|semaine)", r"par\s+an", r"tous\s+les\s+ans", r"annuellement",
    r"généralement", r"actuellement", r"à\s+l['’]heure\s+actuelle", r"désormais", r"en\s+cours",
)
# Taking part in what the sentence before dates: "Trente représentants … y ont participé" (par. 216).
# A figure planned for the future, not achieved: "il est prévu de former 1 000 enseignants", "seront
# créées d'ici à la fin de 2025" (patterns, whole words, sought in the number's clause; etl/claims/plans.py).
# "La loi prévoit" states what a law provides: only "prévoit de" plans.
PLANNED_CUES = (
    r"sera", r"seront", r"il\s+est\s+prévu", r"(?:est|sont)\s+prévue?s?\s+(?:de|d['’]|pour)",
    r"prévoi(?:t|ent)\s+(?:de|d['’])", r"envisage(?:nt)?\s+(?:de|d['’])", r"projette(?:nt)?\s+(?:de|d['’])",
    r"(?:a|ont)\s+pour\s+objectif", r"s['’]est\s+fixé", r"objectif\s+(?:de|d['’])(?=\s*(?:\S+\s+){0,2}\d)", r"d['’]ici",
    r"à\s+l['’]horizon\s+(?:de\s+)?\d{4}\s*,",
)
PARTICIPATION_CUES = ("y ont participé", "y ont pris part", "y ont assisté", "ont participé", "ont pris part")

# Abbreviations whose dot does not end a sentence ("art. 174", "par. 16", "L.N. Goumilev").
ABBREVIATIONS = {
    "art", "arts", "par", "para", "sect", "al", "no", "nos", "p", "pp", "cf", "etc", "vol",
    "chap", "env", "M", "MM", "Mme", "Mmes", "Dr", "St", "ann", "réf",
}

# A sentence that opens with one of these continues the previous sentence's period
# (par. 249: "Au total, 3 484 139 élèves ..." is the school year 2022/23 of the sentence before).
CARRY_PERIOD_OPENERS = ("au total", "parmi eux", "parmi elles", "parmi ceux", "sur ce nombre", "dont")

# The counted noun phrase: "le nombre d'affaires pénales" names what the number after it counts.
# The noun comes first in its phrase ("procédures pénales") or last ("criminal proceedings").
# A finite verb may come before the counted noun (not in this language).
VERB_BEFORE_SUBJECT = False
HEAD_FIRST = True
NUMBER_OF = r"nombre\s+(?:de\s+|d['’]|des\s+)"
# After a quantity word ("20,3 millions d'habitants", "71,2 % des habitants") the noun follows "de".
OF_WORDS = ("de la", "de l'", "de", "d'", "des", "du")
# Words that may sit inside a noun phrase ("affaires d'incitation à la discorde").
SUBJECT_CONNECTORS = ("de", "d'", "des", "du", "l'", "la", "sans")
# Words that end the counted noun phrase after a number.
SUBJECT_STOPWORDS = {
    "à", "au", "aux", "en", "dans", "pour", "par", "sur", "avec", "contre", "chez", "entre", "vers", "selon", "et",
    "ou", "mais", "dont", "qui", "que", "qu", "ce", "cette", "ces", "se", "s", "ont", "a", "sont", "est", "était",
    "étaient", "sera", "seront", "avait", "avaient", "y", "il", "ils", "elle", "elles", "on", "le", "la", "les",
    "l", "un", "une", "du", "ne", "n", "soit", "ainsi", "alors", "comme", "lors", "depuis", "après", "avant",
    "durant", "pendant", "jusqu", "environ", "plus", "moins", "ont-ils", "ayant", "étant", "été", "sont-ils",
    "leur", "leurs", "son", "sa", "ses", "ici", "notamment", "également", "déjà", "respectivement", "chacun",
    "chacune", "auxquels", "auxquelles", "lesquels", "lesquelles", "laquelle", "lequel",
    # verbs in the third person that end no other way: "le nombre de personnes … représente" (par. 418)
    "représente", "représentent", "atteint", "atteignent", "correspond", "correspondent", "dépasse", "dépassent",
}
# Verb endings that end a noun phrase ("dispensaient", "occupait"); "-ent" and "-ant" too
# (never right after "de": "établissements d'enseignement").
SUBJECT_VERB_ENDINGS = ("aient", "ait", "ront")  # "verront" (par. 232)
VERB_PLURAL_ENDINGS = ("ent",)
PARTICIPLE_ENDINGS = ("ant",)
PAST_ENDINGS: tuple[str, ...] = ()  # French marks its verbs with SUBJECT_VERB_ENDINGS
# Nouns a statistic measures, written before it: "un taux d'emploi de 28,9 %" (par. 89),
# "le taux de scolarisation des enfants … atteint 93,1 %" (par. 225).
MEASURED_NOUNS = ("taux", "part", "proportion", "pourcentage", "niveau", "quota", "montant", "somme",
                  "puissance", "capital", "prime")
# A list whose items leave their noun out (par. 239): "98 % des établissements sont équipés de
# tourniquets, 97 % d'agents de sécurité agréés" - the whole after "des", an item after "de".
DEFINITE_OF = ("des", "du", "de la", "de l'")
BARE_OF = ("de", "d'")
AUXILIARIES = ("sont", "est", "étaient", "était", "ont", "a", "avaient", "avait", "été", "seront", "sera")
# Nouns that count something of the number before them: "195 jardins d'enfants offrant 14 800
# places" (par. 226) -> "places (jardins d'enfants)"; "119 agents … et 395 autres" (par. 238).
RELATIVE_NOUNS = ("places", "lits", "membres")
OTHER_WORDS = ("autres",)
# A share "of these" counts what the sentence named last, not the list's noun (par. 241).
PRONOUN_OF = ("de ces", "d'entre eux", "d'entre elles")
# "la moitié d'entre eux" (par. 298): a share of the count before it.
OF_THEM = ("d'entre eux", "d'entre elles")
ARTICLES = ("le", "la", "les", "l'", "un", "une", "des", "du")
# Where the label of a share in brackets starts: "considère que la cohabitation … est calme (60,9 %)".
LABEL_OPENERS = ("que", "qu'", "qui", "dont")
# Verbs of opinion keep what they say: "85 % des habitants estiment que la situation … s'est
# améliorée" (par. 203), "82 % d'entre eux jugent que le climat … est bon" (par. 110).
OPINION_VERBS = ("estiment", "jugent", "considèrent", "pensent", "déclarent", "affirment", "indiquent")
# Negations before a verb, kept with it: "n'ont noté aucune violation" (par. 107).
NEGATIONS = ("n'", "ne")
# Words after a number that describe the count before it, not a noun of their own: "3,2 millions
# d'enfants, dont 500 000 issus de groupes socialement vulnérables" (par. 240), "37 réfugiés, dont
# 34 originaires d'Afghanistan" (par. 280).
DESCRIBING_WORDS = ("issus", "issues", "originaires", "nés", "nées", "venus", "venues", "âgés", "âgées")
# The whole a share may be of, which names no counted thing: "737 400 personnes handicapées, ce qui
# correspond à 3,7 % de la population totale" (par. 89); the share then reads "part de la …".
WHOLE_NOUNS = ("population",)
SHARE_OF_WHOLE = "part de la {whole}"
# A participle written before its noun after "avoir" does not agree with it ("ont rendu 86
# jugements", par. 155); said of the noun alone it does: "jugements (rendus)". The endings that
# take "e" and "s", and the nouns (or their endings) that are feminine.
AGREEING_PARTICIPLE_ENDINGS = ("é", "i", "u")
FEMININE_ENDINGS = ("ion", "ure", "ance", "ence", "ité", "té", "ée", "ère", "ette", "ise", "aine", "ille")
FEMININE_NOUNS = ("personne", "affaire", "école", "femme", "plainte", "famille", "victime", "procédure", "classe")
PLURAL_NOUN_ENDINGS = ("s", "x")
# Participles that a named body may follow inside a noun phrase: "plaintes adressées au Commissaire".
PARTICIPLE_FORMS = ("é", "ée", "és", "ées")

# Segmenter: the heading naming the paragraphs of the previous concluding observations that a
# section answers, and the words that end it.
FOLLOW_UP_HEADING = r"Renseignements\s+sur\s+la\s+suite\s+donnée"
FOLLOW_UP_END = r"observations\s+finales"
PARAGRAPH_WORDS = r"paragraphes?"
ANNEX_WORDS = r"Annexes?"  # the heading that opens an annex: "Annexe", "Annexe II"

# Frequent words that tell French from English and Spanish, counted when no metadata gives the
# language (etl/lang/detect.py); "de", "la", "en", "que", "un", "se" are Spanish too.
STOPWORDS = {
    "le", "les", "des", "du", "et", "est", "sont", "dans", "pour", "par", "sur", "au", "aux", "qui", "ont", "été",
    "ce", "cette", "ces", "il", "elle", "ne", "pas", "plus", "sa", "ses", "leur", "leurs", "avec", "une",
}
# fmt: on
