"""The words of the checks (etl/checks.py) in each language of the interface: the one-line arithmetic of a check
and the one sentence that says why its verdict is what it is."""

from contract.schema import CHECK_STATUSES

_, _, IF_TRUNCATED, IF_BASE_ROUNDED, BASE_ASSUMED = CHECK_STATUSES

# The one-line arithmetic of a check, in each language of the interface.
DETAILS = {
    "en": {
        "sum": "{parts}; stated total {total}",
        "sum_partial": "{parts}, at most the stated total {total}",
        "share": "{part} / {whole} = {computed} %; stated {share}",
        "growth": "{end} / {start} − 1 = {computed} %; stated {rate}",
        "increase": "stated increase",
        "decrease": "stated decrease",
        "from_to": " from {a} to {b}",
        "series": "; series {series}",
    },
    "fr": {
        "sum": "{parts} ; total indiqué {total}",
        "sum_partial": "{parts}, au plus le total indiqué {total}",
        "share": "{part} / {whole} = {computed} % ; indiqué {share}",
        "growth": "{end} / {start} − 1 = {computed} % ; indiqué {rate}",
        "increase": "hausse indiquée",
        "decrease": "baisse indiquée",
        "from_to": " de {a} à {b}",
        "series": " ; série {series}",
    },
}


# Why a verdict is what it is, in one sentence a reader understands, in each language of the interface. A plain
# `consistent` needs none; every other verdict says what was allowed or what does not add up.
EXPLANATIONS = {
    "en": {
        IF_TRUNCATED: "{share} is {computed} % cut after its last digit, not rounded (rounded, it would be {rounded}).",
        IF_BASE_ROUNDED: (
            "{share} holds only because {whole} is itself rounded: taken as written, {part} of it is {computed} %."
        ),
        BASE_ASSUMED: "The base, {whole}, is taken from paragraph {paragraph}, where the report states it.",
        "share": "{part} of {whole} is {computed} %, which the report gives as {share}.",
        "sum": "The parts add up to {computed}, not to the stated total {total}.",
        "sum_partial": "The parts add up to {computed}, more than the stated total {total}.",
        "growth": "From {start} to {end} is a change of {computed} %, which the report gives as {rate}.",
        "trend": "The report states {direction}, but its figures go from {first} to {last}.",
        "increase": "an increase",
        "decrease": "a decrease",
    },
    "fr": {
        IF_TRUNCATED: "{share} correspond à {computed} % tronqué, et non arrondi (arrondi, ce serait {rounded}).",
        IF_BASE_ROUNDED: (
            "{share} ne tient que parce que {whole} est lui-même arrondi : pris tel quel, {part} en font {computed} %."
        ),
        BASE_ASSUMED: "La base, {whole}, est prise au paragraphe {paragraph}, où le rapport l’indique.",
        "share": "{part} sur {whole} font {computed} %, que le rapport donne pour {share}.",
        "sum": "Les parties font {computed}, et non le total indiqué {total}.",
        "sum_partial": "Les parties font {computed}, plus que le total indiqué {total}.",
        "growth": "De {start} à {end}, la variation est de {computed} %, que le rapport donne pour {rate}.",
        "trend": "Le rapport indique {direction}, mais ses chiffres vont de {first} à {last}.",
        "increase": "une hausse",
        "decrease": "une baisse",
    },
}
