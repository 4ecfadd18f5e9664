#!/bin/sh
# Refresh the vendored NL Design System CSS (static/vendor/nlds/) and axe-core
# (tests/browser/vendor/, test-only) from the npm registry. The portal needs no Node at run time.
# Usage: scripts/vendor_nlds.sh
# Change a version: edit it below, run the script, check the browser tests, commit the files.
# The Utrecht design tokens are NOT vendored: they are Gemeente Utrecht's own (proprietary)
# huisstijl. Our themes (static/themes/*.css) set the --utrecht-* tokens themselves.
set -eu
UTRECHT_CSS="9.0.4"   # @utrecht/component-library-css, EUPL-1.2
AXE="4.14.1"          # axe-core, MPL-2.0
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
NLDS="$ROOT/static/vendor/nlds"
AXE_DOEL="$ROOT/tests/browser/vendor"
WERK="$(mktemp -d)"
trap 'rm -rf "$WERK"' EXIT
cd "$WERK"
npm pack "@utrecht/component-library-css@$UTRECHT_CSS" "axe-core@$AXE" >/dev/null 2>&1
mkdir utrecht axe
tar xzf "utrecht-component-library-css-$UTRECHT_CSS.tgz" -C utrecht
tar xzf "axe-core-$AXE.tgz" -C axe
mkdir -p "$NLDS" "$AXE_DOEL"
cp utrecht/package/dist/index.css "$NLDS/utrecht-component-library.css"
cp utrecht/package/dist/html.css "$NLDS/utrecht-html.css"
cp utrecht/package/LICENSE.md "$NLDS/LICENSE.md"
echo "@utrecht/component-library-css $UTRECHT_CSS" > "$NLDS/VERSION"
cp axe/package/axe.min.js "$AXE_DOEL/axe.min.js"
cp axe/package/LICENSE "$AXE_DOEL/LICENSE"
echo "axe-core $AXE" > "$AXE_DOEL/VERSION"
sha256sum "$NLDS/utrecht-component-library.css" "$AXE_DOEL/axe.min.js"
