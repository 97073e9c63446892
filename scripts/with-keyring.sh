#!/bin/sh
# Runs a command inside a private D-Bus session with a throwaway, unlocked GNOME keyring, and HOME/XDG
# dirs in a temp dir, so tests use a real keychain but never the user's own (DESIGN.md §7).
# Usage: scripts/with-keyring.sh npm test
set -eu
tmp=$(mktemp -d "${TMPDIR:-/tmp}/authbench-keyring.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$tmp/home" "$tmp/data" "$tmp/config" "$tmp/cache" "$tmp/runtime"
chmod 700 "$tmp/runtime"
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache" XDG_RUNTIME_DIR="$tmp/runtime"
# npm keeps its cache and config in the real HOME; keep using them.
export npm_config_cache="${npm_config_cache:-${REAL_HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}/.npm}"
exec dbus-run-session -- sh -c 'printf "%s" authbench-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "$@"' sh "$@"
