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
})();
