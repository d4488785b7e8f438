"""The Jinja port of the GOV.UK macros renders what GOV.UK Frontend's own fixtures say it must.

package.json pins govuk-frontend (CSS, JavaScript, fixtures) and pyproject.toml pins
govuk-frontend-jinja (the macros); upgrading one without the other fails here, naming the
component and example that changed.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from api.web.assets import FrontendAssets
from api.web.settings import WebSettings
from api.web.templating import environment


class _Canonical(HTMLParser):
    """Tags, sorted attributes and whitespace-collapsed text: markup equal up to formatting."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple[Any, ...]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        normal = []
        for name, value in attrs:
            if value is not None:
                value = " ".join(sorted(value.split())) if name == "class" else " ".join(value.split())
            normal.append((name, value))
        self.tokens.append(("start", tag, tuple(sorted(normal))))

    def handle_endtag(self, tag: str) -> None:
        self.tokens.append(("end", tag))

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if not text:
            return
        if self.tokens and self.tokens[-1][0] == "text":
            self.tokens[-1] = ("text", f"{self.tokens[-1][1]} {text}")
        else:
            self.tokens.append(("text", text))


def canonical(html: str) -> list[tuple[Any, ...]]:
    parser = _Canonical()
    parser.feed(html)
    parser.close()
    return parser.tokens


def _components() -> list[Path]:
    dist = FrontendAssets.from_settings(WebSettings()).govuk_dist / "components"
    return sorted(dist.glob("*/fixtures.json"))


def _macro_name(component: str) -> str:
    return "govuk" + "".join(part.capitalize() for part in component.split("-"))


def test_fixtures_are_there() -> None:
    assert len(_components()) >= 30, "govuk-frontend's component fixtures are missing: run `make install`"


@pytest.mark.parametrize("fixtures", _components(), ids=lambda p: p.parent.name)
def test_macro_matches_govuk_frontend_fixtures(fixtures: Path) -> None:
    component = fixtures.parent.name
    macro = _macro_name(component)
    source = (
        f'{{% from "govuk_frontend_jinja/components/{component}/macro.html" import {macro} %}}{{{{ {macro}(params) }}}}'
    )
    env = environment()
    if f"govuk_frontend_jinja/components/{component}/macro.html" not in env.list_templates():
        pytest.fail(
            f"govuk-frontend has a '{component}' component that govuk-frontend-jinja lacks: pin matching releases"
        )
    template = env.from_string(source)
    mismatched = [
        example["name"]
        for example in json.loads(fixtures.read_text())["fixtures"]
        if canonical(template.render(params=example["options"])) != canonical(example["html"])
    ]
    assert not mismatched, f"{component}: the Jinja macro differs from GOV.UK Frontend for {mismatched}"
