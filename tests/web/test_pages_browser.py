"""The pages in Debian's Chromium: GOV.UK structure, sign in and out, error pages; screenshotted, axe-checked."""

from __future__ import annotations

from typing import Any

import pytest

PASSWORD = "correct horse battery staple"  # conftest.PASSWORD: the test accounts' password


def sign_in(page: Any, live_server: Any, email: str, password: str = PASSWORD, *, here: bool = False) -> None:
    """Sign in on the sign-in page (`here`: the one already open, keeping its `next`)."""
    if not here:
        page.goto(live_server.url("/sign-in"))
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()  # let the next page's styles and scripts finish before the test moves on


def test_start_page_has_the_gov_uk_page_structure(page: Any, live_server: Any, screenshot: Any, axe_check: Any) -> None:
    response = page.goto(live_server.url("/"))
    assert response.status == 200
    assert page.title() == "Write up visits with Offset – Offset – Riverside Council"
    # Header: the council's name (no GOV.UK crown: the service is not on GOV.UK) and the service name.
    assert page.locator(".govuk-generic-header").inner_text().strip() == "Riverside Council"
    assert page.locator(".govuk-header__logotype, .govuk-logo").count() == 0
    assert page.locator(".govuk-service-navigation__service-name").inner_text().strip() == "Offset"
    assert page.locator(".govuk-phase-banner .govuk-tag").inner_text().strip() == "Beta"
    assert page.locator("main#main-content h1").inner_text() == "Write up visits with Offset"
    assert page.get_by_role("button", name="Sign in").get_attribute("href") == "/sign-in"
    footer = page.locator("footer.govuk-template__footer")
    assert footer.get_by_role("link", name="Accessibility statement").get_attribute("href") == "/accessibility"
    # The compiled stylesheet loaded (Arial, not GDS Transport) and GOV.UK Frontend's JavaScript ran.
    font = page.evaluate("() => getComputedStyle(document.querySelector('h1')).fontFamily")
    assert font.lower().startswith("arial")
    page.wait_for_function("() => document.body.classList.contains('govuk-frontend-supported')")
    screenshot(page, "start")
    axe_check(page, "start")


def test_every_request_stays_on_the_server(browser: Any, live_server: Any) -> None:
    """No CDN, no fonts from anywhere: everything a page loads comes from the app itself."""
    context = browser.new_context()
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(live_server.url("/sign-in"))
    page.wait_for_load_state("networkidle")
    context.close()
    assert requested, "the page made no requests at all"
    assert all(url.startswith(live_server.url("/")) for url in requested), requested
    assert any(url.endswith("/static/css/offset.css") for url in requested)
    assert any(url.endswith("/static/govuk/govuk-frontend.min.js") for url in requested)
    assert not any(url.endswith((".woff", ".woff2")) for url in requested), "GDS Transport must not be used"


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page: Any, live_server: Any) -> None:
    page.goto(live_server.url("/"))
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.textContent.trim(), document.activeElement.offsetHeight]")
    assert focused[0] == "Skip to main content"
    assert focused[1] > 0, "the skip link must be visible when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main-content"


def test_sign_in_then_out(page: Any, live_server: Any, screenshot: Any, axe_check: Any) -> None:
    page.goto(live_server.url("/account"))
    assert page.url == live_server.url("/sign-in?next=%2Faccount"), "signed-out users are sent to sign in"
    screenshot(page, "sign-in")
    axe_check(page, "sign-in")

    sign_in(page, live_server, "priya@example.org", here=True)
    assert page.url == live_server.url("/account"), "after signing in, back to the page asked for"
    summary = page.locator(".govuk-summary-list").inner_text()
    for value in ("Priya Shah", "priya@example.org", "Practitioner", "Riverside adults"):
        assert value in summary
    screenshot(page, "account")
    axe_check(page, "account")

    page.get_by_role("button", name="Sign out").click()
    assert page.url == live_server.url("/sign-in?signed_out=1")
    assert "You have signed out." in page.locator(".govuk-notification-banner").inner_text()
    screenshot(page, "signed-out")
    axe_check(page, "signed-out")
    page.goto(live_server.url("/account"))
    assert page.url.startswith(live_server.url("/sign-in")), "the session ended with the sign-out"


def test_sign_in_errors_follow_the_error_summary_pattern(
    page: Any, live_server: Any, problems: Any, screenshot: Any, axe_check: Any
) -> None:
    problems.expect(r"status of 40[01]")
    page.goto(live_server.url("/sign-in"))
    page.get_by_role("button", name="Sign in").click()
    assert page.title().startswith("Error: Sign in")
    summary = page.locator(".govuk-error-summary")
    assert summary.locator("h2").inner_text().strip() == "There is a problem"
    assert summary.get_by_role("link").all_inner_texts() == ["Enter your email address", "Enter your password"]
    # GOV.UK Frontend moves focus to the summary; its links move focus to the field.
    page.wait_for_function("() => document.activeElement.classList.contains('govuk-error-summary')")
    summary.get_by_role("link", name="Enter your password").click()
    assert page.evaluate("() => document.activeElement.id") == "password"
    screenshot(page, "sign-in-empty")
    axe_check(page, "sign-in-empty")

    sign_in(page, live_server, "priya@example.org", "wrong password")
    message = " ".join(page.locator("#email-error").inner_text().split())
    assert message == "Error: Enter a correct email address and password"
    assert page.get_by_label("Email address").input_value() == "priya@example.org", "what was typed is kept"
    assert page.get_by_label("Password", exact=True).input_value() == "", "a password is never sent back"
    screenshot(page, "sign-in-wrong-password")
    axe_check(page, "sign-in-wrong-password")


def test_password_can_be_shown_and_hidden(page: Any, live_server: Any) -> None:
    page.goto(live_server.url("/sign-in"))
    password = page.get_by_label("Password", exact=True)
    assert password.get_attribute("type") == "password"
    page.get_by_role("button", name="Show password").click()
    assert password.get_attribute("type") == "text"
    page.get_by_role("button", name="Hide password").click()
    assert password.get_attribute("type") == "password"


def test_an_account_with_two_roles(page: Any, live_server: Any) -> None:
    sign_in(page, live_server, "ade@example.org")
    assert page.url == live_server.url("/team"), "someone with several roles starts on their first role's page"
    page.goto(live_server.url("/account"))
    assert "Administrator and Supervisor" in page.locator(".govuk-summary-list").inner_text()
    assert page.goto(live_server.url("/_test/supervisors-only")).status == 200, "either role is enough"


def test_signing_in_works_without_javascript(browser: Any, live_server: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server, "sam@example.org")
    assert page.url == live_server.url("/team"), "a supervisor starts on the team's approvals"
    page.goto(live_server.url("/account"))
    assert "Supervisor" in page.locator(".govuk-summary-list").inner_text()
    context.close()


def test_a_form_without_its_csrf_token_is_refused(
    page: Any, live_server: Any, problems: Any, screenshot: Any, axe_check: Any
) -> None:
    problems.expect(r"status of 403")
    page.goto(live_server.url("/sign-in"))
    page.context.clear_cookies()  # as if the page came from another site: the browser has no token cookie
    page.get_by_label("Email address").fill("priya@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert page.locator("h1").inner_text() == "Your form could not be sent"
    assert "Go back, reload the page and try again." in page.locator("main").inner_text()
    assert not page.context.cookies() or all(c["name"] != "offset_session" for c in page.context.cookies())
    screenshot(page, "error-403-csrf")
    axe_check(page, "error-403-csrf")


ERROR_PAGES = [
    ("/no-such-page", 404, "Page not found"),
    ("/_test/number?n=not-a-number", 422, "Some of the information sent was missing or not right"),
    ("/_test/crash", 500, "Sorry, there is a problem with the service"),
]


@pytest.mark.parametrize(("path", "status", "heading"), ERROR_PAGES)
def test_error_pages_say_what_happened_and_what_to_do(
    page: Any,
    live_server: Any,
    problems: Any,
    screenshot: Any,
    axe_check: Any,
    path: str,
    status: int,
    heading: str,
) -> None:
    problems.expect(f"status of {status}")
    response = page.goto(live_server.url(path))
    assert response.status == status
    assert page.locator("h1").inner_text() == heading
    text = page.locator("main").inner_text()
    assert "Go to the start page" in text
    assert "offset-support@example.org" in text, "the page says where to get help"
    assert "Traceback" not in page.content() and "secret internal detail" not in page.content()
    if status == 500:
        assert "Reference:" in text
    screenshot(page, f"error-{status}")
    axe_check(page, f"error-{status}")


def test_a_page_for_another_role_is_refused(
    page: Any, live_server: Any, problems: Any, screenshot: Any, axe_check: Any
) -> None:
    problems.expect(r"status of 403")
    sign_in(page, live_server, "priya@example.org")
    response = page.goto(live_server.url("/_test/supervisors-only"))
    assert response.status == 403
    assert page.locator("h1").inner_text() == "You do not have permission to see this page"
    assert "your account is practitioner" in page.locator("main").inner_text()
    assert page.get_by_role("button", name="Sign out").is_visible(), "a 403 page still shows who is signed in"
    screenshot(page, "error-403-role")
    axe_check(page, "error-403-role")


def test_accessibility_statement_and_cookies_pages(
    page: Any, live_server: Any, screenshot: Any, axe_check: Any
) -> None:
    page.goto(live_server.url("/accessibility"))
    assert page.locator("h1").inner_text() == "Accessibility statement for Offset"
    headings = page.locator("h2").all_inner_texts()
    for required in (
        "How accessible this service is",
        "Feedback and contact information",
        "Enforcement procedure",
        "Preparation of this accessibility statement",
    ):
        assert required in headings
    assert "run by riverside council" in page.locator("main").inner_text().lower()
    screenshot(page, "accessibility")
    axe_check(page, "accessibility")

    page.locator("footer").get_by_role("link", name="Cookies").click()
    assert page.locator("h1").inner_text() == "Cookies"
    cells = page.locator("table tbody th").all_inner_texts()
    assert cells == ["offset_session", "offset_csrf"], "the page lists exactly the cookies the service sets"
    screenshot(page, "cookies")
    axe_check(page, "cookies")


@pytest.mark.parametrize("path", ["/", "/sign-in"])
def test_small_screen_layout(browser: Any, live_server: Any, screenshot: Any, axe_check: Any, path: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(live_server.url(path))
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], "no sideways scrolling on a phone-sized screen"
    name = "mobile-start" if path == "/" else "mobile-sign-in"
    screenshot(page, name)
    axe_check(page, name)
    context.close()


def test_axe_check_fails_on_an_inaccessible_page(page: Any, live_server: Any, axe_check: Any) -> None:
    """The accessibility check can fail: a page with an unlabelled field and an image without text."""
    page.goto(live_server.url("/_test/inaccessible"))
    with pytest.raises(AssertionError) as failure:
        axe_check(page, "deliberately-inaccessible")
    assert "image-alt" in str(failure.value)
    assert "label" in str(failure.value)
