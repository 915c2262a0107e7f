/* Suggestions for the tag fields of the profile form (skills, offers, needs): while a person types
   the last tag of the comma-separated list, existing tags that start like it are offered in a
   <datalist>. Choosing one replaces the tag being typed. No inline script: the
   Content-Security-Policy runs only the portal's own files. */
(function () {
  "use strict";

  var DELAY = 200;

  function lastTag(value) {
    var parts = value.split(",");
    return parts[parts.length - 1].trim();
  }

  function setup(input, index) {
    var url = input.getAttribute("data-tag-suggest");
    var list = document.createElement("datalist");
    var timer = null;
    var lastQuery = "";
    list.id = "tag-suggest-" + index;
    input.parentNode.appendChild(list);

    function fill(names, prefix) {
      list.textContent = "";
      names.forEach(function (name) {
        var option = document.createElement("option");
        option.value = prefix + name;
        list.appendChild(option);
      });
      if (names.length) {
        input.setAttribute("list", list.id);
      }
    }

    function ask() {
      var value = input.value;
      var query = lastTag(value);
      if (query.length < 2 || query === lastQuery) {
        return;
      }
      lastQuery = query;
      var before = value.slice(0, value.lastIndexOf(",") + 1);
      var prefix = before ? before.trim() + " " : "";
      var params = new URLSearchParams({ q: query, field: input.getAttribute("data-tag-field") || "" });
      fetch(url + "?" + params.toString(), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          return response.ok ? response.json() : [];
        })
        .then(function (names) {
          if (Array.isArray(names) && lastTag(input.value) === query) {
            fill(names, prefix);
          }
        })
        .catch(function () {
          /* no suggestions: the field works without them */
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, DELAY);
    });
  }

  document.querySelectorAll("input[data-tag-suggest]").forEach(setup);
})();
