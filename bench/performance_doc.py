"""docs/PERFORMANCE.md: each benchmark owns one `## ` section and replaces only that one."""

from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "PERFORMANCE.md"
_NEW_DOC = "# Performance\n\nFigures written by the benchmarks in `bench/`; they never fail a build.\n"


def write_section(text: str) -> None:
    """Replace the section whose `## ` heading opens `text` (or add it), leaving the others intact."""
    heading = text.splitlines()[0]
    doc = DOC.read_text(encoding="utf-8") if DOC.exists() else _NEW_DOC
    start = doc.find(f"\n{heading}\n")
    if start < 0:
        doc = doc.rstrip("\n") + "\n\n" + text
    else:
        end = doc.find("\n## ", start + 1)
        doc = doc[: start + 1] + text + (doc[end:] if end >= 0 else "")
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text(doc, encoding="utf-8")
