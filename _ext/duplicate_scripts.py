"""Each script is emitted once per page.

With Sphinx 7.4, the inline scripts that sphinx-thebe and sphinx-togglebutton add reach a
page's ``script_files`` twice, so the page declares ``THEBE_JS_URL`` twice and the browser
logs "Identifier 'THEBE_JS_URL' has already been declared" on every page. Late in rendering
each page (after the themes and myst-nb have added their scripts), entries that are identical
in file, body and attributes are dropped, keeping the first. No upstream issue about it was
found in Sphinx, sphinx-thebe or sphinx-togglebutton.
"""

from __future__ import annotations

from sphinx.application import Sphinx


def drop_duplicate_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Keep the first of any script entries that are identical (file, body and attributes)."""
    scripts = context.get("script_files")
    if not scripts:
        return
    seen = set()
    unique = []
    for js in scripts:
        key = (
            # inline scripts come with a filename of None or "": the same thing
            str(getattr(js, "filename", js) or ""),
            tuple(sorted((k, str(v)) for k, v in getattr(js, "attributes", {}).items())),
        )
        if key in seen:
            continue
        seen.add(key)
        unique.append(js)
    context["script_files"] = unique


def setup(app: Sphinx) -> dict:
    # late, after the themes and myst-nb have added their per-page scripts
    app.connect("html-page-context", drop_duplicate_scripts, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
