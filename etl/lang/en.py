"""English: the tables the shared grammar reads (number words, units, cues, months, periods)."""

# Tables kept compact, several entries a line, with the formatter off (etl/lang/__init__.py says why).
# fmt: off

CODE = "en"
TEXT2NUM = "en"
LOCALE = "en"  # "2,963,800", "14.6"

# Digits: a decimal point; groups of three after commas ("2,963,800"), and after the no-break,
# narrow and thin spaces every language takes (etl/numbers.py); a plain space is no group mark.
DECIMAL_MARKS = "."
GROUP_MARKS = ","

# Cardinal number words that text2num reads ("eighty-eight", "two hundred and fifty").
# "one" is also a pronoun ("one of the priorities"): like French "un", it is kept only
# before a scale word, an approximate noun or a unit of time ("one million", "one year").
# "zero" is left out ("zero tolerance").
NUMBER_WORDS = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty",
    "sixty", "seventy", "eighty", "ninety", "hundred", "thousand",
]
ARTICLE_NUMBERS = ("one",)
# "a" stands for one before these: "more than a thousand meetings", "a million".
INDEFINITE_ONE = {
    "a hundred": "one hundred", "a thousand": "one thousand", "a million": "one million",
    "a billion": "one billion",
}
# Hyphens and spaces; "and" only after "hundred" or "thousand" ("two hundred and fifty"),
# so "forty and fifty" stays two numbers.
WORD_JOINER = r"-|(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+|\s+"
DECIMAL_WORDS = ("point",)  # "two point five"

# Ordinal words -> the cardinal word text2num reads. "first" is left out: it is mostly an
# adjective ("first instance", "the first half of 2025").
ORDINAL_WORDS = {
    "second": "two", "third": "three", "fourth": "four", "fifth": "five", "sixth": "six",
    "seventh": "seven", "eighth": "eight", "ninth": "nine", "tenth": "ten",
    "eleventh": "eleven", "twelfth": "twelve", "thirteenth": "thirteen",
    "fourteenth": "fourteen", "fifteenth": "fifteen", "sixteenth": "sixteen",
    "seventeenth": "seventeen", "eighteenth": "eighteen", "nineteenth": "nineteen",
    "twentieth": "twenty", "thirtieth": "thirty", "fortieth": "forty", "fiftieth": "fifty",
    "sixtieth": "sixty", "hundredth": "hundred", "thousandth": "thousand",
}
ORDINAL_SUFFIXES = ("st", "nd", "rd", "th")  # "1st", "34th"
ROMAN_ORDINAL_SUFFIX: str | None = None  # "the XXXIV session" has none
ORDINAL_ADJECTIVES: tuple[str, ...] = ()  # see fr.py: none here
ORDINAL_ADJECTIVE_NOT_BEFORE: tuple[str, ...] = ()
ZERO_WORDS: tuple[str, ...] = ()  # a zero in words is read in French only (see fr.py)
ZERO_AFTER = r"(?!)"
ARTICLE_COUNTED_AFTER = r"(?!)"
PRONOUN_TAKING_UP = r"(?!)"

# Scale words: "20.3 million" = 20 300 000; "billion" is 10^9 in English.
SCALE_WORDS = {
    "thousand": 1e3,
    "million": 1e6, "millions": 1e6,
    "billion": 1e9, "billions": 1e9,
    "trillion": 1e12,
}

# Nouns that name a round quantity, approximate as written ("a dozen", "half a dozen").
APPROX_NOUNS = {"dozen": 12, "half-dozen": 6, "half a dozen": 6}
APPROX_COUNTS = ("a", "one", "two", "three", "four", "five")
ONE_WORDS = ("a", "one")  # "a dozen" = one dozen
PLURAL_ENDINGS = ("s",)

# Fractions written as words, as a share of one ("half of the schools" = 50 %).
FRACTIONS = {
    "half": 1 / 2, "one half": 1 / 2, "a third": 1 / 3, "one third": 1 / 3, "two thirds": 2 / 3,
    "a quarter": 1 / 4, "one quarter": 1 / 4, "three quarters": 3 / 4,
}
FRACTION_ARTICLES = ("the",)
# A share only before "of" ("a third of the schools"); else an ordinal ("a third country", "a quarter century").
FRACTIONS_WITH_OF = ("a third", "a quarter")

# Words before a number that make it a bound; the longest cue wins ("no more than" over "more than").
QUALIFIER_CUES = [
    ("more than", "more_than"),
    ("over", "more_than"),
    ("in excess of", "more_than"),
    ("exceeding", "more_than"),
    ("exceeded", "more_than"),
    ("exceeds", "more_than"),
    ("above", "more_than"),
    ("at least", "at_least"),
    ("a minimum of", "at_least"),
    ("no fewer than", "at_least"),
    ("no less than", "at_least"),
    ("about", "approx"),
    ("approximately", "approx"),
    ("around", "approx"),
    ("nearly", "approx"),
    ("almost", "approx"),
    ("some", "approx"),
    ("roughly", "approx"),
    ("close to", "approx"),
    ("up to", "at_most"),
    ("a maximum of", "at_most"),
    ("no more than", "at_most"),
    ("fewer than", "less_than"),
    ("less than", "less_than"),
    ("under", "less_than"),
    ("below", "less_than"),
]

PERCENT_UNITS = {"%": "%", "per cent": "%", "percent": "%"}
# Currencies written after the number; a currency's own code ("KZT", "USD") is read in every language.
MONEY_UNITS = {
    "tenge": "KZT", "United States dollars": "USD", "US dollars": "USD", "dollars": "USD",
    "euros": "EUR", "roubles": "RUB", "rubles": "RUB",
}
# Currency written before the number: "$880 million", "US$ 5 million".
MONEY_PREFIXES = {"US$": "USD", "$": "USD", "€": "EUR"}
UNIT_OF: tuple[str, ...] = ()
MEASURE_UNITS = {
    "years": "years", "year": "years", "months": "months", "month": "months",
    "weeks": "weeks", "week": "weeks", "days": "days", "day": "days",
    "hours": "hours", "hour": "hours", "petaflops": "petaflops",
    "kilometres": "km", "kilometers": "km", "km": "km", "hectares": "ha",
}
UNIT_ADJECTIVES: tuple[str, ...] = ()
# Words before a number of years that make it a date: "over the past three years".
DATING_BEFORE = ("past", "last", "next", "previous", "following", "coming")
# Words after a number of years that make it a date: "adopted three years ago".
DATING_AFTER = ("ago",)

# The terms of a law, not statistics (kind `provision`): "three to seven years' imprisonment",
# "a fine of up to 2,000 tenge", "within a period of three months", "granted for one year".
PROVISION_CUES = (
    # "fines totalling more than 5.5 million tenge were imposed" (par. 267) is a statistic
    "imprisonment", "deprivation of liberty", "restriction of liberty", "a fine of", "fine of up to",
    "fines of up to", "penalty", "punishable", "sentence",
    "time limit", "deadline", "period of", "granted for", "extended",
    # what a rule allows or requires: "could not be kept at the centre for more than 72 hours", "authorized
    # only for periods of less than 72 hours", "who had resided in Luxembourg for at least five years",
    # "detained for 4 months or more" (a bound of whom is counted), "subject to a 5 per cent quota"
    "periods of", "be kept", "be held", "may be held", "resided", "or more", "or longer", "quota",
)
# The cues that are verbs or adjectives, which name nothing a provision bounds ("granted for one year").
PROVISION_VERB_CUES = (
    "granted", "extended", "punishable", "could", "authorized", "kept", "held", "resided", "more", "longer", "detained",
)
TIME_LIMIT_BEFORE = ("within", "reduced to")
# An age that defines who is counted: "children aged 2 to 6", "children under 18 years of age".
AGE_CUES = ("children", "minors", "young people")
AGE_BEFORE = ("aged", "age of", "aged between", "aged from", "ages of", "age requirement of")  # right before the age
AGE_AFTER = ("of age", "years of age", "years old", "-year-old", "year-old")  # "older than three years of age"
AGE_OF = "age of {noun}"  # the subject of an age: "age of children"

REFERENCE_CUES = (
    "art.", "arts.", "article", "articles", "para.", "paras.", "paragraph", "paragraphs",
    "subparagraph", "item", "items", "point", "points", "annex", "annexes", "no.", "nos.", "no",
    "resolution", "resolutions", "decision", "decisions", "decree", "sect.", "section",
    "sections", "chapter", "chapters", "rule", "rules", "principle", "recommendation", "goal",
    "target", "page", "p.", "pp.", "vol.", "code",
    # what the UN numbers besides its texts: sessions and meetings, the Millennium and Sustainable
    # Development Goals ("MDG 4", "SDG 16.9"), optional protocols ("ICCPR-OP 2"), conventions
    # ("ILO Convention 189"), the conclusions of another body ("conclusion 7 (e)"), notes
    "session", "sessions", "meeting", "meetings", "MDG", "MDGs", "SDG", "SDGs", "goals", "targets",
    "OP", "protocol", "protocols", "convention", "conventions", "conclusion", "conclusions",
    "recommendations", "footnote", "footnotes", "indicator", "indicators",
)
ROMAN_REFERENCE_CUES = ("sect.", "section", "chapter", "part")
LIST_WORDS = ("and", "or", "to")
AFTER_REFERENCE_WORDS = ("and", "or", "to", "of", "above", "below")  # "paragraphs 84, …, 97 above"

COUNTED_ACRONYMS = {"NGOs", "NGO", "CSOs", "SMEs", "SDGs"}

MONTHS = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
    "August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
}
DAY = r"\d{1,2}(?:st|nd|rd|th)?"  # "1 July 2025", "July 1, 2025"

FIRST_MONTHS = [r"(?:(?:during|in|over)\s+)?the\s+first\s+{n}\s+months\s+of\s+{y}"]
HALF_YEARS = {
    1: [r"(?:(?:during|in)\s+)?the\s+first\s+half\s+of\s+{y}"],
    2: [r"(?:(?:during|in)\s+)?the\s+second\s+half\s+of\s+{y}"],
}
UNTIL_MONTH_END = [r"[Ff]rom\s+{y1}\s+(?:to|until)\s+the\s+end\s+of\s+(?:{half1}|{m})\s+{y2}"]
HALF1 = r"the\s+first\s+half\s+of"
MONTH_RANGES = [r"(?:[Ff]rom|[Bb]etween)\s+{m1}(?:\s+{y1})?\s+(?:to|and|until)\s+{m2}\s+{y2}"]
YEAR_RANGES = [r"(?:[Ff]rom|[Bb]etween)\s+{y1}\s+(?:to|and|until)\s+{y2}"]
SINCE = [r"[Ss]ince\s+(?:the\s+(?:beginning|start)\s+of\s+)?{y}"]
DAY_DATES = [r"{d}\s+{m}\s+{y}", r"{m}\s+{d},?\s+{y}"]
# "from 1 to 15 December 2008": the first number is a day (etl/claims/references.py)
DAY_RANGE_WORDS = ("to", "and", "until", "through", "-", "–")
DAY_OF: tuple[str, ...] = ()
DAY_MONTHS = [r"{d}\s+{m}", r"{m}\s+{d}(?![\d,])"]
MONTH_YEARS = [r"{m}\s+{y}"]
START_OF_YEAR = [r"(?:beginning|start)\s+of\s+{y}"]
END_OF_YEAR = [r"end\s+of\s+{y}"]
OF = r"of\s+"
NAMING_BEFORE = r"Convention\s+of|Protocol\s+of|horizon|compared\s+(?:with|to)|relative\s+to|Declaration\s+of"
# English names things with the year first: "the 1951 Convention", "the 2050 Strategy".
NAMING_AFTER = r"Convention|Protocol|Strategy|Concept|Declaration|Act\b|Plan\b|amendments?"
DOCUMENT_DATE_BEFORE = r"(?<!as )\bof|\bdated"
TIME_JOIN = r"\s+and\s+(?:the\s+|in\s+|during\s+the\s+|over\s+the\s+|the\s+period\s+)?"

IN_WORDS = r"in|during|for|over|as\s+at|as\s+of|at|on"
RANGE_WORDS = ("to", "and")
BETWEEN_WORDS = ("between",)
RANGE_OPENERS = ("from", "rising from", "rose from", "increasing from", "increased from")
AND = "and"
SHARE_OF_BEFORE = ("of whom", "of which", "or", ",", "i.e.")
GROWTH_CUES = ("increase of", "rise of", "growth of", "decrease of", "drop of", "fall of", "up by", "down by")

# A standing fact or a habit, which the date of the sentence before does not reach
# ("Kazakhstan has 737,400 persons with disabilities", "every year"). Patterns, whole words.
UNDATED_CUES = (
    r"there\s+(?:are|is)", r"exists?", r"allows?", r"enables?", r"comprises?", r"remains?",
    r"ha(?:s|ve)\s+(?:a\s+total\s+of\s+|some\s+|about\s+|more\s+than\s+|over\s+)?\d[\d,.]*",
    r"is\s+home\s+to", r"every\s+(?:year|month|quarter|week)", r"each\s+(?:year|month|quarter)",
    r"per\s+year", r"a\s+year", r"annually", r"generally", r"currently", r"at\s+present",
    r"under\s+way", r"ongoing",
)
# A figure planned for the future, not achieved: "will train 300 teachers by 2025" (patterns, whole words,
# sought in the number's clause; etl/claims/plans.py).
PLANNED_CUES = (
    r"will", r"shall", r"would\s+be\s+\w+ed", r"(?:plans?|planned|planning|intends?|intended|aims?|aimed|expects?)\s+to",
    r"(?:is|are)\s+(?:planned|expected|scheduled|due)\s+to", r"(?:is|are)\s+to\s+be",
    # "the objective of at least 30 per cent", not "the objective of equality has not yet been reached"
    r"(?:target|objective|goal)\s+of(?=\s+(?:\S+\s+){0,2}\d)", r"by\s+(?:the\s+end\s+of\s+)?(?:19|20)\d\d",
)
PARTICIPATION_CUES = ("took part", "participated", "attended")

ABBREVIATIONS = {
    "art", "arts", "para", "paras", "No", "Nos", "no", "nos", "p", "pp", "cf", "etc", "vol",
    "Mr", "Mrs", "Ms", "Dr", "St", "sect", "chap", "approx", "e.g", "i.e", "Inc", "Ltd",
    "Co", "Jr", "Sr", "vs", "op", "cit",
}

CARRY_PERIOD_OPENERS = ("in total", "a total of", "overall", "of these", "of them", "of whom",
                        "of which", "among them")

# A finite verb may come before the counted noun (not in this language).
VERB_BEFORE_SUBJECT = False
HEAD_FIRST = False
NUMBER_OF = r"number\s+of\s+(?:the\s+)?"
OF_WORDS = ("of the", "of")
SUBJECT_CONNECTORS = ("of", "the", "with", "without")  # "persons with disabilities"
SUBJECT_STOPWORDS = {
    "in", "at", "on", "to", "for", "by", "from", "into", "under", "over", "between", "among", "against", "per",
    "via", "and", "or", "but", "which", "who", "whom", "that", "this", "these", "those", "it", "its", "they",
    "them", "their", "there", "here", "was", "were", "is", "are", "be", "been", "being", "has", "have", "had",
    "will", "would", "shall", "should", "can", "could", "may", "might", "not", "also", "as", "than", "then", "so",
    "such", "each", "both", "all", "respectively", "including", "notably", "already", "while", "whereas", "when",
    "where", "during", "since", "until", "after", "before", "about", "nearly", "approximately", "some", "a", "an",
    "took", "made", "gave", "went", "came", "saw", "held", "began", "became", "grew", "rose", "fell", "won", "lost",
    "paid", "spent", "left", "met", "sent", "got", "found", "more", "less", "fewer", "up", "live", "lives",
    "attend", "attends", "speak", "speaks", "work", "works",
}
SUBJECT_VERB_ENDINGS: tuple[str, ...] = ()
VERB_PLURAL_ENDINGS: tuple[str, ...] = ()
# After the first word of the phrase: "30 representatives participated", "pupils studying in".
PARTICIPLE_ENDINGS = ("ed", "ing")
PAST_ENDINGS = ("ed",)  # "5,618 persons received confirmation": a verb with no auxiliary
MEASURED_NOUNS = ("rate", "share", "proportion", "percentage", "level", "quota", "amount", "sum",
                  "capacity", "capital", "bonus")
# "98 per cent of schools are equipped with turnstiles, 97 per cent with licensed security guards"
DEFINITE_OF = ("of the", "of")
BARE_OF = ("with",)
AUXILIARIES = ("are", "is", "were", "was", "have", "has", "had", "been", "be", "will")
RELATIVE_NOUNS = ("places", "beds", "members")
OTHER_WORDS = ("others", "more")
# A share "of these" counts what the sentence named last, not the list's noun (par. 241).
PRONOUN_OF = ("of these", "of them", "of those")
# "la moitié d'entre eux" (par. 298): a share of the count before it.
OF_THEM = ("of them",)
ARTICLES = ("the", "a", "an")
# Where the label of a share in brackets starts: "considère que la cohabitation … est calme (60,9 %)".
LABEL_OPENERS = ("that", "who", "whom", "which")
# Verbs of opinion keep what they say ("85 per cent of residents believe that the situation …").
OPINION_VERBS = ("believe", "consider", "think", "feel")
NEGATIONS: tuple[str, ...] = ()  # English negates after the auxiliary ("had not noted")
# Words after a number that describe the count before it ("of whom 34 from Afghanistan").
DESCRIBING_WORDS = ("aged", "born", "originating")
# The whole a share may be of: "3.7 per cent of the total population" reads "share of the …".
WHOLE_NOUNS = ("population",)
SHARE_OF_WHOLE = "share of the {whole}"
AGREEING_PARTICIPLE_ENDINGS: tuple[str, ...] = ()  # English participles do not agree
FEMININE_ENDINGS: tuple[str, ...] = ()
FEMININE_NOUNS: tuple[str, ...] = ()
PLURAL_NOUN_ENDINGS = ("s",)
PARTICIPLE_FORMS = ("ed",)  # "complaints addressed to the Commissioner"

FOLLOW_UP_HEADING = r"Information\s+on\s+(?:the\s+)?follow-up\s+to"
FOLLOW_UP_END = r"concluding\s+observations"
PARAGRAPH_WORDS = r"paragraphs?"
ANNEX_WORDS = r"Annex(?:es)?"  # the heading that opens an annex: "Annex", "Annex II"

# Frequent words that tell English from French and Spanish, counted when no metadata gives the
# language (etl/lang/detect.py).
STOPWORDS = {
    "the", "of", "and", "to", "in", "is", "that", "for", "on", "with", "as", "by", "was", "were", "are", "be",
    "this", "which", "from", "at", "has", "have", "its", "it", "their", "an", "or", "not", "been", "these", "other",
    "such",
}
# fmt: on
