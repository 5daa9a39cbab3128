// The drill-down's chart: each district's pull on the unit's growth, in percentage points.
// Chinese axis title and number format; plotly.js and its zh-CN locale are served locally.
(function () {
  "use strict";
  var el = document.getElementById("drill-chart-data");
  if (!el || !window.Plotly || !document.getElementById("contribution-chart")) { return; }
  var data = JSON.parse(el.textContent);
  var points = data.points.map(function (v) { return v === null ? null : parseFloat(v); });
  var lang = (document.documentElement.lang || "zh-hans").toLowerCase();
  Plotly.newPlot("contribution-chart", [{
    type: "bar", x: data.labels, y: points, name: data.axis,
    marker: { color: points.map(function (v) { return v !== null && v < 0 ? "#c62828" : "#1b7f3b"; }) },
    text: data.points.map(function (v) { return v === null ? "—" : v; }), textposition: "outside", cliponaxis: false,
    hovertemplate: "%{x}<br>%{y:.2f}<extra></extra>"
  }], {
    margin: { t: 24, r: 20, b: 60, l: 64 },
    yaxis: { title: { text: data.axis }, tickformat: ".2f", exponentformat: "none", zeroline: true },
    xaxis: { type: "category", automargin: true },
    font: { family: '"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif', size: 12 }
  }, { displaylogo: false, responsive: true, locale: lang.indexOf("zh") === 0 ? "zh-CN" : "en" });
})();
