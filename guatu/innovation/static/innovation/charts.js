// 科创平台 charts, drawn with the plotly.js served by the app. Data comes from json_script blocks.
(function () {
  "use strict";
  var font = { family: '"Noto Sans CJK SC","Microsoft YaHei",sans-serif', size: 12 };
  var config = { displaylogo: false, responsive: true };
  var palette = ["#b71c1c", "#0b5cad", "#1b7f3b", "#b7791f", "#6a1b9a", "#00838f"];

  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  function num(xs) { return xs.map(function (v) { return v === null ? null : parseFloat(v); }); }
  function ready(target, payload) { return payload && window.Plotly && document.getElementById(target); }
  function layout(extra) {
    var base = { font: font, margin: { t: 20, r: 20, b: 80, l: 50 }, legend: { orientation: "h" } };
    Object.keys(extra || {}).forEach(function (k) { base[k] = extra[k]; });
    return base;
  }

  var scores = data("innovation-scores-data");
  if (ready("scores-chart", scores)) {
    var totals = num(scores.totals);
    Plotly.newPlot("scores-chart", [{
      type: "bar", name: scores.name, x: scores.labels, y: totals, marker: { color: "#0b5cad" },
      text: totals.map(function (v, i) { return v.toFixed(2) + (scores.grades[i] ? " " + scores.grades[i] : ""); }),
      textposition: "outside", cliponaxis: false
    }], layout({ yaxis: { rangemode: "tozero" } }), config);
  }

  var outputs = data("innovation-outputs-data");
  if (ready("outputs-chart", outputs) && outputs.series.length) {
    Plotly.newPlot("outputs-chart", outputs.series.map(function (s, i) {
      return { type: "bar", name: s.name, x: outputs.years, y: num(s.values), marker: { color: palette[i % 6] } };
    }), layout({ barmode: "group", xaxis: { type: "category" } }), config);
  }

  var card = data("innovation-scorecard-data");
  if (ready("scorecard-chart", card)) {
    var got = num(card.scores);
    Plotly.newPlot("scorecard-chart", [
      { type: "bar", name: card.names.ceiling, x: card.labels, y: num(card.ceilings), marker: { color: "#d9e0e7" } },
      { type: "bar", name: card.names.score, x: card.labels, y: got,
        marker: { color: got.map(function (v) { return v < 0 ? "#c62828" : "#1b7f3b"; }) },
        text: got.map(function (v) { return v.toFixed(2); }), textposition: "outside", cliponaxis: false }
    ], layout({ barmode: "overlay", margin: { t: 20, r: 20, b: 120, l: 50 } }), config);
  }

  var ranking = data("innovation-ranking-data");
  if (ready("ranking-chart", ranking) && ranking.groups.length) {
    var traces = [];
    ranking.groups.forEach(function (g, i) {
      traces.push({ type: "bar", name: g.name + " " + ranking.names.now, x: g.labels, y: num(g.totals),
                    marker: { color: palette[i % 6] } });
      traces.push({ type: "scatter", mode: "markers", name: g.name + " " + ranking.names.before, x: g.labels,
                    y: num(g.previous), marker: { color: "#263238", symbol: "line-ew-open", size: 18 } });
    });
    Plotly.newPlot("ranking-chart", traces, layout({ yaxis: { rangemode: "tozero" } }), config);
  }

  var yoy = data("innovation-yoy-data");
  if (ready("yoy-chart", yoy)) {
    var bars = yoy.series.map(function (s, i) {
      return { type: "bar", name: s.name, x: yoy.years, y: num(s.values), marker: { color: palette[i % 6] } };
    });
    bars.push({ type: "scatter", mode: "lines+markers+text", name: yoy.names.score, x: yoy.years, y: num(yoy.totals),
                yaxis: "y2", line: { color: "#263238", width: 3 }, text: yoy.totals, textposition: "top center" });
    Plotly.newPlot("yoy-chart", bars, layout({ barmode: "group", xaxis: { type: "category" },
      yaxis2: { overlaying: "y", side: "right", rangemode: "tozero", showgrid: false } }), config);
  }
})();
