#!/bin/sh
# System packages the test suite uses: Chromium (browser tests) and a CJK font
# (Chinese in figures). Installed with apt-get when run as root on Debian/Ubuntu;
# elsewhere, the tests that need them say so and skip.
set -eu
need=""
command -v chromium >/dev/null 2>&1 || need="$need chromium"
if ! fc-list 2>/dev/null | grep -qiE 'Noto Sans CJK|WenQuanYi'; then
  need="$need fonts-noto-cjk fontconfig"
fi
[ -z "$need" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages:$need"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  # shellcheck disable=SC2086
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $need >/dev/null
else
  echo "Note: missing system packages:$need (install them to run every test)." >&2
fi
