#!/usr/bin/env bash
# Installs the Debian packages named on the command line that are missing, with apt-get as root.
# Packaged services never start system-wide instances: MagentoCloud runs its own, unprivileged.
# Not root and something missing: says exactly what to install, and fails.
#   build/install-packages.sh PACKAGE...
set -euo pipefail

missing=()
for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
((${#missing[@]})) || exit 0

if [[ $(id -u) -ne 0 ]]; then
    echo "Missing Debian packages: ${missing[*]}. Install them (sudo apt-get install ${missing[*]}) or run this as root." >&2
    exit 1
fi
echo "==> Installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
policy_rc=/usr/sbin/policy-rc.d
created_policy=0
if [[ ! -e $policy_rc ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy_rc"; chmod 755 "$policy_rc"; created_policy=1
fi
trap '((created_policy)) && rm -f "$policy_rc"' EXIT
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
