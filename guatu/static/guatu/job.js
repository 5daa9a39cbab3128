// An import job's page: poll its status while it runs, then reload to show the preview.
(function () {
  "use strict";
  var el = document.getElementById("job-status");
  if (!el || ["queued", "reading", "committing"].indexOf(el.dataset.status) < 0) { return; }
  function poll() {
    fetch(el.dataset.url, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (s) {
      var rows = document.getElementById("rows-read");
      if (rows) { rows.textContent = s.rows_read.toLocaleString(); }
      if (["queued", "reading", "committing"].indexOf(s.status) < 0) { window.location.reload(); }
      else { window.setTimeout(poll, 1000); }
    }).catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 800);
})();
