# Finds libclang the way bindgen's clang-sys (1.x, `runtime` feature) does,
# so that we install libclang-dev exactly when the RocksDB build would fail.
# Sourced by scripts/env.sh and by tests/scripts.rs; defines functions only.
#
# clang-sys looks for these file names (never `libclang-cpp*`, the C++
# interface library that Debian ships on its own and bindgen cannot use):
#   libclang.so  libclang-*.so  libclang.so.*  libclang-*.so.*
# in: $LIBCLANG_PATH alone when it is set (a file or a directory); otherwise
# `llvm-config --prefix`/{bin,lib,lib64}, $LD_LIBRARY_PATH, $LIBRARY_PATH and
# the directory globs below. LANTAI_LIBCLANG_GLOBS (colon-separated) replaces
# those globs and LANTAI_LLVM_CONFIG the llvm-config command, so that a test
# can point the search at a fake directory.

LANTAI_LIBCLANG_DEFAULT_GLOBS="/usr/local/llvm*/lib*:/usr/local/lib*/*/*:/usr/local/lib*/*:/usr/local/lib*:/usr/lib*/*/*:/usr/lib*/*:/usr/lib*"

# Prints the libclang files found in directory $1 (one per line).
libclang_in_dir() {
  local dir="$1" f name
  [ -d "$dir" ] || return 0
  for f in "$dir"/libclang.so "$dir"/libclang-*.so "$dir"/libclang.so.* "$dir"/libclang-*.so.*; do
    [ -e "$f" ] || continue
    name="${f##*/}"
    case "$name" in *-cpp.*) continue ;; esac   # libclang-cpp.so.14: not libclang
    printf '%s\n' "$f"
  done
}

# Prints every libclang clang-sys would consider; returns 0 when there is one.
find_libclang() {
  local found="" dir pattern prefix
  if [ -n "${LIBCLANG_PATH:-}" ]; then
    if [ -f "$LIBCLANG_PATH" ]; then
      found="$(libclang_in_dir "$(dirname "$LIBCLANG_PATH")" | grep -Fx -- "$LIBCLANG_PATH" || true)"
    else
      found="$(libclang_in_dir "$LIBCLANG_PATH")"
    fi
  else
    local llvm_config="${LANTAI_LLVM_CONFIG:-llvm-config}"
    if command -v "$llvm_config" >/dev/null 2>&1; then
      prefix="$("$llvm_config" --prefix 2>/dev/null | head -n1)"
      if [ -n "$prefix" ]; then
        for dir in "$prefix/bin" "$prefix/lib" "$prefix/lib64"; do
          found+="$(libclang_in_dir "$dir")"$'\n'
        done
      fi
    fi
    local IFS=:
    for dir in ${LD_LIBRARY_PATH:-} ${LIBRARY_PATH:-}; do
      found+="$(libclang_in_dir "$dir")"$'\n'
    done
    for pattern in ${LANTAI_LIBCLANG_GLOBS:-$LANTAI_LIBCLANG_DEFAULT_GLOBS}; do
      unset IFS
      for dir in $pattern; do
        [ -d "$dir" ] && found+="$(libclang_in_dir "$dir")"$'\n'
      done
      IFS=:
    done
    unset IFS
  fi
  found="$(printf '%s\n' "$found" | sed '/^$/d' | sort -u)"
  [ -n "$found" ] || return 1
  printf '%s\n' "$found"
}
