// Milestone editor: predecessor rows (chosen by name, with a lag) are added and removed here.
// The server renders every row and a <template> of an empty one; without this script the page
// still works with one empty row per milestone.
(function () {
  "use strict";
  function wire(row) {
    var remove = row.querySelector(".remove-link");
    if (!remove) { return; }
    remove.hidden = false;
    remove.addEventListener("click", function () {
      var box = row.parentNode;
      row.remove();
      if (!box.querySelector(".link-row")) { add(box); }
    });
  }
  function add(box) {
    var template = box.querySelector("template");
    var row = template.content.firstElementChild.cloneNode(true);
    box.insertBefore(row, template);
    wire(row);
    var select = row.querySelector("select");
    if (select) { select.focus(); }
    return row;
  }
  document.querySelectorAll(".links").forEach(function (box) {
    var rows = box.querySelectorAll(".link-row");
    rows.forEach(function (row) { if (!row.closest("template")) { wire(row); } });
    // The always-present empty row is only for pages without script: drop it when others exist.
    var last = rows[rows.length - 1];
    if (rows.length > 1 && last && !last.querySelector("select").value) { last.remove(); }
    var button = box.querySelector(".add-link");
    button.hidden = false;
    button.addEventListener("click", function () { add(box); });
  });
  // Ask before removing a milestone.
  document.querySelectorAll('#milestones input[name$="-DELETE"]').forEach(function (box) {
    box.addEventListener("change", function () {
      box.closest("tr").classList.toggle("removing", box.checked);
    });
  });
})();
