#!/bin/sh
# Runs a command with a private GNOME keyring on a private D-Bus session, for headless Linux machines
# that have no keychain of their own (needs dbus-daemon and gnome-keyring). The command keeps your HOME
# and data dir; only the keyring is private. `npm test` does not need this: it starts its own.
#
#   scripts/with-keyring.sh bash                 # a shell whose authbench commands share one keyring;
#                                                # it and its secrets are deleted when the shell exits
#   scripts/with-keyring.sh --keep DIR bash      # the keyring's files stay in DIR between sessions;
#                                                # it is unlocked with $AUTHBENCH_KEYRING_PASSWORD
#                                                # (asked for when unset)
set -eu
keep=
if [ "${1:-}" = --keep ]; then
  [ $# -ge 3 ] || { echo "usage: $0 [--keep DIR] COMMAND [ARG...]" >&2; exit 2; }
  keep=$2
  shift 2
fi
[ $# -ge 1 ] || { echo "usage: $0 [--keep DIR] COMMAND [ARG...]" >&2; exit 2; }
for tool in dbus-run-session gnome-keyring-daemon; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: sudo apt install dbus-daemon gnome-keyring" >&2; exit 3; }
done

runtime=$(mktemp -d "${TMPDIR:-/tmp}/authbench-keyring.XXXXXX")
trap 'rm -rf "$runtime"' EXIT INT TERM
chmod 700 "$runtime"
if [ -n "$keep" ]; then
  mkdir -p "$keep" && chmod 700 "$keep"
  store=$(cd "$keep" && pwd)
  password=${AUTHBENCH_KEYRING_PASSWORD:-}
  if [ -z "$password" ]; then
    printf 'Password for the keyring in %s: ' "$store" >&2
    stty -echo 2>/dev/null || true
    read -r password
    stty echo 2>/dev/null || true
    printf '\n' >&2
  fi
else
  store="$runtime/store"
  mkdir -p "$store"
  password=authbench-throwaway
fi

# The daemon alone sees the private HOME/XDG dirs, so its keyring files land in $store.
export AUTHBENCH_KEYRING_STORE="$store" AUTHBENCH_KEYRING_RUNTIME="$runtime" AUTHBENCH_KEYRING_PASSWORD="$password"
dbus-run-session -- sh -c '
  printf "%s" "$AUTHBENCH_KEYRING_PASSWORD" | HOME="$AUTHBENCH_KEYRING_STORE" XDG_DATA_HOME="$AUTHBENCH_KEYRING_STORE" \
    XDG_RUNTIME_DIR="$AUTHBENCH_KEYRING_RUNTIME" gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
  unset AUTHBENCH_KEYRING_PASSWORD AUTHBENCH_KEYRING_STORE AUTHBENCH_KEYRING_RUNTIME
  exec "$@"' sh "$@"
