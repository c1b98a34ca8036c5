#!/bin/sh
# Installs the system packages the test suite needs, only those that are missing.
# Debian/Ubuntu (apt-get); uses sudo when not running as root.
set -eu

missing=""
command -v tesseract >/dev/null 2>&1 || missing="$missing tesseract-ocr"
[ -e /usr/share/tesseract-ocr/5/tessdata/eng.traineddata ] \
  || [ -e /usr/share/tesseract-ocr/4.00/tessdata/eng.traineddata ] \
  || [ -e /usr/share/tessdata/eng.traineddata ] \
  || missing="$missing tesseract-ocr-eng"
command -v mkfifo >/dev/null 2>&1 || missing="$missing coreutils"

if [ -z "$missing" ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Please install:$missing (no apt-get on this system)" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
echo "Installing:$missing" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
