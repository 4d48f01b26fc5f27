"""A briefing pack: one image per chart and a sources.md with the full citation of each.

    .venv/bin/python -m dashboard.briefing art174_registered_cases ethnic_composition_population \\
        --formats png,svg --size slide --lang en --out briefing/

(or `make briefing IDS="..." FORMATS=png,svg SIZE=slide LANG=en OUT=briefing`). The charts are the
app's own (dashboard.charts), drawn by the same kaleido/Chromium as /api/indicators/<id>.png.
"""

import argparse
import sys
from pathlib import Path

from dashboard import charts, data, figures, images
from dashboard.i18n import LANGUAGES, citation, format_period, format_value, topic_title


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m dashboard.briefing", description=__doc__.split("\n")[0])
    parser.add_argument("indicators", nargs="+", help="indicator ids (see /api/indicators.json); commas also separate")
    parser.add_argument("--formats", default="png,svg", help="png, svg or both (default png,svg)")
    parser.add_argument(
        "--size", default=figures.DEFAULT_SIZE, choices=sorted(figures.SIZES), help="briefing size (default slide)"
    )
    parser.add_argument("--width", type=int, help="width in pixels (overrides --size)")
    parser.add_argument("--height", type=int, help="height in pixels (overrides --size)")
    parser.add_argument("--scale", type=float, default=1.0, help="pixel density of PNGs, e.g. 2 for print (default 1)")
    parser.add_argument("--theme", default="light", choices=figures.THEMES)
    parser.add_argument("--lang", default="fr", choices=LANGUAGES)
    parser.add_argument("--out", default="briefing", type=Path, help="output folder (created if missing)")
    return parser.parse_args(argv)


def requested_ids(values: list[str]) -> list[str]:
    """Indicator ids from the command line, in order, without repeats ('a,b c' -> [a, b, c])."""
    return list(dict.fromkeys(v for value in values for v in value.split(",") if v))


def sources_markdown(
    dataset: data.Dataset, charts_written: list[tuple[charts.ChartParts, list[str]]], lang: str
) -> str:
    """sources.md: for each chart its files, title, source line, notes, and every value with its paragraph and quote."""
    lines = [
        "# Sources",
        "",
        (
            f"Data version `{dataset.version}` (hash of data/processed/). Every value below is quoted from the "
            "paragraph that states it."
        ),
        "",
    ]
    for parts, files in charts_written:
        entry = dataset.known_indicator(parts.indicator_id)
        facts = dataset.facts(entry.report_id)
        document = ", ".join(v for v in (facts.state, facts.document_type, parts.symbol) if v)
        lines += [
            f"## {parts.title}",
            "",
            f"- files: {', '.join(f'`{name}`' for name in files)}",
            f"- indicator: `{parts.indicator_id}` ({topic_title(entry, lang)})",
            f"- {parts.subtitle}",
            f"- {parts.source}",
            f"- document: {document}; built {dataset.built_at(entry.report_id)}",
            *[f"- ⚠ {warning.text}" for warning in parts.warnings],
            *[f"- note: {note}" for note in parts.notes],
            f"- description: {parts.description}",
            "",
            "Values:",
            "",
        ]
        for row in parts.rows.itertuples():
            value = format_value(row.value, row.qualifier, row.unit, lang)
            period = format_period(row.period, lang, entry.labels_en)
            lines.append(
                f"- {value}{f' ({period})' if period else ''} — {citation(parts.symbol, row.paragraph, lang)}: "
                f"« {row.quote} »"
            )
        lines.append("")
    return "\n".join(lines)


def _refusal(dataset: data.Dataset, formats: list[str], ids: list[str]) -> str | None:
    """What makes the request impossible, in one line (formats first), else None."""
    unknown_formats = [f for f in formats if f not in images.FORMATS]
    if unknown_formats or not formats:
        return f"--formats: {', '.join(unknown_formats) or 'none given'} not one of {', '.join(images.FORMATS)}"
    missing = [i for i in ids if dataset.indicator(i) is None]
    if missing:
        return f"unknown indicator id(s): {', '.join(missing)}: see /api/indicators.json or data/processed/catalog.json"
    return None


def main(argv: list[str] | None = None) -> int:
    # Load inputs.
    args = parse_args(argv)
    formats = [f for f in args.formats.split(",") if f]
    try:
        dataset = data.load()
    except data.DataUnavailable as error:
        print(error, file=sys.stderr)
        return 2
    ids = requested_ids(args.indicators)
    problem = _refusal(dataset, formats, ids)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    width, height = figures.SIZES[args.size]
    options = images.ImageOptions(args.width or width, args.height or height, args.scale, args.theme)
    # Process data.
    written = []
    for indicator_id in ids:
        parts = charts.chart_parts(dataset, indicator_id, {}, args.lang)
        assert parts is not None  # every id was looked up above
        files = {f"{indicator_id}.{fmt}": images.parts_image(parts, fmt, options) for fmt in formats}
        written.append((parts, files))
    # Save outputs.
    args.out.mkdir(parents=True, exist_ok=True)
    for _, files in written:
        for name, body in files.items():
            (args.out / name).write_bytes(body)
    (args.out / "sources.md").write_text(
        sources_markdown(dataset, [(p, list(f)) for p, f in written], args.lang), encoding="utf-8"
    )
    images.stop()
    print(
        f"{sum(len(f) for _, f in written)} images and sources.md written to {args.out}/ "
        f"({options.width}×{options.height}, scale {options.scale:g})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
