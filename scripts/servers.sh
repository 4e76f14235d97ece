# The SPARQL servers tests/remote.rs starts on loopback, and the headless
# Chromium tests/serve.rs opens the query page with (sourced by
# scripts/test.sh and .ci/run, after scripts/env.sh): Oxigraph server, whose
# PyPI package `oxigraph` ships its binary, and Virtuoso Open Source
# (Debian `virtuoso-opensource`; its service is never started, the tests run
# their own `virtuoso-t`). Installed when missing and we may (LANTAI_INSTALL
# not 0; apt-get needs root); otherwise the remote tests fail and say how.

# pip's scripts folder, where the `oxigraph` binary lands, on PATH
if command -v python3 >/dev/null; then
  LANTAI_PY_SCRIPTS="$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))' 2>/dev/null || true)"
  [ -n "$LANTAI_PY_SCRIPTS" ] && export PATH="$PATH:$LANTAI_PY_SCRIPTS"
fi

if ! oxigraph --version >/dev/null 2>&1 && [ "${LANTAI_INSTALL:-1}" != 0 ]; then
  if command -v python3 >/dev/null; then
    echo "installing Oxigraph server (pip install oxigraph: its binary, for the remote tests)" >&2
    python3 -m pip install -q --root-user-action=ignore oxigraph==0.5.13 >&2 || echo "pip install oxigraph failed" >&2
    command -v pyenv >/dev/null && pyenv rehash >/dev/null 2>&1 || true
    hash -r
  else
    echo "no python3 to install Oxigraph server with (pip install oxigraph)" >&2
  fi
fi

if ! { command -v virtuoso-t && [ -f /etc/virtuoso-opensource-7/virtuoso.ini ]; } >/dev/null 2>&1 && [ "${LANTAI_INSTALL:-1}" != 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing Virtuoso Open Source (apt-get install virtuoso-opensource, for the remote tests)" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource >&2 \
      || echo "apt-get install virtuoso-opensource failed" >&2
  else
    echo "Virtuoso is missing: sudo apt-get install virtuoso-opensource (for the remote tests)" >&2
  fi
fi

if ! { command -v chromium || command -v chromium-browser; } >/dev/null 2>&1 && [ "${LANTAI_INSTALL:-1}" != 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing Chromium (apt-get install chromium, for the query page test)" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2 || echo "apt-get install chromium failed" >&2
  else
    echo "Chromium is missing: sudo apt-get install chromium (for the query page test)" >&2
  fi
fi
