"""Pages anyone can see: the start page, the accessibility statement and the cookies page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from api.web.assets import OWN_URL
from api.web.csrf import CSRF_COOKIE
from api.web.deps import OptionalWebUser
from api.web.session import SESSION_COOKIE
from api.web.templating import render

router = APIRouter()


@router.get("/", name="start")
def start(request: Request, user: OptionalWebUser) -> HTMLResponse:
    """The service's start page: what it does, what you need, and a way in."""
    return render(request, "pages/start.html", {"title": "Write up visits with Offset"})


@router.get("/accessibility", name="accessibility")
def accessibility(request: Request, user: OptionalWebUser) -> HTMLResponse:
    """The accessibility statement the Public Sector Bodies Accessibility Regulations 2018 require."""
    return render(request, "pages/accessibility.html", {"title": "Accessibility statement"})


@router.get("/cookies", name="cookies")
def cookies(request: Request, user: OptionalWebUser) -> HTMLResponse:
    """The cookies the service sets: only the two it needs to work, so no consent banner."""
    settings = request.app.state.web_settings
    context = {
        "title": "Cookies",
        "session_cookie": SESSION_COOKIE,
        "csrf_cookie": CSRF_COOKIE,
        "session_hours": settings.web_session_hours,
    }
    return render(request, "pages/cookies.html", context)


@router.get("/favicon.ico", name="favicon")
def favicon() -> RedirectResponse:
    """Browsers ask for /favicon.ico on responses that are not pages (JSON, downloads): Offset's icon."""
    return RedirectResponse(f"{OWN_URL}/images/favicon.svg", status_code=301)
