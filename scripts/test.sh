#!/usr/bin/env bash
# Run every test (unit tests beside the rules, integration tests on the real
# binary, the eval regression floor) in the release profile: the same build
# as the binary, so RocksDB compiles once.
cd "$(dirname "$0")/.."
source scripts/env.sh
source scripts/servers.sh   # Oxigraph server and Virtuoso, for tests/remote.rs
cargo test --release "$@"
