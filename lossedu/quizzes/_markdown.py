"""The small Markdown of the quiz bank, turned into HTML for the website and for Jupyter.

Questions are written in a subset of Markdown: paragraphs (separated by a blank line), bullet
lists (lines starting with ``- ``), ``**bold**``, ``*italic*``, inline ``code`` and math in
``$...$`` or ``$$...$$``. Everything else is shown as typed, HTML-escaped: a question can never
inject markup into a page. Math is written out as ``\\(...\\)`` and ``\\[...\\]`` inside an element
of class ``math``, the delimiters and class that the website's MathJax and ipywidgets'
``HTMLMath`` both typeset.
"""

from __future__ import annotations

import html
import re

# A code span first (a $ inside code is not math), then display math, then inline math whose
# content neither starts nor ends with a space (so "costs $5 and $6" is not a formula).
_INLINE = re.compile(
    r"`(?P<code>[^`]+)`"
    r"|\$\$(?P<display>.+?)\$\$"
    r"|\$(?P<math>[^\s$](?:[^$]*[^\s$])?)\$",
    re.S,
)
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.S)
_ITALIC = re.compile(r"\*(?=\S)(.+?)(?<=\S)\*", re.S)


def unbalanced_math(text: str) -> bool:
    """Whether ``text`` has a ``$`` outside code spans that opens no formula or closes none."""
    rest = _INLINE.sub("", text)
    return "$" in rest


def _emphasis(escaped: str) -> str:
    escaped = _BOLD.sub(r"<strong>\1</strong>", escaped)
    return _ITALIC.sub(r"<em>\1</em>", escaped)


def inline_html(text: str) -> str:
    """One line or paragraph of Markdown as HTML phrasing content."""
    parts, end = [], 0
    for match in _INLINE.finditer(text):
        parts.append(_emphasis(html.escape(text[end : match.start()], quote=False)))
        if match.group("code") is not None:
            parts.append(f"<code>{html.escape(match.group('code'), quote=False)}</code>")
        elif match.group("display") is not None:
            tex = html.escape(match.group("display").strip(), quote=False)
            parts.append(f'<span class="math notranslate nohighlight">\\[{tex}\\]</span>')
        else:
            tex = html.escape(match.group("math"), quote=False)
            parts.append(f'<span class="math notranslate nohighlight">\\({tex}\\)</span>')
        end = match.end()
    parts.append(_emphasis(html.escape(text[end:], quote=False)))
    return "".join(parts)


def to_html(text: str) -> str:
    """A block of Markdown (paragraphs and bullet lists) as HTML.

    >>> print(to_html("**Is** $r < 1$?"))
    <p><strong>Is</strong> <span class="math notranslate nohighlight">\\(r &lt; 1\\)</span>?</p>
    """
    blocks = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.splitlines()
        if lines[0].lstrip().startswith("- "):  # a bullet list; other lines continue an item
            items, current = [], []
            for line in lines:
                if line.lstrip().startswith("- "):
                    if current:
                        items.append(" ".join(current))
                    current = [line.lstrip()[2:].strip()]
                else:
                    current.append(line.strip())
            items.append(" ".join(current))
            blocks.append("<ul>" + "".join(f"<li>{inline_html(i)}</li>" for i in items) + "</ul>")
        else:
            joined = " ".join(line.strip() for line in lines)
            blocks.append(f"<p>{inline_html(joined)}</p>")
    return "".join(blocks)
