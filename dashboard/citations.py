"""Citations people can use: the document's symbol, title and date, a link to it on
undocs.org, and a "Cite" box with the citation as plain text, BibTeX and CSL-JSON.

The document's facts come from the report's metadata (data/raw/<report_id>.json, carried in
reports.parquet): `symbol`, `title_fr`/`title_en`, `date_issued`, `state`, `treaty_body`, `language`.
"""

import datetime
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

from babel.dates import format_date
from dash import html

from contract.locales import locale_of
from dashboard import data
from dashboard.attributes import attributes
from dashboard.i18n import labelled, language, t
from dashboard.report_index import document_type_name

UNDOCS = "https://undocs.org/"
# The committees' names, for the publisher of a citation.
TREATY_BODIES = {
    "CERD": {
        "fr": "Comité pour l’élimination de la discrimination raciale",
        "en": "Committee on the Elimination of Racial Discrimination",
    },
    "CCPR": {"fr": "Comité des droits de l’homme", "en": "Human Rights Committee"},
    "CESCR": {
        "fr": "Comité des droits économiques, sociaux et culturels",
        "en": "Committee on Economic, Social and Cultural Rights",
    },
    "CEDAW": {
        "fr": "Comité pour l’élimination de la discrimination à l’égard des femmes",
        "en": "Committee on the Elimination of Discrimination against Women",
    },
    "CAT": {"fr": "Comité contre la torture", "en": "Committee against Torture"},
    "CRC": {"fr": "Comité des droits de l’enfant", "en": "Committee on the Rights of the Child"},
    "CMW": {"fr": "Comité des travailleurs migrants", "en": "Committee on Migrant Workers"},
    "CRPD": {
        "fr": "Comité des droits des personnes handicapées",
        "en": "Committee on the Rights of Persons with Disabilities",
    },
    "CED": {"fr": "Comité des disparitions forcées", "en": "Committee on Enforced Disappearances"},
}
UNITED_NATIONS = {"fr": "Nations Unies", "en": "United Nations"}
# Paragraph words: French writes "par." for one or several, English "para." / "paras.".
PARAGRAPH_WORDS = {"fr": ("par.", "par."), "en": ("para.", "paras.")}
# BibTeX's language names for the report's ISO code.
BIBTEX_LANGUAGES = {"fr": "french", "en": "english", "ru": "russian", "es": "spanish", "ar": "arabic", "zh": "chinese"}
# Characters that LaTeX reads as commands in a BibTeX field.
LATEX_SPECIALS = re.compile(r"([&%$#_])")
# BibTeX's month macros.
BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@dataclass(frozen=True)
class Citation:
    """One document, or paragraphs of it, as a reader cites them."""

    report_id: str
    symbol: str
    title: str
    author: str
    publisher: str
    issued: datetime.date | None
    document_language: str
    paragraphs: tuple[int, ...]
    lang: str

    @property
    def url(self) -> str:
        """The document on the UN's document system."""
        return document_url(self.symbol)

    @property
    def date_text(self) -> str:
        """'27 octobre 2025' / '27 October 2025' ('' when the metadata has no date)."""
        if self.issued is None:
            return ""
        return format_date(self.issued, format="long", locale=locale_of(self.lang))

    @property
    def key(self) -> str:
        """A BibTeX / CSL id: the symbol's letters and digits, with the first paragraph."""
        base = re.sub(r"[^A-Za-z0-9]+", "-", self.symbol).strip("-") or "document"
        return f"{base}-p{self.paragraphs[0]}" if self.paragraphs else base


def document_url(symbol: str) -> str:
    """https://undocs.org/<symbol> (the symbol's slashes kept: undocs reads them as they are)."""
    return UNDOCS + quote(symbol, safe="/-.")


def _issued(facts: data.ReportFacts) -> datetime.date | None:
    for when in (facts.date_issued, facts.date_received):
        try:
            return datetime.date.fromisoformat(when or "")
        except ValueError:
            continue
    return None


def cite(dataset: data.Dataset, report_id: str, paragraphs: Iterable[int], lang: str) -> Citation:
    """The citation of a report (and of some of its paragraphs) for a reader of `lang`."""
    lang = language(lang)
    facts = dataset.facts(report_id)
    symbol = dataset.symbol(report_id)
    title = (
        facts.title(lang) or document_type_name(facts.document_type, lang) or symbol
    )  # a reader's name, not the code
    body = TREATY_BODIES.get(facts.treaty_body, {}).get(lang)
    publisher = f"{UNITED_NATIONS[lang]}, {body}" if body else UNITED_NATIONS[lang]
    numbers = tuple(sorted({int(p) for p in paragraphs or ()}))
    return Citation(
        report_id=report_id,
        symbol=symbol,
        title=title,
        author=facts.state,
        publisher=publisher,
        issued=_issued(facts),
        document_language=dataset.text_language(report_id),
        paragraphs=numbers,
        lang=lang,
    )


def paragraphs_text(numbers: tuple[int, ...], lang: str) -> str:
    """'para. 156', 'paras. 155–157, 160' (runs of consecutive paragraphs as ranges); '' for none."""
    if not numbers:
        return ""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    parts = [str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs]
    one, several = PARAGRAPH_WORDS[language(lang)]
    return f"{one if len(numbers) == 1 else several} {', '.join(parts)}"


def plain_text(citation: Citation) -> str:
    """'Kazakhstan. Title. CERD/C/KAZ/11-14, 27 October 2025, para. 156. https://undocs.org/CERD/C/KAZ/11-14'."""
    head = ". ".join(part for part in (citation.author, citation.title) if part)
    where = ", ".join(
        part
        for part in (citation.symbol, citation.date_text, paragraphs_text(citation.paragraphs, citation.lang))
        if part
    )
    return f"{head}. {where}. {citation.url}"


def _bibtex_field(value: str) -> str:
    return LATEX_SPECIALS.sub(r"\\\1", value).replace("{", "\\{").replace("}", "\\}")


def bibtex(citation: Citation) -> str:
    """The citation as a BibTeX @techreport entry (biblatex's `date` and classic `year`/`month` both given)."""
    issued = citation.issued
    fields = [  # (name, value, braced): a month is a BibTeX macro, written without braces
        ("author", f"{{{_bibtex_field(citation.author)}}}" if citation.author else None, True),
        ("title", f"{{{_bibtex_field(citation.title)}}}", True),
        ("institution", _bibtex_field(citation.publisher), True),
        ("type", "UN document" if citation.lang == "en" else "Document des Nations Unies", True),
        ("number", _bibtex_field(citation.symbol), True),
        ("year", str(issued.year) if issued else None, True),
        ("month", BIBTEX_MONTHS[issued.month - 1] if issued else None, False),
        ("date", issued.isoformat() if issued else None, True),
        ("url", citation.url, True),
        ("note", _bibtex_field(paragraphs_text(citation.paragraphs, citation.lang)) or None, True),
        ("language", BIBTEX_LANGUAGES.get(citation.document_language, citation.document_language), True),
    ]
    lines = [
        f"  {name} = {{{value}}}," if braced else f"  {name} = {value}," for name, value, braced in fields if value
    ]
    return "\n".join([f"@techreport{{{citation.key},", *lines, "}"])


def csl_json(citation: Citation) -> str:
    """The citation as CSL-JSON (Zotero, pandoc, citeproc): one `report` item, the paragraphs as its locator."""
    item = {
        "id": citation.key,
        "type": "report",
        "title": citation.title,
        "author": [{"literal": citation.author}] if citation.author else None,
        "publisher": citation.publisher,
        "genre": "UN document" if citation.lang == "en" else "Document des Nations Unies",
        "number": citation.symbol,
        "URL": citation.url,
        "language": citation.document_language,
        "issued": {"date-parts": [[citation.issued.year, citation.issued.month, citation.issued.day]]}
        if citation.issued
        else None,
        "label": "paragraph" if citation.paragraphs else None,
        "locator": paragraphs_text(citation.paragraphs, "en").split(" ", 1)[1] if citation.paragraphs else None,
    }
    return json.dumps([{k: v for k, v in item.items() if v is not None}], ensure_ascii=False, indent=2)


def reference(citation: Citation, id_: str | None = None) -> html.Span:
    """The citation as shown on a page: 'CERD/C/KAZ/11-14, para. 156 — Title, 27 October 2025', the symbol
    linking to the document in a new tab."""
    paragraphs = paragraphs_text(citation.paragraphs, citation.lang)
    return html.Span(
        [
            html.A(
                citation.symbol,
                href=citation.url,
                target="_blank",
                rel="noopener noreferrer",
                className="citation-symbol",
                title=t(citation.lang, "cite_open_document"),
            ),
            f", {paragraphs}" if paragraphs else "",
            html.Span(
                [
                    " — ",
                    html.Cite(citation.title, className="citation-title"),
                    f", {citation.date_text}" if citation.date_text else "",
                ],
                className="citation-document",
            ),
        ],
        className="citation-reference",
        **attributes({"id": id_} if id_ else {}),
    )


def cite_box(citation: Citation, id_prefix: str) -> html.Details:
    """A "Cite" button opening the citation as plain text, BibTeX and CSL-JSON, each with a copy button."""
    lang = citation.lang
    formats = (
        ("text", t(lang, "cite_plain"), plain_text(citation), 3),
        ("bibtex", "BibTeX", bibtex(citation), 8),
        ("csl", "CSL-JSON", csl_json(citation), 8),
    )
    blocks = []
    for name, title, text, rows in formats:
        area = f"{id_prefix}-{name}"
        blocks.append(
            html.Div(
                [
                    html.Label(title, htmlFor=area, className="cite-format"),
                    html.Textarea(
                        text, id=area, readOnly="readOnly", rows=rows, className="cite-code", spellCheck="false"
                    ),
                    # The copying is done by assets/readers.js, in the reader's browser.
                    html.Button(
                        t(lang, "copy"),
                        type="button",
                        className="button copy-button",
                        **attributes({"data-copy": area, "data-done": t(lang, "copied")}),
                    ),
                ],
                className="cite-block",
            )
        )
    return html.Details(
        [
            html.Summary(t(lang, "cite"), className="button", id=f"{id_prefix}-summary"),
            html.Div(
                [
                    html.A(
                        t(lang, "cite_open_document"),
                        href=citation.url,
                        target="_blank",
                        rel="noopener noreferrer",
                        className="cite-document",
                    ),
                    *blocks,
                    html.Span(className="hint copy-status", role="status"),
                ],
                className="menu cite-menu",
            ),
        ],
        className="share-menu cite",
        id=id_prefix,
    )


def document_line(dataset: data.Dataset, report_id: str, lang: str, id_prefix: str) -> html.Div:
    """'Source: <symbol ↗> — title, date' with its Cite button: the first line of the catalogue, reader and claims."""
    citation = cite(dataset, report_id, (), lang)
    return html.Div(
        [
            html.Span(f"{labelled(t(lang, 'source'), lang)} ", className="citation-label"),
            reference(citation),
            " ",
            cite_box(citation, f"{id_prefix}-cite"),
        ],
        className="document-line",
        id=f"{id_prefix}-document",
    )
