"""The dashboard's entry point (Dash app: issue #4).

Until the app lands, `python app.py` reports what data/processed/ holds, reading only
the built Parquet files, as the app will.
"""
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "processed"


def main() -> int:
    import pyarrow.parquet as pq

    reports = DATA / "reports.parquet"
    if not reports.exists():
        print(f"{DATA}/ is not built yet: run `make data` (or `python -m etl`).", file=sys.stderr)
        return 2
    for row in pq.read_table(reports).to_pylist():
        print(f"{row['report_id']} ({row['symbol']}): {row['paragraphs']} paragraphs, {row['claims']} claims, built {row['built_at']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
