"""The shape of the code, held by tests: small functions, modules with one job, no import cycle, no copied block.

The limits live in pyproject.toml (`[tool.code-shape]`), with the modules still being brought under them
(`exempt`, each with what it waits for); a module leaves that list once it meets every limit.
"""

import ast
import hashlib
import re
import tomllib
from collections import defaultdict
from pathlib import Path

import pytest
from radon.complexity import cc_visit

ROOT = Path(__file__).resolve().parent.parent
SHAPE = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["code-shape"]
PACKAGES = ("contract", "etl", "dashboard", "pages")
EXEMPT = set(SHAPE.get("exempt", {}))


def modules(*roots: str) -> list[Path]:
    """The project's Python files under these folders, and app.py, as paths relative to the root."""
    return [*(p.relative_to(ROOT) for root in roots for p in sorted((ROOT / root).rglob("*.py"))), Path("app.py")]


def module_name(path: Path) -> str:
    parts = list(path.with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def pending(check: str):
    """A check still being met across the tree: it runs, and reports, without failing the build yet."""
    reason = SHAPE.get("pending", {}).get(check)
    return pytest.mark.xfail(reason=reason, strict=False) if reason else (lambda test: test)


@pytest.mark.parametrize("path", modules(*PACKAGES), ids=str)
def test_no_module_is_longer_than_the_limit(path):
    if str(path) in EXEMPT:
        pytest.skip(f"exempt until split: {SHAPE['exempt'][str(path)]}")
    lines = (ROOT / path).read_text(encoding="utf-8").count("\n")
    assert lines <= SHAPE["max-module-lines"], f"{path}: {lines} lines; split it by job"


@pytest.mark.parametrize("path", modules(*PACKAGES), ids=str)
def test_no_function_is_more_complex_than_the_limit(path):
    if str(path) in EXEMPT:
        pytest.skip(f"exempt until split: {SHAPE['exempt'][str(path)]}")
    source = (ROOT / path).read_text(encoding="utf-8")
    too_complex = [
        f"{block.fullname} (line {block.lineno}): {block.complexity}"
        for block in cc_visit(source)
        if block.complexity > SHAPE["max-complexity"]
    ]
    assert not too_complex, f"{path}: cyclomatic complexity above {SHAPE['max-complexity']}: {too_complex}"


def imports_of(path: Path, known: set[str]) -> set[str]:
    """The project modules a module imports, anywhere in it (a lazy import is still a dependency)."""
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        found |= {name for name in names if name in known}
    return found - {module_name(path)}


@pending("import-cycles")
def test_no_import_cycle():
    paths = modules(*PACKAGES)
    known = {module_name(p) for p in paths}
    graph = {module_name(p): imports_of(p, known) for p in paths}
    cycles = []
    state: dict[str, int] = {}  # 1 on the current path, 2 done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for child in sorted(graph[node]):
            if state.get(child) == 1:
                cycles.append(" -> ".join([*path[path.index(child) :], child]))
            elif child not in state:
                visit(child, [*path, child])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert not cycles, f"import cycles: {cycles}"


_SKIPPED_LINE = re.compile(r"^(#.*|import .*|from \S+ import .*|[)\]}]+,?:?|\"\"\".*|\.\.\.)?$")


def import_lines(source: str) -> set[int]:
    """The lines of every import statement, a parenthesised list of names included."""
    lines: set[int] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            lines.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
    return lines


def significant_lines(path: Path) -> list[tuple[int, str]]:
    """A module's lines that say something: no blank, comment, import or lone bracket line; white space folded."""
    source = (ROOT / path).read_text(encoding="utf-8")
    imports = import_lines(source)
    kept = []
    for number, line in enumerate(source.splitlines(), 1):
        folded = " ".join(line.split())
        if number not in imports and not _SKIPPED_LINE.match(folded):
            kept.append((number, folded))
    return kept


@pending("repeated-blocks")
def test_no_block_of_lines_is_repeated_across_modules():
    size = SHAPE["max-repeated-lines"] + 1
    seen: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for path in modules(*PACKAGES, "bench"):
        lines = significant_lines(path)
        for i in range(len(lines) - size + 1):
            window = "\n".join(text for _, text in lines[i : i + size])
            seen[hashlib.sha1(window.encode()).hexdigest()].append((str(path), lines[i][0]))
    repeated = sorted(
        {" ~ ".join(f"{p}:{n}" for p, n in places) for places in seen.values() if len({p for p, _ in places}) > 1}
    )
    assert not repeated, f"blocks of {size} lines found in more than one module: {repeated[:20]}"


@pending("issue-numbers")
def test_comments_say_why_without_issue_numbers():
    cited = []
    for path in modules(*PACKAGES, "bench"):
        for number, line in enumerate((ROOT / path).read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"(?i)\bissues?\s*#?\d+|(?<![#\w\"'])#\d{1,4}\b|\bstop \d+", line):
                cited.append(f"{path}:{number}")
    assert not cited, f"an issue number is no reason a maintainer can read: {cited[:20]}"
