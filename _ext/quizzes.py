"""Quizzes and progress on the website: checked in the browser, kept in the browser.

A quiz cell's stored output carries a precomputed HTML version of its questions (made by
``lossedu.quizzes``; the website shows it because ``nb_mime_priority_overrides`` puts
``text/html`` first, as for the explorers). This extension adds what makes it live with no
kernel, to the pages that need them (chapters, pages with a quiz, the progress page):

- ``static/quiz.js``: choosing a choice marks the question's root ``data-quiz-state="correct"``
  or ``"incorrect"`` and writes the choice's explanation into its ``aria-live`` element
  (math typeset by the site's MathJax); on a chapter page, a "Mark this chapter done" toggle;
  on the progress page, the table of progress and a reset button;
- ``static/quiz.css``: their look, from the theme's colour variables, so that they follow the
  light and the dark theme.

It also writes, at build time, what the script cannot know: on each chapter page a
``<meta name="lossedu-chapter">`` with the chapter's number (and the progress page's address),
and on the progress page the course's chapters with their titles, addresses and the ids of
their questions, read from the quiz bank (so totals are never typed in). The progress page is
re-written on every build, since the bank may change without its source changing.

Progress lives in the browser's ``localStorage`` only, under keys that start with
``lossedu:`` (several sites can share one origin): ``lossedu:quiz:<question id>`` holds the
last choice as JSON ``{"choice": <index>, "correct": <bool>}``; ``lossedu:done:<chapter
number>`` is ``"1"`` while a chapter is marked done. Nothing is sent anywhere; where storage is
refused (private browsing), everything works without saving.

This is a feature of the course, not a workaround: no upstream issue applies. Existing
packages were measured first: jupyterquiz fails axe colour contrast, loads MathJax from a CDN in
Jupyter and shows nothing before it runs; sphinx-exercise has no answer checking.
"""

from __future__ import annotations

import html
import json
import re

from _static_dir import serve_static_dir
from sphinx.application import Sphinx

PROGRESS_PAGE = "appendix/progress"
_CHAPTER = re.compile(r"^chapters/(\d+)_")


def chapter_number(docname: str) -> int | None:
    """The chapter number of a chapter page (``chapters/03_x`` gives 3), else None."""
    match = _CHAPTER.match(docname)
    return int(match.group(1)) if match else None


def course_data(app: Sphinx, pagename: str) -> dict:
    """Each chapter page: number, title, address from ``pagename`` and its question ids."""
    from lossedu import quizzes

    by_chapter: dict[int, list[str]] = {}
    for question_id in quizzes.list():
        by_chapter.setdefault(quizzes.get(question_id).chapter, []).append(question_id)
    chapters = sorted(
        (n, docname) for docname in app.env.found_docs if (n := chapter_number(docname)) is not None
    )
    return {
        "chapters": [
            {
                "number": n,
                "title": app.env.titles[docname].astext() if docname in app.env.titles else docname,
                "url": app.builder.get_relative_uri(pagename, docname),
                "questions": by_chapter.get(n, []),
            }
            for n, docname in chapters
        ]
    }


def add_page_data(app: Sphinx, pagename: str, templatename, context: dict, doctree) -> None:
    n = chapter_number(pagename)
    body = context.get("body", "")
    if n is not None or 'class="lossedu-quiz"' in body or 'id="lossedu-progress"' in body:
        # only the pages that use them (added here, they go to this page alone)
        app.add_css_file("quiz.css")
        # after MathJax (priority 500, deferred), so that it can typeset what it reveals
        app.add_js_file("quiz.js", priority=520, defer="defer")
    if n is not None:
        tags = f'<meta name="lossedu-chapter" content="{n}">\n'
        if PROGRESS_PAGE in app.env.found_docs:
            url = html.escape(app.builder.get_relative_uri(pagename, PROGRESS_PAGE))
            tags += f'<meta name="lossedu-progress" content="{url}">\n'
        context["metatags"] = context.get("metatags", "") + tags
    # the progress page's placeholder (also inside the one-page build that the PDF prints)
    if 'id="lossedu-progress"' in body:
        payload = json.dumps(course_data(app, pagename), ensure_ascii=False)
        payload = payload.replace("</", "<\\/")  # stays inside its <script>
        script = f'<script type="application/json" id="lossedu-course">{payload}</script>'
        context["body"] += script


def progress_page_outdated(app, env, added, changed, removed) -> list[str]:
    return [PROGRESS_PAGE] if PROGRESS_PAGE in env.found_docs else []


def setup(app: Sphinx) -> dict:
    serve_static_dir(app)
    app.connect("html-page-context", add_page_data)
    app.connect("env-get-outdated", progress_page_outdated)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
