// Monthly report form: fill YTD and since-start from the last report when this month is typed.
(function () {
  "use strict";
  var previous = document.getElementById("previous-report");
  var month = document.getElementById("id_invest_month");
  if (!previous || !month) { return; }
  var ytd = document.getElementById("id_invest_ytd");
  var cumulative = document.getElementById("id_invest_cumulative");
  var year = document.getElementById("id_year");
  // Work in hundredths (fen of 万元) as integers so 0.1 + 0.2 stays 0.30.
  function cents(text) {
    var m = /^\s*(\d+)(?:\.(\d{0,2}))?\s*$/.exec(text || "");
    return m ? parseInt(m[1], 10) * 100 + parseInt(((m[2] || "") + "00").slice(0, 2), 10) : null;
  }
  function show(c) { return Math.floor(c / 100) + "." + ("0" + (c % 100)).slice(-2); }
  month.addEventListener("input", function () {
    var add = cents(month.value);
    if (add === null) { return; }
    var sameYear = String(year.value) === previous.dataset.year;
    ytd.value = show((sameYear ? cents(previous.dataset.ytd) : 0) + add);
    cumulative.value = show(cents(previous.dataset.cumulative) + add);
  });
})();
