// Quizzes and progress on the course website: checked and kept in this browser, sent nowhere.
// Added by _ext/quizzes.py to the pages that use it; that file says why. Storage keys:
//   lossedu:quiz:<question id>  {"choice": <index>, "correct": <bool>}, the last choice
//   lossedu:done:<chapter>      "1" while the chapter is marked done
(function () {
  "use strict";
  var PREFIX = "lossedu:";

  // localStorage may be missing or throw (private browsing, storage disabled): then nothing
  // is saved and everything else still works.
  var store = (function () {
    try {
      var s = window.localStorage;
      s.setItem(PREFIX + "probe", "1");
      s.removeItem(PREFIX + "probe");
      return s;
    } catch (e) {
      return null;
    }
  })();

  function load(key) {
    try {
      return store ? store.getItem(PREFIX + key) : null;
    } catch (e) {
      return null;
    }
  }

  function save(key, value) {
    try {
      if (!store) return;
      if (value === null) store.removeItem(PREFIX + key);
      else store.setItem(PREFIX + key, value);
    } catch (e) {
      /* full or refused: this choice is simply not remembered */
    }
  }

  function loadJSON(key) {
    try {
      return JSON.parse(load(key));
    } catch (e) {
      return null;
    }
  }

  function clearAll() {
    if (!store) return;
    var keys = [];
    for (var i = 0; i < store.length; i++) {
      var key = store.key(i);
      if (key && key.indexOf(PREFIX) === 0) keys.push(key);
    }
    keys.forEach(function (key) {
      store.removeItem(key);
    });
  }

  // Typeset math that was just revealed, once MathJax has started (if it has not yet been
  // loaded, its first pass typesets the whole page, this element included).
  function typeset(el) {
    var mj = window.MathJax;
    if (!mj || typeof mj.typesetPromise !== "function") return;
    var ready = (mj.startup && mj.startup.promise) || Promise.resolve();
    ready
      .then(function () {
        return mj.typesetPromise([el]);
      })
      .catch(function () {});
  }

  // The answers travel base64-encoded (UTF-8 JSON), so that no stored output shows them.
  function decode(b64) {
    var bin = window.atob(b64);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return JSON.parse(new TextDecoder("utf-8").decode(bytes));
  }

  function setupQuiz(root) {
    if (root.hasAttribute("data-quiz-ready")) return;
    var script = root.querySelector("script.lossedu-quiz-data");
    var data;
    try {
      data = decode(JSON.parse(script.textContent));
    } catch (e) {
      return;
    }
    var id = root.getAttribute("data-quiz-id");
    var buttons = Array.prototype.slice.call(root.querySelectorAll("[data-quiz-choice]"));
    var feedback = root.querySelector("[aria-live]");
    root.setAttribute("data-quiz-ready", "");

    function choose(index, remember) {
      var d = data[index];
      if (!d) return;
      root.setAttribute("data-quiz-state", d.correct ? "correct" : "incorrect");
      buttons.forEach(function (b, i) {
        b.setAttribute("aria-pressed", i === index ? "true" : "false");
      });
      if (!remember) {
        // a choice restored at load is shown, not announced: a screen reader would otherwise
        // read every restored explanation of the page at once
        feedback.setAttribute("aria-live", "off");
        window.setTimeout(function () {
          feedback.setAttribute("aria-live", "polite");
        }, 1000);
      }
      feedback.innerHTML = d.feedback;
      typeset(feedback);
      if (remember) save("quiz:" + id, JSON.stringify({ choice: index, correct: d.correct }));
    }

    buttons.forEach(function (b) {
      b.addEventListener("click", function () {
        choose(Number(b.getAttribute("data-quiz-choice")), true);
      });
    });
    var saved = loadJSON("quiz:" + id);
    if (saved && typeof saved.choice === "number") choose(saved.choice, false);
  }

  function setupDoneToggle() {
    var meta = document.querySelector('meta[name="lossedu-chapter"]');
    var article = document.querySelector("article.bd-article") || document.querySelector("main");
    if (!meta || !article || article.querySelector(".lossedu-done")) return;
    var n = meta.getAttribute("content");
    var box = document.createElement("div");
    box.className = "lossedu-done";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "lossedu-button lossedu-done-button";
    button.textContent = "Mark this chapter done";
    var status = document.createElement("span");
    status.className = "lossedu-done-status";
    status.setAttribute("aria-live", "polite");
    box.appendChild(button);
    box.appendChild(status);
    var progress = document.querySelector('meta[name="lossedu-progress"]');
    if (progress) {
      var link = document.createElement("a");
      link.href = progress.getAttribute("content");
      link.textContent = "See your progress";
      box.appendChild(link);
    }

    function render(done) {
      button.setAttribute("aria-pressed", done ? "true" : "false");
      status.textContent = done ? "Chapter " + n + " is marked done." : "";
    }
    button.addEventListener("click", function () {
      var done = button.getAttribute("aria-pressed") !== "true";
      save("done:" + n, done ? "1" : null);
      render(done);
    });
    render(load("done:" + n) === "1");
    article.appendChild(box);
  }

  function cell(tag, text) {
    var el = document.createElement(tag);
    el.textContent = text;
    return el;
  }

  function setupProgressPage() {
    var root = document.getElementById("lossedu-progress");
    var source = document.getElementById("lossedu-course");
    if (!root || !source) return;
    var course = JSON.parse(source.textContent);
    var status = document.createElement("p");
    status.className = "lossedu-progress-status";
    status.setAttribute("aria-live", "polite");

    function render() {
      var table = document.createElement("table");
      table.className = "table lossedu-progress-table";
      table.appendChild(cell("caption", "Your progress, as saved in this browser"));
      var head = table.createTHead().insertRow();
      ["Chapter", "Questions answered right", "Done"].forEach(function (t) {
        var th = cell("th", t);
        th.scope = "col";
        head.appendChild(th);
      });
      var body = table.createTBody();
      var right = 0;
      var total = 0;
      var done = 0;
      course.chapters.forEach(function (ch) {
        var row = body.insertRow();
        row.setAttribute("data-chapter", ch.number);
        var th = document.createElement("th");
        th.scope = "row";
        var link = cell("a", ch.title);
        link.href = ch.url;
        th.appendChild(link);
        row.appendChild(th);
        var n = ch.questions.filter(function (id) {
          var s = loadJSON("quiz:" + id);
          return s && s.correct === true;
        }).length;
        var isDone = load("done:" + ch.number) === "1";
        right += n;
        total += ch.questions.length;
        done += isDone ? 1 : 0;
        row.appendChild(cell("td", n + " of " + ch.questions.length)).className = "lossedu-right";
        row.appendChild(cell("td", isDone ? "Done" : "Not yet")).className = "lossedu-is-done";
      });
      var foot = table.createTFoot().insertRow();
      var th = cell("th", "All chapters");
      th.scope = "row";
      foot.appendChild(th);
      foot.appendChild(cell("td", right + " of " + total));
      foot.appendChild(cell("td", done + " of " + course.chapters.length + " done"));
      var old = root.querySelector("table");
      if (old) root.replaceChild(table, old);
      else root.insertBefore(table, root.firstChild);
    }

    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "lossedu-button lossedu-reset";
    reset.textContent = "Reset my progress";
    reset.addEventListener("click", function () {
      var ok = window.confirm(
        "Clear every answer and every chapter marked done that this browser saved for the course?"
      );
      if (!ok) return;
      clearAll();
      render();
      status.textContent = "Your progress was cleared.";
    });
    root.textContent = "";
    render();
    root.appendChild(reset);
    root.appendChild(status);
    if (!store) {
      status.textContent =
        "This browser does not let the site save anything (private browsing?), " +
        "so no progress is kept: the quizzes still check your answers.";
    }
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".lossedu-quiz[data-quiz-id]"), setupQuiz);
    setupDoneToggle();
    setupProgressPage();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
