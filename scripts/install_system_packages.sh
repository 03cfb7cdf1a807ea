#!/usr/bin/env bash
# The Debian packages that the tests and the PDF need beyond Python: Chromium (browser tests,
# printing the PDF), DejaVu fonts (pages and PDF get a real font), npm (fetches the site's
# offline browser assets) and poppler-utils (the tests read the PDF's text layer with
# pdftotext). Installs only what is missing; needs root (CI, containers).
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium fonts-dejavu)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -eq 0 ]; then
    echo "system packages: chromium, npm and poppler-utils already installed"
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
echo "system packages: installed ${missing[*]}"
