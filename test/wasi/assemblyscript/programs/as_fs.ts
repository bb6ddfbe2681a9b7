// AssemblyScript: files and directories through the raw wasi_snapshot_preview1
// bindings of @assemblyscript/wasi-shim (the shim itself has no file API).
// Expects one preopened directory as fd 3 (granted as "."). Prints a line per
// step with the values observed, so that the output can be compared exactly
// between wasmaot's modes and node:wasi; ends with "as_fs: N checks, 0 failed".
import {
  fd_prestat_get, fd_prestat_dir_name, path_open, fd_write, fd_read, fd_seek,
  fd_tell, fd_pread, fd_pwrite, fd_close, fd_filestat_get, fd_filestat_set_size,
  fd_readdir, fd_fdstat_get, path_create_directory, path_remove_directory,
  path_rename, path_unlink_file, path_symlink, path_readlink, path_filestat_get,
  oflags, rights, errno, prestat, filestat, fdstat, lookupflags, whence, filetype, fdflags
} from "bindings/wasi_snapshot_preview1";

let failed = 0;
let checks = 0;
function check(ok: bool, what: string): void {
  checks++;
  if (!ok) { failed++; console.log("FAIL " + what); }
}

const DIR: u32 = 3;
const out = memory.data(64);   // scratch for results
const iov = memory.data(16);

function cstr(s: string): ArrayBuffer { return String.UTF8.encode(s); }

// Rights: whatever the preopen may hand down (asking for more is NOTCAPABLE).
let inherit: u64 = 0;
function open(path: string, ofl: u16, fl: u16 = 0): i32 {
  let p = cstr(path);
  // Directories only for reading them (node's uvwasi opens a directory
  // asked for with write rights read-write, which fails with ISDIR).
  let base = ofl & oflags.DIRECTORY ? inherit & (rights.FD_READDIR | rights.FD_FILESTAT_GET) : inherit;
  let e = path_open(DIR, lookupflags.SYMLINK_FOLLOW, changetype<usize>(p), p.byteLength, ofl,
                    base, inherit, fl, out);
  return e ? -<i32>e : <i32>load<u32>(out);
}

function write(fd: u32, s: string): usize {
  let b = cstr(s);
  store<usize>(iov, changetype<usize>(b));
  store<usize>(iov, b.byteLength, 4);
  check(fd_write(fd, iov, 1, out) == errno.SUCCESS, "fd_write");
  return load<usize>(out);
}

function read(fd: u32, n: i32): string {
  let b = new ArrayBuffer(n);
  store<usize>(iov, changetype<usize>(b));
  store<usize>(iov, n, 4);
  check(fd_read(fd, iov, 1, out) == errno.SUCCESS, "fd_read");
  return String.UTF8.decodeUnsafe(changetype<usize>(b), load<usize>(out));
}

function size(fd: u32): u64 {
  check(fd_filestat_get(fd, changetype<filestat>(out)) == errno.SUCCESS, "fd_filestat_get");
  return load<u64>(out, 32);
}

function pathErr(f: string, path: string): u16 {
  let p = cstr(path);
  if (f == "mkdir") return path_create_directory(DIR, changetype<usize>(p), p.byteLength);
  if (f == "rmdir") return path_remove_directory(DIR, changetype<usize>(p), p.byteLength);
  if (f == "unlink") return path_unlink_file(DIR, changetype<usize>(p), p.byteLength);
  return path_filestat_get(DIR, 0, changetype<usize>(p), p.byteLength, changetype<filestat>(out));
}

function rename(a: string, b: string): u16 {
  let pa = cstr(a), pb = cstr(b);
  return path_rename(DIR, changetype<usize>(pa), pa.byteLength, DIR, changetype<usize>(pb), pb.byteLength);
}

function list(path: string): string {
  let fd = open(path, oflags.DIRECTORY);
  check(fd > 0, "open dir " + path + ": " + (-fd).toString());
  let buf = new ArrayBuffer(256);  // small: several calls, resumed by cookie
  let names = new Array<string>();
  let cookie: u64 = 0;
  while (true) {
    check(fd_readdir(fd, changetype<usize>(buf), 256, cookie, out) == errno.SUCCESS, "fd_readdir");
    let used = load<usize>(out);
    let pos: usize = 0;
    let last = false;
    // Stop at a partial entry; the next call resumes at the last cookie.
    while (pos + 24 <= used) {
      let ent = changetype<usize>(buf) + pos;
      let namlen = load<u32>(ent, 16);
      if (pos + 24 + namlen > used) break;
      let name = String.UTF8.decodeUnsafe(ent + 24, namlen);
      let t = load<u8>(ent, 20);
      if (name != "." && name != "..") names.push(name + (t == filetype.DIRECTORY ? "/" : t == filetype.SYMBOLIC_LINK ? "@" : ""));
      cookie = load<u64>(ent);
      pos += 24 + namlen;
    }
    if (used < 256) break;
  }
  fd_close(fd);
  names.sort();
  return names.join(" ");
}

// The preopen: a directory named ".".
check(fd_prestat_get(DIR, changetype<prestat>(out)) == errno.SUCCESS, "fd_prestat_get");
let nameLen = load<u32>(out, 4);
let nameBuf = new ArrayBuffer(nameLen);
check(fd_prestat_dir_name(DIR, changetype<usize>(nameBuf), nameLen) == errno.SUCCESS, "dir_name");
console.log("preopen: " + String.UTF8.decode(nameBuf));
check(fd_fdstat_get(DIR, changetype<fdstat>(out)) == errno.SUCCESS && load<u8>(out) == filetype.DIRECTORY, "fdstat dir");
inherit = load<u64>(out, 16);
check(fd_prestat_get(DIR + 1, changetype<prestat>(out)) == errno.BADF, "only one preopen");

// Create, write, seek, read, pread/pwrite, truncate.
let fd = open("hello.txt", oflags.CREAT | oflags.TRUNC);
check(fd > 0, "create hello.txt");
console.log("wrote " + write(fd, "Hello, WASI from AssemblyScript!\n").toString());
check(fd_seek(fd, 7, whence.SET, out) == errno.SUCCESS, "seek");
console.log("read at 7: [" + read(fd, 4) + "]");
check(fd_tell(fd, out) == errno.SUCCESS && load<u64>(out) == 11, "tell 11");
let pb = cstr("wasi");
store<usize>(iov, changetype<usize>(pb)); store<usize>(iov, 4, 4);
check(fd_pwrite(fd, iov, 1, 7, out) == errno.SUCCESS && load<usize>(out) == 4, "pwrite");
let rb = new ArrayBuffer(12);
store<usize>(iov, changetype<usize>(rb)); store<usize>(iov, 12, 4);
check(fd_pread(fd, iov, 1, 0, out) == errno.SUCCESS, "pread");
console.log("pread: [" + String.UTF8.decodeUnsafe(changetype<usize>(rb), load<usize>(out)) + "]");
check(fd_tell(fd, out) == errno.SUCCESS && load<u64>(out) == 11, "pread/pwrite keep the offset");
console.log("size " + size(fd).toString());
check(fd_filestat_set_size(fd, 12) == errno.SUCCESS, "truncate");
console.log("truncated size " + size(fd).toString());
check(fd_fdstat_get(fd, changetype<fdstat>(out)) == errno.SUCCESS && load<u8>(out) == filetype.REGULAR_FILE, "fdstat file");
check(fd_close(fd) == errno.SUCCESS, "close");
check(fd_close(fd) == errno.BADF, "close twice");

// Append.
fd = open("hello.txt", 0, fdflags.APPEND);
check(fd > 0, "open append");
fd_seek(fd, 0, whence.SET, out);
write(fd, "+tail");
fd_close(fd);
fd = open("hello.txt", 0);
console.log("after append: [" + read(fd, 100) + "]");
fd_close(fd);

// Errors.
console.log("open missing: " + (-open("missing.txt", 0)).toString());
console.log("create existing exclusively: " + (-open("hello.txt", oflags.CREAT | oflags.EXCL)).toString());
console.log("open file as dir: " + (-open("hello.txt", oflags.DIRECTORY)).toString());
check(open("../outside", 0) < 0, "no way out with ..");
check(open("/etc/passwd", 0) < 0, "no absolute paths");

// Directories.
check(pathErr("mkdir", "d") == errno.SUCCESS, "mkdir d");
check(pathErr("mkdir", "d/e") == errno.SUCCESS, "mkdir d/e");
console.log("mkdir existing: " + pathErr("mkdir", "d").toString());
for (let i = 0; i < 40; i++) {
  let f = open("d/file" + (i < 10 ? "0" : "") + i.toString(), oflags.CREAT);
  check(f > 0, "create d/file" + i.toString());
  write(f, i.toString());
  fd_close(f);
}
let l = list("d");
console.log("d: " + l.split(" ").length.toString() + " entries, first " + l.substring(0, 13));
check(rename("hello.txt", "d/e/moved.txt") == errno.SUCCESS, "rename");
console.log("stat old name: " + pathErr("stat", "hello.txt").toString());
check(pathErr("stat", "d/e/moved.txt") == errno.SUCCESS, "stat new name");
console.log("moved: type " + load<u8>(out, 16).toString() + " size " + load<u64>(out, 32).toString());
console.log("rmdir non-empty: " + (pathErr("rmdir", "d") == errno.NOTEMPTY ? "NOTEMPTY" : "other"));
for (let i = 0; i < 40; i += 2) check(pathErr("unlink", "d/file" + (i < 10 ? "0" : "") + i.toString()) == errno.SUCCESS, "unlink");
console.log("unlink dir: " + (pathErr("unlink", "d/e") == errno.ISDIR || pathErr("unlink", "d/e") == errno.PERM ? "refused" : "allowed"));

// Symlinks.
let t = cstr("e/moved.txt"), s = cstr("d/link");
check(path_symlink(changetype<usize>(t), t.byteLength, DIR, changetype<usize>(s), s.byteLength) == errno.SUCCESS, "symlink");
let lb = new ArrayBuffer(64);
check(path_readlink(DIR, changetype<usize>(s), s.byteLength, changetype<usize>(lb), 64, out) == errno.SUCCESS, "readlink");
console.log("readlink: [" + String.UTF8.decodeUnsafe(changetype<usize>(lb), load<usize>(out)) + "]");
fd = open("d/link", 0);
check(fd > 0, "open through symlink");
console.log("through link: [" + read(fd, 100) + "]");
fd_close(fd);
let o = cstr("../../outside"), s2 = cstr("d/out");
let se = path_symlink(changetype<usize>(o), o.byteLength, DIR, changetype<usize>(s2), s2.byteLength);
// wasmaot lets the guest make it (following it fails), node refuses: the
// same number of checks either way.
check(se != errno.SUCCESS || open("d/out", 0) < 0, "a symlink out does not lead out");
check(se != errno.SUCCESS || pathErr("unlink", "d/out") == errno.SUCCESS, "unlink d/out");
console.log("d: " + list("d"));
console.log("d/e: " + list("d/e"));
check(pathErr("rmdir", "d/nothing") == errno.NOENT, "rmdir missing");

console.log("as_fs: " + checks.toString() + " checks, " + failed.toString() + " failed");
if (failed) process.exit(1);
