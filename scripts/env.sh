# Shared set-up for scripts/demo.sh and scripts/test.sh (sourced, not run).
# - installs the one system package the build needs (libclang-dev, for the
#   bindgen step of oxigraph's RocksDB) when it is missing and we may; stops
#   before any compiling, with the command to run, when we may not (not root,
#   no apt-get, or LANTAI_INSTALL=0);
# - keeps the build outside the clone, so repeated runs reuse RocksDB's
#   C++ build (12-30 minutes on 2 cores); override with CARGO_TARGET_DIR.
set -euo pipefail
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/lantai/target}"
export RUST_BACKTRACE="${RUST_BACKTRACE:-0}"
source "$(dirname "${BASH_SOURCE[0]}")/libclang.sh"

if ! find_libclang >/dev/null; then
  if [ -n "${LIBCLANG_PATH:-}" ]; then
    echo "LIBCLANG_PATH=$LIBCLANG_PATH holds no libclang.so*: point it at libclang's directory, or unset it" >&2
    exit 2
  elif [ "${LANTAI_INSTALL:-1}" != 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing libclang-dev (bindgen needs libclang to build RocksDB's bindings; one time, about a minute)" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libclang-dev >&2
    if ! find_libclang >/dev/null; then
      echo "libclang-dev was installed but no libclang.so* was found; set LIBCLANG_PATH to its directory" >&2
      exit 2
    fi
  else
    echo "libclang is missing (bindgen needs it to build RocksDB's bindings). Install it, then run this again:" >&2
    echo "    sudo apt-get install libclang-dev      # Debian/Ubuntu" >&2
    echo "or set LIBCLANG_PATH to the directory that holds libclang.so" >&2
    exit 2
  fi
fi
