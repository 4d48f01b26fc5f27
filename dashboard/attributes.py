"""HTML attributes Dash components take only as keyword arguments spelled with hyphens (`aria-label`, `data-done`).

Dash's typed components accept such a name only through `**` of an untyped mapping: `attributes` gives one.
"""

from typing import Any


def attributes(values: dict[str, object]) -> dict[str, Any]:
    """The attributes, for `**` into a Dash component (`**attributes({"aria-label": label})`)."""
    return dict(values)
