/* A page that draws a chart as it loads starts plotly.js at once, as the page's own scripts run, rather than when
   Dash has fetched the page's layout and mounted its graph: parsing plotly.js (0.3-0.6 s on a small machine) then
   overlaps the page's requests instead of following them. The file is the one the shell already preloads
   (dashboard/transfer.py, PLOTLY_URL and CHART_PAGES). */
(function () {
  "use strict";
  var CHART_PAGES = ["/indicators/", "/compare"];
  var PLOTLY_URL = "/_dash-component-suites/plotly/package_data/plotly.min.js";
  var path = window.location.pathname;
  if (window.Plotly || !CHART_PAGES.some(function (page) { return path.indexOf(page) === 0; })) { return; }
  var script = document.createElement("script");
  script.src = PLOTLY_URL;
  script.async = true;
  /* dcc.Graph loads plotly.js itself unless window.Plotly is set; set to a promise, the graph waits for this load
     instead of starting a second one. plotly.js replaces it with itself as it runs. */
  window.Plotly = new Promise(function (resolve, reject) {
    script.onload = resolve;
    script.onerror = function (error) { window.Plotly = undefined; reject(error); };
  });
  document.head.appendChild(script);
})();
