// Drag and drop on the pipeline board. Dropping a card on a column posts the same "move" form
// endpoint the keyboard path uses and swaps the board in place; htmx carries the CSRF header
// from <body hx-headers> because the request is issued with the card as its source.
(function () {
  "use strict";
  let dragged = null;

  function columnOf(target) {
    return target instanceof Element ? target.closest(".column[data-stage-id]") : null;
  }

  function clearTargets() {
    document.querySelectorAll(".column.drop-target").forEach((c) => c.classList.remove("drop-target"));
  }

  document.addEventListener("dragstart", (event) => {
    const card = event.target instanceof Element ? event.target.closest(".cardlet[data-move-url]") : null;
    if (!card) return;
    dragged = card;
    card.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.dataset.name || "");
  });

  document.addEventListener("dragend", () => {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
    clearTargets();
  });

  document.addEventListener("dragover", (event) => {
    const column = columnOf(event.target);
    if (!dragged || !column) return;
    event.preventDefault(); // marks the column as a valid drop target
    event.dataTransfer.dropEffect = "move";
    if (!column.classList.contains("drop-target")) {
      clearTargets();
      column.classList.add("drop-target");
    }
  });

  document.addEventListener("dragleave", (event) => {
    const column = columnOf(event.target);
    if (column && !column.contains(event.relatedTarget)) column.classList.remove("drop-target");
  });

  document.addEventListener("drop", (event) => {
    const column = columnOf(event.target);
    if (!dragged || !column) return;
    event.preventDefault();
    clearTargets();
    const card = dragged;
    if (column.dataset.stageId === card.dataset.currentStage) return;
    htmx.ajax("POST", card.dataset.moveUrl, {
      source: card,
      target: "#board",
      swap: "outerHTML",
      values: { stage_id: column.dataset.stageId },
    });
  });

  // A move's Undo is offered for a few seconds (the server allows a little longer).
  document.body.addEventListener("htmx:afterSettle", () => {
    document.querySelectorAll("#board_status form.undo[data-undo-seconds]").forEach((form) => {
      const seconds = Number(form.dataset.undoSeconds);
      form.removeAttribute("data-undo-seconds");
      setTimeout(() => { if (form.isConnected && !form.contains(document.activeElement)) form.remove(); }, seconds * 1000);
    });
  });

  // After any board update, put focus back on the card that was acted on so keyboard users
  // keep their place.
  document.body.addEventListener("htmx:afterSettle", (event) => {
    const board = document.getElementById("board");
    if (!board || !board.dataset.focus || !event.detail.target || event.detail.target.id !== "board") return;
    const card = document.getElementById(board.dataset.focus);
    if (card) card.focus();
  });
})();
