#!/usr/bin/env bash
# Builds the image's base layer from Debian packages, with no container daemon and no registry:
# debootstrap (minbase) + openjdk-17-jre-headless + a non-root user `widerow` (uid 10001), packed as
# a docker-archive tar (manifest.json, config, one gzipped layer) that Jib reads as `tar://`.
#   base-image.sh CACHE_DIR LINK
# The tar is kept in CACHE_DIR under a name made of this script's hash and the Debian suite, so it
# is made once (minutes, root, Debian's package mirror) and reused until this script changes; LINK
# (the path the build's Jib configuration reads) is pointed at it.
set -euo pipefail

CACHE_DIR="${1:?usage: base-image.sh CACHE_DIR LINK}"
LINK="${2:?usage: base-image.sh CACHE_DIR LINK}"
SUITE="${WIDEROW_DEBIAN_SUITE:-bookworm}"
MIRROR="${WIDEROW_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
PACKAGES=openjdk-17-jre-headless,ca-certificates
UID_GID=10001

die() { echo "base-image: $*" >&2; exit 1; }
link() { mkdir -p "${LINK%/*}"; ln -sfn "$1" "$LINK"; }

mkdir -p "$CACHE_DIR"
CACHE_DIR="$(cd "$CACHE_DIR" && pwd)"
HASH="$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-12)"
OUT="$CACHE_DIR/widerow-base-$SUITE-$HASH.tar"
if [[ -s "$OUT" ]]; then
  echo "base-image: cached $OUT" >&2
  link "$OUT"
  exit 0
fi
[[ "$(id -u)" == 0 ]] || die "debootstrap needs root; run as root (or set -Dwiderow.image.base=FILE)"
command -v debootstrap >/dev/null || die "debootstrap is missing: apt-get install -y debootstrap"

WORK="$(mktemp -d "$CACHE_DIR/base-image.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
ROOTFS="$WORK/rootfs"

echo "base-image: debootstrap $SUITE ($PACKAGES) from $MIRROR" >&2
debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$ROOTFS" "$MIRROR" \
  >"$WORK/debootstrap.log" 2>&1 || { tail -30 "$WORK/debootstrap.log" >&2; die "debootstrap failed"; }

chroot "$ROOTFS" groupadd --gid "$UID_GID" widerow
chroot "$ROOTFS" useradd --uid "$UID_GID" --gid "$UID_GID" --home-dir /home/widerow \
  --create-home --shell /usr/sbin/nologin widerow
mkdir -p "$ROOTFS/etc/widerow/secrets" "$ROOTFS/var/lib/widerow"
chroot "$ROOTFS" chown widerow:widerow /var/lib/widerow
# What a running service never needs: package caches and lists, docs, and device nodes (the
# container runtime mounts /dev).
rm -rf "$ROOTFS"/var/cache/apt/archives/*.deb "$ROOTFS"/var/lib/apt/lists/* \
  "$ROOTFS"/usr/share/doc/* "$ROOTFS"/usr/share/man/* "$ROOTFS"/usr/share/info/* \
  "$ROOTFS"/var/log/* "$ROOTFS"/dev/* "$ROOTFS"/proc/* "$ROOTFS"/sys/* "$ROOTFS"/tmp/*

tar --numeric-owner --sort=name --mtime=@0 -C "$ROOTFS" -cf "$WORK/layer.tar" .
DIFF_ID="sha256:$(sha256sum "$WORK/layer.tar" | cut -d' ' -f1)"
gzip -n -1 "$WORK/layer.tar"
JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64

mkdir "$WORK/archive"
mv "$WORK/layer.tar.gz" "$WORK/archive/layer.tar.gz"
cat >"$WORK/archive/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"User":"10001:10001","WorkingDir":"/var/lib/widerow",
  "Env":["PATH=$JAVA_HOME/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
         "JAVA_HOME=$JAVA_HOME","LANG=C.UTF-8"]},
 "rootfs":{"type":"layers","diff_ids":["$DIFF_ID"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"debootstrap --variant=minbase --include=$PACKAGES $SUITE"}]}
JSON
cat >"$WORK/archive/manifest.json" <<JSON
[{"Config":"config.json","RepoTags":["localhost/widerow-base:$SUITE"],"Layers":["layer.tar.gz"]}]
JSON
tar -C "$WORK/archive" -cf "$OUT.partial" manifest.json config.json layer.tar.gz
mv "$OUT.partial" "$OUT"
link "$OUT"
echo "base-image: wrote $OUT ($(du -h "$OUT" | cut -f1))" >&2
