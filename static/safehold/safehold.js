// Small behaviours the pages need. No inline scripts: the Content-Security-Policy forbids them.
(function () {
  "use strict";
  // The button that submitted each form, for a form that must be sent again without htmx (below).
  var submitters = new WeakMap();
  // A button with data-confirm asks before it submits (deleting a person, revoking a token).
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    var message = (button && button.dataset.confirm) || event.target.dataset.confirm;
    if (message && !window.confirm(message)) {
      event.preventDefault();
      return;
    }
    submitters.set(event.target, button);
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

  // Nothing a user does in place may fail silently. Every htmx form and link is also an ordinary one
  // (method and action, href), which the server answers with a redirect or a page of its own.

  // Send what htmx could not place as the ordinary request it stands for. False if there is none.
  function sendPlainly(element, ask) {
    var form = element.tagName === "FORM" ? element : element.form;
    if (form) {
      var question = element.getAttribute("hx-confirm");
      if (ask && question && !window.confirm(question)) { return true; }
      var submitter = submitters.get(form);
      if (submitter && submitter.name) {
        var pressed = document.createElement("input");
        pressed.type = "hidden";
        pressed.name = submitter.name;
        pressed.value = submitter.value;
        form.appendChild(pressed);
      }
      HTMLFormElement.prototype.submit.call(form); // not form.submit(): a field named "submit" would hide it
      return true;
    }
    if (element.href) {
      window.location.assign(element.href);
      return true;
    }
    return false;
  }

  // Show why something was refused in the page's refusal region (base.html), as an alert: announced when added.
  function say(text) {
    var region = document.getElementById("sh-refusal");
    if (!region) { window.alert(text); return; }
    var alert = document.createElement("div");
    alert.className = "kern-alert kern-alert--danger";
    alert.setAttribute("role", "alert");
    var header = document.createElement("div");
    header.className = "kern-alert__header";
    var icon = document.createElement("span");
    icon.className = "kern-icon kern-icon--danger";
    icon.setAttribute("aria-hidden", "true");
    var title = document.createElement("span");
    title.className = "kern-title";
    title.textContent = text;
    header.append(icon, title);
    alert.append(header);
    region.replaceChildren(alert);
  }

  function regionText(name) {
    var region = document.getElementById("sh-refusal");
    return (region && region.dataset[name]) || "";
  }

  // The reason the server gave: its error pages mark it with data-error-message (403.html, 404.html).
  function reasonIn(xhr) {
    if (!/^text\/html/.test(xhr.getResponseHeader("Content-Type") || "")) { return ""; }
    var page = new DOMParser().parseFromString(xhr.responseText, "text/html");
    var marked = page.querySelector("[data-error-message]");
    return marked ? marked.textContent.trim() : "";
  }

  // The target is not on this page (a form opened on a page of its own, a refused save whose form is gone):
  // the ordinary request saves, or answers with the page that says why not.
  document.addEventListener("htmx:targetError", function (event) {
    if (!sendPlainly(event.target, true)) { say(regionText("fallback")); }
  });
  // No answer at all: the ordinary request lets the browser say so, and offers to send it again.
  document.addEventListener("htmx:sendError", function (event) {
    if (!sendPlainly(event.target, false)) { say(regionText("unreachable")); }
  });
  // Refused (403: e.g. the case was closed meanwhile), gone (404) or failed (500): nothing was swapped in.
  document.addEventListener("htmx:responseError", function (event) {
    say(reasonIn(event.detail.xhr) || regionText("fallback"));
  });
  // A new attempt starts without the refusal of the one before.
  document.addEventListener("htmx:beforeRequest", function () {
    var region = document.getElementById("sh-refusal");
    if (region) { region.replaceChildren(); }
  });
})();
