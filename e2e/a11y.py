"""Accessibility checks with axe-core on every page state a test passes through, without the test asking.

Each test page carries an `A11yGuard`:
- axe (the copy bundled with axe-playwright-python) is added to every document of our server as an init
  script, and runs there when the document has loaded and after every htmx swap. It reports through the
  console, which keeps working while a navigation is held back (Playwright cannot evaluate in a page then).
- Every document or htmx request to our server is held back until the checks of the page being left have
  reported, so a test that clicks on before axe has finished cannot skip a page.
- When the test has finished, the guard waits for the last page's checks and fails the test on any
  violation of impact serious or critical, naming page, rule, and elements. Lesser ones go to the summary.
- A check that has not reported within CHECK_TIMEOUT_SECONDS is let go and listed in the summary as a state
  not checked, with whether its document had finished loading: in full runs on the shared 2-core machine a
  state now and then never reported (bimodal: under a second, or never), which failed a test that had nothing
  wrong with its pages.
`assert_accessible(page)` waits for the checks so far and fails at once, to pin a failure to a step.
"""

from __future__ import annotations

import json
import time
import weakref
from dataclasses import dataclass, field

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import ConsoleMessage, Page, Route

FAILING_IMPACTS = frozenset({"serious", "critical"})
CHECK_TIMEOUT_SECONDS = 30  # generous: a loaded CI machine, not axe, makes a check slow
_PREFIX = "__e2e_axe__"
_HELD_REQUESTS = frozenset({"document", "xhr", "fetch"})
_NODES_SHOWN = 8

# A state is a document plus the htmx swaps made in it. "pending" is sent first thing in a document (a check
# is owed before the test may leave it) and when a check starts; "result" or "error" when it ends. Checks run
# one after another: axe refuses to run twice at once.
_RUNNER = """
(() => {
  if (window.top !== window || location.origin !== %(origin)s) return;
  const doc = Math.random().toString(36).slice(2);
  const send = (kind, swaps, extra) =>
    console.debug(%(prefix)s + JSON.stringify({kind, doc, swaps, url: location.href, ...extra}));
  const summary = (v) => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, count: v.nodes.length,
    nodes: v.nodes.slice(0, %(nodes)d).map((n) => ({target: n.target, html: n.html.slice(0, 240),
                                                     why: n.failureSummary || ""})),
  });
  let queue = Promise.resolve();
  let swaps = 0;
  const check = (n) => {
    send("pending", n, {});
    queue = queue
      .then(() => axe.run(document, {resultTypes: ["violations"]}))
      .then((r) => send("result", n, {violations: r.violations.map(summary)}))
      .catch((e) => send("error", n, {error: String(e)}));
  };
  send("pending", 0, {});
  window.addEventListener("load", () => { send("loaded", 0, {}); check(0); });
  document.addEventListener("htmx:afterSettle", () => { swaps += 1; check(swaps); });
})();
"""

_guards: weakref.WeakKeyDictionary[Page, A11yGuard] = weakref.WeakKeyDictionary()
# Violations below the failing impacts, over the whole run: rule id → (impact, help, pages).
minor_findings: dict[str, tuple[str, str, set[str]]] = {}
# States whose check did not report in time, over the whole run: "page (loaded or not) before what".
unchecked_states: list[str] = []
checked_states = [0]  # over the whole run, for the summary


@dataclass
class A11yGuard:
    page: Page
    base_url: str
    enabled: bool = True
    failures: list[str] = field(default_factory=list)
    _pending: dict[tuple[str, int], str] = field(default_factory=dict)
    _loaded: set[str] = field(default_factory=set)

    def attach(self) -> A11yGuard:
        runner = _RUNNER % {"origin": json.dumps(self.base_url), "prefix": json.dumps(_PREFIX),
                            "nodes": _NODES_SHOWN}
        self.page.add_init_script(Axe().axe_script + "\n" + runner)
        self.page.on("console", self._on_console)
        self.page.route(f"{self.base_url}/**", self._before_request)
        _guards[self.page] = self
        return self

    def _on_console(self, message: ConsoleMessage) -> None:
        if not message.text.startswith(_PREFIX):
            return
        data = json.loads(message.text.removeprefix(_PREFIX))
        key = (data["doc"], data["swaps"])
        where = data["url"] + (f" (after {data['swaps']} htmx swap{'s' if data['swaps'] != 1 else ''})"
                               if data["swaps"] else "")
        if data["kind"] == "pending":
            self._pending[key] = where
            return
        if data["kind"] == "loaded":
            self._loaded.add(data["doc"])
            return
        self._pending.pop(key, None)
        if data["kind"] == "error":
            self.failures.append(f"axe failed on {where}: {data['error']}")
            return
        checked_states[0] += 1
        for violation in data["violations"]:
            if violation["impact"] in FAILING_IMPACTS:
                self.failures.append(_describe(violation, where))
            else:
                _impact, _help, pages = minor_findings.setdefault(
                    violation["id"], (violation["impact"] or "", violation["help"], set()))
                pages.add(data["url"].removeprefix(self.base_url))

    def _before_request(self, route: Route) -> None:
        if self.enabled and route.request.resource_type in _HELD_REQUESTS:
            self.wait(reason=f"before {route.request.method} {route.request.url}")
        route.continue_()

    def wait(self, reason: str = "") -> None:
        """Let the page's owed checks finish; record a failure for any that do not."""
        deadline = time.monotonic() + CHECK_TIMEOUT_SECONDS
        while self._pending and time.monotonic() < deadline and not self.page.is_closed():
            self.page.wait_for_timeout(25)
        for (doc, _swaps), where in self._pending.items():
            state = "loaded" if doc in self._loaded else "not loaded"
            unchecked_states.append(f"{where} ({state}) {reason}")
        self._pending.clear()


def _describe(violation: dict, where: str) -> str:
    lines = [f"{violation['id']} [{violation['impact']}] on {where}: {violation['help']}",
             f"  {violation['helpUrl']}"]
    for node in violation["nodes"]:
        lines.append(f"  - {' '.join(str(t) for t in node['target'])}")
        lines.append(f"    html: {node['html']}")
        if node["why"]:
            lines.append("    why:  " + node["why"].replace("\n", "\n          "))
    if violation["count"] > len(violation["nodes"]):
        lines.append(f"  … and {violation['count'] - len(violation['nodes'])} more elements")
    return "\n".join(lines)


def report(failures: list[str]) -> str:
    return "Accessibility violations (axe, impact serious or critical):\n\n" + "\n\n".join(failures)


def guard_of(page: Page) -> A11yGuard:
    return _guards[page]


def assert_accessible(page: Page) -> None:
    """Wait for the checks of what the page has shown so far; fail now on serious or critical violations."""
    guard = guard_of(page)
    guard.wait(reason="in assert_accessible")
    if guard.failures:
        failures, guard.failures = guard.failures, []
        raise AssertionError(report(failures))
