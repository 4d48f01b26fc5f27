/* The pages' clientside callbacks, in one place (the CSP allows only this server's scripts):
   scrolling to the element an address's #anchor names, and copying an embed code.
   Dash draws a page after the browser has looked for '#p155', so the scroll waits for the element. */
(function () {
  "use strict";

  /* Scroll to the element named by `hash` once it is drawn; a report paragraph is marked as the target. */
  function scrollToAnchor(hash) {
    if (!hash) { return window.dash_clientside.no_update; }
    var id = decodeURIComponent(hash.slice(1));
    setTimeout(function () {
      var target = document.getElementById(id);
      if (!target) { return; }
      document.querySelectorAll(".paragraph.target").forEach(function (el) { el.classList.remove("target"); });
      if (target.classList.contains("paragraph")) { target.classList.add("target"); }
      target.scrollIntoView({block: "start"});
    }, 0);
    return id;
  }

  /* Copy the iframe code of `<prefix>-embed-code` (the clipboard is the reader's, not the server's). */
  function embedCopier(prefix) {
    return function (clicks) {
      var area = document.getElementById(prefix + "-embed-code");
      var status = document.getElementById(prefix + "-embed-copied");
      if (!clicks || !area) { return window.dash_clientside.no_update; }
      area.select();
      if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(area.value); }
      else { document.execCommand("copy"); }
      return status ? status.dataset.done : "";
    };
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    pages: {
      scroll_to_anchor: scrollToAnchor,
      copy_indicator_embed: embedCopier("indicator"),
      copy_compare_embed: embedCopier("compare")
    }
  });
})();
