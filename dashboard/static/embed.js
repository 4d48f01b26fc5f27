// Draws the embedded chart from the figure JSON the page carries (no inline script: the CSP forbids it), and tells
// the page that embeds it how high it is, so that the embed code's listener sizes the iframe to its content.
(function () {
  function tellHeight() {
    // down to the source line, the embed's last line, with the page's bottom padding (12 px) and no fraction lost
    var last = document.getElementById("embed-source");
    var bottom = last ? last.getBoundingClientRect().bottom + window.scrollY + 12 : 0;
    var content = Math.ceil(Math.max(document.body.scrollHeight, bottom));
    if (window.parent !== window) {
      window.parent.postMessage({type: "treaty-stats-embed-height", height: content}, "*");
    }
  }
  var holder = document.getElementById("embed-chart");
  var source = document.getElementById("embed-figure");
  if (holder && source && window.Plotly) {  // a single value is a number card: nothing to draw
    var spec = JSON.parse(source.textContent);
    // No mode bar (no cloud share, no untitled camera image), no zoom: the same as the indicator page.
    Plotly.newPlot(holder, spec.data, spec.layout, {responsive: true, displaylogo: false, displayModeBar: false,
                                                    showSendToCloud: false, scrollZoom: false, doubleClick: false});
  }
  tellHeight();
  window.addEventListener("load", tellHeight);
  window.addEventListener("resize", tellHeight);
  if (window.ResizeObserver) { new ResizeObserver(tellHeight).observe(document.body); }
})();
