#!/bin/sh
# Compile the project's translations (locale/nl/LC_MESSAGES/django.po -> .mo).
# The .mo is committed, so the portal needs no gettext at run time.
set -e
cd "$(dirname "$0")/.."
msgfmt --check -o locale/nl/LC_MESSAGES/django.mo locale/nl/LC_MESSAGES/django.po
