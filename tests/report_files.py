"""Build a .docx and a .pdf of a report from its tab-layout text, as the UN publishes them."""

import io
import os
import re

# par. number and text, heading or item, and its text
_NUMBERED_RE = re.compile(r"^(\d+)\.\t(.*)$")
_INDENTED_RE = re.compile(r"^(\t+)(?:([IVXLC]+\.|[A-Z]\.|[a-z]\))\t)?(.*)$")


def report_docx(text: str) -> bytes:
    """Numbered paragraphs use Word's automatic list numbering ("List Number"), as UN documents do."""
    import docx

    document = docx.Document()
    for line in text.rstrip("\n").split("\n"):
        numbered = _NUMBERED_RE.match(line)
        if numbered:
            document.add_paragraph(numbered.group(2), style="List Number")
        else:
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def report_pdf(text: str, symbol: str = "CERD/C/KAZ/11-14", job: str = "GE.25-17265 (F)") -> bytes:
    """A4 pages with the symbol as running head, the job number and page number as running foot."""
    import reportlab
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = "Vera"  # shipped with reportlab, so the test needs no system font
    pdfmetrics.registerFont(TTFont(font, os.path.join(os.path.dirname(reportlab.__file__), "fonts", "Vera.ttf")))
    size, leading, gap = 10, 12, 6
    width, height = A4
    left, text_x, right, top, bottom = 70, 100, width - 70, height - 80, 80
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    page = 1

    def running_lines():
        pdf.setFont(font, 8)
        pdf.drawString(left, height - 40, symbol)
        pdf.drawString(left, 40, job)
        pdf.drawRightString(right, 40, str(page))
        pdf.setFont(font, size)

    running_lines()
    y = top
    for line in text.rstrip("\n").split("\n"):
        label, body, indent = _layout(line)
        rows = simpleSplit(body.replace("\t", " ").replace("\u2011", "-"), font, size, right - indent) or [""]
        for i, row in enumerate(rows):
            if y < bottom:
                pdf.showPage()
                page += 1
                running_lines()
                y = top
            if i == 0 and label:
                pdf.drawString(left if indent == text_x else indent - 25, y, label)
            pdf.drawString(indent, y, row)
            y -= leading
        y -= gap
    pdf.save()
    return buffer.getvalue()


def _layout(line: str) -> tuple[str, str, float]:
    """(label, text, x of the text) of one line of the tab layout."""
    numbered = _NUMBERED_RE.match(line)
    if numbered:
        return f"{numbered.group(1)}.", numbered.group(2), 100
    indented = _INDENTED_RE.match(line)
    if indented and indented.group(2):
        return indented.group(2), indented.group(3), 100 + 20 * (len(indented.group(1)) - 1)
    return "", line.lstrip("\t"), 100 if line.startswith("\t") else 70
