#!/usr/bin/env bash
# Set up Petrograd 1917 on a fresh Debian/Ubuntu machine: the system libraries Qt needs,
# a virtual environment in .venv, and the package itself.
#   scripts/setup.sh          app only
#   scripts/setup.sh --test   app + test tools + headless Chromium for the HTML tests
#                             + Xorg with the dummy driver (a real X server with two screens)
set -euo pipefail
cd "$(dirname "$0")/.."

want=(python3-venv libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6
      libglib2.0-0 libxkbcommon0 fonts-dejavu-core
      libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
      libxcb-shape0 libxkbcommon-x11-0)
[[ "${1:-}" == "--test" ]] && want+=(chromium chromium-driver xvfb xauth xdotool poppler-utils
                                     xserver-xorg-core xserver-xorg-video-dummy x11-xserver-utils)
# npm only where no Node.js is installed: Debian's npm conflicts with a Node.js from elsewhere
# (nodesource's nodejs ships its own npm).
[[ "${1:-}" == "--test" ]] && ! command -v npm >/dev/null && want+=(npm)

missing=()
if command -v dpkg-query >/dev/null; then
  for p in "${want[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
fi
if ((${#missing[@]})); then
  echo "setup: installing system packages: ${missing[*]}"
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  log=$(mktemp)
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
         $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    cat "$log"; echo "setup: apt-get failed (see above)" >&2; exit 1
  fi
  rm -f "$log"
fi

py=${PYTHON:-python3}
[[ -x .venv/bin/python ]] || "$py" -m venv .venv
extra=""; [[ "${1:-}" == "--test" ]] && extra="[test]"
stamp=".venv/.installed$extra"
if [[ ! -f "$stamp" || pyproject.toml -nt "$stamp" ]]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".$extra"
  touch "$stamp"
fi
# Bytecode for our own modules, as a regular install writes it: the app then starts without
# compiling them (about 100 ms), also where PYTHONDONTWRITEBYTECODE is set. Only changed files
# are compiled again.
.venv/bin/python -m compileall -q geodata viewer >/dev/null

# The accessibility rules the browser tests run inside Chromium (tests/test_webmap_screens.py).
if [[ "${1:-}" == "--test" && ! -f .venv/axe/node_modules/axe-core/axe.min.js ]]; then
  npm install --silent --no-audit --no-fund --prefix .venv/axe axe-core@4 >/dev/null
fi
