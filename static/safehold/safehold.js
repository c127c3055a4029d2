// Small behaviours the pages need. No inline scripts: the Content-Security-Policy forbids them.
(function () {
  "use strict";
  // A button with data-confirm asks before it submits (deleting a person, revoking a token).
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    var message = (button && button.dataset.confirm) || event.target.dataset.confirm;
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  }, true);
  // After htmx swaps in a form with errors, move focus to the first error so it is announced.
  // A swap that replaced the focused element (a form saved in place, an entry deleted) leaves the focus
  // nowhere; the new content may name where it goes instead (data-focus-after-swap, with tabindex="-1").
  document.addEventListener("htmx:afterSwap", function (event) {
    var invalid = event.target.querySelector("[aria-invalid='true']");
    if (invalid) { invalid.focus(); return; }
    var lost = !document.activeElement || document.activeElement === document.body;
    var landing = lost && event.target.querySelector("[data-focus-after-swap]");
    if (landing) { landing.focus(); }
  });
})();
