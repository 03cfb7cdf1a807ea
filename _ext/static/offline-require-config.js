// Tell require.js where the ipywidgets html-manager bundle lives. Without this, the bundle
// computes its public path from the page URL and asks for its icon fonts in the wrong folder.
(function () {
  var script = document.currentScript;
  if (!script || typeof window.require === "undefined" || !window.require.config) {
    return;
  }
  var staticRoot = script.src.substring(0, script.src.lastIndexOf("/") + 1);
  // The bundle also defines @jupyter-widgets/base, /controls and /html-manager by name; each
  // takes its public path (where its icon fonts are) from its own module URL, which is
  // page-relative unless mapped into the same folder too.
  var dist = staticRoot + "html-manager/dist";
  window.require.config({
    paths: {
      "@jupyter-widgets/html-manager/dist": dist,
      "@jupyter-widgets/html-manager": dist + "/html-manager",
      "@jupyter-widgets/base": dist + "/base",
      "@jupyter-widgets/controls": dist + "/controls",
    },
  });
})();
