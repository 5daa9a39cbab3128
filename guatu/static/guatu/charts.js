// Charts drawn with the plotly.js that ships inside the plotly Python package (served locally).
(function () {
  "use strict";
  var font = { family: '"Noto Sans CJK SC","Microsoft YaHei",sans-serif', size: 12 };
  var config = { displaylogo: false, responsive: true };

  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  var cockpit = data("chart-data");
  if (cockpit && window.Plotly && document.getElementById("completion-chart")) {
    var values = cockpit.completion.map(function (v) { return v === null ? null : parseFloat(v); });
    var elapsed = parseFloat(cockpit.elapsed);
    Plotly.newPlot("completion-chart", [
      { type: "bar", name: cockpit.completionName, x: cockpit.labels, y: values,
        text: values.map(function (v) { return v === null ? "—" : v.toFixed(1) + "%"; }), textposition: "outside",
        marker: { color: values.map(function (v) { return v !== null && v >= elapsed ? "#1b7f3b" : "#c62828"; }) } },
      { type: "scatter", mode: "lines", name: cockpit.elapsedName + " " + cockpit.elapsed + "%",
        x: [null], y: [null], line: { color: "#b7791f", dash: "dash", width: 2 } }
    ], { font: font, margin: { t: 20, r: 20, b: 60, l: 50 }, yaxis: { ticksuffix: "%", rangemode: "tozero" },
         legend: { orientation: "h" },
         shapes: [{ type: "line", xref: "paper", x0: 0, x1: 1, y0: elapsed, y1: elapsed,
                    line: { color: "#b7791f", dash: "dash", width: 2 } }] }, config);
  }

  var project = data("project-chart-data");
  if (project && window.Plotly && document.getElementById("project-chart")) {
    var num = function (xs) { return xs.map(function (v) { return v === null ? null : parseFloat(v); }); };
    Plotly.newPlot("project-chart", [
      { type: "bar", name: project.names.month, x: project.labels, y: num(project.month), marker: { color: "#90a4ae" } },
      { type: "scatter", mode: "lines+markers", name: project.names.ytd, x: project.labels, y: num(project.ytd),
        line: { color: "#b71c1c" } },
      { type: "scatter", mode: "lines", name: project.names.plan, x: project.labels, y: num(project.plan),
        line: { color: "#1b7f3b", dash: "dash" } },
      { type: "scatter", mode: "lines", name: project.names.progress, x: project.labels, y: num(project.progress),
        yaxis: "y2", line: { color: "#0b5cad", dot: "dot" } }
    ], { font: font, margin: { t: 20, r: 60, b: 50, l: 70 }, legend: { orientation: "h" },
         yaxis: { title: { text: "万元" } },
         yaxis2: { overlaying: "y", side: "right", range: [0, 100], dtick: 20, ticksuffix: "%",
                   showgrid: false } }, config);
  }
})();

