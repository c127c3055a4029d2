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

  // A field that matters for one choice of another only (the outcome, when closing a case) shows only then
  // (core/forms.py, shown_if); hidden, it is disabled too, so it is not sent. Without script all shows.
  function followChoices(root) {
    root.querySelectorAll("[data-shown-if]").forEach(function (element) {
      if (element.dataset.shownIfBound) { return; }
      var rule = element.dataset.shownIf.split("=");
      var control = document.getElementById(rule[0]);
      if (!control) { return; }
      element.dataset.shownIfBound = "1";
      var box = element.closest(".sh-field") || element;
      var update = function () {
        var shown = control.value === rule[1];
        box.hidden = !shown;
        if (element.matches("input, select, textarea")) { element.disabled = !shown; }
        if (shown && element.tagName === "SELECT") { markCut(element); }
      };
      control.addEventListener("change", update);
      update();
    });
  }

  // A list whose choices depend on another choice (the legal bases on the case's language): its options
  // for each value of the control are in data-choices; the choice made stays if the new list has it.
  function followLists(root) {
    root.querySelectorAll("select[data-choices-follow]").forEach(function (select) {
      if (select.dataset.choicesBound) { return; }
      var control = document.getElementById(select.dataset.choicesFollow);
      var lists = JSON.parse(select.dataset.choices || "{}");
      if (!control) { return; }
      select.dataset.choicesBound = "1";
      var empty = select.options[0] && select.options[0].value === "" ? select.options[0] : null;
      control.addEventListener("change", function () {
        var chosen = select.value;
        var options = (lists[control.value] || []).map(function (pair) {
          return new Option(pair[1], String(pair[0]), false, String(pair[0]) === chosen);
        });
        select.replaceChildren.apply(select, empty ? [empty].concat(options) : options);
        markCut(select);
      });
    });
  }

  // A choice too long for its select ends in an ellipsis (safehold.css); hovering shows the whole text. The
  // title goes only where the text is cut, measured in the select's own font; the same for long options.
  var measure = document.createElement("canvas").getContext("2d");
  function markCut(select) {
    var style = window.getComputedStyle(select);
    var room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    if (!measure || room <= 0) { return; }  // hidden: measured when it shows
    measure.font = style.fontWeight + " " + style.fontSize + " " + style.fontFamily;
    Array.prototype.forEach.call(select.options, function (option) {
      if (measure.measureText(option.text).width > room) { option.title = option.text; } else { option.removeAttribute("title"); }
    });
    var chosen = select.options[select.selectedIndex];
    if (chosen && chosen.title) { select.title = chosen.text; } else { select.removeAttribute("title"); }
  }
  function markAllCut(root) {
    Array.prototype.forEach.call(root.querySelectorAll("select:not([multiple])"), markCut);
  }
  document.addEventListener("change", function (event) {
    if (event.target.tagName === "SELECT") { markCut(event.target); }
  });
  var resizing = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizing);
    resizing = window.setTimeout(function () { markAllCut(document); }, 200);
  });
  // Fonts change the measure: measure again once they are in.
  if (document.fonts && document.fonts.ready) { document.fonts.ready.then(function () { markAllCut(document); }); }

  document.addEventListener("htmx:load", function (event) {
    followChoices(event.target);
    followLists(event.target);
    markAllCut(event.target.querySelectorAll ? event.target : document);
  });

  // A message a change left for the page after it ("The case is now in …") is read out: focused once the
  // page has loaded, unless the page put the cursor somewhere itself (autofocus).
  document.addEventListener("DOMContentLoaded", function () {
    followChoices(document);
    followLists(document);
    markAllCut(document);
    var message = document.querySelector(".sh-messages [role=status], .sh-messages [role=alert]");
    if (!message || document.querySelector("[autofocus]")) { return; }
    message.setAttribute("tabindex", "-1");
    message.focus({ preventScroll: true });
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
