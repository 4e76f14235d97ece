//! Tests of the set-up scripts: `scripts/libclang.sh` must find libclang
//! exactly where bindgen's clang-sys would, so that `scripts/env.sh` installs
//! `libclang-dev` whenever the RocksDB build would otherwise fail. Each test
//! points the search at a fake library folder (LANTAI_LIBCLANG_GLOBS) with
//! llvm-config and the loader's path variables out of the way.

use std::fs;
use std::path::Path;
use std::process::Command;
use tempfile::TempDir;

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/libclang.sh");

/// Runs `find_libclang` with the search limited to `dir`; returns (found?, stdout).
fn find_in(dir: &Path, libclang_path: Option<&Path>) -> (bool, String) {
    let mut cmd = Command::new("bash");
    cmd.arg("-c")
        .arg(format!("source '{SCRIPT}'; find_libclang"))
        .env("LANTAI_LIBCLANG_GLOBS", dir)
        .env("LANTAI_LLVM_CONFIG", "lantai-no-such-llvm-config")
        .env_remove("LD_LIBRARY_PATH")
        .env_remove("LIBRARY_PATH")
        .env_remove("LIBCLANG_PATH");
    if let Some(p) = libclang_path {
        cmd.env("LIBCLANG_PATH", p);
    }
    let out = cmd.output().expect("bash runs");
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned())
}

fn lib_dir(files: &[&str]) -> TempDir {
    let dir = TempDir::new().unwrap();
    for f in files {
        fs::write(dir.path().join(f), b"\x7fELF").unwrap();
    }
    dir
}

#[test]
fn libclang_cpp_alone_is_not_libclang() {
    // The fresh-machine failure: Debian's image ships libclang-cpp14 only.
    let dir = lib_dir(&["libclang-cpp.so.14", "libclang-cpp.so", "libLLVM-14.so.1"]);
    let (found, out) = find_in(dir.path(), None);
    assert!(!found, "libclang-cpp must not count as libclang, found: {out}");
    assert!(out.trim().is_empty());
}

#[test]
fn every_name_clang_sys_accepts_is_found() {
    for name in ["libclang.so", "libclang-14.so", "libclang.so.1", "libclang-14.so.1", "libclang-14.0.6.so"] {
        let dir = lib_dir(&["libclang-cpp.so.14", name]);
        let (found, out) = find_in(dir.path(), None);
        assert!(found, "{name} not found");
        let listed: Vec<&str> = out.lines().collect();
        assert_eq!(listed, [dir.path().join(name).to_str().unwrap()], "only {name} is libclang");
    }
}

#[test]
fn globs_are_expanded_like_clang_sys_directory_patterns() {
    // /usr/lib/llvm-*/lib is reached through the pattern /usr/lib*/*/* there.
    let root = TempDir::new().unwrap();
    let lib = root.path().join("llvm-14").join("lib");
    fs::create_dir_all(&lib).unwrap();
    fs::write(lib.join("libclang.so.1"), b"").unwrap();
    let (found, out) = find_in(&root.path().join("llvm-*/lib"), None);
    assert!(found, "{out}");
    assert!(out.contains("llvm-14/lib/libclang.so.1"));
}

#[test]
fn libclang_path_alone_is_searched_when_set() {
    let elsewhere = lib_dir(&["libclang.so.1"]);
    let empty = lib_dir(&["libclang-cpp.so.14"]);
    // Set to a folder without libclang: clang-sys looks nowhere else, nor do we.
    assert!(!find_in(elsewhere.path(), Some(empty.path())).0);
    // Set to the folder, or to the file itself.
    assert!(find_in(empty.path(), Some(elsewhere.path())).0);
    assert!(find_in(empty.path(), Some(&elsewhere.path().join("libclang.so.1"))).0);
    assert!(!find_in(elsewhere.path(), Some(&empty.path().join("libclang-cpp.so.14"))).0);
}

#[test]
fn env_stops_before_compiling_with_the_command_to_run_when_it_may_not_install() {
    let empty = lib_dir(&["libclang-cpp.so.14"]);
    let env_sh = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/env.sh");
    let out = Command::new("bash")
        .arg("-c")
        .arg(format!("source '{env_sh}'; echo reached-the-build"))
        .env("LANTAI_LIBCLANG_GLOBS", empty.path())
        .env("LANTAI_LLVM_CONFIG", "lantai-no-such-llvm-config")
        .env("LANTAI_INSTALL", "0")
        .env_remove("LD_LIBRARY_PATH")
        .env_remove("LIBRARY_PATH")
        .env_remove("LIBCLANG_PATH")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(!stdout.contains("reached-the-build"));
    assert!(stderr.contains("apt-get install libclang-dev"), "{stderr}");
}
