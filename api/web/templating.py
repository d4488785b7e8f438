"""Jinja2 for the pages: Offset's templates over the GOV.UK Frontend macros, and one `render()` for every page.

`render()` gives every template the same context (settings, the signed-in user, a CSRF
token, a CSP nonce, asset URLs) and every page the same security headers.
"""

from __future__ import annotations

import secrets
from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, PrefixLoader, select_autoescape
from starlette.routing import NoMatchFound

from api.web.assets import CSS_URL, GOVUK_URL, OWN_URL
from api.web.csrf import CSRF_FIELD, attach_csrf_cookie, csrf_token
from core import __version__

TEMPLATES_DIR = Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The one Jinja environment: `govuk_frontend_jinja/...` names resolve to the GOV.UK macros."""
    loader = ChoiceLoader(
        [
            FileSystemLoader(TEMPLATES_DIR),
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]
    )
    # The GOV.UK macros test optional parameters by reading them, so undefined values stay lenient.
    env = Environment(loader=loader, autoescape=select_autoescape(["html"]), trim_blocks=False)
    env.globals["offset_version"] = __version__
    env.filters["form_title"] = form_title
    return env


@lru_cache(maxsize=256)
def form_title(template_name: str) -> str:
    """A form template's title ('Adult needs assessment (Care Act 2014)') from its name."""
    from prompts import list_templates

    titles = {t.name: t.title for t in list_templates()}
    return titles.get(template_name, template_name.replace("_", " ").capitalize())


def content_security_policy(nonce: str) -> str:
    """Only this site's own scripts, styles, fonts and images; the one inline script carries the nonce."""
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'",
            "style-src 'self'",
            "img-src 'self'",
            "font-src 'self'",
            "connect-src 'self'",
            "media-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def page_headers(nonce: str) -> dict[str, str]:
    """Headers every page carries: pages can show personal data, so never cached or framed."""
    return {
        "Content-Security-Policy": content_security_policy(nonce),
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "same-origin",
        "Permissions-Policy": "microphone=(self), camera=(), geolocation=(), payment=()",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


# Each role's pages in the service navigation: (route name, words, roles that see it).
NAVIGATION: list[tuple[str, str, frozenset[str]]] = [
    ("my_visits", "Your visits", frozenset({"practitioner"})),
    ("team_queue", "Team approvals", frozenset({"supervisor"})),
    ("evaluation", "Time reclaimed", frozenset({"evaluator", "supervisor"})),
    ("admin_users", "Admin", frozenset({"admin"})),  # users and teams; the admin pages link to each other
    ("account", "Your account", frozenset({"practitioner", "supervisor", "evaluator", "admin"})),
]


def navigation_for(request: Request, user: Any) -> list[dict[str, Any]]:
    """The service navigation items the signed-in user's roles give, the current one marked."""
    if user is None:
        return []
    path = request.url.path
    items = []
    for name, text, roles in NAVIGATION:
        if not roles & set(user.roles):
            continue
        try:
            href = request.app.url_path_for(name)
        except NoMatchFound:  # a page not mounted on this app: left out
            continue
        section = href.rsplit("/", 1)[0] if href.startswith("/admin/") else href
        current = path == href or (href != "/account" and path.startswith(section + "/"))
        items.append({"href": str(href), "text": text, "active": current})
    return items


def render(
    request: Request, template: str, context: dict[str, Any] | None = None, *, status_code: int = 200
) -> HTMLResponse:
    """Render a page template into a response with the shared context and headers."""
    settings = request.app.state.web_settings
    nonce = secrets.token_urlsafe(16)
    values: dict[str, Any] = {
        "request": request,
        "settings": settings,
        "user": getattr(request.state, "web_user", None),
        "csrf_field": CSRF_FIELD,
        "csrf_token": csrf_token(request),
        "csp_nonce": nonce,
        "govuk_url": GOVUK_URL,
        "own_url": OWN_URL,
        "css_href": f"{CSS_URL}/{settings.web_css_file.name}",
        "url": request.app.url_path_for,
        "navigation": navigation_for(request, getattr(request.state, "web_user", None)),
    }
    values.update(context or {})
    html = environment().get_template(template).render(values)
    response = HTMLResponse(html, status_code=status_code, headers=page_headers(nonce))
    attach_csrf_cookie(request, response)
    return response
