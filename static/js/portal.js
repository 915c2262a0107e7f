/* Coop Portal: what the pages need beyond Bootstrap and htmx. No code lives inline in the pages:
   the Content-Security-Policy runs only the portal's own files and scripts carrying its nonce. */
(function () {
  "use strict";

  // Progress bars take their width from the aria-valuenow of their .progress, so that the HTML
  // needs no style attribute (the policy refuses them); htmx runs this on every swapped fragment.
  function sizeProgressBars(root) {
    root.querySelectorAll(".progress[aria-valuenow] > .progress-bar").forEach(function (bar) {
      var value = Number(bar.parentElement.getAttribute("aria-valuenow")) || 0;
      bar.style.width = Math.min(100, Math.max(0, value)) + "%";
    });
  }

  htmx.onLoad(sizeProgressBars);

  // The skip link moves the focus into the main content without adding #main to the address: a
  // form without action would post to it, the page after the redirect would inherit it, and the
  // browser would then put the focus on the main content instead of where the page wants it.
  // (Without this script the link still works as a plain #main link.)
  var skipLink = document.querySelector("a.skip-link[href='#main']");
  var main = document.getElementById("main");
  if (skipLink && main) {
    skipLink.addEventListener("click", function (event) {
      event.preventDefault();
      main.focus();
    });
  }

  // A refused form comes back with its errors: the focus goes to the first field marked
  // aria-invalid (its error is its accessible description), else to the form's list of errors, so
  // that keyboard and screen reader users start where the problem is (WCAG 3.3.1). Only for
  // posted forms (a search with a wrong filter keeps the focus where it is), and not when the
  // focus is already elsewhere.
  function focusFirstError() {
    if (document.activeElement && document.activeElement !== document.body) {
      return;
    }
    var forms = document.querySelectorAll("form[method='post' i]");
    for (var i = 0; i < forms.length; i++) {
      var target = forms[i].querySelector("[aria-invalid='true']") || forms[i].querySelector(".alert-danger");
      if (target) {
        if (!target.matches("input, select, textarea, button")) {
          target.setAttribute("tabindex", "-1");
        }
        target.focus();
        return;
      }
    }
  }

  focusFirstError();
})();
