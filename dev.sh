#!/usr/bin/env bash
# Petrograd 1917 — the two commands of the README.
#   ./dev.sh run [ARGS]   install what is missing, then start the desktop app
#   ./dev.sh test         install what is missing (with test tools), then run the tests
set -euo pipefail
cd "$(dirname "$0")"
case "${1:-run}" in
  run)
    shift || true
    bash scripts/setup.sh
    exec .venv/bin/petrograd1917 "$@" ;;
  test)
    shift || true
    bash scripts/setup.sh --test
    .venv/bin/ruff check .
    exec .venv/bin/python -m pytest "$@" ;;
  *)
    echo "usage: ./dev.sh run [ARGS] | ./dev.sh test [PYTEST ARGS]" >&2; exit 2 ;;
esac
