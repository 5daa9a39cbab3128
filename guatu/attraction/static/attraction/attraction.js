// 招商引资 charts: the funnel of the period's leads and the signed investment by group (local plotly.js).
(function () {
  "use strict";
  var el = document.getElementById("attraction-chart-data");
  if (!el || !window.Plotly) { return; }
  var data = JSON.parse(el.textContent);
  var font = { family: '"Noto Sans CJK SC","Microsoft YaHei",sans-serif', size: 12 };
  var config = { displaylogo: false, responsive: true };

  if (document.getElementById("funnel-chart")) {
    Plotly.newPlot("funnel-chart", [{
      type: "funnel", y: data.stages, x: data.counts, textinfo: "value+percent initial",
      marker: { color: data.counts.map(function (_, i) { return i < 3 ? "#90a4ae" : (i < 4 ? "#b71c1c" : "#1b7f3b"); }) },
      connector: { line: { color: "#d9e0e7" } }
    }], { font: font, margin: { t: 10, r: 10, b: 10, l: 110 } }, config);
  }

  if (document.getElementById("by-chart") && data.byLabels.length) {
    Plotly.newPlot("by-chart", [{
      type: "bar", x: data.byLabels, y: data.byAmounts.map(parseFloat), name: data.amountName,
      text: data.byAmounts, textposition: "outside", marker: { color: "#b71c1c" }
    }], { font: font, margin: { t: 20, r: 10, b: 60, l: 50 }, yaxis: { title: { text: data.amountName },
          rangemode: "tozero" } }, config);
  }
})();
