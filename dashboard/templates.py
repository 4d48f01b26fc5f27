"""The HTML the app writes itself (outside Dash's components), rendered from the Jinja templates of
dashboard/templates/, every value autoescaped: the embed page, the iframe code, a page's <meta> tags."""

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

FOLDER = Path(__file__).resolve().parent / "templates"
_environment = Environment(
    loader=FileSystemLoader(FOLDER),
    autoescape=select_autoescape(("html",), default_for_string=True),
    undefined=StrictUndefined,
    keep_trailing_newline=True,
)


def render(name: str, **values: object) -> str:
    """The template `name` of dashboard/templates/ filled with `values`, each escaped unless marked safe."""
    return _environment.get_template(name).render(**values)
