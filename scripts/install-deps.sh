#!/usr/bin/env bash
# Installs what callgear-setup needs to build and test on Debian/Ubuntu, and nothing that
# is already there: the three libraries the user named, tmux for the end-to-end tests.
set -euo pipefail

packages=(libncursesw5-dev libsqlite3-dev libcurl4-openssl-dev tmux)

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "install-deps: not a Debian-like system; install by hand: ${packages[*]}" >&2
    exit 0
fi

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if ((${#missing[@]})); then
    if [ "$(id -u)" -eq 0 ]; then
        sudo=()
    elif command -v sudo >/dev/null 2>&1; then
        sudo=(sudo)
    else
        echo "install-deps: missing ${missing[*]}, and this user is not root and has no sudo" >&2
        exit 1
    fi
    echo "install-deps: installing ${missing[*]}" >&2
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v swift >/dev/null 2>&1; then
    echo "install-deps: Swift 6 is not on PATH — install the toolchain from swift.org, then run this again" >&2
    exit 1
fi
# swift leaves a scratch folder in TMPDIR even for --version: give it one to throw away.
scratch=$(mktemp -d)
version=$(TMPDIR="$scratch" swift --version 2>&1 | sed -n 's/.*Swift version \([0-9]*\)\..*/\1/p' | head -n 1)
rm -rf "$scratch"
if [ -n "$version" ] && [ "$version" -lt 6 ]; then
    echo "install-deps: Swift $version found; callgear-setup needs Swift 6 or newer" >&2
    exit 1
fi
