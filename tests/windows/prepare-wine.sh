#!/usr/bin/env bash
# Makes (once) and checks the place where WindowsTest runs jbang.cmd: Wine 10 in a Debian trixie
# chroot, its Wine prefix already made, and the stand-in java.exe compiled from java-stand-in.c.
# Debian 12's own Wine (8.0) is no witness for a batch file: its cmd runs "||" after a copy that
# worked, misreads a redirect at the start of a line and expands %* text twice; trixie's Wine 10
# does none of these. Root, apt and the Debian mirror are needed; about 3.5 minutes and 2.3 GB
# the first time, kept in the folder given (WindowsTest uses /var/tmp, which survives reboots),
# and a few seconds after.
# Usage: prepare-wine.sh CHROOT-FOLDER   (prints what it does on stderr; exit 0 when ready)
set -u
root=${1:?usage: prepare-wine.sh CHROOT-FOLDER}
here=$(cd "$(dirname "$0")" && pwd)
say() { echo "[prepare-wine] $*" >&2; }
fail() { say "$*"; exit 1; }

[[ $(id -u) == 0 ]] || fail "needs root (debootstrap, chroot, mount)"
command -v apt-get >/dev/null || fail "needs apt-get (a Debian or Ubuntu machine)"
# The Debian mirror the host's apt already uses.
mirror=$(grep -rhoE '^(URIs:|deb) +https?://[^ ]+/debian( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null |
  grep -oE 'https?://[^ ]+' | head -1)
[[ -n $mirror ]] || fail "no Debian mirror in /etc/apt/sources.list(.d)"

if ! command -v debootstrap >/dev/null || ! command -v x86_64-w64-mingw32-gcc >/dev/null; then
  say "host packages: debootstrap, gcc-mingw-w64-x86-64"
  apt-get update -qq >/dev/null 2>&1
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap gcc-mingw-w64-x86-64 >/dev/null 2>&1 ||
    fail "apt-get could not install debootstrap and gcc-mingw-w64-x86-64"
fi

mkdir -p "$root"
# Wine needs /proc and /dev; what is mounted here is let go on exit (WindowsTest mounts its own).
mounted=()
trap 'for m in "${mounted[@]}"; do umount -l "$m"; done' EXIT
mount_in() { mountpoint -q "$root/$1" || { mount "${@:2}" "$root/$1" && mounted+=("$root/$1"); }; }
# (usr/bin/wine is a link through /etc/alternatives, which only resolves inside the chroot)
if [[ ! -x $root/usr/bin/wine-stable ]]; then
  if [[ ! -e $root/etc/debian_version ]]; then
    say "debootstrap trixie (minbase) into $root, about 2 minutes"
    debootstrap --variant=minbase trixie "$root" "$mirror" >"$root.debootstrap.log" 2>&1 ||
      { tail -5 "$root.debootstrap.log" >&2; rm -rf "$root"; fail "debootstrap failed (log: $root.debootstrap.log)"; }
  fi
  say "wine in the chroot, about a minute"
  mount_in proc -t proc proc
  chroot "$root" bash -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wine wine64' \
    >"$root.wine.log" 2>&1 || { tail -5 "$root.wine.log" >&2; fail "installing wine failed (log: $root.wine.log)"; }
fi
mount_in proc -t proc proc
mount_in dev --bind /dev
if [[ ! -f $root/root/.wine/system.reg ]]; then
  say "the Wine prefix (C:), about 20 seconds"
  chroot "$root" env -i HOME=/root PATH=/usr/bin:/bin LANG=C.UTF-8 WINEDEBUG=-all XDG_RUNTIME_DIR=/tmp wineboot -i >/dev/null 2>&1
  chroot "$root" wineserver -k 2>/dev/null
  [[ -f $root/root/.wine/system.reg ]] || fail "wineboot made no Wine prefix"
fi

# Compiled each time (under a second), so an edit of the source always counts.
mkdir -p "$root/opt/stand-in-jdk/bin"
x86_64-w64-mingw32-gcc -O2 -municode -o "$root/opt/stand-in-jdk/bin/java.exe" "$here/java-stand-in.c" ||
  fail "could not compile java-stand-in.c"
wine=$(chroot "$root" wine --version 2>/dev/null)
[[ $wine == wine-10.* || $wine == wine-1[1-9].* ]] || fail "Wine 10 or newer needed in the chroot, found: ${wine:-none}"
say "ready: $wine, stand-in java.exe"
