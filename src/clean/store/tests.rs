use super::*;

#[test]
fn a_file_is_cleaned_once_by_content_and_checked_when_made_again() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    std::fs::write(&a, "samma text").unwrap();
    std::fs::write(&b, "samma text").unwrap();
    let store = Store::new();
    let first = store.clean_file(&a).unwrap();
    assert!(
        Arc::ptr_eq(&first, &store.clean_file(&a).unwrap()),
        "found again by path"
    );
    assert!(
        Arc::ptr_eq(&first, &store.clean_file(&b).unwrap()),
        "found again by content"
    );
    assert_eq!(store.bytes(&a).unwrap().as_slice(), b"samma text");
    // Changed after the guard read it: not published until read again.
    std::fs::write(&a, "ny text, längre").unwrap();
    assert!(matches!(store.bytes(&a), Err(StoreError::Changed)));
    store.clean_file(&a).unwrap();
    assert_eq!(
        store.bytes(&a).unwrap().as_slice(),
        "ny text, längre".as_bytes()
    );
    store.retain(&[b.as_path()]);
    assert_eq!(lock(&store.by_hash).len(), 1);
    assert!(
        matches!(store.clean_file(&dir.path().join("x.html")), Err(StoreError::Kind(k)) if k == ".html")
    );

    // Past the limit, a copy is made again when written, from a source
    // that must still be the one checked.
    let small = Store::with_limit(4);
    let done = small.clean_file(&b).unwrap();
    assert!(done.bytes.is_none());
    assert_eq!(small.bytes(&b).unwrap().as_slice(), b"samma text");
    let c = dir.path().join("c.txt");
    std::fs::write(&c, "första").unwrap();
    small.clean_file(&c).unwrap();
    // Same size and a forged time: the stamp matches, the content not.
    let t = std::fs::metadata(&c).unwrap().modified().unwrap();
    std::fs::write(&c, "andra!!").unwrap();
    std::fs::File::options()
        .write(true)
        .open(&c)
        .unwrap()
        .set_modified(t)
        .unwrap();
    assert!(matches!(small.bytes(&c), Err(StoreError::Changed)));
    // A file never read before is cleaned when it is published.
    let d = dir.path().join("d.txt");
    std::fs::write(&d, "bild").unwrap();
    assert_eq!(small.bytes(&d).unwrap().as_slice(), b"bild");
}

/// The entries of text files in the cache of the site at `root`.
fn entries(root: &Path) -> Vec<PathBuf> {
    let dir = root.join(crate::clean::cache::DIR).join("clean");
    let dir = dir.join(crate::clean::cache::version());
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
}

#[test]
fn copies_are_kept_on_disk_between_runs_and_made_again_when_damaged() {
    use crate::clean::cache::{Disk, Meta};
    let site = tempfile::tempdir().unwrap();
    let (root, a) = (site.path(), site.path().join("a.txt"));
    std::fs::write(&a, "källtext").unwrap();

    // A first run cleans the file. Nothing to remove: the copy is the
    // source, so the entry records that and holds no second copy, and the
    // copy is read from the source (checked by its hash) when written.
    let first = Store::for_site(root);
    let done = first.clean_file(&a).unwrap();
    assert!(done.same && !done.on_disk && done.bytes.is_none());
    assert_eq!(first.bytes(&a).unwrap().as_slice(), "källtext".as_bytes());
    first.retain(&[a.as_path()]);
    let [entry] = entries(root).try_into().unwrap();
    let len = std::fs::metadata(&entry).unwrap().len();
    assert!(len < 200, "{len} bytes");
    let again = Store::for_site(root);
    assert!(again.clean_file(&a).unwrap().same);
    assert_eq!(again.bytes(&a).unwrap().as_slice(), "källtext".as_bytes());
    std::fs::write(&a, "källtexT").unwrap();
    assert!(matches!(again.bytes(&a), Err(StoreError::Changed)));
    std::fs::write(&a, "källtext").unwrap();

    // A later run reads what the entry says: an entry put there by hand
    // for the file's hash is what it gets.
    let disk = Disk::of_site(root);
    let meta = Meta {
        removed: Removed::default(),
        hidden: Vec::new(),
        text: Some("ur cachen".into()),
    };
    assert!(disk.put(
        &hash("källtext".as_bytes()),
        Kind::Text,
        &meta,
        b"cachad kopia"
    ));
    let second = Store::for_site(root);
    assert_eq!(
        second.clean_file(&a).unwrap().text.as_deref(),
        Some("ur cachen")
    );
    // Its copy damaged: made again from the source, and written anew.
    let mut bytes = std::fs::read(&entry).unwrap();
    *bytes.last_mut().unwrap() ^= 0x20;
    std::fs::write(&entry, bytes).unwrap();
    assert_eq!(second.bytes(&a).unwrap().as_slice(), "källtext".as_bytes());
    let third = Store::for_site(root);
    assert_eq!(
        third.clean_file(&a).unwrap().text.as_deref(),
        Some("källtext")
    );
    assert_eq!(third.bytes(&a).unwrap().as_slice(), "källtext".as_bytes());

    // A stamp recorded by an earlier run: the file is not read again (the
    // hash recorded, here another file's, is what is looked up).
    let b = root.join("b.txt");
    std::fs::write(&b, "annan text").unwrap();
    let other = hash(b"annan text");
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(3600);
    let stamps = entry.with_file_name(crate::clean::cache::STAMPS);
    let stamp = Stamp::of_path(&a).unwrap();
    crate::clean::stamp::write(&stamps, &[(a.clone(), stamp, other)], later);
    assert!(disk.put(&other, Kind::Text, &meta, b"b:s kopia"));
    let fourth = Store::for_site(root);
    assert_eq!(fourth.bytes(&a).unwrap().as_slice(), b"b:s kopia");
    // Once the file changes, its stamp does too.
    std::fs::write(&a, "ny källtext").unwrap();
    let fifth = Store::for_site(root);
    assert_eq!(
        fifth.bytes(&a).unwrap().as_slice(),
        "ny källtext".as_bytes()
    );

    // The cache keeps what the last run used.
    fifth.retain(&[a.as_path()]);
    assert_eq!(entries(root).len(), 1);
    fifth.retain(&[]);
    assert!(entries(root).is_empty());
}
