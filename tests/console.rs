//! The binary with stderr on a terminal, as kansliet starts it from a console
//! or by a double-click: the progress bar draws there from the reading
//! threads while the command runs, and the run still ends. (`main` once held
//! stderr locked for the whole run, so the first draw from another thread
//! waited for ever; scripts/windows-test checks the same under Wine.)
#![cfg(unix)]

use std::io::Read;
use std::os::fd::{FromRawFd, OwnedFd};
use std::path::Path;
use std::process::{Command, Stdio};

/// A pseudo-terminal: (the side we read, the side the program writes to).
fn pty() -> (std::fs::File, OwnedFd) {
    let (mut reader, mut terminal) = (-1, -1);
    let made = unsafe {
        libc::openpty(
            &mut reader,
            &mut terminal,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
        )
    };
    assert_eq!(made, 0, "openpty: {}", std::io::Error::last_os_error());
    unsafe { (std::fs::File::from_raw_fd(reader), OwnedFd::from_raw_fd(terminal)) }
}

#[test]
fn a_run_with_its_progress_bar_on_a_terminal_ends_and_shows_the_bar() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let (mut screen, terminal) = pty();
    let mut child = Command::new(env!("CARGO_BIN_EXE_uppfoljning"))
        .arg("kontrollera")
        .arg("--register")
        .arg(samples.join("register.xlsx"))
        .arg(samples.join("rapporter"))
        .env_remove("CI")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::from(terminal))
        .spawn()
        .unwrap();
    // What reaches the terminal, read as it comes so the program never waits
    // for room; the read ends when the program (the last writer) has ended.
    let drawn = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let mut buffer = [0; 4096];
        while let Ok(n @ 1..) = screen.read(&mut buffer) {
            bytes.extend_from_slice(&buffer[..n]);
        }
        bytes
    });
    let mut stdout = String::new();
    child.stdout.take().unwrap().read_to_string(&mut stdout).unwrap();
    // A deadlocked run would stop here, and the test with it, rather than pass.
    let status = child.wait().unwrap();
    let drawn = String::from_utf8_lossy(&drawn.join().unwrap()).into_owned();

    assert_eq!(status.code(), Some(1), "the samples hold the memo's two Fel\n{stdout}");
    assert!(drawn.contains("Läser rapporter"), "the bar was not drawn: {drawn:?}");
    assert!(stdout.contains("Godkänd"), "{stdout}");
}
