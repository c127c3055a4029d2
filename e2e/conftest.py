"""Fixtures of the browser tests: one real server for the run, Debian's Chromium, a fresh context per test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from e2e.a11y import A11yGuard, checked_states, minor_findings, report, unchecked_states
from e2e.server import Server, running_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

_GUARDS = pytest.StashKey[list[A11yGuard]]()
_server_errors: list[str] = []


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    with running_server() as server:
        yield server
        log = server.log.read_text()
        # 403s and 404s are logged with tracebacks too; the 500s are what a reader needs to see.
        if "Internal Server Error" in log:
            _server_errors.append(log[-6000:])


@pytest.fixture(scope="session")
def base_url(server: Server) -> str:
    """pytest-playwright gives every browser context this base URL, so tests use paths."""
    return server.url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    # Debian's Chromium: `playwright install` would download a browser, and there is no internet.
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "locale": "en-GB", "timezone_id": "Europe/Berlin",
            "viewport": {"width": 1280, "height": 900}}


# Longer than the accessibility guard may hold a request back (CHECK_TIMEOUT_SECONDS), so that on a busy
# machine a slow axe check ends as the guard's own report, not as a click that timed out waiting for it.
ACTION_TIMEOUT_MS = 60_000
# An assertion waits up to this long for the page to come round (Playwright's default is 5 s): CI runs the
# browser tests beside the PostgreSQL suite, on the same two cores.
expect.set_options(timeout=20_000)


def _guarded(page: Page, base_url: str, request: pytest.FixtureRequest) -> Page:
    page.set_default_timeout(ACTION_TIMEOUT_MS)
    guard = A11yGuard(page, base_url).attach()
    request.node.stash.setdefault(_GUARDS, []).append(guard)
    return page


@pytest.fixture
def page(context: BrowserContext, base_url: str, request: pytest.FixtureRequest) -> Page:
    """A page in the test's own browser context, checked by axe on every state it passes through."""
    return _guarded(context.new_page(), base_url, request)


@pytest.fixture
def other_page(new_context: Callable[..., BrowserContext], base_url: str, request: pytest.FixtureRequest) -> Page:
    """A page in a second browser context, with its own cookies: a second worker, or the same one on another
    device. Checked by axe like `page`."""
    return _guarded(new_context().new_page(), base_url, request)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "runs_last: run after every other browser test (it blocks logins)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.e2e)
    items.sort(key=lambda item: item.get_closest_marker("runs_last") is not None)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """Once a test has passed, wait for the checks of its last page; fail on any violation of its pages."""
    guards = item.stash.get(_GUARDS, [])
    try:
        result = yield
        failures = []
        for guard in guards:
            if not guard.page.is_closed():
                guard.page.wait_for_load_state()  # a page the last step navigated to is checked too
            guard.wait(reason="after the test")
            failures.extend(guard.failures)
    finally:
        for guard in guards:
            guard.enabled = False  # fixture teardown may still navigate; that is not part of the test
    if failures:
        raise AssertionError(report(failures))
    return result


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if checked_states:
        terminalreporter.write_line(f"axe checked {checked_states[0]} page states.")
    if unchecked_states:
        terminalreporter.section(f"axe: {len(unchecked_states)} page states not checked in time (these do not fail)")
        for state in unchecked_states:
            terminalreporter.write_line(state)
    if minor_findings:
        terminalreporter.section("axe: moderate and minor findings (these do not fail)")
        for rule, (impact, text, pages) in sorted(minor_findings.items()):
            terminalreporter.write_line(f"{rule} [{impact}] {text}: {', '.join(sorted(pages))}")
    for log in _server_errors:
        terminalreporter.section("gunicorn log (the server answered 500)")
        terminalreporter.write_line(log)
