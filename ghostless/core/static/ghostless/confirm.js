// The second look (core/confirm.py). A form marked data-confirm (or a submit button so
// marked) asks the server what it would do before doing it: the answer goes in a modal
// <dialog>; its confirm button resubmits the original form with confirm=yes, so htmx or the
// browser carries on as without the dialog. Esc or Cancel closes it and focus goes back.
(function () {
  "use strict";
  let dialog = null;
  let pending = null; // {form, submitter, trigger}

  function ensureDialog() {
    if (dialog) return dialog;
    dialog = document.createElement("dialog");
    dialog.id = "confirm-dialog";
    dialog.className = "confirm-dialog";
    dialog.setAttribute("aria-labelledby", "confirm-title");
    document.body.appendChild(dialog);
    dialog.addEventListener("close", () => {
      const trigger = pending && pending.trigger;
      const acting = pending && pending.acting;
      pending = null;
      dialog.innerHTML = "";
      if (!acting && trigger && trigger.isConnected) trigger.focus();
    });
    dialog.addEventListener("click", (event) => {
      if (event.target.closest("[data-confirm-cancel]")) {
        event.preventDefault();
        dialog.close();
      }
    });
    dialog.addEventListener("keydown", (event) => {
      if (event.key !== "Tab") return;
      // Keep Tab inside the dialog: from the last control to the first, and back.
      const focusable = Array.from(dialog.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea"))
        .filter((el) => !el.disabled);
      if (!focusable.length) return;
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
      else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
    });
    dialog.addEventListener("submit", (event) => {
      if (!event.target.matches("[data-confirm-form]") || !pending) return;
      event.preventDefault();
      const { form, submitter } = pending;
      pending.acting = true;
      dialog.close();
      act(form, submitter);
    });
    return dialog;
  }

  function hidden(name, value) {
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    return input;
  }

  function act(form, submitter) {
    const flag = hidden("confirm", "yes");
    form.appendChild(flag);
    form.dataset.confirmed = "yes";
    form.requestSubmit(submitter && submitter.isConnected ? submitter : undefined);
    setTimeout(() => { flag.remove(); delete form.dataset.confirmed; }, 0);
  }

  function wantsConfirm(form, submitter) {
    return form.hasAttribute("data-confirm") || (submitter && submitter.hasAttribute("data-confirm"));
  }

  // Capture: runs before htmx's own submit listener on the form, so nothing is posted yet.
  document.addEventListener("submit", async (event) => {
    const form = event.target;
    const submitter = event.submitter;
    if (!(form instanceof HTMLFormElement) || form.dataset.confirmed === "yes") return;
    if (!wantsConfirm(form, submitter)) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    const data = new FormData(form, submitter || undefined);
    data.delete("confirm");
    const trigger = submitter || document.activeElement;
    let html;
    try {
      // Not form.action: a field named "action" (the stage editor's) would shadow it.
      // A submit button's own formaction ("Text selected" beside "Email selected") wins.
      const action = (submitter && submitter.getAttribute("formaction")) || form.getAttribute("action");
      const url = new URL(action || "", location.href).href;
      const response = await fetch(url, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "HX-Request": "true", "HX-Target": "confirm-dialog", "HX-Current-URL": location.href },
      });
      html = await response.text();
      if (!response.ok || response.redirected || !html.includes("data-confirm-body")) throw new Error("not a confirmation");
    } catch (error) {
      // The server said no (a 4xx with its reason) or could not be reached: a plain submit
      // shows the answer as a page, and still nothing acts without confirm=yes.
      if (submitter && submitter.name) form.appendChild(hidden(submitter.name, submitter.value));
      form.submit();
      return;
    }
    const box = ensureDialog();
    box.innerHTML = html;
    pending = { form, submitter, trigger };
    box.showModal();
    const first = box.querySelector("[autofocus]") || box.querySelector("button, a[href]");
    if (first) first.focus();
  }, true);
})();
