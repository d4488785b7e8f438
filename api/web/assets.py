"""The front-end files the service serves itself (no CDN): GOV.UK Frontend from node_modules, Offset's own.

`make install` installs them (`npm ci --omit=dev` then `npm run build`, which compiles
api/web/scss/ into the stylesheet). The app refuses to start without them, saying so.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from api.web.errors import FrontendAssetsMissingError
from api.web.settings import WebSettings

OWN_STATIC_DIR = Path(__file__).parent / "static"

GOVUK_URL = "/static/govuk"  # api/web/scss/offset.scss sets $govuk-assets-path to match
OWN_URL = "/static/offset"
CSS_URL = "/static/css"  # the compiled stylesheet's folder

INSTALL_HINT = (
    "Install them from the project folder with `make install` (it runs `npm ci --omit=dev --omit=optional` "
    "and `npm run build`; node 20 and npm are needed), or point OFFSET_WEB_ASSETS_DIR at a node_modules "
    "folder that has govuk-frontend and OFFSET_WEB_CSS_FILE at a built offset.css."
)


@dataclass(frozen=True)
class FrontendAssets:
    """Where the served files are on disk."""

    node_modules: Path
    css_file: Path

    @classmethod
    def from_settings(cls, settings: WebSettings) -> FrontendAssets:
        return cls(node_modules=settings.web_assets_dir, css_file=settings.web_css_file)

    @property
    def govuk_dist(self) -> Path:
        return self.node_modules / "govuk-frontend" / "dist" / "govuk"

    @property
    def govuk_js(self) -> Path:
        return self.govuk_dist / "govuk-frontend.min.js"

    @property
    def axe_js(self) -> Path:
        """axe-core, a test-only package (`make install-test`); never served by the app."""
        return self.node_modules / "axe-core" / "axe.min.js"

    def missing(self) -> list[Path]:
        """The files the pages cannot work without that are not there."""
        return [p for p in (self.govuk_js, self.css_file) if not p.is_file()]

    def check(self) -> None:
        """Raise `FrontendAssetsMissingError` naming the missing files and the command that installs them."""
        missing = self.missing()
        if missing:
            names = ", ".join(str(p) for p in missing)
            raise FrontendAssetsMissingError(f"The web pages' front-end files are missing: {names}. {INSTALL_HINT}")


def mount_assets(app: FastAPI, assets: FrontendAssets) -> None:
    """Serve GOV.UK Frontend's dist folder, the compiled stylesheet's folder and Offset's own static folder."""
    # check_dir=False: a missing folder is reported once, clearly, by the start-up check instead.
    app.mount(GOVUK_URL, StaticFiles(directory=assets.govuk_dist, check_dir=False), name="govuk-static")
    app.mount(CSS_URL, StaticFiles(directory=assets.css_file.parent, check_dir=False), name="offset-css")
    app.mount(OWN_URL, StaticFiles(directory=OWN_STATIC_DIR, check_dir=False), name="offset-static")
