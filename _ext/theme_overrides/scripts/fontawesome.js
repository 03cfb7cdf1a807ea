// Deliberately (almost) empty: replaces pydata-sphinx-theme's 1.5 MB scripts/fontawesome.js.
// That script redraws the theme's <i class="fa-..."> icons as inline SVG; the theme's CSS
// already draws the same icons with the Font Awesome web fonts, so the pages look the same
// and every page is 1.5 MB lighter. _ext/fontawesome_stub.py puts this folder on the static
// path, so Sphinx copies this file over the theme's one while it builds the site.
