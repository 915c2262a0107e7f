// The Django admin, WCAG 2.2 AA: names for the controls the admin's scripts draw without one.
// Runs on what is in the page and on what the admin's scripts add later (Select2, the
// filter_horizontal boxes, new inline rows).
(function () {
  "use strict";

  // The element that names a control: its <label>, else (a tabular inline's or an editable
  // changelist's cell) the header of its column; given an id for aria-labelledby.
  let made = 0;
  function namerOf(control) {
    let namer = control.id && document.querySelector(`label[for="${CSS.escape(control.id)}"]`);
    const cell = !namer && control.closest("td[class*='field-']");
    if (cell) {
      const column = [...cell.classList].find((name) => name.startsWith("field-")).slice(6);
      namer = cell.closest("table").querySelector(`thead th.column-${CSS.escape(column)}`);
    }
    if (!namer) return null;
    if (!namer.id) namer.id = `a11y-name-${++made}`;
    return namer;
  }

  function fix(root) {
    // the date and the time of a split date-time field: "Date:" / "Time:" and the field's label
    root.querySelectorAll("p.datetime input").forEach((input) => {
      if (input.hasAttribute("aria-label")) return;
      let text = input.previousSibling;
      while (text && text.nodeType !== Node.TEXT_NODE) text = text.previousSibling;
      const part = text ? text.textContent.trim().replace(/:$/, "") : "";
      const field = input.closest(".form-row, .fieldBox");
      const label = namerOf(input) || (field && field.querySelector("label"));
      const name = [label ? label.textContent.trim().replace(/:$/, "") : "", part]
        .filter(Boolean)
        .join(" – ");
      if (name) input.setAttribute("aria-label", name);
    });
    // the fields of a tabular inline row or of an editable changelist: their column's header
    root.querySelectorAll("td[class*='field-'] :is(input, select, textarea)").forEach((control) => {
      if (control.type === "hidden" || control.labels.length) return;
      if (control.hasAttribute("aria-label") || control.hasAttribute("aria-labelledby")) return;
      const header = namerOf(control);
      if (header) control.setAttribute("aria-labelledby", header.id);
    });
    // Select2 (autocomplete fields): the combobox and its text take the field's name
    root.querySelectorAll(".select2-container").forEach((container) => {
      const select = container.previousElementSibling;
      const label = select && select.tagName === "SELECT" && namerOf(select);
      if (!label) return;
      container.querySelectorAll("[role=combobox], [role=textbox]").forEach((element) => {
        const combobox = element.getAttribute("role") === "combobox";
        const rendered = combobox ? element.querySelector("[role=textbox]") : null;
        element.setAttribute("aria-labelledby", rendered ? `${label.id} ${rendered.id}` : label.id);
      });
    });
    // filter_horizontal: the magnifier's explanation is an image's name, not a bare span's
    root.querySelectorAll(".search-label-icon[aria-label]:not([role])").forEach((icon) => {
      icon.setAttribute("role", "img");
    });
  }

  function start() {
    fix(document);
    new MutationObserver((records) => {
      if (records.some((record) => record.addedNodes.length)) fix(document);
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
