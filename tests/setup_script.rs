//! `scripts/setup.sh` decides whether libclang (for bindgen) is present. A fresh Debian machine
//! ships LLVM's `libclang-cpp.so.14`, which is not libclang: the script must not count it.

use std::path::Path;
use std::process::Command;

fn probe(dirs: &[&Path]) -> String {
    let joined: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
    let out = Command::new("bash")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/setup.sh"))
        .arg("--probe-libclang")
        .env("ROTAPLAN_LIBCLANG_DIRS", joined.join(" "))
        .output()
        .expect("bash runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn layout(files: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in files {
        std::fs::write(dir.path().join(f), b"").unwrap();
    }
    dir
}

#[test]
fn libclang_cpp_alone_is_not_libclang() {
    let d = layout(&["libclang-cpp.so.14", "libLLVM-14.so.1"]);
    assert_eq!(probe(&[d.path()]), "missing");
}

#[test]
fn every_name_bindgen_loads_counts() {
    for name in ["libclang.so", "libclang-14.so", "libclang.so.1", "libclang-14.so.1", "libclang-14.so.14.0.6"] {
        let d = layout(&["libclang-cpp.so.14", name]);
        assert_eq!(probe(&[d.path()]), "present", "{name}");
    }
}

#[test]
fn an_empty_machine_has_none() {
    let d = layout(&[]);
    assert_eq!(probe(&[d.path(), Path::new("/nonexistent-rotaplan")]), "missing");
}
