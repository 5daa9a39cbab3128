// Charts drawn with the plotly.js that ships inside the plotly Python package (served locally); Chinese
// date and number formats come from plotly-locale-zh-cn.js. Sized to their card: on a phone the category
// labels wrap instead of turning sideways, and the margins grow to fit them (automargin).
(function () {
  "use strict";
  var font = { family: '"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif', size: 12 };
  var config = { displaylogo: false, responsive: true };

  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  function num(xs) { return xs.map(function (v) { return v === null ? null : parseFloat(v); }); }
  function narrow(el) { return el.clientWidth < 560; }
  // "省集中开工项目" → "省集中开<br>工项目": category labels wrap on a narrow chart.
  function wrap(label, width) {
    var chars = Array.from(String(label));
    var lines = [];
    for (var i = 0; i < chars.length; i += width) { lines.push(chars.slice(i, i + width).join("")); }
    return lines.join("<br>");
  }
  function attr(el, name, fallback) { return el.getAttribute(name) || fallback; }

  var cockpit = data("chart-data");
  var completion = document.getElementById("completion-chart");
  if (cockpit && window.Plotly && completion) {
    var values = num(cockpit.completion);
    var elapsed = parseFloat(cockpit.elapsed);
    var small = narrow(completion);
    var labels = cockpit.labels.map(function (l) { return small ? wrap(l, 5) : l; });
    var top = Math.max.apply(null, values.filter(function (v) { return v !== null; }).concat([elapsed, 100]));
    // The 序时进度 line runs across the chart; its label sits above it in a free slot right of the last bar,
    // so neither the line nor a bar ever crosses the words.
    var n = labels.length;
    Plotly.newPlot(completion, [
      { type: "bar", name: cockpit.completionName, x: labels, y: values, cliponaxis: false,
        text: values.map(function (v) { return v === null ? "—" : v.toFixed(1) + "%"; }), textposition: "outside",
        hovertemplate: "%{x}<br>" + cockpit.completionName + " %{text}<extra></extra>",
        marker: { color: values.map(function (v) { return v !== null && v >= elapsed ? "#1b7f3b" : "#c62828"; }) } }
    ], { font: font, showlegend: false, margin: { t: 24, r: 8, b: 8, l: 8 },
         xaxis: { automargin: true, tickangle: 0, fixedrange: true, range: [-0.5, n - 0.5 + (small ? 0.9 : 0.6)] },
         yaxis: { ticksuffix: "%", rangemode: "tozero", range: [0, top * 1.18], automargin: true, fixedrange: true },
         shapes: [{ type: "line", xref: "paper", x0: 0, x1: 1, y0: elapsed, y1: elapsed,
                    line: { color: "#b7791f", dash: "dash", width: 2 } }],
         annotations: [{ xref: "paper", x: 1, xanchor: "right", yref: "y", y: elapsed, yanchor: "bottom", yshift: 4,
                         showarrow: false, align: "right", font: { color: "#8a5a12", size: 12 },
                         text: cockpit.elapsedName + (small ? "<br>" : " ") + cockpit.elapsed + "%" }] }, config);
  }

  var project = data("project-chart-data");
  var projectChart = document.getElementById("project-chart");
  if (project && window.Plotly && projectChart) {
    Plotly.newPlot(projectChart, [
      { type: "bar", name: project.names.month, x: project.labels, y: num(project.month), marker: { color: "#90a4ae" } },
      { type: "scatter", mode: "lines+markers", name: project.names.ytd, x: project.labels, y: num(project.ytd),
        line: { color: "#b71c1c" } },
      { type: "scatter", mode: "lines", name: project.names.plan, x: project.labels, y: num(project.plan),
        line: { color: "#1b7f3b", dash: "dash" } },
      { type: "scatter", mode: "lines", name: project.names.progress, x: project.labels, y: num(project.progress),
        yaxis: "y2", line: { color: "#0b5cad", dash: "dot" } }
    ], { font: font, margin: { t: 8, r: 8, b: 8, l: 8 },
         legend: { orientation: "h", x: 0, xanchor: "left", y: 1.02, yanchor: "bottom" },
         xaxis: { type: "date", automargin: true, tickformat: "%Y年%-m月", hoverformat: "%Y年%-m月", tickangle: 0,
                  dtick: narrow(projectChart) ? "M3" : "M1", fixedrange: true },
         yaxis: { title: { text: attr(projectChart, "data-y-title", "万元") }, automargin: true, rangemode: "tozero",
                  exponentformat: "none", separatethousands: true, fixedrange: true },
         yaxis2: { overlaying: "y", side: "right", range: [0, 100], dtick: 20, ticksuffix: "%", showgrid: false,
                   automargin: true, fixedrange: true } }, config);
  }
})();
