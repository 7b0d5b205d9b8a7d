# shellcheck shell=bash
# Sourced by with-env.sh --for-tests: Debian's Chromium for the browser tests (test/compat/,
# test/e2e/ drive it with playwright-core, which brings no browser of its own, and its download
# site is out of reach here). This is the one system package the tests add to a machine (the test
# bed's own are in scripts/testbed/node-packages.sh), so it is named in README.md and the packages
# apt would add are printed before anything is installed. Set RSJ_CHROMIUM to a Chromium of your
# own to skip it. apt's chatter goes to $RSJ_CACHE/chromium-apt.log.
chromium_bin=${RSJ_CHROMIUM:-/usr/bin/chromium}
if [[ ! -x $chromium_bin ]]; then
  chromium_bin=/usr/bin/chromium
  if [[ $(id -u) -eq 0 ]]; then apt_get=(apt-get); else apt_get=(sudo apt-get); fi
  apt_log=$RSJ_CACHE/chromium-apt.log
  mkdir -p "$RSJ_CACHE"
  "${apt_get[@]}" update -qq >"$apt_log" 2>&1
  mapfile -t chromium_adds < <("${apt_get[@]}" install -s chromium 2>>"$apt_log" | awk '/^Inst /{ print $2 }')
  echo "[chromium] installing Debian's chromium for the browser tests (set RSJ_CHROMIUM to use your own); apt adds or upgrades ${#chromium_adds[@]} packages: ${chromium_adds[*]}" >&2
  DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y -qq chromium >>"$apt_log" 2>&1 ||
    { echo "[chromium] apt-get install chromium failed; its output is in $apt_log" >&2; tail -n 20 "$apt_log" >&2; return 1; }
  echo "[chromium] installed $("$chromium_bin" --version 2>/dev/null || echo chromium)" >&2
fi
export RSJ_CHROMIUM=$chromium_bin
