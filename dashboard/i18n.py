"""Interface words in French and English, and the formatting of numbers and periods.

Indicator titles, descriptions and units come from catalog.json; only the interface's own
words live here. Quotes and the report's text stay in the report's language in both.
"""

from contract import periods, schema, units
from contract.locales import format_compact, format_number

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"

STRINGS = {
    "fr": {
        "app_title": "Statistiques du rapport",
        "nav_catalogue": "Indicateurs",
        "nav_report": "Rapport",
        "nav_claims": "Tous les chiffres",
        "nav_follow_up": "Suite donnée",
        "search_placeholder": "Rechercher un indicateur (titre, description, thème)…",
        "data_points": "points de données",
        "data_point": "point de donnée",
        "paragraphs": "paragraphes",
        "paragraph": "paragraphe",
        "para": "par.",
        "period_covered": "période",
        "unit": "unité",
        "no_match": "Aucun indicateur ne correspond à « {q} ».",
        "tab_chart": "Graphique",
        "tab_table": "Tableau",
        "tab_sources": "Sources",
        "tab_checks": "Vérifications",
        "download_csv": "CSV",
        "download_xlsx": "Excel",
        "download_json": "JSON",
        "downloads": "Télécharger",
        "click_hint": "Cliquez sur un point pour lire le paragraphe qui l’énonce.",
        "open_in_report": "Lire dans le rapport",
        "not_found": "Indicateur inconnu : « {id} ».",
        "back_to_catalogue": "Retour au catalogue",
        "partial": "période partielle",
        "value": "valeur",
        "period": "période",
        "qualifier": "qualificatif",
        "quote": "citation",
        "note": "note",
        "as_written": "tel qu’écrit",
        "no_checks": "Aucune vérification arithmétique ne porte sur cet indicateur.",
        "check_expected": "attendu",
        "check_computed": "calculé",
        "check_tolerance": "tolérance",
        "consistent": "cohérent",
        "inconsistent": "incohérent",
        "source": "Source",
        "answers_co": "Répond aux paragraphes {refs} des observations finales précédentes",
        "claims_title": "Tous les chiffres du rapport",
        "filter_kind": "Nature",
        "filter_unit": "Unité",
        "filter_qualifier": "Qualificatif",
        "filter_chapter": "Chapitre",
        "filter_section": "Section",
        "filter_from": "Du paragraphe",
        "filter_to": "au paragraphe",
        "filter_text": "Texte libre",
        "download_filtered": "Télécharger ces lignes (CSV)",
        "rows": "lignes",
        "package": "Tout le jeu de données (zip)",
        "catalogue_json": "Catalogue (JSON)",
        "data_missing": "Les données ne sont pas construites.",
        "data_stale": "Les données sont périmées :",
        "how_to_build": "Lancez `make data` puis rechargez la page.",
        "report_title": "Le rapport",
        "dimension": "dimension",
        "chapter": "chapitre",
        "kind": "nature",
        "subject": "objet",
        "text": "texte",
        "embed": "Intégrer",
        "embed_hint": "Copiez ce code dans une page web : le graphique, son titre et sa source s’y affichent tels qu’ici.",
        "copy": "Copier",
        "copied": "Copié.",
        "download_image": "Image",
        "image_slide": "PNG diapositive (1280×720)",
        "image_a4": "PNG demi-page A4 (impression)",
        "image_square": "PNG carré (1080×1080)",
        "image_svg": "SVG (vectoriel)",
        "full_indicator": "Voir l’indicateur complet",
        "units": "Unités",
        "note_qualifiers": "Certaines valeurs sont données dans le rapport comme « {words} ».",
        "alt_rose": "{name} : hausse de {first} ({start}) à {last} ({end}).",
        "alt_fell": "{name} : baisse de {first} ({start}) à {last} ({end}).",
        "alt_same": "{name} : {first} en {start} comme en {end}.",
        "alt_bars": "{name} : {n} valeurs ; la plus élevée {top_label} ({top}), la plus basse {low_label} ({low}).",
        "alt_empty": "{name} : aucune valeur pour cette sélection.",
        "alt_and": ", et {value} {when}",
        "alt_one": "{name} : {first} {when}.",
        "alt_bar_one": "{name} : {label}, {value}.",
        "undated": "date non précisée",
        "undated_title": "Date non précisée",
        "dates_apart": "{n} dates, un panneau par date",
        "partial_apart": "point creux, non relié aux périodes entières",
        "warning": "Les chiffres du rapport ne concordent pas : {detail} — {para}",
        "card_warning": "⚠ chiffres incohérents",
        "card_warning_title": "Une vérification arithmétique de cet indicateur échoue : voir l’onglet Vérifications.",
        "nav_checks": "Vérifications",
        "checks_title": "Vérifications arithmétiques du rapport",
        "checks_lead": "{n} vérifications recalculées à partir des chiffres du rapport : {consistent} cohérentes, {inconsistent} incohérentes.",
        "checks_status": "Statut",
        "checks_kind": "Nature",
        "checks_all": "toutes",
        "checks_none": "Aucune vérification ne correspond à ces filtres.",
        "checks_download": "Télécharger ces vérifications (CSV)",
        "checks_indicators": "Indicateurs",
        "check_kind_sum": "somme",
        "check_kind_share": "part",
        "check_kind_growth": "croissance",
        "check_kind_trend": "tendance",
        "check_kind_translation": "traduction",
        "compare_title": "Comparer des indicateurs",
        "compare_lead": "Des séries de même unité, tirées de plusieurs indicateurs, sur un même graphique. La sélection est gardée dans l’adresse de la page.",
        "compare_choose": "Indicateurs à comparer",
        "compare_empty": "Choisissez au moins un indicateur.",
        "compare_unknown": "Indicateur inconnu, ignoré : « {id} ».",
        "compare_other_unit": "« {title} » est en {unit} : il ne partage pas l’axe des autres ({first}) et n’est pas tracé.",
        "compare_not_series": "« {title} » n’est pas une série dans le temps (une valeur par date au plus) : il n’est pas tracé.",
        "compare_chart_title": "Comparaison : {titles}",
        "compare_of": "Comparer avec…",
        "unit_family_count": "effectifs",
        "unit_family_percent": "pourcentages",
        "checks_inconsistent": "incohérentes",
        "checks_consistent": "cohérentes",
        "dropdown_select_all": "Tout choisir",
        "dropdown_deselect_all": "Tout retirer",
        "dropdown_selected_count": "{num_selected} choisis",
        "dropdown_search": "Rechercher",
        "dropdown_clear_search": "Effacer la recherche",
        "dropdown_clear_selection": "Tout retirer",
        "dropdown_no_options_found": "Aucun choix ne correspond",
        # --- Readers (issue 11): citations, search, claims filters, report contents, print, page <head> ---
        "cite": "Citer",
        "cite_plain": "Texte",
        "cite_open_document": "Ouvrir le document sur undocs.org (nouvel onglet)",
        "any": "Sans filtre",
        "claims_text_placeholder": "Un mot, un nombre…",
        "contents": "Sommaire",
        "page_url": "Page",
        "built_on": "Données construites le {date}",
        "meta_catalogue": "{n} indicateurs statistiques tirés du rapport {symbol} ({state}), chacun relié au paragraphe qui l’énonce.",
        "meta_report": "Le rapport {symbol} ({state}) en {n} paragraphes, ses chiffres marqués et reliés aux indicateurs.",
        "meta_claims": "Les {n} chiffres du rapport {symbol} ({state}), filtrables et téléchargeables, chacun avec son paragraphe.",
        "meta_indicator": "{description} Source : {source}.",
        "sentence": "phrase",
        # --- Follow-up page (issue 14) ---
        "follow_title": "Suite donnée aux recommandations",
        "follow_co_paragraph": "Paragraphe {n}",
        "follow_intro": "Pour chaque paragraphe des observations finales précédentes ({symbol}) auquel le rapport répond : les sections et paragraphes qui y répondent, les chiffres qu’ils énoncent et les indicateurs qui en sont tirés.",
        "follow_summary": "{n} recommandations, auxquelles répondent {p} paragraphes dans {s} sections.",
        "follow_recommendation": "Recommandation du Comité",
        "follow_answer": "Réponse de l’État",
        "follow_no_text": "Le texte des recommandations n’est pas dans les données : ajoutez {symbol} comme document (métadonnées « document_type » : « concluding observations ») pour l’afficher ici.",
        "follow_statistics": "{n} chiffres énoncés",
        "follow_statistic": "1 chiffre énoncé",
        "follow_no_statistics": "Aucun chiffre énoncé.",
        "follow_indicators": "Indicateurs tirés de ces chiffres",
        "follow_suggested": "suggéré",
        "follow_download": "Télécharger le tableau",
        "follow_none": "Ce rapport ne renvoie à aucune observation finale précédente.",
        "follow_previous": "les observations finales précédentes",
        "suggested_badge": "suggéré · confiance {confidence}",
        "suggested_only": "Aucun indicateur n’a encore été défini pour ce rapport : ces tableaux sont suggérés à partir de "
        "ses chiffres, non relus, chacun avec sa confiance et ses sources.",
        "uncharted_title": "Encore sans graphique : tableaux suggérés",
        "uncharted_intro": "Tableaux trouvés dans les chiffres du rapport qu’aucun indicateur défini ne couvre encore "
        "(non relus ; `python -m etl suggest` en fait des brouillons de définitions).",
        "unpublished_summary": "{n} autres suggestions, moins sûres, sans page : leur paragraphe dans le rapport",
    },
    "en": {
        "app_title": "Report statistics",
        "nav_catalogue": "Indicators",
        "nav_report": "Report",
        "nav_claims": "All numbers",
        "nav_follow_up": "Follow-up",
        "search_placeholder": "Search indicators (title, description, topic)…",
        "data_points": "data points",
        "data_point": "data point",
        "paragraphs": "paragraphs",
        "paragraph": "paragraph",
        "para": "para.",
        "period_covered": "period",
        "unit": "unit",
        "no_match": "No indicator matches “{q}”.",
        "tab_chart": "Chart",
        "tab_table": "Table",
        "tab_sources": "Sources",
        "tab_checks": "Checks",
        "download_csv": "CSV",
        "download_xlsx": "Excel",
        "download_json": "JSON",
        "downloads": "Download",
        "click_hint": "Click a point to read the paragraph that states it.",
        "open_in_report": "Read in the report",
        "not_found": "Unknown indicator: “{id}”.",
        "back_to_catalogue": "Back to the catalogue",
        "partial": "partial period",
        "value": "value",
        "period": "period",
        "qualifier": "qualifier",
        "quote": "quote",
        "note": "note",
        "as_written": "as written",
        "no_checks": "No arithmetic check involves this indicator.",
        "check_expected": "expected",
        "check_computed": "computed",
        "check_tolerance": "tolerance",
        "consistent": "consistent",
        "inconsistent": "inconsistent",
        "source": "Source",
        "answers_co": "Answers paragraphs {refs} of the previous concluding observations",
        "claims_title": "Every number in the report",
        "filter_kind": "Kind",
        "filter_unit": "Unit",
        "filter_qualifier": "Qualifier",
        "filter_chapter": "Chapter",
        "filter_section": "Section",
        "filter_from": "From paragraph",
        "filter_to": "to paragraph",
        "filter_text": "Free text",
        "download_filtered": "Download these rows (CSV)",
        "rows": "rows",
        "package": "Whole data package (zip)",
        "catalogue_json": "Catalogue (JSON)",
        "data_missing": "The data is not built.",
        "data_stale": "The data is out of date:",
        "how_to_build": "Run `make data`, then reload this page.",
        "report_title": "The report",
        "dimension": "dimension",
        "chapter": "chapter",
        "kind": "kind",
        "subject": "subject",
        "text": "text",
        "embed": "Embed",
        "embed_hint": "Paste this code into a web page: the chart shows there with its title and source, as here.",
        "copy": "Copy",
        "copied": "Copied.",
        "download_image": "Image",
        "image_slide": "PNG slide (1280×720)",
        "image_a4": "PNG half A4 page (print)",
        "image_square": "PNG square (1080×1080)",
        "image_svg": "SVG (vector)",
        "full_indicator": "See the full indicator",
        "units": "Units",
        "note_qualifiers": "Some values are given in the report as “{words}”.",
        "alt_rose": "{name} rose from {first} in {start} to {last} in {end}.",
        "alt_fell": "{name} fell from {first} in {start} to {last} in {end}.",
        "alt_same": "{name} was {first} in {start} and {last} in {end}.",
        "alt_bars": "{name}: {n} values; highest {top_label} ({top}), lowest {low_label} ({low}).",
        "alt_empty": "{name}: no value for this selection.",
        "alt_and": ", and {value} {when}",
        "alt_one": "{name}: {first} {when}.",
        "alt_bar_one": "{name}: {label}, {value}.",
        "undated": "date not stated",
        "undated_title": "Date not stated",
        "dates_apart": "{n} dates, one panel each",
        "partial_apart": "hollow point, not joined to whole periods",
        "warning": "The report's figures do not add up: {detail} — {para}",
        "card_warning": "⚠ figures do not add up",
        "card_warning_title": "An arithmetic check of this indicator fails: see its Checks tab.",
        "nav_checks": "Checks",
        "checks_title": "The report's arithmetic, checked",
        "checks_lead": "{n} checks recomputed from the report's own numbers: {consistent} consistent, {inconsistent} inconsistent.",
        "checks_status": "Status",
        "checks_kind": "Kind",
        "checks_all": "all",
        "checks_none": "No check matches these filters.",
        "checks_download": "Download these checks (CSV)",
        "checks_indicators": "Indicators",
        "check_kind_sum": "sum",
        "check_kind_share": "share",
        "check_kind_growth": "growth",
        "check_kind_trend": "trend",
        "check_kind_translation": "translation",
        "compare_title": "Compare indicators",
        "compare_lead": "Series of one unit from several indicators on one chart. The selection is kept in the page's address.",
        "compare_choose": "Indicators to compare",
        "compare_empty": "Choose at least one indicator.",
        "compare_unknown": "Unknown indicator, left out: “{id}”.",
        "compare_other_unit": "“{title}” is in {unit}: it does not share the others' axis ({first}) and is not drawn.",
        "compare_not_series": "“{title}” is not a series over time (one value a date at most): it is not drawn.",
        "compare_chart_title": "Compared: {titles}",
        "compare_of": "Compare with…",
        "unit_family_count": "counts",
        "unit_family_percent": "percentages",
        "checks_inconsistent": "inconsistent",
        "checks_consistent": "consistent",
        "dropdown_select_all": "Select all",
        "dropdown_deselect_all": "Deselect all",
        "dropdown_selected_count": "{num_selected} selected",
        "dropdown_search": "Search",
        "dropdown_clear_search": "Clear search",
        "dropdown_clear_selection": "Clear selection",
        "dropdown_no_options_found": "No options found",
        # --- Readers (issue 11): citations, search, claims filters, report contents, print, page <head> ---
        "cite": "Cite",
        "cite_plain": "Plain text",
        "cite_open_document": "Open the document on undocs.org (new tab)",
        "any": "No filter",
        "claims_text_placeholder": "A word, a number…",
        "contents": "Contents",
        "page_url": "Page",
        "built_on": "Data built on {date}",
        "meta_catalogue": "{n} statistical indicators from report {symbol} ({state}), each traced to the paragraph that states it.",
        "meta_report": "Report {symbol} ({state}) in {n} paragraphs, its numbers marked and linked to the indicators.",
        "meta_claims": "The {n} numbers of report {symbol} ({state}), filterable and downloadable, each with its paragraph.",
        "meta_indicator": "{description} Source: {source}.",
        "sentence": "sentence",
        # --- Follow-up page (issue 14) ---
        "follow_title": "Follow-up to the recommendations",
        "follow_co_paragraph": "Paragraph {n}",
        "follow_intro": "For each paragraph of the previous concluding observations ({symbol}) the report answers: the sections and paragraphs that answer it, the statistics they state and the indicators drawn from them.",
        "follow_summary": "{n} recommendations, answered by {p} paragraphs in {s} sections.",
        "follow_recommendation": "The Committee’s recommendation",
        "follow_answer": "The State’s answer",
        "follow_no_text": "The recommendations’ text is not in the data: add {symbol} as a document (metadata “document_type”: “concluding observations”) to show it here.",
        "follow_statistics": "{n} numbers stated",
        "follow_statistic": "1 number stated",
        "follow_no_statistics": "No number stated.",
        "follow_indicators": "Indicators drawn from these numbers",
        "follow_suggested": "suggested",
        "follow_download": "Download the table",
        "follow_none": "This report refers to no previous concluding observations.",
        "follow_previous": "the previous concluding observations",
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
    "fr": {
        "approx": "environ",
        "more_than": "plus de",
        "at_least": "au moins",
        "less_than": "moins de",
        "at_most": "jusqu’à",
    },
    "en": {
        "approx": "about",
        "more_than": "more than",
        "at_least": "at least",
        "less_than": "less than",
        "at_most": "up to",
    },
}
# The same qualifiers as short signs, where a chart label has little room ("< 0,03 %" stays readable).
QUALIFIER_SIGNS = {
    "approx": "≈\u202f",
    "more_than": ">\u202f",
    "at_least": "≥\u202f",
    "less_than": "<\u202f",
    "at_most": "≤\u202f",
}
KIND_LABELS = {
    "fr": {
        "count": "effectif",
        "percent": "pourcentage",
        "money": "montant",
        "measure": "mesure",
        "year": "année",
        "date": "date",
        "reference": "référence",
        "ordinal": "ordinal",
        "provision": "disposition",
    },
    "en": {
        "count": "count",
        "percent": "percent",
        "money": "money",
        "measure": "measure",
        "year": "year",
        "date": "date",
        "reference": "reference",
        "ordinal": "ordinal",
        "provision": "provision",
    },
}
# Names of the dimension columns of observations.parquet (contract/schema.py); an unknown name is shown as it is.
DIMENSION_NAMES = {
    lang: {name: words[i] for name, words in schema.DIMENSION_NAMES.items()} for i, lang in enumerate(("fr", "en"))
}
# Count units of observations.parquet (English words) as a French reader says them (contract/schema.py), and the
# measure units of claims.parquet shown in the claims explorer; other units are shown as they are.
UNIT_WORDS_FR = {unit: words[0] for unit, words in units.COUNT_UNITS.items()} | {
    "years": "ans",
    "months": "mois",
    "days": "jours",
    "hours": "heures",
    "petaflops": "pétaflops",
}


def language(value) -> str:
    """A supported language code from a query value, else the default."""
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def t(lang: str, key: str, **values) -> str:
    """The interface string `key` in `lang`, with its {placeholders} filled."""
    text = STRINGS[language(lang)][key]
    return text.format(**values) if values else text


def note_in(note, note_en, lang: str) -> str:
    """An observation's note in `lang`: the definition's English note on English views where it has one, else the French."""
    if lang == "en" and isinstance(note_en, str) and note_en:
        return note_en
    return note if isinstance(note, str) else ""


def dropdown_labels(lang: str) -> dict:
    """The words of a dcc.Dropdown ('3 choisis', not '3 selected') in `lang`."""
    prefix = "dropdown_"
    return {key[len(prefix) :]: text for key, text in STRINGS[language(lang)].items() if key.startswith(prefix)}


def format_value(value: float, qualifier: str | None, unit: str | None, lang: str) -> str:
    """A value with its qualifier and, for % and money, its unit: 'plus de 14 900', '71,2 %'."""
    words = QUALIFIER_WORDS[language(lang)].get(qualifier or "exact", "")
    return f"{words} {with_unit_sign(format_number(value, lang), unit, lang)}".strip()


def with_unit_sign(number: str, unit: str | None, lang: str) -> str:
    """A formatted number with its % or currency: '71,2 %' (French, narrow no-break space), '71.2%', '5 KZT'."""
    if unit == "%":
        return f"{number}\u202f%" if language(lang) == "fr" else f"{number}%"
    if unit in ("KZT", "USD", "EUR"):
        return f"{number} {unit}"
    return number


def short_value(value: float, qualifier: str | None, unit: str | None, lang: str) -> str:
    """A value as a chart label, where room is short: '< 0,03 %', '> 14 900', '≈ 20,3 M'."""
    return QUALIFIER_SIGNS.get(qualifier or "exact", "") + with_unit_sign(format_compact(value, lang), unit, lang)


def axis_number(value: float, unit: str | None, lang: str) -> str:
    """A tick of a value axis: '16 M' in French, '16M' in English, '5 000', '25 %'."""
    return with_unit_sign(format_compact(value, lang), unit if unit == "%" else None, lang)


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
