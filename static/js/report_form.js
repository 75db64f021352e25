/* ChildPlan, report form: the value a numerator and denominator give, shown as the reporter
   types (the server recomputes it). */
(function () {
  "use strict";
  function read(text) {
    text = text.trim().replace(/[\s\u00a0]/g, "");
    if (!text) return NaN;
    if (text.indexOf(",") >= 0) text = text.replace(/\./g, "").replace(",", ".");
    else if (/^\d{1,3}(\.\d{3})+$/.test(text)) text = text.replace(/\./g, "");
    return Number(text);
  }
  document.querySelectorAll("output.computed").forEach(function (out) {
    var prefix = out.dataset.for, scale = Number(out.dataset.scale);
    var top = document.getElementById("id_" + prefix + "_numerator");
    var bottom = document.getElementById("id_" + prefix + "_denominator");
    if (!top || !bottom) return;
    function update() {
      var n = read(top.value), d = read(bottom.value);
      out.textContent = (isFinite(n) && isFinite(d) && d > 0)
        ? (Math.round(n / d * scale * 100) / 100).toString().replace(".", ",") : "";
    }
    top.addEventListener("input", update); bottom.addEventListener("input", update);
  });
})();
