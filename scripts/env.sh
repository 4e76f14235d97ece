# Shared set-up for scripts/demo.sh and scripts/test.sh (sourced, not run).
# - installs the one system package the build needs (libclang, for the
#   bindgen step of oxigraph's RocksDB) when it is missing and we may;
# - keeps the build outside the clone, so repeated runs reuse RocksDB's
#   20-minute C++ build; override with CARGO_TARGET_DIR.
set -euo pipefail
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/lantai/target}"
export RUST_BACKTRACE="${RUST_BACKTRACE:-0}"

have_libclang() {
  ls /usr/lib/llvm-*/lib/libclang*.so* >/dev/null 2>&1 || ls /usr/lib/x86_64-linux-gnu/libclang*.so* >/dev/null 2>&1
}

if ! have_libclang; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing libclang-dev (needed to build RocksDB's bindings)" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libclang-dev >&2
  else
    echo "libclang is missing: install your system's libclang-dev (Debian/Ubuntu: sudo apt-get install libclang-dev)" >&2
    exit 2
  fi
fi
