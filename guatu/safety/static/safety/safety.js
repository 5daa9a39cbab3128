// 安全生产 overview charts, drawn with the plotly.js that ships inside the plotly package (served locally).
(function () {
  "use strict";
  var el = document.getElementById("safety-chart-data");
  if (!el || !window.Plotly) { return; }
  var data = JSON.parse(el.textContent);
  var font = { family: '"Noto Sans CJK SC","Microsoft YaHei",sans-serif', size: 12 };
  var config = { displaylogo: false, responsive: true };
  var colours = { "open:general": "#90a4ae", "open:major": "#b7791f", "overdue:general": "#ef9a9a",
                  "overdue:major": "#c62828" };
  var classColours = { general: "#90a4ae", larger: "#b7791f", major: "#c62828", especially_major: "#4a0000" };
  var margin = { t: 10, r: 10, b: 70, l: 40 };

  if (document.getElementById("hazard-chart")) {
    Plotly.newPlot("hazard-chart", data.hazards.map(function (s) {
      return { type: "bar", name: s.name, x: data.counties, y: s.values,
               marker: { color: colours[s.kind + ":" + s.grade] } };
    }), { barmode: "stack", font: font, margin: margin, legend: { orientation: "h", y: -0.25 },
          yaxis: { rangemode: "tozero", dtick: 1 } }, config);
  }
  if (document.getElementById("accident-chart")) {
    Plotly.newPlot("accident-chart", data.accidents.map(function (s) {
      return { type: "bar", name: s.name, x: data.counties, y: s.values, marker: { color: classColours[s.cls] } };
    }), { barmode: "stack", font: font, margin: margin, legend: { orientation: "h", y: -0.25 },
          yaxis: { rangemode: "tozero", dtick: 1 } }, config);
  }
  if (document.getElementById("award-chart")) {
    var a = data.awards;
    var z = a.won.map(function (row) { return row.map(function (v) { return v === null ? 0.5 : (v ? 1 : 0); }); });
    var text = a.won.map(function (row) {
      return row.map(function (v) { return v === null ? a.labels.none : (v ? a.labels.won : a.labels.lost); });
    });
    Plotly.newPlot("award-chart", [{
      type: "heatmap", x: a.years.map(String), y: a.units, z: z, text: text, hoverinfo: "x+y+text", showscale: false,
      zmin: 0, zmax: 1, xgap: 2, ygap: 2,
      colorscale: [[0, "#c62828"], [0.5, "#e0e0e0"], [1, "#1b7f3b"]]
    }], { font: font, margin: { t: 10, r: 10, b: 40, l: 70 }, yaxis: { autorange: "reversed" },
          xaxis: { type: "category" } }, config);
  }
})();
