// The funds overview's charts, drawn with the plotly.js served by the app (no CDN). Data comes from
// the page's json_script element "funds-chart-data"; amounts are decimal strings in 亿元.
(function () {
  "use strict";
  var el = document.getElementById("funds-chart-data");
  if (!el || !window.Plotly) { return; }
  var data = JSON.parse(el.textContent);
  var font = { family: '"Noto Sans CJK SC","Microsoft YaHei",sans-serif', size: 12 };
  var config = { displaylogo: false, responsive: true };
  var num = function (v) { return v === null ? null : parseFloat(v); };

  if (document.getElementById("size-chart") && data.size.length) {
    var sizes = data.size.map(function (p) { return num(p.yi); });
    Plotly.newPlot("size-chart", [{
      type: "bar", x: data.size.map(function (p) { return p.label; }), y: sizes, name: data.names.size,
      marker: { color: "#0b5cad" }, text: sizes.map(function (v) { return v.toFixed(0); }), textposition: "outside",
      cliponaxis: false
    }], { font: font, margin: { t: 24, r: 10, b: 50, l: 50 }, yaxis: { rangemode: "tozero" },
          xaxis: { type: "category" } }, config);
  }

  if (document.getElementById("industry-chart") && data.industries.length) {
    var amounts = data.industries.map(function (r) { return num(r.yi); });
    Plotly.newPlot("industry-chart", [{
      type: "bar", x: data.industries.map(function (r) { return r.name; }), y: amounts,
      marker: { color: data.industries.map(function (r) { return r.flagship ? "#b71c1c" : "#90a4ae"; }) },
      text: amounts.map(function (v) { return v.toFixed(2); }), textposition: "outside", cliponaxis: false
    }], { font: font, margin: { t: 24, r: 30, b: 80, l: 50 }, yaxis: { rangemode: "tozero" },
          xaxis: { automargin: true } }, config);
  }

  if (document.getElementById("checks-chart")) {
    var rows = data.checks.filter(function (c) { return c.pct !== null; });
    var pct = rows.map(function (c) { return num(c.pct); });
    Plotly.newPlot("checks-chart", [{
      type: "bar", orientation: "h", y: rows.map(function (c) { return c.name; }), x: pct,
      marker: { color: pct.map(function (v) { return v >= 100 ? "#1b7f3b" : "#b7791f"; }) },
      text: pct.map(function (v) { return v.toFixed(1) + "%"; }), textposition: "auto"
    }], { font: font, margin: { t: 10, r: 20, b: 30, l: 110 }, xaxis: { range: [0, 100], ticksuffix: "%" } },
    config);
  }
})();
