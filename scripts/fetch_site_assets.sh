#!/usr/bin/env bash
# Fetch the browser assets the site serves itself (MathJax 3, require.js and the ipywidgets
# html-manager) from the npm registry into _offline/, so that built pages load nothing from a
# CDN. Third-party files are never committed: _offline/ is git-ignored and rebuilt on demand.
# Without npm, the build still works and pages load these assets from their CDNs instead.
set -euo pipefail

DEST="${1:-_offline}"
MATHJAX="mathjax@3.2.2"
REQUIREJS="requirejs@2.3.7"
HTML_MANAGER="@jupyter-widgets/html-manager@1.0.6"   # the version myst-nb 1.4 expects

if [ -f "$DEST/.complete" ]; then
    echo "offline site assets: already in $DEST/"
    exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
    echo "offline site assets: npm not found, so the site will load MathJax, require.js and"
    echo "the widget manager from their CDNs (pages need internet for math and widgets)."
    exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# npm pack downloads one tarball per package (and checks its registry integrity hash);
# it installs nothing, unlike npm install.
(cd "$work" && npm pack --silent "$MATHJAX" "$REQUIREJS" "$HTML_MANAGER" >/dev/null)

rm -rf "$DEST"
mkdir -p "$DEST/mathjax" "$DEST/requirejs" "$DEST/html-manager"
tar -xzf "$work"/mathjax-*.tgz -C "$DEST/mathjax" --strip-components=1 \
    package/es5 package/LICENSE
tar -xzf "$work"/requirejs-*.tgz -C "$DEST/requirejs" --strip-components=1 \
    package/require.js package/package.json
tar -xzf "$work"/jupyter-widgets-html-manager-*.tgz -C "$DEST/html-manager" \
    --strip-components=1 package/dist package/LICENSE
# source maps are for debugging the bundle; the site does not need them
find "$DEST/html-manager/dist" -name '*.map' -delete
touch "$DEST/.complete"
echo "offline site assets: $(du -sh "$DEST" | cut -f1) in $DEST/ ($MATHJAX, $REQUIREJS, $HTML_MANAGER)"
