"""Spanish: the tables the shared grammar reads (number words, units, cues, months, periods)."""

# Tables kept compact, several entries a line, with the formatter off (etl/lang/__init__.py says why).
# fmt: off

CODE = "es"
TEXT2NUM = "es"
LOCALE = "es"  # "1.234,5"

# Digits: a decimal comma; groups of three after points ("2.963.800") or plain spaces ("2 963 800",
# as UN documents print them), and after the no-break, narrow and thin spaces every language takes
# (etl/numbers.py).
DECIMAL_MARKS = ","
GROUP_MARKS = ". "

# Cardinal number words that text2num reads ("treinta y dos", "ciento veintitrés").
# "un"/"una"/"uno" are also articles and pronouns: kept only before a scale word, an
# approximate noun or a unit of time ("un millón", "un millar", "un año"). "cero" is left out.
NUMBER_WORDS = [
    "un", "uno", "una", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once", "doce",
    "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho", "diecinueve", "veinte", "veintiuno",
    "veintiuna", "veintidós", "veintitrés", "veinticuatro", "veinticinco", "veintiséis", "veintisiete",
    "veintiocho", "veintinueve", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa",
    "cien", "ciento", "doscientos", "doscientas", "trescientos", "trescientas", "cuatrocientos", "cuatrocientas",
    "quinientos", "quinientas", "seiscientos", "seiscientas", "setecientos", "setecientas", "ochocientos",
    "ochocientas", "novecientos", "novecientas", "mil",
]
ARTICLE_NUMBERS = ("un", "una", "uno")
INDEFINITE_ONE: dict[str, str] = {}  # "un millar": "un" is a number word already
# Spaces, and "y" only after the tens (treinta, cuarenta … noventa all end in "nta"):
# "treinta y dos" is one number, "dos y tres" two.
WORD_JOINER = r"(?<=nta)\s+y\s+|\s+"
DECIMAL_WORDS = ("coma",)  # "dos coma cinco"

# Ordinal words -> the cardinal word text2num reads. "primero/primer" are left out
# ("primera instancia", "el primer semestre").
ORDINAL_WORDS = {
    "segundo": "dos", "segunda": "dos", "tercero": "tres", "tercer": "tres", "tercera": "tres",
    "cuarto": "cuatro", "cuarta": "cuatro", "quinto": "cinco", "quinta": "cinco",
    "sexto": "seis", "sexta": "seis", "séptimo": "siete", "séptima": "siete",
    "octavo": "ocho", "octava": "ocho", "noveno": "nueve", "novena": "nueve",
    "décimo": "diez", "décima": "diez", "undécimo": "once", "undécima": "once",
    "duodécimo": "doce", "duodécima": "doce", "decimotercero": "trece", "decimotercera": "trece",
    "decimocuarto": "catorce", "decimocuarta": "catorce", "decimoquinto": "quince",
    "vigésimo": "veinte", "vigésima": "veinte", "trigésimo": "treinta", "centésimo": "cien",
}
ORDINAL_SUFFIXES = (".º", ".ª", "º", "ª", ".°", "°")  # "11.º", "14º"
ROMAN_ORDINAL_SUFFIX: str | None = None
# "primero"/"primera" are left out with ORDINAL_WORDS; no adjective ordinal is read (fr.py reads "première").
ORDINAL_ADJECTIVES: tuple[str, ...] = ()
ORDINAL_ADJECTIVE_NOT_BEFORE: tuple[str, ...] = ()
# "ningún caso … se registró": not read yet; the zero in words, the counted article and the pronoun
# that takes a noun up are French tables only (fr.py), never-matching patterns here.
ZERO_WORDS: tuple[str, ...] = ()
ARTICLE_COUNTED_AFTER = r"(?!)"
ZERO_AFTER = r"(?!)"
PRONOUN_TAKING_UP = r"(?!)"

# Scale words: "20,3 millones" = 20 300 000; "mil millones" is 10^9, "billón" 10^12.
SCALE_WORDS = {
    "mil": 1e3,
    "millón": 1e6, "millones": 1e6,
    "mil millones": 1e9,
    "billón": 1e12, "billones": 1e12,
}

APPROX_NOUNS = {
    "decena": 10, "docena": 12, "media docena": 6, "quincena": 15, "veintena": 20,
    "treintena": 30, "cincuentena": 50, "centenar": 100, "millar": 1000,
}
APPROX_COUNTS = ("un", "una", "dos", "tres", "cuatro", "cinco")
ONE_WORDS = ("un", "una")  # "un centenar"
PLURAL_ENDINGS = ("s", "es")  # "centenares", "decenas"

FRACTIONS = {
    "la mitad": 1 / 2, "un tercio": 1 / 3, "dos tercios": 2 / 3, "un cuarto": 1 / 4,
    "una cuarta parte": 1 / 4, "tres cuartas partes": 3 / 4, "tres cuartos": 3 / 4,
}
FRACTION_ARTICLES = ("las", "los", "la")
FRACTIONS_WITH_OF: tuple[str, ...] = ()  # every fraction is a share

# Spanish puts the article between a cue and a percentage: "más del 80 %", "al menos el 30 %".
QUALIFIER_CUES = [
    ("más de", "more_than"),
    ("más del", "more_than"),
    ("menos del", "less_than"),
    ("alrededor del", "approx"),
    ("cerca del", "approx"),
    ("casi el", "approx"),
    ("aproximadamente el", "approx"),
    ("al menos el", "at_least"),
    ("hasta el", "at_most"),
    ("de hasta el", "at_most"),
    ("superaba el", "more_than"),
    ("superior al", "more_than"),
    ("inferior al", "less_than"),
    ("superior a", "more_than"),
    ("superaba", "more_than"),
    ("superó", "more_than"),
    ("supera", "more_than"),
    ("al menos", "at_least"),
    ("por lo menos", "at_least"),
    ("como mínimo", "at_least"),
    ("unos", "approx"),
    ("unas", "approx"),
    ("alrededor de", "approx"),
    ("aproximadamente", "approx"),
    ("cerca de", "approx"),
    ("casi", "approx"),
    ("en torno a", "approx"),
    ("del orden de", "approx"),
    ("hasta", "at_most"),
    ("de hasta", "at_most"),
    ("menos de", "less_than"),
    ("menores de", "less_than"),  # "niños menores de 18 años"
    ("mayores de", "more_than"),
    ("inferior a", "less_than"),
]

PERCENT_UNITS = {"%": "%", "por ciento": "%", "por 100": "%"}
# Currencies written after the number; a currency's own code ("KZT", "USD") is read in every language.
MONEY_UNITS = {
    "tenge": "KZT", "dólares de los Estados Unidos": "USD", "dólares estadounidenses": "USD",
    "dólares": "USD", "euros": "EUR", "rublos": "RUB",
}
MONEY_PREFIXES = {"US$": "USD"}
UNIT_OF = ("de",)
MEASURE_UNITS = {
    "años": "years", "año": "years", "meses": "months", "mes": "months",
    "semanas": "weeks", "semana": "weeks", "días": "days", "día": "days",
    "horas": "hours", "hora": "hours", "petaflops": "petaflops",
    "kilómetros": "km", "km": "km", "hectáreas": "ha",
}
# "los tres últimos años" (between), "los últimos tres años" (before): a date.
UNIT_ADJECTIVES = ("últimos", "últimas", "próximos", "próximas")
DATING_BEFORE = ("últimos", "últimas", "próximos", "próximas")
# Words after a number of years that make it a date (Spanish says it before: "hace tres años").
DATING_AFTER: tuple[str, ...] = ()

# The terms of a law, not statistics (kind `provision`): "de tres a siete años de prisión",
# "multa de hasta 2.000 tenge", "en un plazo de tres meses", "se concede por un año".
PROVISION_CUES = (
    "prisión", "privación de libertad", "multa", "pena", "sanción", "plazo", "concede por",
    "por un período", "prorrogar",
)
# The cues that are verbs, which name nothing a provision bounds ("se concede por un año").
PROVISION_VERB_CUES = ("concede", "prorrogar")
TIME_LIMIT_BEFORE = ("dentro de las", "dentro de los", "en las")
AGE_CUES = ("niños", "niñas", "menores", "jóvenes")
AGE_BEFORE = ("edad de", "edades de", "edades comprendidas entre")  # right before the age
AGE_AFTER = ("años de edad", "de edad")  # "menores de 18 años de edad"
AGE_OF = "edad de los {noun}"  # the subject of an age: "edad de los niños"

REFERENCE_CUES = (
    "art.", "arts.", "artículo", "artículos", "párr.", "párrs.", "párrafo", "párrafos",
    "apartado", "apartados", "inciso", "punto", "puntos", "anexo", "anexos", "núm.", "núms.",
    "n.º", "nº", "no.", "resolución", "resoluciones", "decisión", "decisiones", "decreto",
    "sección", "secciones", "capítulo", "capítulos", "regla", "reglas", "principio",
    "recomendación", "objetivo", "meta", "página", "pág.", "págs.", "p.", "vol.", "código",
    # sesiones, objetivos de desarrollo del Milenio y sostenible ("ODM 4", "ODS 16.9"), protocolos
    # facultativos, convenios ("Convenio núm. 169"), conclusiones de otro órgano, notas
    "sesión", "sesiones", "reunión", "ODM", "ODS", "OP", "objetivos", "metas", "protocolo", "protocolos",
    "convención", "convenciones", "convenio", "convenios", "conclusión", "conclusiones",
    "recomendaciones", "indicador", "indicadores",
)
ROMAN_REFERENCE_CUES = ("sección", "capítulo", "parte")
LIST_WORDS = ("y", "e", "o", "a")
AFTER_REFERENCE_WORDS = ("y", "e", "o", "a", "de", "del")

COUNTED_ACRONYMS = {"ONG", "OSC", "PYME", "ODS"}

MONTHS = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}
DAY = r"1\.?º|\d{1,2}"  # "1 de julio de 2025", "1.º de julio"

FIRST_MONTHS = [
    r"(?:(?:durante|en)\s+)?los\s+{n}\s+primeros\s+meses\s+de\s+{y}",
    r"(?:(?:durante|en)\s+)?los\s+primeros\s+{n}\s+meses\s+de\s+{y}",
]
HALF_YEARS = {
    1: [r"(?:(?:durante|en)\s+)?el\s+primer\s+semestre\s+de\s+{y}"],
    2: [r"(?:(?:durante|en)\s+)?el\s+segundo\s+semestre\s+de\s+{y}"],
}
UNTIL_MONTH_END = [r"[Dd]e\s+{y1}\s+(?:a|hasta)\s+(?:finales|fines|final)\s+del?\s+(?:{half1}|{m})\s+de\s+{y2}"]
HALF1 = r"primer\s+semestre"
MONTH_RANGES = [r"(?:[Dd]e|[Ee]ntre|[Dd]esde)\s+{m1}(?:\s+de\s+{y1})?\s+(?:a|y|hasta)\s+{m2}\s+de\s+{y2}"]
YEAR_RANGES = [r"(?:[Dd]e|[Ee]ntre|[Dd]esde)\s+{y1}\s+(?:a|y|hasta)\s+{y2}", r"[Dd]el\s+{y1}\s+al\s+{y2}"]
SINCE = [r"[Dd]esde\s+(?:(?:principios|comienzos|inicios)\s+de\s+)?{y}"]
DAY_DATES = [r"{d}\s+de\s+{m}\s+de\s+{y}"]
# "del 1 al 15 de diciembre de 2008": the first number is a day (etl/claims/references.py)
DAY_RANGE_WORDS = ("al", "a", "y", "hasta el", "-", "–")
DAY_OF = ("de",)
DAY_MONTHS = [r"{d}\s+de\s+{m}"]
MONTH_YEARS = [r"{m}\s+de\s+{y}"]
START_OF_YEAR = [r"(?:principios|comienzos|inicios)\s+de\s+{y}"]
END_OF_YEAR = [r"(?:finales|fines|final)\s+de\s+{y}"]
OF = r"de\s+"
NAMING_BEFORE = (
    r"horizonte|Convención\s+de|Protocolo\s+de|enmienda\s+de|Plan\s+Nacional|Declaración\s+de"
    r"|con\s+respecto\s+a|en\s+comparación\s+con|respecto\s+de"
)
NAMING_AFTER: str | None = None
# "la Ley núm. 349-VI, de 26 de junio de 2020" dates a document.
DOCUMENT_DATE_BEFORE = r",\s*de"
TIME_JOIN = r"\s+y\s+(?:los\s+|las\s+|en\s+|durante\s+los\s+|el\s+período\s+)?"

IN_WORDS = r"en|durante|para|a\s+lo\s+largo\s+de"
RANGE_WORDS = ("a", "y")
BETWEEN_WORDS = ("entre",)
RANGE_OPENERS = ("de", "desde", "pasando de", "pasó de")
AND = "y"
SHARE_OF_BEFORE = ("de los cuales", "de las cuales", "es decir", "o sea", ",")
GROWTH_CUES = ("aumento de", "incremento de", "crecimiento de", "disminución de", "descenso de", "reducción de")

# A standing fact or a habit, which the date of the sentence before does not reach
# ("Kazajstán cuenta con 737.400 personas con discapacidad", "cada año"). Patterns, whole words.
UNDATED_CUES = (
    r"cuenta(?:n)?\s+con", r"existe(?:n)?", r"hay", r"permite(?:n)?", r"comprende(?:n)?",
    r"dispone(?:n)?", r"sigue(?:n)?", r"suele(?:n)?", r"cada\s+(?:año|mes|trimestre|semana)", r"al\s+año",
    r"por\s+año", r"anualmente", r"generalmente", r"actualmente", r"en\s+la\s+actualidad",
    r"en\s+curso", r"en\s+proceso\s+de",
)
# A figure planned for the future, not achieved: "se prevé formar a 300 docentes", "se crearán 49 000 plazas
# de aquí a 2025" (patterns, whole words, sought in the number's clause; etl/claims/plans.py). "La ley prevé"
# states what a law provides: only "se prevé" and "prevé + infinitive" plan.
PLANNED_CUES = (
    r"será", r"serán", r"se\s+prevé", r"prevé\s+\w+(?:ar|er|ir)", r"está(?:n)?\s+previst[oa]s?",
    r"tiene(?:n)?\s+previsto", r"planea(?:n)?", r"se\s+propone(?:n)?", r"tiene(?:n)?\s+(?:como|por)\s+objetivo",
    r"(?:objetivo|meta)\s+de(?=\s+(?:\S+\s+){0,2}\d)", r"de\s+aquí\s+a", r"\w+(?:ará|erá|irá|arán|erán|irán)",
)
PARTICIPATION_CUES = ("participaron", "tomaron parte", "asistieron")

ABBREVIATIONS = {
    "art", "arts", "párr", "párrs", "núm", "núms", "n", "p", "pág", "págs", "cf", "etc", "vol",
    "Sr", "Sres", "Sra", "Dr", "Dra", "sec", "cap", "aprox", "Ud", "Uds",
}

CARRY_PERIOD_OPENERS = ("en total", "en conjunto", "de ellos", "de ellas", "entre ellos",
                        "entre ellas", "de estos", "de estas", "del total")

# A finite verb may come before the counted noun  # "en 2022 se juzgaron 12 causas".
VERB_BEFORE_SUBJECT = True
HEAD_FIRST = True
NUMBER_OF = r"número\s+de\s+(?:los\s+|las\s+)?"
OF_WORDS = ("de los", "de las", "de la", "del", "de")
SUBJECT_CONNECTORS = ("de", "del", "la", "las", "los", "el", "con", "sin")  # "personas con discapacidad"
SUBJECT_STOPWORDS = {
    "a", "al", "ante", "bajo", "contra", "desde", "durante", "en", "entre", "hacia", "hasta", "mediante", "para",
    "por", "según", "sobre", "tras", "y", "e", "o", "u", "ni", "pero", "que", "quien", "quienes", "cual", "cuales",
    "cuyo", "cuya", "este", "esta", "estos", "estas", "ese", "esa", "eso", "se", "su", "sus", "le", "les", "lo",
    "un", "una", "unos", "unas", "es", "son", "fue", "fueron", "era", "eran", "ha", "han", "había", "habían",
    "será", "serán", "está", "están", "estaba", "estaban", "sido", "siendo", "como", "cuando", "donde", "ya",
    "también", "además", "respectivamente", "cada", "ambos", "no", "más", "menos", "aproximadamente", "ellos",
    "ellas", "antes", "después", "menores", "mayores", "suelen", "viven", "asisten", "trabajan", "hablan",
    "reciben", "cuentan",
}
SUBJECT_VERB_ENDINGS = ("ó", "aba", "aban", "ían", "aron", "ieron")  # "aumentó", "recibieron"
VERB_PLURAL_ENDINGS: tuple[str, ...] = ()
PARTICIPLE_ENDINGS = ("ando", "iendo")
PAST_ENDINGS: tuple[str, ...] = ()  # Spanish marks its verbs with SUBJECT_VERB_ENDINGS
MEASURED_NOUNS = ("tasa", "proporción", "porcentaje", "nivel", "cuota", "monto", "importe", "suma",
                  "capacidad", "capital", "prima")
# "el 98 % de las escuelas están equipadas con torniquetes, el 97 % con guardias de seguridad"
DEFINITE_OF = ("de los", "de las", "del", "de la")
BARE_OF = ("de", "con")
AUXILIARIES = ("son", "es", "eran", "era", "han", "ha", "habían", "había", "sido", "fueron", "fue", "están", "estaban", "serán")
RELATIVE_NOUNS = ("plazas", "camas", "miembros")
OTHER_WORDS = ("otros", "otras")
# A share "of these" counts what the sentence named last, not the list's noun (par. 241).
PRONOUN_OF = ("de estos", "de estas", "de ellos", "de ellas")
# "la moitié d'entre eux" (par. 298): a share of the count before it.
OF_THEM = ("de ellos", "de ellas")
ARTICLES = ("el", "la", "los", "las", "un", "una", "unos", "unas")
# Where the label of a share in brackets starts: "considère que la cohabitation … est calme (60,9 %)".
LABEL_OPENERS = ("que", "quien", "quienes", "cuyo", "cuya")
# Verbs of opinion keep what they say ("el 85 % de los habitantes considera que la situación …").
OPINION_VERBS = ("consideran", "considera", "estiman", "estima", "creen", "cree", "opinan", "opina", "declaran")
NEGATIONS = ("no",)
# Words after a number that describe the count before it ("de los cuales 34 procedentes de Afganistán").
DESCRIBING_WORDS = ("procedentes", "originarios", "originarias", "nacidos", "nacidas")
# The whole a share may be of: "el 3,7 % de la población total" reads "parte de la …".
WHOLE_NOUNS = ("población",)
SHARE_OF_WHOLE = "parte de la {whole}"
# Spanish participles agree already ("fueron condenadas 12 personas"); after "haber" they do not
# ("han dictado 86 sentencias") and are left as written.
AGREEING_PARTICIPLE_ENDINGS: tuple[str, ...] = ()
FEMININE_ENDINGS: tuple[str, ...] = ()
FEMININE_NOUNS: tuple[str, ...] = ()
PLURAL_NOUN_ENDINGS = ("s",)
PARTICIPLE_FORMS = ("ado", "ada", "ados", "adas", "ido", "ida", "idos", "idas")  # "quejas dirigidas al Comisionado"

FOLLOW_UP_HEADING = r"Información\s+(?:relativa\s+al|sobre\s+el)\s+seguimiento"
FOLLOW_UP_END = r"observaciones\s+finales"
PARAGRAPH_WORDS = r"párrafos?"
ANNEX_WORDS = r"Anexos?"  # the heading that opens an annex: "Anexo", "Anexo II"

# Frequent words that tell Spanish from French and English, counted when no metadata gives the
# language (etl/lang/detect.py); "de", "la", "en", "que", "un", "se" are French too.
STOPWORDS = {
    "el", "los", "las", "del", "y", "por", "con", "para", "su", "sus", "una", "es", "fue", "al", "como", "lo", "ha",
    "han", "este", "esta", "sobre", "también",
}
# fmt: on
