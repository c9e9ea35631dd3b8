#!/usr/bin/env bash
# The test command: installs what the tests need beyond JDK 17, Maven and Python 3 (xmllint, from
# Debian's libxml2-utils, to check generated XML), then runs the whole build with its tests.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
if ! command -v xmllint >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing libxml2-utils (xmllint)" >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml2-utils >/dev/null
  else
    echo "test.sh: xmllint is missing and cannot be installed here (need root and apt-get)" >&2
    exit 1
  fi
fi
exec mvn -B -ntp verify "$@"
