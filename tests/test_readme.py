"""The README tells the truth (issue 11): its build output is what `python -m etl` prints today, the
Makefile does what it says, and its HTTP examples work as shown against a real server."""

import re
import shutil
import subprocess
import sys

import pytest
from app_fixtures import ROOT, app_reading, serving, shared_fixture

from etl.cli import main as build_data

README = (ROOT / "README.md").read_text(encoding="utf-8")
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")


def block_after(marker: str) -> str:
    """The fenced block that follows `marker` in the README."""
    start = README.index(marker)
    opening = README.index("```", start)
    body = README.index("\n", opening) + 1
    return README[body : README.index("```", body)]


def section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end > 0 else None]


def comparable(lines: list[str]) -> list[str]:
    """Build output lines with only the timing figure and the 'unchanged' note left out."""
    return [re.sub(r" in [\d.]+ s$", " in … s", line.replace(" (unchanged, not rebuilt)", "")) for line in lines]


def test_readme_shows_what_the_build_prints_today(tmp_path, capsys):
    out = tmp_path / "processed"
    assert build_data(["--out", str(out)]) == 0
    printed = capsys.readouterr().out.replace(f"built {out}/", "built data/processed/").splitlines()
    shown = block_after("<!-- build-output -->").splitlines()
    assert comparable(shown) == comparable(printed)


def recipe(target: str) -> str:
    """The commands of a Makefile target."""
    match = re.search(rf"^{re.escape(target)}:.*\n((?:\t.*\n)+)", MAKEFILE, flags=re.MULTILINE)
    assert match, f"no target {target} in the Makefile"
    return match.group(1)


def test_make_run_and_serve_honour_the_same_address_variables(monkeypatch):
    import app

    asked = {}
    monkeypatch.setattr(app.app, "run", lambda **options: asked.update(options))
    monkeypatch.setenv("APP_HOST", "127.0.0.2")
    monkeypatch.setenv("APP_PORT", "8123")
    app.main()  # what `make run` runs (app.py)
    assert (asked["host"], asked["port"]) == ("127.0.0.2", 8123)
    assert "--bind $${APP_HOST:-127.0.0.1}:$${APP_PORT:-8050}" in recipe("serve")
    dashboard = section("The dashboard")
    assert "APP_PORT=8080 make run" in dashboard and "make serve" in dashboard and "(APP_HOST, APP_PORT)" in dashboard


def test_installing_says_so_before_pip_runs():
    setup = recipe("$(STAMP)").splitlines()
    first_pip = next(i for i, line in enumerate(setup) if "pip install" in line)
    assert any(line.strip().startswith("@echo") and "installing requirements.txt" in line for line in setup[:first_pip])
    assert "installing requirements.txt" in README


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with app_reading(shared_fixture(tmp_path_factory)) as app, serving(app.server) as port:
        yield f"127.0.0.1:{port}"


def sh_examples(title: str, needle: str) -> str:
    """The README's ```sh block in a section that holds `needle`."""
    blocks = re.findall(r"```sh\n(.*?)```", section(title), flags=re.DOTALL)
    return next(block for block in blocks if needle in block)


@pytest.mark.browser  # the PNG example renders the chart in Chromium (kaleido)
def test_readme_http_examples_work_as_shown(server, tmp_path):
    if shutil.which("curl") is None:
        pytest.skip("curl is not installed")
    script = (
        sh_examples("The dashboard", "curl").replace("127.0.0.1:8050", server).replace("python3 ", f"{sys.executable} ")
    )
    result = subprocess.run(["bash", "-e", "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    etag = next(line for line in lines if re.fullmatch(r'"[0-9a-f]{16}"', line))
    assert "304" in lines, f"the If-None-Match example answered {lines[lines.index(etag) + 1 :]}"
    assert (tmp_path / "art174_registered_cases.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert (tmp_path / "chart.png").read_bytes().startswith(b"\x89PNG")


def test_readme_python_example_reads_the_csv(server):
    code = (
        re.search(r"```python\n(.*?)```", section("The dashboard"), flags=re.DOTALL)
        .group(1)
        .replace("127.0.0.1:8050", server)
    )
    scope: dict = {}
    exec(code, scope)  # the README's own lines, against the test server
    rows = scope["rows"]
    assert list(rows.value) == [46, 84, 91] and set(rows.paragraph) == {156}
