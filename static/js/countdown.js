/* A call's countdown: the page renders the days and hours left; this keeps them current each
   minute (no inline script: the Content-Security-Policy runs only the portal's own files). */
(function () {
  "use strict";

  function update(box) {
    var left = Date.parse(box.getAttribute("data-countdown")) - Date.now();
    if (isNaN(left)) {
      return false;
    }
    if (left <= 0) {
      box.textContent = box.getAttribute("data-closed-text");
      return false;
    }
    var hours = Math.floor(left / 3600000);
    box.querySelector("[data-countdown-days]").textContent = String(Math.floor(hours / 24));
    box.querySelector("[data-countdown-hours]").textContent = String(hours % 24);
    return true;
  }

  document.querySelectorAll("[data-countdown]").forEach(function (box) {
    if (update(box)) {
      var timer = window.setInterval(function () {
        if (!update(box)) {
          window.clearInterval(timer);
        }
      }, 60000);
    }
  });
})();
