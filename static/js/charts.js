/* ChildPlan: draws every chart of a page from its JSON data island. The page holds, per chart,
   <div class="plotly-chart" data-figure="ID"> and <script type="application/json" id="ID">
   (data, not code: the Content-Security-Policy allows no inline script). One toolbar for all:
   in the page's language (Vietnamese from plotly-locale-vi.js, English plotly.js's own),
   without the Plotly logo and without any button that sends a figure off the server (figures
   about children stay here). */
(function () {
  "use strict";
  var CONFIG = {
    locale: document.documentElement.lang === "en" ? "en" : "vi",
    responsive: true,
    displaylogo: false,
    showSendToCloud: false,
    plotlyServerURL: "",
    modeBarButtonsToRemove: ["sendChartToCloud", "lasso2d", "select2d"],
    toImageButtonOptions: {format: "png", filename: "bieu-do"}
  };

  function draw() {
    document.querySelectorAll(".plotly-chart[data-figure]").forEach(function (box) {
      var source = document.getElementById(box.dataset.figure);
      if (!source) return;
      var figure = JSON.parse(source.textContent);
      window.Plotly.newPlot(box, figure.data, figure.layout || {}, CONFIG);
    });
  }

  // On paper the charts take the width print.css gives them, and the screen's back after.
  function fit() {
    document.querySelectorAll(".plotly-chart[data-figure]").forEach(function (box) {
      if (box.data) window.Plotly.Plots.resize(box);
    });
  }
  window.addEventListener("beforeprint", fit);
  window.addEventListener("afterprint", fit);
  if (window.matchMedia) window.matchMedia("print").addEventListener("change", fit);

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
