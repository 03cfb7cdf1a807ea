// Tell require.js where the ipywidgets html-manager bundle lives. Without this, the bundle
// computes its public path from the page URL and asks for its icon fonts in the wrong folder.
(function () {
  var script = document.currentScript;
  if (!script || typeof window.require === "undefined" || !window.require.config) {
    return;
  }
  var staticRoot = script.src.substring(0, script.src.lastIndexOf("/") + 1);
  window.require.config({
    paths: {
      "@jupyter-widgets/html-manager/dist": staticRoot + "html-manager/dist",
    },
  });
})();
