"""The :class:`Explorer` object: one figure, its controls, a live widget and a static fallback.

An explorer is described once, as data:

- ``controls``: each a :class:`Control` with a small grid of values (a slider, a menu or a
  check box);
- ``layers``: each a :class:`Layer`, a function drawing part of the figure from the values of
  the few controls it depends on.

From this description come both views. The live ipywidgets view re-draws every layer when a
control moves. The fallback precomputes every layer over the grid of its own controls only
(a loss curve that depends on delta needs 30 frames, not 30 for every other slider), stores
the unique frames as JSON in the page and swaps them into ``<g class="lossedu-frame">``.

The frames are data (``<script type="application/json">``), parsed only when the explorer
comes near the screen or is first touched: the figure at its default values is plain SVG in
the page, so the first screen is usable before any frame is decoded.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lossedu.widgets import _svg

_ids = itertools.count(1)  # per process: a notebook run from a fresh kernel numbers alike
_UID = "@@lossedu-id@@"  # stands for the element id in the cached HTML

_PLAYER = """(function(){
var root=document.getElementById("%ID%");
if(!root||root.getAttribute("data-ready"))return;
root.setAttribute("data-ready","1");
var D=null,cur=null,svg=root.querySelector("svg"),title=svg.querySelector("title");
var layers=root.querySelectorAll(".lossedu-frame > g"),ctl=[],e;
while((e=document.getElementById("%ID%-c"+ctl.length)))ctl.push(e);
function load(){if(D)return;
D=JSON.parse(document.getElementById("%ID%-data").textContent);cur=D.s.slice();
root.setAttribute("data-loaded","1");}
function pos(i){var e=ctl[i],n=D.c[i].v.length;
if(e.type==="checkbox")return e.checked?1:0;
var k=e.tagName==="SELECT"?e.selectedIndex:Math.round(Number(e.value));
return isFinite(k)?Math.max(0,Math.min(n-1,k)):0;}
function update(){load();
var p=D.c.map(function(c,i){return pos(i);}),parts=[];
D.l.forEach(function(L,k){var j=0;
L.d.forEach(function(ci){j=j*D.c[ci].v.length+p[ci];});
if(j!==cur[k]){cur[k]=j;layers[k].innerHTML=D.u[L.f[j]];}});
D.c.forEach(function(c,i){var t=c.v[p[i]],o=document.getElementById("%ID%-o"+i);
if(o)o.textContent=t;
if(ctl[i].type==="range")ctl[i].setAttribute("aria-valuetext",t);
parts.push(c.n+": "+t);});
var t=D.t+" ("+parts.join(", ")+")";
title.textContent=t;svg.setAttribute("aria-label",t);}
ctl.forEach(function(e){e.addEventListener("input",update);e.addEventListener("change",update);});
root.addEventListener("pointerdown",load);root.addEventListener("focusin",load);
if(!("IntersectionObserver" in window)){update();return;}
var seen=new IntersectionObserver(function(es){
if(es.some(function(x){return x.isIntersecting;})){seen.disconnect();update();}},
{rootMargin:"400px 0px"});
seen.observe(root);
})();"""


@dataclass(frozen=True)
class Control:
    """One control: a name passed to the layers, a visible label and a grid of values.

    ``kind`` is ``"range"`` (a slider), ``"select"`` (a menu) or ``"checkbox"`` (values
    ``(False, True)``); ``labels`` are the texts shown for the values.
    """

    name: str
    label: str
    values: tuple
    labels: tuple[str, ...]
    default: int
    kind: str = "range"


@dataclass(frozen=True)
class Layer:
    """Part of the figure drawn by ``render(**values of deps)``, an SVG fragment."""

    deps: tuple[str, ...]
    render: Callable[..., str]


def slider(name, label, values, fmt, default) -> Control:
    """A slider over ``values`` labelled with ``fmt``; ``default`` is the closest value."""
    values = tuple(float(v) for v in values)
    index = min(range(len(values)), key=lambda i: abs(values[i] - default))
    return Control(name, label, values, tuple(fmt.format(v) for v in values), index)


def checkbox(name, label, checked) -> Control:
    """A check box: its layers receive False or True."""
    return Control(name, label, (False, True), ("hidden", "shown"), int(bool(checked)), "checkbox")


def _flat(positions: Sequence[int], sizes: Sequence[int]) -> int:
    j = 0
    for p, n in zip(positions, sizes, strict=True):
        j = j * n + p
    return j


class Explorer:
    """An interactive figure that shows live in Jupyter and as a precomputed one elsewhere.

    Attributes: ``widget`` (the ipywidgets view, built on first use), ``controls``;
    methods :meth:`html` (the kernel-free fallback) and :meth:`svg` (one frame).
    """

    def __init__(self, name, *, text, title, controls, layers, size, under, over=""):
        self.name, self.text, self.title = name, text, title
        self.controls: tuple[Control, ...] = tuple(controls)
        self.layers: tuple[Layer, ...] = tuple(layers)
        self._size, self._under, self._over = size, under, over
        self._by_name = {c.name: i for i, c in enumerate(self.controls)}
        self._cache: dict[tuple[int, int], str] = {}
        self._html: tuple[str, str] | None = None  # content digest, template with _UID
        self._widget = None

    def __repr__(self) -> str:
        return self.text

    # frames -----------------------------------------------------------------------------
    def _layer_frame(self, k: int, positions: Sequence[int]) -> str:
        layer = self.layers[k]
        idx = [self._by_name[d] for d in layer.deps]
        key = (k, _flat([positions[i] for i in idx], [len(self.controls[i].values) for i in idx]))
        if key not in self._cache:
            kwargs = {
                d: self.controls[i].values[positions[i]]
                for d, i in zip(layer.deps, idx, strict=True)
            }
            self._cache[key] = layer.render(**kwargs)
        return self._cache[key]

    def _positions(self, values: dict) -> list[int]:
        positions = [c.default for c in self.controls]
        for name, value in values.items():
            if name not in self._by_name:
                known = ", ".join(self._by_name)
                raise ValueError(f"{self.name} explorer has no control {name!r}; known: {known}.")
            control = self.controls[self._by_name[name]]
            if value not in control.values:
                raise ValueError(
                    f"{name} must be one of the grid values {control.values}, got {value!r}."
                )
            positions[self._by_name[name]] = control.values.index(value)
        return positions

    def _description(self, positions) -> str:
        parts = [f"{c.label}: {c.labels[p]}" for c, p in zip(self.controls, positions, strict=True)]
        return f"{self.title} ({', '.join(parts)})"

    def _document(self, positions, frame: str, smallest=None) -> str:
        w, h = self._size
        body = f'{self._under}<g class="lossedu-frame">{frame}</g>{self._over}'
        return _svg.document(w, h, body, label=self._description(positions), smallest=smallest)

    def svg(self, **values) -> str:
        """The whole figure for the given control values (grid values; others at default)."""
        positions = self._positions(values)
        frame = "".join(
            f'<g data-layer="{k}">{self._layer_frame(k, positions)}</g>'
            for k in range(len(self.layers))
        )
        return self._document(positions, frame)

    # kernel-free fallback -----------------------------------------------------------------
    def html(self) -> str:
        """The self-contained HTML fallback.

        Frames are computed once per object; each call numbers its element ids anew, so
        the same explorer shown twice on one page still has unique ids.
        """
        if self._html is None:
            self._html = self._build_html()
        digest, template = self._html
        return template.replace(_UID, f"lossedu-{self.name}-{digest}-{next(_ids)}")

    def _build_html(self) -> tuple[str, str]:
        sizes = [len(c.values) for c in self.controls]
        defaults = [c.default for c in self.controls]
        unique: dict[str, int] = {}
        layers_data, start = [], []
        for k, layer in enumerate(self.layers):
            idx = [self._by_name[d] for d in layer.deps]
            frames = []
            for combo in itertools.product(*(range(sizes[i]) for i in idx)):
                positions = list(defaults)
                for i, p in zip(idx, combo, strict=True):
                    positions[i] = p
                # every text went through esc(), so a bare " is an attribute quote; ' needs
                # no escaping in JSON, which keeps the script about a tenth smaller
                frame = self._layer_frame(k, positions).replace('"', "'")
                frames.append(unique.setdefault(frame, len(unique)))
            layers_data.append({"d": idx, "f": frames})
            start.append(_flat([defaults[i] for i in idx], [sizes[i] for i in idx]))
        # the smallest font of any frame sets the figure's minimum rendered width
        smallest = min(_svg.smallest_font(frame) for frame in [self.svg(), *unique])
        positions = [c.default for c in self.controls]
        figure = self._document(
            positions,
            "".join(
                f'<g data-layer="{k}">{self._layer_frame(k, positions)}</g>'
                for k in range(len(self.layers))
            ),
            smallest=smallest,
        )
        controls = [{"n": c.label, "v": list(c.labels)} for c in self.controls]
        data = {"t": self.title, "c": controls, "l": layers_data, "u": list(unique), "s": start}
        digest = hashlib.sha1((figure + json.dumps(data)).encode()).hexdigest()[:10]
        uid = data["id"] = _UID
        payload = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
        payload = payload.replace("</", "<\\/").replace("<!--", "<\\!--")  # stay inside <script>
        script = _PLAYER.replace("%ID%", uid)
        n_frames = len(unique)
        note = (
            f"Precomputed version ({n_frames} frames): move the controls to step through them; "
            "run the notebook for the live explorer."
        )
        return digest, (
            f'<div class="lossedu-explorer" data-explorer="{self.name}" id="{uid}">'
            # on a narrow screen the figure keeps a legible size and scrolls in this box
            f'<div class="lossedu-scroll" style="overflow-x:auto" tabindex="0" role="group" '
            f'aria-label="{_svg.esc(self.title)}">{figure}</div>'
            f'<div class="lossedu-controls" style="display:flex;flex-wrap:wrap;'
            f'align-items:center;gap:0.3em 1.2em;margin:0.5em 0">'
            f"{''.join(_control_html(uid, i, c) for i, c in enumerate(self.controls))}</div>"
            f'<p class="lossedu-note" style="font-size:0.85em;margin:0">{_svg.esc(note)}</p>'
            f'<script type="application/json" id="{uid}-data">{payload}</script>'
            f"<script>{script}</script></div>"
        )

    # Jupyter ----------------------------------------------------------------------------
    @property
    def widget(self):
        """The live ipywidgets view (ipywidgets is imported here, on first use)."""
        if self._widget is None:
            self._widget = _build_widget(self)
        return self._widget

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = {"text/plain": self.text, "text/html": self.html()}
        if _kernel_running():
            try:
                view = self.widget._repr_mimebundle_()
            except ImportError:  # no ipywidgets: the fallback is all we can show
                view = {}
            key = "application/vnd.jupyter.widget-view+json"
            if key in view:
                bundle[key] = view[key]
        if include is not None:
            bundle = {k: v for k, v in bundle.items() if k in include}
        if exclude is not None:
            bundle = {k: v for k, v in bundle.items() if k not in exclude}
        return bundle


# touch targets of at least 24 CSS px (WCAG 2.2, 2.5.8), in Jupyter as on the website
_TARGET = "min-height:24px;margin:0"
_TARGET_BOX = "width:24px;height:24px;margin:0"


def _control_html(uid: str, i: int, c: Control) -> str:
    cid, oid, label = f"{uid}-c{i}", f"{uid}-o{i}", _svg.esc(c.label)
    wrap = '<span style="display:inline-flex;align-items:center;gap:0.4em">'
    if c.kind == "checkbox":
        checked = " checked" if c.default else ""
        box = f'<input type="checkbox" id="{cid}"{checked} style="{_TARGET_BOX}">'
        return f'{wrap}{box}<label for="{cid}">{label}</label></span>'
    if c.kind == "select":
        options = "".join(
            f'<option value="{j}"{" selected" if j == c.default else ""}>{_svg.esc(t)}</option>'
            for j, t in enumerate(c.labels)
        )
        select = f'<select id="{cid}" style="{_TARGET}">{options}</select>'
        return f'{wrap}<label for="{cid}">{label}</label>{select}</span>'
    value = _svg.esc(c.labels[c.default])
    return (
        f'{wrap}<label for="{cid}">{label}</label><input type="range" id="{cid}" min="0" '
        f'max="{len(c.values) - 1}" step="1" value="{c.default}" aria-valuetext="{value}" '
        f'style="{_TARGET}">'
        f'<output id="{oid}" for="{cid}" style="min-width:3.5em">{value}</output></span>'
    )


def _kernel_running() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def _build_widget(explorer: Explorer):
    import ipywidgets as w

    style = {"description_width": "initial"}
    inputs = []
    for c in explorer.controls:
        if c.kind == "checkbox":
            inputs.append(w.Checkbox(value=bool(c.default), description=c.label, indent=False))
            continue
        options = [(t, j) for j, t in enumerate(c.labels)]
        make = w.Dropdown if c.kind == "select" else w.SelectionSlider
        inputs.append(make(options=options, value=c.default, description=c.label, style=style))
    view = w.HTML(value=explorer.svg())

    def redraw(_change=None):
        values = {
            c.name: c.values[int(x.value)] for c, x in zip(explorer.controls, inputs, strict=True)
        }
        view.value = explorer.svg(**values)

    for x in inputs:
        x.observe(redraw, names="value")
    box = w.Box(inputs, layout=w.Layout(display="flex", flex_flow="row wrap"))
    return w.VBox([view, box])
