//! `pyc_check [--jobs N] PATH...`: what `pyc check` does, through
//! [`compiler::check::check_paths`] (parallel over files, reports in file order on stderr,
//! exit status 1 if any file failed). Used to time the check before the CLI adopts it.
fn main() {
    let mut jobs = 0;
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--jobs" {
            jobs = args.next().and_then(|v| v.parse().ok()).unwrap_or(0);
        } else {
            paths.push(std::path::PathBuf::from(a));
        }
    }
    let s = compiler::check::check_paths(&paths, jobs, &mut std::io::stderr().lock());
    std::process::exit(if s.ok() { 0 } else { 1 });
}
