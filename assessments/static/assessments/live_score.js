/* ChildPlan: the assessment form's live score. Every change posts the figures on the page to
   the portal, which scores them with the same rules as a save (assessments/scoring.py) and
   answers with the points; nothing is saved and no rule is written twice. */
(function () {
  "use strict";
  var timer = null;
  var busy = false;   // one request at a time: a change made meanwhile asks again after it
  var again = false;

  function fill(result) {
    Object.keys(result.items).forEach(function (code) {
      var cell = document.querySelector('[data-points="item-' + code + '"]');
      if (cell) cell.textContent = result.items[code];
    });
    Object.keys(result.criteria).forEach(function (number) {
      var cell = document.querySelector('[data-points="criterion-' + number + '"]');
      if (!cell) return;
      cell.textContent = result.criteria[number];
      cell.classList.toggle("zero", result.zero.indexOf(Number(number)) !== -1);
    });
    document.getElementById("score-total").textContent = result.total;
    document.getElementById("score-threshold").textContent = result.threshold;
    var verdict = document.getElementById("score-verdict");
    verdict.textContent = result.verdict;
    verdict.className = "verdict " + (result.recognised ? "yes" : "no");
  }

  function preview(form) {
    if (busy) { again = true; return; }
    busy = true;
    fetch(form.dataset.preview, {method: "POST", body: new FormData(form),
                                 credentials: "same-origin"})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (result) { if (result) fill(result); })
      .catch(function () { /* the saved score stays shown */ })
      .then(function () {
        busy = false;
        if (again) { again = false; preview(form); }
      });
  }

  function start() {
    var form = document.getElementById("answers");
    if (!form) return;
    var later = function () { clearTimeout(timer); timer = setTimeout(function () { preview(form); }, 300); };
    // Once the form is sent, the page's own answer shows the saved score.
    form.addEventListener("submit", function () { clearTimeout(timer); busy = true; });
    form.addEventListener("input", later);
    form.addEventListener("change", later);
    preview(form);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
