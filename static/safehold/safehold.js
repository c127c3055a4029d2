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
  document.addEventListener("htmx:afterSwap", function (event) {
    var invalid = event.target.querySelector("[aria-invalid='true']");
    if (invalid) { invalid.focus(); }
  });
})();
