// On every page: a <select data-submit-on-change> (the language switch) submits its form when changed.
// Behaviour lives here, never in on…= attributes: the Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  document.querySelectorAll("select[data-submit-on-change]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
})();
