#!/bin/sh
# Installs the system packages the test suite needs, only those that are missing (Debian/Ubuntu).
set -eu
root=$(dirname "$0")/..

missing=""
command -v tesseract >/dev/null 2>&1 || missing="$missing tesseract-ocr"
[ -e /usr/share/tesseract-ocr/5/tessdata/eng.traineddata ] \
  || [ -e /usr/share/tesseract-ocr/4.00/tessdata/eng.traineddata ] \
  || [ -e /usr/share/tessdata/eng.traineddata ] \
  || missing="$missing tesseract-ocr-eng"
command -v mkfifo >/dev/null 2>&1 || missing="$missing coreutils"
# The packaging test builds the .deb with jpackage, which needs fakeroot (dpkg-deb comes with dpkg).
command -v fakeroot >/dev/null 2>&1 || missing="$missing fakeroot"

# shellcheck disable=SC2086 # word splitting of the package list is intended
sh "$root/packaging/linux/apt-install.sh" $missing
