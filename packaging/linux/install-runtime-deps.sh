#!/bin/sh
# Installs the system libraries the desktop window needs (GTK 3 and OpenGL for JavaFX) and
# Tesseract for OCR, only those that are missing (Debian/Ubuntu).
set -eu
here=$(dirname "$0")

missing=""
ldconfig -p 2>/dev/null | grep -q 'libgtk-3.so.0' || missing="$missing libgtk-3-0"
ldconfig -p 2>/dev/null | grep -q 'libGL.so.1' || missing="$missing libgl1"
command -v tesseract >/dev/null 2>&1 || missing="$missing tesseract-ocr tesseract-ocr-eng"

# shellcheck disable=SC2086 # word splitting of the package list is intended
sh "$here/apt-install.sh" $missing
