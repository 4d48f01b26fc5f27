// Draws the embedded chart from the figure JSON the page carries (no inline script: the CSP forbids it).
(function () {
  var holder = document.getElementById("embed-chart");
  var source = document.getElementById("embed-figure");
  if (!holder || !source) { return; }  // a single value is a number card: nothing to draw
  var spec = JSON.parse(source.textContent);
  // No mode bar (no cloud share, no untitled camera image), no zoom: the same as the indicator page.
  Plotly.newPlot(holder, spec.data, spec.layout, {responsive: true, displaylogo: false, displayModeBar: false,
                                                  showSendToCloud: false, scrollZoom: false, doubleClick: false});
})();
