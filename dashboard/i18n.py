"""Interface words in French and English, and the formatting of numbers and periods.

Indicator titles, descriptions and units come from catalog.json; only the interface's own
words live here. Quotes and the report's text stay in French in both languages.
"""
from babel.numbers import format_decimal

from contract import periods

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"

STRINGS = {
    "fr": {
        "app_title": "Statistiques du rapport", "nav_catalogue": "Indicateurs", "nav_report": "Rapport",
        "nav_claims": "Tous les chiffres", "nav_follow_up": "Suite donnée", "search_placeholder": "Rechercher un indicateur (titre, description, thème)…",
        "data_points": "points de données", "data_point": "point de donnée", "paragraphs": "paragraphes", "paragraph": "paragraphe",
        "para": "par.", "period_covered": "période", "unit": "unité", "no_match": "Aucun indicateur ne correspond à « {q} ».",
        "tab_chart": "Graphique", "tab_table": "Tableau", "tab_sources": "Sources", "tab_checks": "Vérifications",
        "download_csv": "CSV", "download_xlsx": "Excel", "download_json": "JSON", "downloads": "Télécharger",
        "click_hint": "Cliquez sur un point pour lire le paragraphe qui l’énonce.",
        "open_in_report": "Lire dans le rapport", "not_found": "Indicateur inconnu : « {id} ».",
        "back_to_catalogue": "Retour au catalogue", "partial": "période partielle",
        "partial_bars": "barres hachurées", "partial_lines": "en pointillé, points creux", "value": "valeur",
        "period": "période", "qualifier": "qualificatif", "quote": "citation", "note": "note", "as_written": "tel qu’écrit",
        "no_checks": "Aucune vérification arithmétique ne porte sur cet indicateur.",
        "check_expected": "attendu", "check_computed": "calculé", "check_tolerance": "tolérance",
        "consistent": "cohérent", "inconsistent": "incohérent", "source": "Source",
        "used_by": "utilisé par", "answers_co": "Répond aux paragraphes {refs} des observations finales précédentes",
        "claims_title": "Tous les chiffres du rapport", "filter_kind": "Nature", "filter_unit": "Unité",
        "filter_qualifier": "Qualificatif", "filter_chapter": "Chapitre", "filter_section": "Section", "filter_from": "Du paragraphe",
        "filter_to": "au paragraphe", "filter_text": "Texte libre", "download_filtered": "Télécharger ces lignes (CSV)",
        "rows": "lignes", "package": "Tout le jeu de données (zip)", "catalogue_json": "Catalogue (JSON)",
        "data_missing": "Les données ne sont pas construites.", "data_stale": "Les données sont périmées :",
        "how_to_build": "Lancez `make data` puis rechargez la page.",
        "report_title": "Le rapport", "all_periods": "toutes", "dimension": "dimension", "chapter": "chapitre",
        "kind": "nature", "subject": "objet", "text": "texte",
        "embed": "Intégrer", "embed_hint": "Copiez ce code dans une page web : le graphique, son titre et sa source s’y affichent tels qu’ici.",
        "copy": "Copier", "copied": "Copié.", "download_image": "Image", "image_slide": "PNG diapositive (1280×720)",
        "image_a4": "PNG demi-page A4 (impression)", "image_square": "PNG carré (1080×1080)", "image_svg": "SVG (vectoriel)",
        "full_indicator": "Voir l’indicateur complet", "units": "Unités", "chart_description": "Description du graphique",
        "note_qualifiers": "Certaines valeurs sont données dans le rapport comme « {words} ».",
        "alt_rose": "{name} : hausse de {first} ({start}) à {last} ({end}).",
        "alt_fell": "{name} : baisse de {first} ({start}) à {last} ({end}).",
        "alt_same": "{name} : {first} en {start} comme en {end}.", "alt_single": "{name} : {first} ({start}).",
        "alt_bars": "{name} : {n} valeurs ; la plus élevée {top_label} ({top}), la plus basse {low_label} ({low}).",
        "alt_empty": "{name} : aucune valeur pour cette sélection.",
        "suggested_badge": "suggéré · confiance {confidence}",
        "suggested_only": "Aucun indicateur n’a encore été défini pour ce rapport : ces tableaux sont suggérés à partir de "
                          "ses chiffres, non relus, chacun avec sa confiance et ses sources.",
        "uncharted_title": "Encore sans graphique : tableaux suggérés",
        "uncharted_intro": "Tableaux trouvés dans les chiffres du rapport qu’aucun indicateur défini ne couvre encore "
                           "(non relus ; `python -m etl suggest` en fait des brouillons de définitions).",
        "unpublished_summary": "{n} autres suggestions, moins sûres, sans page : leur paragraphe dans le rapport",
    },
    "en": {
        "app_title": "Report statistics", "nav_catalogue": "Indicators", "nav_report": "Report",
        "nav_claims": "All numbers", "nav_follow_up": "Follow-up", "search_placeholder": "Search indicators (title, description, topic)…",
        "data_points": "data points", "data_point": "data point", "paragraphs": "paragraphs", "paragraph": "paragraph",
        "para": "para.", "period_covered": "period", "unit": "unit", "no_match": "No indicator matches “{q}”.",
        "tab_chart": "Chart", "tab_table": "Table", "tab_sources": "Sources", "tab_checks": "Checks",
        "download_csv": "CSV", "download_xlsx": "Excel", "download_json": "JSON", "downloads": "Download",
        "click_hint": "Click a point to read the paragraph that states it.",
        "open_in_report": "Read in the report", "not_found": "Unknown indicator: “{id}”.",
        "back_to_catalogue": "Back to the catalogue", "partial": "partial period",
        "partial_bars": "hatched bars", "partial_lines": "dotted, hollow points", "value": "value",
        "period": "period", "qualifier": "qualifier", "quote": "quote", "note": "note", "as_written": "as written",
        "no_checks": "No arithmetic check involves this indicator.",
        "check_expected": "expected", "check_computed": "computed", "check_tolerance": "tolerance",
        "consistent": "consistent", "inconsistent": "inconsistent", "source": "Source",
        "used_by": "used by", "answers_co": "Answers paragraphs {refs} of the previous concluding observations",
        "claims_title": "Every number in the report", "filter_kind": "Kind", "filter_unit": "Unit",
        "filter_qualifier": "Qualifier", "filter_chapter": "Chapter", "filter_section": "Section", "filter_from": "From paragraph",
        "filter_to": "to paragraph", "filter_text": "Free text", "download_filtered": "Download these rows (CSV)",
        "rows": "rows", "package": "Whole data package (zip)", "catalogue_json": "Catalogue (JSON)",
        "data_missing": "The data is not built.", "data_stale": "The data is out of date:",
        "how_to_build": "Run `make data`, then reload this page.",
        "report_title": "The report", "all_periods": "all", "dimension": "dimension", "chapter": "chapter",
        "kind": "kind", "subject": "subject", "text": "text",
        "embed": "Embed", "embed_hint": "Paste this code into a web page: the chart shows there with its title and source, as here.",
        "copy": "Copy", "copied": "Copied.", "download_image": "Image", "image_slide": "PNG slide (1280×720)",
        "image_a4": "PNG half A4 page (print)", "image_square": "PNG square (1080×1080)", "image_svg": "SVG (vector)",
        "full_indicator": "See the full indicator", "units": "Units", "chart_description": "Chart description",
        "note_qualifiers": "Some values are given in the report as “{words}”.",
        "alt_rose": "{name} rose from {first} in {start} to {last} in {end}.",
        "alt_fell": "{name} fell from {first} in {start} to {last} in {end}.",
        "alt_same": "{name} was {first} in {start} and {last} in {end}.", "alt_single": "{name}: {first} in {start}.",
        "alt_bars": "{name}: {n} values; highest {top_label} ({top}), lowest {low_label} ({low}).",
        "alt_empty": "{name}: no value for this selection.",
        "suggested_badge": "suggested · confidence {confidence}",
        "suggested_only": "No indicator has been defined for this report yet: these tables are suggested from its numbers, "
                          "not reviewed, each with its confidence and sources.",
        "uncharted_title": "Still uncharted: suggested tables",
        "uncharted_intro": "Tables found in the report's numbers that no defined indicator covers yet (not reviewed; "
                           "`python -m etl suggest` turns them into draft definitions).",
        "unpublished_summary": "{n} other suggestions, less confident, without a page: their paragraph in the report",
    },
}

# How a qualifier reads before a number; `exact` reads as nothing.
QUALIFIER_WORDS = {
    "fr": {"approx": "environ", "more_than": "plus de", "at_least": "au moins", "less_than": "moins de", "at_most": "jusqu’à"},
    "en": {"approx": "about", "more_than": "more than", "at_least": "at least", "less_than": "less than", "at_most": "up to"},
}
KIND_LABELS = {
    "fr": {"count": "effectif", "percent": "pourcentage", "money": "montant", "measure": "mesure", "year": "année",
           "date": "date", "reference": "référence", "ordinal": "ordinal", "provision": "disposition"},
    "en": {"count": "count", "percent": "percent", "money": "money", "measure": "measure", "year": "year",
           "date": "date", "reference": "reference", "ordinal": "ordinal", "provision": "provision"},
}
# Names of the dimension columns of observations.parquet; an unknown name is shown as it is.
DIMENSION_NAMES = {
    "fr": {"group": "groupe", "measure": "mesure", "language": "langue", "origin": "origine", "article": "article",
           "outcome": "issue", "level": "niveau"},
    "en": {"group": "group", "measure": "measure", "language": "language", "origin": "origin", "article": "article",
           "outcome": "outcome", "level": "level"},
}
# Count units of observations.parquet (English words) as a French reader says them; others shown as they are.
UNIT_WORDS_FR = {
    "persons": "personnes", "cases": "affaires", "children": "enfants", "pupils": "élèves", "schools": "écoles",
    "institutions": "établissements", "complaints": "plaintes", "families": "familles", "teachers": "enseignants",
    "houses": "maisons", "buildings": "bâtiments", "cars": "voitures", "head of livestock": "têtes de bétail",
    "inspectors": "inspecteurs", "inspections": "inspections", "violations": "infractions", "textbooks": "manuels",
}


def language(value) -> str:
    """A supported language code from a query value, else the default."""
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def t(lang: str, key: str, **values) -> str:
    """The interface string `key` in `lang`, with its {placeholders} filled."""
    text = STRINGS[language(lang)][key]
    return text.format(**values) if values else text


def format_number(value: float, lang: str) -> str:
    """A number as a reader of `lang` writes it (14 900 / 14,900; 71,2 / 71.2)."""
    if value != value:  # NaN
        return ""
    locale = "fr_FR" if language(lang) == "fr" else "en_US"
    return format_decimal(value, locale=locale, format="#,##0.###")


def format_value(value: float, qualifier: str | None, unit: str | None, lang: str) -> str:
    """A value with its qualifier and, for % and money, its unit: 'plus de 14 900', '71,2 %'."""
    words = QUALIFIER_WORDS[language(lang)].get(qualifier or "exact", "")
    number = format_number(value, lang)
    if unit == "%":
        number = f"{number}\u202f%" if language(lang) == "fr" else f"{number}%"
    elif unit in ("KZT", "USD", "EUR"):
        number = f"{number} {unit}"
    return f"{words} {number}".strip()


def format_period(period: str | None, lang: str, labels_en: dict | None = None) -> str:
    """A period as a reader says it ('2022–2024', '1er semestre 2025'); a definition's English label first."""
    lang = language(lang)
    if lang == "en" and labels_en and isinstance(period, str) and period in labels_en:
        return labels_en[period]
    return periods.label(period, lang)


def dimension_name(name: str, lang: str) -> str:
    """A dimension column's name in `lang` ('group' -> 'groupe')."""
    return DIMENSION_NAMES[language(lang)].get(name, name)


def label(value: str | None, lang: str, labels_en: dict | None = None) -> str:
    """A dimension value in `lang`: the catalogue's English label, else the French value."""
    if not isinstance(value, str):
        return ""
    if language(lang) == "en" and labels_en:
        return labels_en.get(value, value)
    return value


def citation(symbol: str, paragraph: int, lang: str) -> str:
    """A full citation of one paragraph: 'CERD/C/KAZ/11-14, para. 156'."""
    return f"{symbol}, {t(lang, 'para')} {int(paragraph)}"


def unit_word(unit: str, lang: str) -> str:
    """A count unit in `lang` ('persons' -> 'personnes'); an unknown unit is shown as it is."""
    return UNIT_WORDS_FR.get(unit, unit) if language(lang) == "fr" else unit
