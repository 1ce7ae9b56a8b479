// Draws every <canvas data-chart="ID"> from the JSON in <script type="application/json" id="ID">
// (written by Django's json_script). No inline script: works under script-src 'self'.
// The table beneath each chart is the accessible alternative; the canvas is hidden from
// screen readers and the text summary beside it says what it shows.
(function () {
  "use strict";
  // Okabe-Ito: told quickly is green, slowly blue, late orange, never vermillion.
  var PALETTE = {
    green: "#009E73", sky: "#56B4E9", blue: "#0072B2", orange: "#E69F00",
    vermillion: "#D55E00", purple: "#CC79A7", yellow: "#F0E442", black: "#000000"
  };
  var ORDER = ["blue", "orange", "green", "vermillion", "sky", "purple", "black", "yellow"];

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source || typeof window.Chart === "undefined") { return; }
    var spec = JSON.parse(source.textContent);
    var datasets = spec.series.map(function (series, i) {
      var colour = PALETTE[series.colour] || PALETTE[ORDER[i % ORDER.length]];
      return {
        label: series.label, data: series.data, backgroundColor: colour, borderColor: colour,
        borderWidth: spec.type === "line" ? 2 : 0, fill: false, tension: 0.2,
        yAxisID: series.axis || "y"
      };
    });
    var scales = {
      x: { stacked: !!spec.stacked, ticks: { autoSkip: true, maxRotation: 0 } },
      y: {
        stacked: !!spec.stacked, beginAtZero: true,
        max: spec.percent ? 100 : undefined,
        title: { display: !!spec.y_label, text: spec.y_label || "" }
      }
    };
    new window.Chart(canvas, {
      type: spec.type || "bar",
      data: { labels: spec.labels, datasets: datasets },
      options: {
        indexAxis: spec.horizontal ? "y" : "x",
        responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { legend: { position: "bottom" } },
        scales: spec.horizontal ? { x: scales.y, y: scales.x } : scales
      }
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("canvas[data-chart]"), draw);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
