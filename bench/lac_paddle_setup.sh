#!/usr/bin/env bash
# Set up Baidu LAC 2.1.2 (PaddlePaddle 1.8.5) in a Python 3.8 venv, to measure
# Paddle LAC's own speed next to lantai's Rust port (bench/lac_paddle.py).
# Idempotent: re-running reuses the venv and skips installed packages.
#
# Usage: bench/lac_paddle_setup.sh
# Environment: LANTAI_LAC_VENV (default $HOME/.cache/lantai/lac-py38).
# Needs PyPI. Why these pins: paddlepaddle 1.8.5 has wheels only up to
# cp38; numpy>=1.24 dropped np.bool/np.int that paddle 1.8 uses; protobuf>=3.21
# breaks paddle 1.8's generated *_pb2 modules. lac 2.1.2 is an sdist that
# ships its model.
set -euo pipefail

VENV=${LANTAI_LAC_VENV:-$HOME/.cache/lantai/lac-py38}

# Find a Python 3.8: python3.8 on PATH first, then pyenv's builds.
PY=
if command -v python3.8 >/dev/null 2>&1 && python3.8 -c 'import sys; assert sys.version_info[:2] == (3, 8)' 2>/dev/null; then
  PY=$(command -v python3.8)
else
  for p in "$HOME"/.pyenv/versions/3.8*/bin/python; do
    [ -x "$p" ] && PY=$p
  done
fi
if [ -z "$PY" ]; then
  echo "error: Python 3.8 not found (no python3.8 on PATH, no ~/.pyenv/versions/3.8*/bin/python)." >&2
  echo "       paddlepaddle 1.8.5 has no wheels for newer Pythons; install 3.8 (e.g. 'pyenv install 3.8')." >&2
  exit 1
fi

# Create the venv unless one with Python 3.8 is already there.
if ! "$VENV/bin/python" -c 'import sys; assert sys.version_info[:2] == (3, 8)' 2>/dev/null; then
  echo "creating venv $VENV with $PY"
  rm -rf "$VENV"
  "$PY" -m venv "$VENV"
fi

# Install the pinned set in one resolution (pip skips what is already satisfied).
"$VENV/bin/python" -m pip install -q --disable-pip-version-check \
  'paddlepaddle==1.8.5' 'numpy<1.24' 'protobuf<3.21' 'lac==2.1.2'

# Smoke test: load the bundled model and tag one sentence.
"$VENV/bin/python" - <<'PY'
from LAC import LAC
print(LAC(mode="lac").run("沈阳市档案馆馆长张春风致辞。"))
PY
echo "ok: LAC 2.1.2 ready in $VENV (run: $VENV/bin/python bench/lac_paddle.py)"
