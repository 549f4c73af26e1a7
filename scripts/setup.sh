#!/usr/bin/env bash
# Installs what the project needs on a Debian 12 machine, once: Debian packages that are missing,
# then a Python virtual environment (build/venv, from Debian's /usr/bin/python3) with the Python
# packages of requirements-dev.txt. Idempotent and quick when everything is present.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(castxml cmake ninja-build swig python3-dev python3-venv g++ pkg-config
          libxml2-dev libsqlite3-dev libzstd-dev liblz4-dev sqlite3 zstd util-linux ccache xxhash
          strace mount
          # ITK for examples/itk (issue 12), with the packages Debian recommends for it (ITK's CMake
          # package names FFTW's directories).
          libinsighttoolkit5-dev libfftw3-dev uuid-dev
          # The remote-cache tests (issue 14) start their own nginx (WebDAV PUT) and make certificates.
          nginx-light openssl
          # tinyxml2, the second real library (Tests/EndToEnd/test_lifetimes.py, issue 16); valgrind for
          # `make valgrind-lifetimes`.
          libtinyxml2-dev valgrind)
missing=()
for p in "${packages[@]}"; do
  [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = 'install ok installed' ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  # Packages that ship a service (nginx) must not start it here: the tests start their own on a free
  # port, and a start failing (no init system in a container, port 80 taken) would fail the install.
  # A policy-rc.d that denies every start does that; it is removed again if we made it.
  policy=/usr/sbin/policy-rc.d
  made_policy=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null && $sudo chmod 0755 "$policy" && made_policy=1
  fi
  status=0
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || status=$?
  [ -z "$made_policy" ] || $sudo rm -f "$policy"
  [ "$status" -eq 0 ] || exit "$status"
fi

base_python=${SWIFTWRAP_BASE_PYTHON:-/usr/bin/python3}
venv=build/venv
stamp=$venv/.requirements.sha256
want=$(sha256sum requirements-dev.txt | cut -d' ' -f1)
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup: creating $venv from $base_python"
  "$base_python" -m venv "$venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -r requirements-dev.txt
  echo "$want" > "$stamp"
fi
