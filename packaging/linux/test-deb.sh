#!/usr/bin/env bash
# Builds the Debian package, validates its desktop entry and AppStream
# metainfo, installs it with dpkg, starts the installed app under Xvfb and
# waits for its window, then removes the package. Needs root (dpkg -i),
# cargo-deb, desktop-file-utils, appstream, Xvfb and xdotool.
#   packaging/linux/test-deb.sh            # release profile
#   PROFILE=dist packaging/linux/test-deb.sh   # the shipping build
set -euo pipefail
cd "$(dirname "$0")/../.."
profile=${PROFILE:-release}

desktop-file-validate packaging/linux/pyroadmap.desktop
appstreamcli validate --no-net packaging/linux/pyroadmap.metainfo.xml

if [ "$profile" = release ]; then
  cargo deb
else
  cargo deb --profile "$profile"
fi
target=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
deb=$(ls -t "$target"/debian/pyroadmap_*.deb | head -1)
echo "package: $deb ($(du -h "$deb" | cut -f1))"

dpkg -i "$deb"
trap 'dpkg -r pyroadmap >/dev/null 2>&1 || true' EXIT
for file in /usr/bin/pyroadmap /usr/share/applications/pyroadmap.desktop \
    /usr/share/metainfo/io.github.pyroadmap.pyroadmap.metainfo.xml \
    /usr/share/icons/hicolor/scalable/apps/pyroadmap.svg \
    /usr/share/icons/hicolor/16x16/apps/pyroadmap.png \
    /usr/share/icons/hicolor/512x512/apps/pyroadmap.png; do
  test -e "$file" || { echo "missing after install: $file"; exit 1; }
done
echo "binary: $(du -h /usr/bin/pyroadmap | cut -f1)"

display=:93
Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb=$!
sleep 1.5
data=$(mktemp -d)
DISPLAY=$display XDG_RUNTIME_DIR=$(mktemp -d) /usr/bin/pyroadmap --data-dir "$data" >/dev/null 2>&1 &
app=$!
found=0
for _ in $(seq 1 40); do
  if DISPLAY=$display xdotool search --name '^pyroadmap' >/dev/null 2>&1; then found=1; break; fi
  sleep 0.5
done
kill "$app" 2>/dev/null || true
kill "$xvfb" 2>/dev/null || true
rm -rf "$data"
if [ "$found" = 1 ]; then
  echo "the installed pyroadmap opened its window"
else
  echo "the installed pyroadmap showed no window within 20 s"
  exit 1
fi
