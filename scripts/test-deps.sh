#!/usr/bin/env bash
# Installs the Debian packages the real-server tests need. As root it runs apt-get; otherwise it
# names what is missing and stops, since tests never skip for a missing server.
set -euo pipefail
packages=(openssh-server openssh-client postgresql mariadb-server mariadb-client gnome-keyring dbus dbus-bin
  libsecret-tools chromium putty-tools openssl iproute2 xvfb passwd socat)

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "test-deps: all ${#packages[@]} packages are installed"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "test-deps: missing Debian packages: ${missing[*]}" >&2
  echo "test-deps: run as root, or: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "test-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
# The packages start their own services on install where a service manager runs; the tests
# start private instances and need none of them, so stop the ones that came up.
for service in ssh postgresql mariadb; do
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet "$service" 2>/dev/null; then
    systemctl stop "$service" || true
  fi
done
echo "test-deps: done"
