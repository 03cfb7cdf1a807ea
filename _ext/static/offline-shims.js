// html-manager 1.0.x typesets widget labels with the MathJax 2 call MathJax.Hub.Queue.
// MathJax 3 has no Hub, so map that call onto MathJax 3's typesetPromise.
(function () {
  var mj = window.MathJax;
  if (!mj || mj.Hub) {
    return;
  }
  mj.Hub = {
    Queue: function (command) {
      var element = Array.isArray(command) ? command[2] : undefined;
      if (typeof mj.typesetPromise === "function") {
        return mj.typesetPromise(element ? [element] : undefined).catch(function () {});
      }
      return undefined;
    },
  };
})();
