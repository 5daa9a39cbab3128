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
    var base = { font: font, margin: { t: 30, r: 20, b: 80, l: 50 }, legend: { orientation: "h", y: 1.12 } };
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

  function byMeasure(target, payload) {
    if (!ready(target, payload) || !payload.series.length) { return; }
    Plotly.newPlot(target, payload.series.map(function (s, i) {
      var values = num(s.values);
      return { type: "bar", name: s.name, x: payload.labels, y: values, marker: { color: palette[i % 6] },
               text: values.map(function (v) { return v === null ? "" : String(v); }), textposition: "outside",
               cliponaxis: false };
    }), layout({ barmode: "group", yaxis: { rangemode: "tozero" } }), config);
  }
  byMeasure("outputs-chart", data("innovation-outputs-data"));
  byMeasure("yoy-chart", data("innovation-yoy-data"));

  var card = data("innovation-scorecard-data");
  if (ready("scorecard-chart", card)) {
    var got = num(card.scores);
    var labels = card.labels.slice().reverse();  // horizontal bars read top-down in the table's order
    document.getElementById("scorecard-chart").style.height = Math.max(260, 44 * labels.length + 80) + "px";
    Plotly.newPlot("scorecard-chart", [
      { type: "bar", orientation: "h", name: card.names.ceiling, y: labels, x: num(card.ceilings).reverse(),
        marker: { color: "#d9e0e7" } },
      { type: "bar", orientation: "h", name: card.names.score, y: labels, x: got.slice().reverse(),
        marker: { color: got.slice().reverse().map(function (v) { return v < 0 ? "#c62828" : "#1b7f3b"; }) },
        text: got.slice().reverse().map(function (v) { return v.toFixed(2); }), textposition: "outside",
        cliponaxis: false }
    ], layout({ barmode: "overlay", margin: { t: 30, r: 40, b: 30, l: 10 }, yaxis: { automargin: true },
               legend: { orientation: "h", y: 1.08 } }), config);
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

})();
