/* Draws the dashboards' charts (templates/rapportages/) with the vendored Chart.js.
   Each <canvas data-grafiek="ID"> reads its figures from the JSON that Django's
   json_script wrote in <script id="ID" type="application/json">; no inline script,
   so the strict Content-Security-Policy holds. The same figures are in the table
   under each chart. */
(function () {
  "use strict";
  if (!window.Chart) {
    return;
  }
  var kleuren = ["#01689b", "#e17000", "#39870c", "#a90061", "#5f4a8b", "#8fcae7", "#ffb612", "#76d2b6"];
  var euro = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 0 });

  document.querySelectorAll("canvas[data-grafiek]").forEach(function (canvas) {
    var bron = document.getElementById(canvas.getAttribute("data-grafiek"));
    if (!bron) {
      return;
    }
    var data = JSON.parse(bron.textContent);
    data.datasets.forEach(function (reeks, i) {
      var kleur = kleuren[i % kleuren.length];
      reeks.borderColor = kleur;
      reeks.backgroundColor = kleur;
    });
    new window.Chart(canvas, {
      type: data.type,
      data: { labels: data.labels, datasets: data.datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: { y: { beginAtZero: true, ticks: { precision: 0, callback: function (v) { return euro.format(v); } } } },
        plugins: { legend: { position: "bottom" } }
      }
    });
  });
})();
