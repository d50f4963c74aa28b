#!/usr/bin/env bash
# Builds a Debian root filesystem for lab engines, offline but for Debian's mirror:
#   make-rootfs.sh SUITE DEST MIRROR PACKAGE...
# debootstrap (minbase) into DEST.partial, the packages without recommends, apt's caches
# dropped, then DEST.partial renamed to DEST: a DEST that exists is always complete.
# SUITE experimental is sid with Debian's experimental suite added, whose packages win.
set -euo pipefail
suite=$1 dest=$2 mirror=$3
shift 3
[ -d "$dest" ] && exit 0 # built meanwhile, by whoever held the lock before us
partial="$dest.partial"
umount "$partial/proc" 2>/dev/null || true # an earlier build cut short
rm -rf "$partial"
mkdir -p "$(dirname "$dest")"
base=$suite target=()
[ "$suite" = experimental ] && base=sid target=(-t experimental)
debootstrap --variant=minbase "$base" "$partial" "$mirror" >"$partial.log" 2>&1 || {
  tail -n 20 "$partial.log" >&2
  exit 1
}
# Nothing may start services in the chroot while packages install.
printf '#!/bin/sh\nexit 101\n' >"$partial/usr/sbin/policy-rc.d"
chmod 755 "$partial/usr/sbin/policy-rc.d"
mount -t proc proc "$partial/proc"
trap 'umount "$partial/proc" 2>/dev/null || true' EXIT INT TERM
[ "$suite" = experimental ] && echo "deb $mirror experimental main" >"$partial/etc/apt/sources.list.d/experimental.list"
chroot "$partial" apt-get -o Acquire::Check-Valid-Until=false update -qq >>"$partial.log" 2>&1
DEBIAN_FRONTEND=noninteractive chroot "$partial" apt-get install -y -qq --no-install-recommends "${target[@]}" "$@" \
  >>"$partial.log" 2>&1 || {
  tail -n 20 "$partial.log" >&2
  exit 1
}
chroot "$partial" apt-get clean
rm -rf "$partial"/var/lib/apt/lists/*
umount "$partial/proc"
trap - EXIT
chroot "$partial" dpkg-query -W -f '${Package} ${Version}\n' >"$partial/.packages"
rm -f "$partial.log"
mv "$partial" "$dest"
