#!/usr/bin/env bash
# Installs what Icarus needs on a fresh Debian or Ubuntu machine: the system packages
# that headless-gl builds against and Xvfb, then the npm packages. Safe to run again;
# it does nothing (in well under a second) when nothing is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(python3 make g++ pkg-config libxi-dev libxext-dev libx11-dev libgl1-mesa-dev xvfb fontconfig fonts-dejavu-core)

missing=()
for pkg in "${apt_packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "[setup] installing system packages: ${missing[*]}" >&2
  if [ "$(id -u)" -eq 0 ]; then
    sudo=()
  elif command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    echo "[setup] error: need root or sudo to install: ${missing[*]}" >&2
    echo "[setup] fix: run 'apt-get install ${missing[*]}' as root, then this again" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages: reinstall when package-lock.json changed since the last install.
stamp=node_modules/.icarus-setup-stamp
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "[setup] installing npm packages (headless-gl builds from source: ~2 minutes)" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
  echo "$want" > "$stamp"
fi

