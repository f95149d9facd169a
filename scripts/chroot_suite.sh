#!/usr/bin/env bash
# Run the test suite on the *other* Debian release, in a fresh debootstrap chroot (as root).
#   scripts/chroot_suite.sh [bookworm|trixie] [CHROOT_DIR]
# Default: the release this machine is not. The chroot gets only debootstrap's minbase plus
# `make` and `git`; `make test` inside it installs everything else, exactly as on a new machine.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${1:-}" ]; then
  case "$(cut -d. -f1 /etc/debian_version)" in 12) release=trixie ;; *) release=bookworm ;; esac
else
  release=$1
fi
root=${2:-/var/tmp/mednum-chroot-$release}
if [ ! -x "$root/usr/bin/apt-get" ]; then
  command -v debootstrap >/dev/null || apt-get install -y -q debootstrap
  debootstrap --variant=minbase "$release" "$root" http://deb.debian.org/debian
fi
for fs in proc sys dev; do mountpoint -q "$root/$fs" || mount --bind "/$fs" "$root/$fs"; done
trap 'for fs in dev sys proc; do umount -l "$root/$fs" 2>/dev/null || true; done' EXIT
cp /etc/resolv.conf "$root/etc/resolv.conf"
chroot "$root" /bin/bash -c "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends make git ca-certificates" >/dev/null
# Same network trust as the host (a proxy with its own CA may sit between this machine and PyPI).
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
  chroot "$root" update-ca-certificates >/dev/null
fi
rm -rf "$root/root/mednum-check"
git clone -q "$here" "$root/root/mednum-check"
if [ "${WITH_WORKTREE:-0}" = 1 ]; then  # check uncommitted work too
  (cd "$here" && git ls-files -z --others --exclude-standard --cached) | (cd "$here" && xargs -0 cp --parents -t "$root/root/mednum-check")
fi
chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 /bin/bash -c "cd /root/mednum-check && time make test"
