"""`python -m contract`: rewrite the README's column tables from contract/schema.py (`--check`: only say if stale)."""

import argparse
import re
import sys
from pathlib import Path

from contract.schema import PARQUET_TABLES, markdown

README = Path(__file__).resolve().parent.parent / "README.md"


def with_tables(readme: str) -> str:
    """The README with every `<!-- contract:<table> -->` block holding that table's generated columns."""

    def table(match: re.Match[str]) -> str:
        return f"{match[1]}\n{markdown(match[2])}\n{match[3]}"

    return re.sub(r"(<!-- contract:(\w+) -->)\n.*?\n(<!-- /contract -->)", table, readme, flags=re.DOTALL)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m contract", description=__doc__)
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if the README's tables are stale")
    args = parser.parse_args(argv)
    text = README.read_text(encoding="utf-8")
    present = [t for t in PARQUET_TABLES if f"<!-- contract:{t} -->" in text]
    if args.check:
        stale = with_tables(text) != text
        print(
            f"{README.name}: column tables {'stale: run `python -m contract`' if stale else 'match contract/schema.py'}"
        )
        return 1 if stale else 0
    README.write_text(with_tables(text), encoding="utf-8")
    print(f"{README.name}: column tables of {', '.join(present)} rewritten from contract/schema.py")
    for table in sorted(set(PARQUET_TABLES) - set(present)):
        print(f"  no <!-- contract:{table} --> block: add one where {table}.parquet is described")
    return 0


if __name__ == "__main__":
    sys.exit(main())
