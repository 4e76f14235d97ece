#!/usr/bin/env bash
# Build lantai, read the sample corpus into ./lantai-store and answer a query.
cd "$(dirname "$0")/.."
source scripts/env.sh
cargo build --release
bin="$CARGO_TARGET_DIR/release/lantai"
rm -rf lantai-store
"$bin" ingest --store lantai-store corpus/seeds
"$bin" query --store lantai-store people-posts
