//! Proof that a run changed nothing: a folder's tree with every file's bytes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Every file under `dir` with its bytes, and every folder (as `None`).
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.insert(path.clone(), None);
            files.extend(snapshot(&path));
        } else {
            files.insert(path.clone(), Some(std::fs::read(&path).unwrap()));
        }
    }
    files
}
