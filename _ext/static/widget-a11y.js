// ipywidgets' html-manager draws a slider as a noUiSlider handle (role="slider") next to a
// <label> that is not tied to it, so screen readers announce an unnamed slider. Name each
// handle after its widget's description, as soon as the widget appears.
// Added to every page by _ext/widget_slider_names.py, which says why.
(function () {
  function nameHandles(root) {
    root.querySelectorAll(".noUi-handle:not([aria-label])").forEach(function (handle) {
      var widget = handle.closest(".widget-slider, .jupyter-widgets");
      var label = widget && widget.querySelector(".widget-label");
      var text = label && label.textContent.trim();
      handle.setAttribute("aria-label", text || "slider");
    });
  }
  function start() {
    nameHandles(document);
    new MutationObserver(function () {
      nameHandles(document);
    }).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
