"""`python -m contract`: rewrite the README's column tables from contract/schema.py."""
import re
import sys
from pathlib import Path

from contract.schema import PARQUET_TABLES, markdown

README = Path(__file__).resolve().parent.parent / "README.md"


def with_tables(readme: str) -> str:
    """The README with every `<!-- contract:<table> -->` block holding that table's generated columns."""
    def table(match: re.Match) -> str:
        return f"{match[1]}\n{markdown(match[2])}\n{match[3]}"
    return re.sub(r"(<!-- contract:(\w+) -->)\n.*?\n(<!-- /contract -->)", table, readme, flags=re.S)


def main() -> int:
    text = README.read_text(encoding="utf-8")
    present = [t for t in PARQUET_TABLES if f"<!-- contract:{t} -->" in text]
    README.write_text(with_tables(text), encoding="utf-8")
    print(f"{README.name}: column tables of {', '.join(present)} rewritten from contract/schema.py")
    for table in sorted(set(PARQUET_TABLES) - set(present)):
        print(f"  no <!-- contract:{table} --> block: add one where {table}.parquet is described")
    return 0


if __name__ == "__main__":
    sys.exit(main())
