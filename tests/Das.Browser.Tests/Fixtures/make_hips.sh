#!/usr/bin/env bash
# Regenerates web/hips/: a small HiPS of a synthetic field around the browser tests' position, made by Hipsgen
# (Debian package `aladin`) from a FITS image that make_sky_fits.py writes. The result is committed; tests never
# regenerate it. Usage: tests/Das.Browser.Tests/Fixtures/make_hips.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in"
/usr/bin/python3 "$here/make_sky_fits.py" "$work/in/field.fits"
rm -rf "$here/web/hips"
mkdir -p "$here/web"
java -Djava.awt.headless=true -jar /usr/share/java/aladin.jar -hipsgen in="$work/in" out="$here/web/hips" \
  creator_did=ivo://das.test/P/synthetic id=ivo://das.test/P/synthetic obs_title="Das synthetic test field" \
  hips_order=7 INDEX TILES PNG CLEANFITS
# Hipsgen's own web page and log are not needed by Aladin Lite.
rm -f "$here/web/hips/index.html" "$here/web/hips/HpxFinder" -r
du -sh "$here/web/hips"
