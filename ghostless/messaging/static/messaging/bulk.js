// "Select all" for the "Email selected" form. The applicant checkboxes live in tables and
// board cards that htmx swaps, so they join the form with form="bulk-email" and are looked up
// afresh each time. Without JavaScript each box still works on its own.
(function () {
  "use strict";
  const FORM = "bulk-email";

  function boxes() {
    return Array.from(document.querySelectorAll(`input[type=checkbox][name=applications][form="${FORM}"]`));
  }

  function refresh() {
    const all = boxes();
    const ticked = all.filter((box) => box.checked).length;
    const toggle = document.getElementById("bulk-select-all");
    const count = document.querySelector(`#${FORM} [data-bulk-count]`);
    if (toggle) {
      toggle.checked = all.length > 0 && ticked === all.length;
      toggle.indeterminate = ticked > 0 && ticked < all.length;
    }
    if (count) count.textContent = ticked ? `${ticked} selected` : "";
  }

  document.addEventListener("change", (event) => {
    const target = event.target;
    if (!(target instanceof HTMLInputElement)) return;
    if (target.id === "bulk-select-all") {
      boxes().forEach((box) => { box.checked = target.checked; });
    }
    refresh();
  });

  document.addEventListener("submit", (event) => {
    if (event.target.id === FORM && !boxes().some((box) => box.checked)) {
      event.preventDefault();
      const count = event.target.querySelector("[data-bulk-count]");
      if (count) count.textContent = "Tick at least one applicant first.";
    }
  });

  document.addEventListener("DOMContentLoaded", () => {
    const wrap = document.querySelector(`#${FORM} [data-bulk-select-all]`);
    if (wrap) wrap.hidden = false;
    refresh();
  });
  document.addEventListener("htmx:afterSettle", refresh);
})();
