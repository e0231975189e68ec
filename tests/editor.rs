//! The end-to-end test with a real editor (SPEC 3.4): headless Neovim opens a contract of
//! a fixture repository and shows cairn's findings through its built-in LSP client, then
//! clears them as the missing section is typed. `.ci/run` installs Neovim and sets
//! `CAIRN_REQUIRE_NVIM`, so there the test cannot pass without running; elsewhere it says
//! it was skipped when Neovim is missing.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::copy_fixture;

#[test]
fn neovim_shows_the_findings_as_the_manager_types() {
    if Command::new("nvim").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("CAIRN_REQUIRE_NVIM").is_none(),
            "CAIRN_REQUIRE_NVIM is set but there is no nvim on the PATH"
        );
        eprintln!("skipped: no nvim on the PATH (apt-get install neovim to run it)");
        return;
    }
    let repo = copy_fixture("rules/missing-section");
    let out = repo.path().join("nvim-output.txt");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/editor/nvim.lua");
    let mut nvim = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-c"])
        .arg(format!("luafile {}", script.display()))
        .current_dir(repo.path())
        .env("CAIRN_BIN", env!("CARGO_BIN_EXE_cairn"))
        .env("CAIRN_FILE", repo.path().join("fail-end.md"))
        .env("CAIRN_ROOT", repo.path())
        .env("CAIRN_OUT", &out)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while nvim.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(90) {
            nvim.kill().unwrap();
            panic!("Neovim did not finish in 90 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let shown = std::fs::read_to_string(&out).expect("the script wrote what Neovim showed");
    assert_eq!(
        shown,
        "opened: true\n\
         36:1 missing required section \"Limitations\" (expected after \"Review cadence\")\n\
         after typing: true\n"
    );
}
