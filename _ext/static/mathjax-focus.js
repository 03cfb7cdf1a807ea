// A displayed formula wider than the screen scrolls sideways inside its own box; a keyboard
// can scroll it only if it can focus it. MathJax's context menu used to make every formula
// focusable; without the menu, each displayed formula is made focusable once typeset.
// Added by _ext/mathjax_components.py, which says why.
(function () {
  function mark() {
    document.querySelectorAll('mjx-container[display="true"]').forEach(function (el) {
      if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "0");
    });
  }
  window.addEventListener("load", function () {
    var startup = window.MathJax && window.MathJax.startup;
    if (startup && startup.promise) startup.promise.then(mark);
  });
})();
