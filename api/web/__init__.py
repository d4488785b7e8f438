"""The web pages: server-rendered GOV.UK Design System pages over the service (docs/web.md).

`mount_web(app, authenticator=...)` adds them to the FastAPI app. Layout: `settings`
(OFFSET_WEB_*), `assets` (govuk-frontend from node_modules, served by the app), `templating`
(Jinja over the GOV.UK macros), `csrf` and `session` (cookies), `auth` (the interface the
service's accounts implement), `deps`, `error_pages`, `routes/` (one module per area).
"""

from api.web.mount import mount_web

__all__ = ["mount_web"]
