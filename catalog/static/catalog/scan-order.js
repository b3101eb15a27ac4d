/* Reordering a document's scanned pages in the admin: drag a row, or use its "Up" and
   "Down" buttons (keyboard: Tab to a button, Enter or Space). Either way the position
   numbers are rewritten in the new order and saved with the form; without this script the
   numbers are edited by hand. */
"use strict";

(function () {
  function setUp(group) {
    const body = group.querySelector("tbody");
    if (!body) return;
    const rows = () => Array.from(body.querySelectorAll("tr.form-row.has_original"));
    if (rows().length < 2) return;
    const status = document.createElement("p");
    status.className = "scan-order-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    group.querySelector("fieldset, .tabular").appendChild(status);

    function nameOf(row) {
      const label = row.querySelector("input[name$='-label']");
      const position = row.querySelector("input[name$='-position']");
      return (label && label.value.trim()) || "Page " + (position ? position.value : "");
    }

    function renumber(moved) {
      const all = rows();
      all.forEach((row, index) => {
        const input = row.querySelector("input[name$='-position']");
        if (input) input.value = String(index + 1);
      });
      if (moved) {
        const where = all.indexOf(moved) + 1;
        status.textContent = nameOf(moved) + " is now page " + where + " of " + all.length +
          ". Save to keep the new order.";
      }
    }

    function move(row, step) {
      const all = rows();
      const index = all.indexOf(row);
      const target = all[index + step];
      if (!target) return false;
      if (step < 0) body.insertBefore(row, target);
      else body.insertBefore(row, target.nextSibling);
      renumber(row);
      return true;
    }

    function button(text, label, step, row) {
      const control = document.createElement("button");
      control.type = "button";
      control.className = "scan-move";
      control.textContent = text;
      control.setAttribute("aria-label", label);
      control.addEventListener("click", () => {
        if (move(row, step)) control.focus();
      });
      return control;
    }

    let dragged = null;
    rows().forEach((row) => {
      const cell = row.querySelector("td.field-position");
      if (!cell) return;
      const controls = document.createElement("span");
      controls.className = "scan-move-controls";
      const name = nameOf(row);
      controls.append(
        button("↑ Up", "Move " + name + " up", -1, row),
        button("↓ Down", "Move " + name + " down", 1, row),
      );
      cell.appendChild(controls);
      row.draggable = true;
      row.classList.add("scan-draggable");
      // The thumbnail's link and image would otherwise be dragged themselves, not the row.
      row.querySelectorAll("a, img").forEach((element) => { element.draggable = false; });
      row.addEventListener("dragstart", (event) => {
        if (event.target.closest && event.target.closest("input, button, select, textarea")) {
          event.preventDefault();
          return;
        }
        dragged = row;
        row.classList.add("scan-dragging");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", name);
      });
      row.addEventListener("dragend", () => {
        row.classList.remove("scan-dragging");
        dragged = null;
      });
      row.addEventListener("dragover", (event) => {
        if (!dragged || dragged === row) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = "move";
      });
      row.addEventListener("drop", (event) => {
        if (!dragged || dragged === row) return;
        event.preventDefault();
        const box = row.getBoundingClientRect();
        const after = event.clientY > box.top + box.height / 2;
        body.insertBefore(dragged, after ? row.nextSibling : row);
        renumber(dragged);
      });
    });
  }

  function start() {
    document.querySelectorAll(".inline-group.scan-pages, .scan-pages").forEach((element) => {
      const group = element.closest(".inline-group") || element;
      if (!group.dataset.scanOrder) {
        group.dataset.scanOrder = "on";
        setUp(group);
      }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
