# shellcheck shell=bash
# Sourced by with-env.sh --for-tests: the Python side of the Rasa compatibility tests (test/compat/).
# One virtualenv per pinned requirements file, from PyPI, cached under $RSJ_CACHE/venvs and named
# after the file's hash, so a changed pin builds a new one and a warm run only checks a stamp file.
# The tests find each interpreter through the variable exported here.
#   RSJ_PYJWT_NEWEST_PYTHON  PyJWT 2.15.1, as rasa-pro 3.21 resolves it
#   RSJ_PYJWT_OLDEST_PYTHON  PyJWT 2.0.0, the oldest any Rasa 3.x allows
#   RSJ_RASA_PYTHON          rasa-pro 3.21.0 (about 1.3 GB, three minutes cold), real Rasa's channel
# RSJ_BASE_PYTHON picks the interpreter the venvs are made from (default python3; rasa-pro needs 3.11+).
# What venv, pip and apt say goes to a log beside each venv (<venv>.log) and to
# $RSJ_CACHE/python-venv-apt.log; the terminal gets a line per step and one every 30 seconds.

: "${repo:?is set by scripts/with-env.sh, which sources this file}"
# shellcheck source=scripts/quiet.sh
source "$repo/scripts/quiet.sh"
compat_dir="$repo/test/compat"
base_python=${RSJ_BASE_PYTHON:-python3}

python_ok() { "$base_python" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; }
# Debian's own python3 comes without ensurepip until python3-venv is installed.
if ! python_ok && [[ $(command -v "$base_python") == /usr/bin/python3 ]]; then
  if [[ $(id -u) -eq 0 ]]; then apt_get=(apt-get); else apt_get=(sudo apt-get); fi
  venv_apt_log=$RSJ_CACHE/python-venv-apt.log
  QUIET_TAG=python quiet_run "$venv_apt_log" "apt-get update" "${apt_get[@]}" update -qq || return 1
  mapfile -t venv_adds < <("${apt_get[@]}" install -s python3-venv 2>>"$venv_apt_log" | awk '/^Inst /{ print $2 }')
  echo "[python] installing Debian's python3-venv for the compatibility tests (set RSJ_BASE_PYTHON to a Python of your own); apt adds or upgrades ${#venv_adds[@]} packages: ${venv_adds[*]}" >&2
  QUIET_TAG=python quiet_run "$venv_apt_log" "apt-get install python3-venv" env DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y -qq python3-venv || return 1
fi
if ! python_ok; then
  echo "test/compat needs Python >= 3.11 with venv and ensurepip as $base_python (set RSJ_BASE_PYTHON)" >&2
  return 1
fi

# Prints the python of a venv with the requirements in $2, building it first if needed.
compat_venv() {
  local name=$1 requirements=$2
  local sha dir
  sha=$(sha256sum "$requirements" | cut -c1-12)
  dir="$RSJ_CACHE/venvs/$name-$sha"
  # The stamp is written last: a venv whose install was cut short is built again from nothing.
  if [[ ! -f $dir/.complete ]] || ! "$dir/bin/python" -c '' 2>/dev/null; then
    # Called in $(...), where errexit does not apply: every step checks its own status.
    rm -rf "$dir" "$dir.log" && mkdir -p "$RSJ_CACHE/venvs" &&
      QUIET_TAG=python quiet_run "$dir.log" "$name: python -m venv" "$base_python" -m venv "$dir" &&
      QUIET_TAG=python quiet_run "$dir.log" "$name: pip install -r $(basename "$requirements")" \
        "$dir/bin/python" -m pip install --no-input --disable-pip-version-check --progress-bar off -r "$requirements" &&
      touch "$dir/.complete" || return 1
  fi
  echo "$dir/bin/python"
}

RSJ_PYJWT_NEWEST_PYTHON=$(compat_venv pyjwt-newest "$compat_dir/requirements-newest.txt")
RSJ_PYJWT_OLDEST_PYTHON=$(compat_venv pyjwt-oldest "$compat_dir/requirements-oldest.txt")
RSJ_RASA_PYTHON=$(compat_venv rasa-pro "$compat_dir/requirements-rasa-pro.txt")
export RSJ_PYJWT_NEWEST_PYTHON RSJ_PYJWT_OLDEST_PYTHON RSJ_RASA_PYTHON
