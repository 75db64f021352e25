/* ChildPlan, report form.
   - The value a numerator and denominator give, shown as the reporter types, read by the
     server's rules (static/js/numbers.js) and rounded as the server shows figures; where the
     server would refuse a box, the preview says so instead of guessing (the server recomputes).
   - A confirmation belongs to the value it confirmed: changing a figure unticks its box (the
     server, too, keeps a tick only for the value it was given for). */
(function () {
  "use strict";
  var numbers = window.ChildPlanNumbers;
  var gettext = window.gettext || function (text) { return text; };
  document.querySelectorAll("output.computed").forEach(function (out) {
    var prefix = out.dataset.for, scale = Number(out.dataset.scale);
    var decimals = Number(out.dataset.decimals);
    var top = document.getElementById("id_" + prefix + "_numerator");
    var bottom = document.getElementById("id_" + prefix + "_denominator");
    if (!top || !bottom) return;
    function update() {
      if (!top.value.trim() && !bottom.value.trim()) { out.textContent = ""; return; }
      var n = numbers.parse(top.value, "count"), d = numbers.parse(bottom.value, "count");
      if (n === null || d === null || Number(n) < 0 || Number(d) <= 0 || Number(n) > Number(d)) {
        out.textContent = gettext("chưa tính được (xem lại tử số, mẫu số)");
        return;
      }
      out.textContent = numbers.format(Number(n) / Number(d) * scale, decimals);
    }
    top.addEventListener("input", update); bottom.addEventListener("input", update);
  });
  document.querySelectorAll("tr[data-measure]").forEach(function (row) {
    var tick = row.querySelector("input[type=checkbox][name$='_confirm']");
    if (!tick) return;
    row.querySelectorAll("input[name$='_numerator'], input[name$='_denominator'], " +
                         "input[name$='_value']").forEach(function (box) {
      box.addEventListener("input", function () { tick.checked = false; });
    });
  });
})();
