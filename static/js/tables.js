/* ChildPlan: wide tables on narrow screens. Each data table (table.grid) goes into a box that
   scrolls sideways on its own, so the page itself never does; its first column stays in view
   (childplan.css). A box that does scroll joins the Tab order with a name, so a keyboard can
   scroll it too (WCAG 2.1.1); one that fits stays out of the way. */
(function () {
  "use strict";
  var gettext = window.gettext || function (text) { return text; };
  function wrap(table) {
    if (table.closest(".table-scroll") || table.classList.contains("entry")) return null;
    var box = document.createElement("div");
    box.className = "table-scroll";
    table.parentNode.insertBefore(box, table);
    box.appendChild(table);
    return box;
  }
  function fit(box) {
    var scrolls = box.scrollWidth > box.clientWidth + 1;
    if (scrolls && !box.hasAttribute("tabindex")) {
      var caption = box.querySelector("caption");
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", (caption ? caption.textContent.trim() + " — " : "")
                       + gettext("bảng cuộn ngang"));
    } else if (!scrolls && box.getAttribute("role") === "region") {
      box.removeAttribute("tabindex"); box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  }
  function start() {
    var boxes = [];
    document.querySelectorAll("table.grid").forEach(function (table) {
      var box = wrap(table) || table.closest(".table-scroll");
      if (box) boxes.push(box);
    });
    boxes.forEach(fit);
    window.addEventListener("resize", function () { boxes.forEach(fit); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
