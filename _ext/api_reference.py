"""A Sphinx directive that documents one ``lossedu`` module with every public name in it.

Why it is local: Sphinx's autosummary lists only the names written on the page (or writes a
stub page per name), so a name added to ``lossedu`` would be missing from the reference until
someone edited ``appendix/api.md``. It is a feature of this course, not a workaround of an
upstream bug.

Usage, in an ``{eval-rst}`` block of a MyST page (the directive writes reStructuredText)::

    .. lossedu-api:: lossedu.metrics
       :also: NAME, NAME   (optional: names outside ``__all__`` that other docstrings link to)

It emits the module docstring (``automodule``), a summary table (``autosummary``) and one
``autofunction`` / ``autoclass`` / ``autodata`` entry per public name, so a name added to a
module appears in the API reference without editing the page. The public names of a module are
its ``__all__`` when it has one, otherwise every name without a leading underscore that the
module itself defines at top level (a ``def``, ``class`` or assignment, found by reading its
source; imported names are not its own).

A subpackage that re-exports the names of its modules (``lossedu.losses``, one public
module per family) is documented module by module: after the package's docstring and its
summary table, each public submodule gets a heading, its own docstring and the entries of its
names. A name is documented under the import path readers use, the package's
(``lossedu.losses.mse``), since the package re-exports it; the submodule's path
(``lossedu.losses.regression``) is a target for ``:mod:`` links.

NumPy-style docstrings describe types in words ("ndarray, shape (n,), optional"), and Sphinx
turns the words of a type field into class links. Offline there is no inventory for NumPy or
the standard library, so a ``missing-reference`` handler shows a class link that names nothing
in ``lossedu`` as plain text. A broken link to a ``lossedu`` name still warns.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
from pathlib import Path
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective


def public_names(module) -> list[str]:
    """The public names of ``module``: ``__all__``, or its own top-level definitions."""
    declared = getattr(module, "__all__", None)
    if declared is not None:
        return list(declared)
    tree = ast.parse(Path(inspect.getsourcefile(module)).read_text(encoding="utf-8"))
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found = [node.name]
        elif isinstance(node, ast.Assign):
            found = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            found = [node.target.id]
        else:
            found = []
        names += [n for n in found if not n.startswith("_") and n not in names]
    return names


def public_submodules(module) -> list[str]:
    """The full names of a package's public submodules; [] for a module.

    They come in the order the package's docstring first names them (its reading order),
    then any it does not name, alphabetically.
    """
    if not hasattr(module, "__path__"):
        return []
    names = [
        f"{module.__name__}.{info.name}"
        for info in pkgutil.iter_modules(module.__path__)
        if not info.name.startswith("_")
    ]
    doc = module.__doc__ or ""

    def reading_order(name: str) -> tuple[int, str]:
        found = re.search(rf"{re.escape(name)}\b", doc)
        return (found.start() if found else len(doc), name)

    return sorted(names, key=reading_order)


def _entry(module, modname: str, name: str) -> list[str]:
    obj = getattr(module, name)
    if inspect.isclass(obj):
        return [f".. autoclass:: {modname}.{name}", "   :members:", ""]
    if callable(obj):
        return [f".. autofunction:: {modname}.{name}", ""]
    return [f".. autodata:: {modname}.{name}", ""]


class LosseduApi(SphinxDirective):
    """``.. lossedu-api:: MODULE``: the module's docstring, a summary and every public name."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict] = {"also": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        modname = self.arguments[0]
        module = importlib.import_module(modname)
        self.env.note_dependency(inspect.getsourcefile(module))
        names = public_names(module)
        also = [n.strip() for n in self.options.get("also", "").split(",") if n.strip()]
        names += [n for n in also if n not in names]
        lines = [f".. automodule:: {modname}", ""]
        lines += [".. autosummary::", "   :nosignatures:", ""]
        lines += [f"   {name}" for name in names] + [""]
        documented: set[str] = set()
        for subname in public_submodules(module):
            submodule = importlib.import_module(subname)
            if not set(public_names(submodule)) & set(names):
                continue  # not a part of the package's API (the exercises' chapter modules)
            self.env.note_dependency(inspect.getsourcefile(submodule))
            lines += [f".. rubric:: Module ``{subname}``", "", f".. automodule:: {subname}", ""]
            for name in public_names(submodule):
                if name in names:  # re-exported: documented under the package's path
                    lines += _entry(module, modname, name)
                    documented.add(name)
                else:
                    lines += _entry(submodule, subname, name)
        if documented:
            lines += [f".. py:currentmodule:: {modname}", ""]
        for name in names:
            if name not in documented:
                lines += _entry(module, modname, name)
        container = nodes.container()
        self.state.nested_parse(
            StringList(lines, source=f"<lossedu-api {modname}>"), self.content_offset, container
        )
        return container.children


def type_words_as_text(app: Sphinx, env, node, contnode):
    """Show a ``py:class`` link that names nothing in ``lossedu`` as plain text."""
    if node.get("refdomain") != "py" or node.get("reftype") != "class":
        return None
    if "lossedu" in node.get("reftarget", ""):
        return None
    return contnode


def _attribute_doc(name: str) -> list[str] | None:
    """The ``#:`` comment of a module-level constant ``name``, wherever in lossedu it is set.

    A constant that a package re-exports from one of its modules (``lossedu.losses.PROB_EPS``,
    set in ``lossedu.losses.classification``) has its comment in that module, where autodoc
    does not look; without this it would show the docstring of its type ("Built-in immutable
    sequence.").
    """
    import sys

    from sphinx.pycode import ModuleAnalyzer

    for modname in sorted(m for m in sys.modules if m == "lossedu" or m.startswith("lossedu.")):
        try:
            docs = ModuleAnalyzer.for_module(modname).find_attr_docs()
        except Exception:  # a module without source: nothing to read
            continue
        if ("", name) in docs:
            return list(docs[("", name)])
    return None


def constant_docs(app: Sphinx, what, name, obj, options, lines: list[str]) -> None:
    """Replace a constant's inherited type docstring with its own ``#:`` comment."""
    if what != "data" or callable(obj):
        return
    own = _attribute_doc(name.rsplit(".", 1)[-1])
    type_doc = inspect.getdoc(type(obj)) or ""
    if own is not None:
        lines[:] = own
    elif "\n".join(lines).strip() == type_doc.strip():
        lines[:] = []


def setup(app: Sphinx) -> dict:
    app.add_directive("lossedu-api", LosseduApi)
    app.connect("autodoc-process-docstring", constant_docs)
    app.connect("missing-reference", type_words_as_text)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
