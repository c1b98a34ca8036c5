#!/bin/sh
# Installs the given Debian/Ubuntu packages with apt-get, through sudo when not root.
# Usage: apt-install.sh PACKAGE...   (does nothing without arguments)
set -eu
[ "$#" -gt 0 ] || exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Please install: $* (no apt-get on this system)" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
echo "Installing: $*" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
