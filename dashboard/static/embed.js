// Draws the embedded chart from the figure JSON the page carries (no inline script: the CSP forbids it).
(function () {
  var holder = document.getElementById("embed-chart");
  var spec = JSON.parse(document.getElementById("embed-figure").textContent);
  Plotly.newPlot(holder, spec.data, spec.layout, {responsive: true, displaylogo: false, displayModeBar: false});
})();
