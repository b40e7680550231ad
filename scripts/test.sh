#!/usr/bin/env bash
# The whole test suite: lint, then every test against SQLite, then again against PostgreSQL when one
# answers at $AIPLUS_TEST_POSTGRES (default: the local server). CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export AIPLUS_HOME="$(mktemp -d)"
trap 'rm -rf "$AIPLUS_HOME"' EXIT

$BIN/ruff check src tests bench scripts
$BIN/ruff format --check src tests bench scripts

echo "== tests on SQLite"
$BIN/python -m pytest "$@"

POSTGRES_URL="${AIPLUS_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432/aiplus}"
POSTGRES_SERVER="${POSTGRES_URL%/*}/postgres"
if $BIN/python -c "import psycopg, sys; psycopg.connect(sys.argv[1].replace('postgres://', 'postgresql://'), connect_timeout=3).close()" "$POSTGRES_SERVER" 2>/dev/null; then
  echo "== tests on PostgreSQL"
  DATABASE_URL="$POSTGRES_URL" $BIN/python -m pytest "$@"
elif [ -n "${CI:-}" ]; then
  echo "PostgreSQL at $POSTGRES_URL did not answer; CI requires it." >&2
  exit 1
else
  echo "== PostgreSQL not reachable at $POSTGRES_URL; skipped the PostgreSQL run."
fi
