# shellcheck shell=bash
# Sourced by with-env.sh --for-tests: Debian's Chromium for the browser test (test/compat/
# browser.test.ts drives it with playwright-core, which brings no browser of its own). Installed
# once per machine; RSJ_CHROMIUM names it for the tests.
chromium_bin=${RSJ_CHROMIUM:-/usr/bin/chromium}
if [[ ! -x $chromium_bin ]]; then
  chromium_bin=/usr/bin/chromium
  echo "installing Debian's chromium for the browser test" >&2
  if [[ $(id -u) -eq 0 ]]; then apt_get=(apt-get); else apt_get=(sudo apt-get); fi
  "${apt_get[@]}" update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y -qq chromium >&2
fi
export RSJ_CHROMIUM=$chromium_bin
