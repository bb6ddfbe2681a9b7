// The same areas from Rust's std (files, directories, metadata, rename,
// remove, env, args, time, sleep, stdin), as a second libc's view of WASI.
use std::fs;
use std::io::{Read, Seek, SeekFrom, Write};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    println!("args: {:?}", args);
    let mut vars: Vec<(String, String)> = std::env::vars().collect();
    vars.sort();
    println!("vars: {:?}", vars);

    fs::create_dir_all("r/s/t").unwrap();
    fs::write("r/s/t/data.txt", b"0123456789").unwrap();
    let mut f = fs::OpenOptions::new().read(true).write(true).open("r/s/t/data.txt").unwrap();
    f.seek(SeekFrom::Start(3)).unwrap();
    f.write_all(b"abc").unwrap();
    assert_eq!(f.stream_position().unwrap(), 6);
    f.seek(SeekFrom::Start(0)).unwrap();
    let mut s = String::new();
    f.read_to_string(&mut s).unwrap();
    println!("data: {}", s);
    f.set_len(4).unwrap();
    let md = f.metadata().unwrap();
    println!("len {} file {} dir {}", md.len(), md.is_file(), md.is_dir());
    drop(f);
    let mut opts = fs::OpenOptions::new();
    opts.append(true);
    let mut f = opts.open("r/s/t/data.txt").unwrap();
    f.write_all(b"+tail").unwrap();
    drop(f);
    println!("appended: {}", fs::read_to_string("r/s/t/data.txt").unwrap());

    for i in 0..5 {
        fs::write(format!("r/s/f{}", i), format!("{}", i)).unwrap();
    }
    let mut names: Vec<String> = fs::read_dir("r/s")
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    println!("r/s: {:?}", names);
    fs::rename("r/s/f0", "r/moved").unwrap();
    fs::remove_file("r/s/f1").unwrap();
    fs::hard_link("r/moved", "r/hard").unwrap();
    println!("moved: {}", fs::read_to_string("r/hard").unwrap());
    let err = fs::read("r/s/f1").unwrap_err();
    println!("missing: {:?}", err.kind());
    let err = fs::read("../escape").unwrap_err();
    println!("escape: {}", err.raw_os_error().is_some());
    println!("remove non-empty: {}", fs::remove_dir("r/s").is_err());
    fs::remove_dir_all("r/s/t").unwrap();
    println!("t exists: {}", fs::metadata("r/s/t").is_ok());
    let m = fs::metadata("r/moved").unwrap();
    let age = SystemTime::now().duration_since(m.modified().unwrap()).unwrap();
    println!("fresh: {}", age < Duration::from_secs(600));

    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    println!("after 2020: {}", now.as_secs() > 1_577_836_800);
    let t0 = Instant::now();
    std::thread::sleep(Duration::from_millis(30));
    println!("slept: {}", t0.elapsed() >= Duration::from_millis(30));

    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).unwrap();
    println!("stdin: {} lines", input.lines().count());
    if args.iter().any(|a| a == "fail") {
        std::process::exit(9);
    }
}
