#!/bin/sh
# The inside of a lab engine, run as root by `unshare --mount --propagation private`:
#   enter.sh ROOTFS RUNDIR NETNS SHARED -- COMMAND...
# Makes RUNDIR/root a writable view (overlayfs) of the cached ROOTFS, gives it /dev, /proc,
# the network namespace's own /sys (with the host's cgroups, or the unified hierarchy for an
# engine that needs cgroup v2), fresh /run, /tmp and /var/tmp, the namespace's resolv.conf
# (/etc/netns/NETNS/resolv.conf, the one `ip netns exec` gives the kit), RUNDIR/certs.d as
# /etc/containers/certs.d when there is one, and SHARED (a colon-separated list of host
# directories: data root, socket folder, a release bundle) at their own paths, so the host
# sees the engine's storage and socket.
# Then enters NETNS, pivots into the root and runs COMMAND there. Every mount is in this
# private mount namespace: it goes when the engine's last process does.
set -eu
rootfs=$1 rundir=$2 netns=$3 shared=$4
shift 5
# The lab writes it with the namespace. No falling back to the host's: its resolver, behind
# a gateway nobody answers for, would stall every name lookup for the resolver's timeouts.
resolv=/etc/netns/$netns/resolv.conf
if [ ! -f "$resolv" ]; then
  echo "enter.sh: $resolv is missing (the lab writes it with network namespace $netns); bring the engine up again" >&2
  exit 1
fi
root=$rundir/root
mkdir -p "$rundir/upper" "$rundir/work" "$root"
mount -t overlay overlay -o "lowerdir=$rootfs,upperdir=$rundir/upper,workdir=$rundir/work" "$root"
mount --rbind /dev "$root/dev"
# A rootless engine's slirp4netns opens /dev/net/tun as an ordinary user: give this namespace
# a tun node anyone may open, on a tmpfs of its own (the host's /dev is left as it is).
if [ "${LAB_OPEN_TUN:-}" = 1 ]; then
  mount -t tmpfs -o mode=755 tmpfs "$root/dev/net"
  mknod -m 666 "$root/dev/net/tun" c 10 200
fi
mount -t proc proc "$root/proc"
mount -t tmpfs -o mode=755 tmpfs "$root/run"
mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"
# Not on the root's overlayfs: an engine that mounts overlays of its own there (Podman 6's
# build context, in /var/tmp) cannot put their upper layers on another overlay.
mount -t tmpfs -o mode=1777 tmpfs "$root/var/tmp"
touch "$root/etc/resolv.conf"
mount --bind "$resolv" "$root/etc/resolv.conf"
old_ifs=$IFS
IFS=:
for dir in $shared; do
  mkdir -p "$dir" "$root$dir"
  mount --bind "$dir" "$root$dir"
done
IFS=$old_ifs
# Per-registry CAs the kit gives a Podman engine (see fixtures/registry.ts).
if [ -d "$rundir/certs.d" ]; then
  mkdir -p "$root/etc/containers/certs.d"
  mount --bind "$rundir/certs.d" "$root/etc/containers/certs.d"
fi
mkdir -p "$root/.host"
# sysfs shows the network devices of the namespace that mounts it.
exec nsenter "--net=/run/netns/$netns" -- sh -c '
  set -eu
  root=$1
  shift
  mount -t sysfs sysfs "$root/sys"
  # An engine that needs cgroup v2 (LAB_UNIFIED_CGROUP=1) on a host with v1 controllers gets
  # the empty unified hierarchy as its /sys/fs/cgroup; elsewhere the host'"'"'s cgroups as they are.
  if [ "${LAB_UNIFIED_CGROUP:-}" = 1 ] && [ "$(stat -fc %T /sys/fs/cgroup)" != cgroup2fs ]; then
    if [ "$(stat -fc %T /sys/fs/cgroup/unified 2>/dev/null)" != cgroup2fs ]; then
      echo "enter.sh: the engine needs cgroup v2, and this host mounts no unified hierarchy" >&2
      exit 1
    fi
    mount --bind /sys/fs/cgroup/unified "$root/sys/fs/cgroup"
  else
    mount --rbind /sys/fs/cgroup "$root/sys/fs/cgroup"
  fi
  cd "$root"
  pivot_root . .host
  exec chroot . /bin/sh -c "umount -l /.host && exec \"\$@\"" sh "$@"
' sh "$root" "$@"
