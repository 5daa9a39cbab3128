// Battle map: a project row expands to its milestones; "expand all" opens every project.
(function () {
  "use strict";
  function toggle(key, open) {
    document.querySelectorAll('tr[data-parent="' + key + '"]').forEach(function (row) {
      row.hidden = open === undefined ? !row.hidden : !open;
    });
    var button = document.querySelector('button[data-toggle="' + key + '"]');
    if (button) {
      var shown = document.querySelector('tr[data-parent="' + key + '"]:not([hidden])');
      button.textContent = shown ? "▾" : "▸";
    }
  }
  document.querySelectorAll("button[data-toggle]").forEach(function (button) {
    button.addEventListener("click", function () { toggle(button.dataset.toggle); });
  });
  var all = document.getElementById("expand-all");
  if (all) {
    all.addEventListener("click", function () {
      document.querySelectorAll("button[data-toggle]").forEach(function (b) { toggle(b.dataset.toggle, true); });
    });
  }
})();
