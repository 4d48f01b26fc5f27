/* Small helpers for readers (issue 11), loaded on every page from assets/ (the CSP allows only
   this server's scripts): <html lang> kept in step with the URL, the language switch keeping
   what the URL holds, "Copy" buttons of citation boxes, and the report's contents following
   the scroll. No framework: plain listeners on the document, so Dash's re-renders need no care. */
(function () {
  "use strict";

  /* <html lang> follows ?lang= when Dash changes the URL without reloading the page. */
  function pageLanguage() {
    var root = document.documentElement;
    var known = (root.dataset.languages || "").split(" ");
    var asked = new URLSearchParams(window.location.search).get("lang");
    return known.indexOf(asked) >= 0 ? asked : (root.dataset.defaultLanguage || root.lang);
  }
  function syncLanguage() { document.documentElement.lang = pageLanguage(); }
  window.addEventListener("_dashprivate_pushstate", syncLanguage);
  window.addEventListener("popstate", syncLanguage);

  /* The FR/EN links keep everything the page wrote into the URL since it was drawn (a search
     typed, claims filters, a selected point): only `lang` changes. */
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".lang-switch a");
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) { return; }
    var wanted = new URL(link.href, window.location.href).searchParams.get("lang");
    var params = new URLSearchParams(window.location.search);
    params.delete("lang");
    var rest = params.toString();
    var query = wanted ? "lang=" + encodeURIComponent(wanted) + (rest ? "&" + rest : "") : rest;
    var target = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    event.preventDefault();
    event.stopPropagation();
    window.history.pushState({}, "", target);
    window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
  }, true);

  /* "Copy" buttons: <button data-copy="<textarea id>" data-done="Copied.">. */
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-copy]");
    if (!button) { return; }
    var area = document.getElementById(button.dataset.copy);
    if (!area) { return; }
    area.select();
    if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(area.value); }
    else { document.execCommand("copy"); }
    var box = button.closest(".cite-menu");
    var status = box && box.querySelector(".copy-status");
    if (status) { status.textContent = button.dataset.done || ""; }
  });

  /* The report's contents: the entry of the section being read is marked as the page scrolls. */
  var pending = false;
  function markCurrentSection() {
    pending = false;
    var contents = document.getElementById("report-toc");
    if (!contents) { return; }
    var headings = document.querySelectorAll("#report-body h2[id], #report-body h3[id]");
    var current = null;
    for (var i = 0; i < headings.length; i++) {
      if (headings[i].getBoundingClientRect().top > 120) { break; }
      current = headings[i].id;
    }
    var links = contents.querySelectorAll("a[data-target]");
    var active = null;
    for (var j = 0; j < links.length; j++) {
      var on = links[j].dataset.target === current;
      links[j].classList.toggle("current", on);
      if (on) { links[j].setAttribute("aria-current", "location"); active = links[j]; }
      else { links[j].removeAttribute("aria-current"); }
    }
    // Keep the marked entry visible inside the contents' own scroll box (never scroll the page).
    if (active && contents.scrollHeight > contents.clientHeight) {
      var top = active.getBoundingClientRect().top - contents.getBoundingClientRect().top + contents.scrollTop;
      if (top < contents.scrollTop || top > contents.scrollTop + contents.clientHeight - 40) {
        contents.scrollTop = Math.max(0, top - contents.clientHeight / 3);
      }
    }
  }
  function schedule() {
    if (!pending) { pending = true; window.requestAnimationFrame(markCurrentSection); }
  }
  window.addEventListener("scroll", schedule, {passive: true});
  window.addEventListener("hashchange", schedule);

  /* Print: the address printed is the one in the bar now (filters, point), and charts are drawn at
     the paper's width (an A4 page less its margins, about 700 CSS pixels), then back after. */
  var PRINT_WIDTH = 700;
  function chartsAt(width) {
    if (!window.Plotly) { return; }
    document.querySelectorAll("#indicator-graph .js-plotly-plot").forEach(function (plot) {
      window.Plotly.relayout(plot, width ? {width: width, autosize: false} : {width: null, autosize: true});
    });
  }
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll(".print-url").forEach(function (el) { el.textContent = window.location.href; });
    chartsAt(PRINT_WIDTH);
  });
  window.addEventListener("afterprint", function () { chartsAt(null); });
})();
