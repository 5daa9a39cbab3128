// On every page: a <select data-submit-on-change> (the language switch) submits its form when changed, and
// on a phone the menu button folds the top navigation open and shut.
// Behaviour lives here, never in on…= attributes: the Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  document.querySelectorAll("select[data-submit-on-change]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });

  // A wide table scrolls inside its card, not the page: every table.grid sits in a .table-wrap (a table laid
  // out as cards on a phone needs none).
  document.querySelectorAll("table.grid:not(.phone-cards)").forEach(function (table) {
    if (table.parentNode.classList && table.parentNode.classList.contains("table-wrap")) { return; }
    var wrapper = document.createElement("div");
    wrapper.className = "table-wrap";
    table.parentNode.insertBefore(wrapper, table);
    wrapper.appendChild(table);
  });

  // On a phone a long filter form (more than three fields) folds behind one button, so the page starts with
  // its figures; a form showing an error stays open.
  var filtersLabel = document.body.getAttribute("data-filters-label");
  if (filtersLabel && window.matchMedia && window.matchMedia("(max-width: 700px)").matches) {
    document.querySelectorAll("form.filters[method=get]").forEach(function (form) {
      if (form.querySelector(".errors") || form.querySelectorAll("label").length <= 3) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "filters-toggle";
      button.textContent = filtersLabel;
      button.setAttribute("aria-expanded", "false");
      form.classList.add("folded");
      form.parentNode.insertBefore(button, form);
      button.addEventListener("click", function () {
        var open = form.classList.toggle("folded") === false;
        button.setAttribute("aria-expanded", open ? "true" : "false");
      });
    });
  }

  var bar = document.getElementById("topbar");
  var toggle = bar && bar.querySelector(".nav-toggle");
  if (!toggle) { return; }
  function setOpen(open) {
    bar.classList.toggle("open", open);
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }
  toggle.addEventListener("click", function () { setOpen(!bar.classList.contains("open")); });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && bar.classList.contains("open")) { setOpen(false); toggle.focus(); }
  });
})();

// Printing (A4 portrait, app.css): plotly charts are drawn at the screen's width, wider than the paper, so
// they are redrawn at the paper's width for the print and back at the screen's afterwards.
(function () {
  "use strict";
  var PAPER_WIDTH = 680; // CSS pixels inside A4 portrait's 12 mm margins
  var printing = false;
  function charts() { return Array.prototype.slice.call(document.querySelectorAll(".js-plotly-plot")); }
  function toPaper() {
    if (printing || !window.Plotly) { return; }
    printing = true;
    charts().forEach(function (el) { window.Plotly.relayout(el, { width: PAPER_WIDTH }); });
  }
  function toScreen() {
    if (!printing || !window.Plotly) { return; }
    printing = false;
    charts().forEach(function (el) { window.Plotly.relayout(el, { width: null, autosize: true }); });
  }
  window.addEventListener("beforeprint", toPaper);
  window.addEventListener("afterprint", toScreen);
  if (window.matchMedia) {
    var print = window.matchMedia("print");
    var onChange = function (event) { if (event.matches) { toPaper(); } else { toScreen(); } };
    if (print.addEventListener) { print.addEventListener("change", onChange); } else if (print.addListener) { print.addListener(onChange); }
  }
})();
