#!/bin/sh
# Refresh the vendored Chart.js (static/vendor/chartjs/) from the npm registry.
# Usage: scripts/chartjs_vernieuwen.sh [version]   (default: the pinned version below)
# After a change of version: update VERSIE here and the version in templates that name it.
set -eu
VERSIE="${1:-4.4.9}"
DOEL="$(cd "$(dirname "$0")/.." && pwd)/static/vendor/chartjs"
WERK="$(mktemp -d)"
trap 'rm -rf "$WERK"' EXIT
cd "$WERK"
npm pack "chart.js@$VERSIE" >/dev/null 2>&1
tar xzf "chart.js-$VERSIE.tgz"
mkdir -p "$DOEL"
cp package/dist/chart.umd.js "$DOEL/chart.umd.js"
cp package/LICENSE.md "$DOEL/LICENSE.md"
echo "$VERSIE" > "$DOEL/VERSION"
sha256sum "$DOEL/chart.umd.js"
