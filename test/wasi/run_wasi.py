#!/usr/bin/env python3
"""WASI tests of wasmaot: real C, Rust and AssemblyScript programs exercising
every wasi_snapshot_preview1 function, and escape attempts out of granted
directories.

Every program in programs/ and assemblyscript/programs/ is built for
wasm32-wasi (clang-19, Debian's rustc, asc with @assemblyscript/wasi-shim;
`npm ci` in assemblyscript/ first when node_modules is missing), compiled with
`wasmaot compile`, and run in a fresh temporary tree: with its grants passed at
launch (WASMAOT_DIR, WASMAOT_ENV), with its grants baked in (compile --dir
--env), by `wasmaot run --dir --env`, and for some on node:wasi. Each run
checks standard output, standard error, the exit code and the state of the
file system afterwards; NAME[same] checks that all ways agree. Tests that
resolve paths also run with the portable walk (WASMAOT_FORCE_PATH_WALK=1)
besides openat2 (RESOLVE_BENEATH).

    run_wasi.py --wasmaot build/bin/wasmaot --work-dir build/test/wasi/work
    run_wasi.py ... -k escape -v     # only tests whose name matches, verbose
    run_wasi.py ... --modes launch,cross --cross aarch64-linux-gnu \
        --qemu qemu-aarch64 --compile-arg=--bounds-checks=explicit
                                     # every program also compiled for AArch64 and
                                     # run under qemu; NAME[same] compares the two

Prints `PASS name` or `FAIL name: reason` per test and finally the line
`N passed, N failed`; the exit code is 1 if any test failed.
Standard library only.
"""

import argparse
import fcntl
import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional

HERE = Path(__file__).resolve().parent
PROGRAMS = HERE / "programs"

# The helpers shared with test/e2e/run_e2e.py, in test/harness.py.
sys.path.insert(0, str(HERE.parent))
from harness import (TRAP_EXIT, Failure, Reporter, add_toolchain_arguments,  # noqa: E402
                     compile_with_wasmaot, dir_args, env_args, grant_channel,
                     in_parallel, node_wasi_command, outcome, run_tool,
                     rust_wasm_command)

# Planted in the host environment of every run: no guest may see it.
CANARY = ("WASMAOT_WASI_SECRET", "must-not-leak")
RESOLVERS = {"openat2": {}, "walk": {"WASMAOT_FORCE_PATH_WALK": "1"}}


def summary(name: str) -> str:
    return rf"{name}: \d+ checks, 0 failed\n"


# --- trees ------------------------------------------------------------------

def write(p: Path, text: str):
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text)


def snapshot(root: Path) -> Dict[str, str]:
    """Every entry under root: type and content or link target."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for n in dirnames + filenames:
            p = Path(dirpath) / n
            rel = str(p.relative_to(root))
            if p.is_symlink():
                out[rel] = "link:" + os.readlink(p)
            elif p.is_dir():
                out[rel] = "dir"
            else:
                out[rel] = "file:" + p.read_bytes().decode("latin-1")
    return out


def escape_tree(t: Path):
    """t/outside (never granted) and t/root (granted as /sandbox)."""
    write(t / "outside/secret", "SECRET outside")
    (t / "outside/dir").mkdir()
    root = t / "root"
    write(root / "inside.txt", "inside")
    write(root / "sub/f", "subfile")
    os.symlink("../outside", root / "link_out")
    os.symlink("../outside/secret", root / "link_out_file")
    os.symlink("/", root / "link_root")
    os.symlink(str(root / "inside.txt"), root / "link_abs_in")
    os.symlink("loop2", root / "loop1")
    os.symlink("loop1", root / "loop2")
    os.symlink("self", root / "self")
    os.symlink("..", root / "link_dotdot")
    os.symlink("../..", root / "sub/link_up")
    os.symlink("../inside.txt", root / "sub/link_ok")
    os.symlink("../link_out", root / "sub/link_chain")
    # For the race: race/ swaps between this dir and a symlink out; mv/
    # moves between root/ and outside/.
    write(root / "race/f", "inside race")
    (root / "race/deeper").mkdir()
    write(root / "mv/f", "mv")


def race_swapper(t: Path, stop: threading.Event):
    """Keeps swapping root/race between a directory and a symlink to
    outside/, and moving root/mv out to outside/mv and back."""
    root = t / "root"
    (t / "outside/deeper").mkdir(exist_ok=True)
    write(t / "outside/f", "SECRET via race")
    os.symlink("../outside", root / "race_link")
    while not stop.is_set():
        for a, b in ((root / "race", root / "race_dir"),
                     (root / "race_link", root / "race"),
                     (root / "race", root / "race_link"),
                     (root / "race_dir", root / "race"),
                     (root / "mv", t / "outside/mv"),
                     (t / "outside/mv", root / "mv")):
            try:
                os.rename(a, b)
            except OSError:
                pass


# --- tests ------------------------------------------------------------------

@dataclass
class Test:
    name: str
    program: str                      # file in programs/
    args: List[str] = field(default_factory=list)
    env: Dict[str, str] = field(default_factory=dict)   # WASMAOT_ENV
    dirs: List[str] = field(default_factory=list)       # "HOST[::GUEST]", HOST relative to the tree
    setup: Optional[Callable[[Path], None]] = None
    stdin: Optional[bytes] = b""
    stdin_socket: Optional[str] = None  # "pair" or "accept": stdin is a socket
    stdout: Optional[str] = None      # a regex the whole stdout must match
    stderr: Optional[str] = None      # a regex the whole stderr must match
    exit_code: int = 0
    check: Optional[Callable[[Path], None]] = None   # the tree afterwards
    resolvers: bool = False           # run with both path resolvers
    race: bool = False
    timeout: int = 120
    node: bool = False                # also run on node:wasi, same results wanted
    compare: bool = True              # all ways of running give identical results


def expect_files(expected: Dict[str, str], root: str = ".") -> Callable[[Path], None]:
    def check(t: Path):
        got = snapshot(t / root)
        if got != expected:
            missing = {k: v for k, v in expected.items() if got.get(k) != v}
            extra = {k: v for k, v in got.items() if k not in expected}
            raise Failure(f"tree differs: wanted {missing}, unexpected {extra}")
    return check


DIRS_AFTER = {
    "d2": "dir", "d2/c": "file:bee", "hard": "file:bee", "sym": "link:d2/c",
    "dsym": "link:d2", "dang": "link:nothing", "nothing": "file:",
}

ARGS = ["alpha", "", "with space", "\u00fcn\u00efc\u00f6d\u00e9", "--x=1"]
ARGS_OUT = ("arg 1: [alpha]\narg 2: []\narg 3: [with space]\n"
            "arg 4: [\u00fcn\u00efc\u00f6d\u00e9]\narg 5: [--x=1]\n")

AS_FS_OUT = """preopen: .
wrote 33
read at 7: [WASI]
pread: [Hello, wasi ]
size 33
truncated size 12
after append: [Hello, wasi +tail]
open missing: 44
create existing exclusively: 20
open file as dir: 54
mkdir existing: 20
d: 41 entries, first e/ file00 fil
stat old name: 44
moved: type 4 size 17
rmdir non-empty: NOTEMPTY
unlink dir: refused
readlink: [e/moved.txt]
through link: [Hello, wasi +tail]
d: e/ file01 file03 file05 file07 file09 file11 file13 file15 file17 file19 file21 file23 file25 file27 file29 file31 file33 file35 file37 file39 link@
d/e: moved.txt
as_fs: 147 checks, 0 failed
"""
AS_FS_AFTER = {"d": "dir", "d/e": "dir", "d/e/moved.txt": "file:Hello, wasi +tail",
               "d/link": "link:e/moved.txt",
               **{f"d/file{i:02}": f"file:{i}" for i in range(1, 40, 2)}}


def as_process_out(args: List[str], env: List[str], stdin: str, end: str = "done\n") -> str:
    out = f"argc {len(args) + 1}\n"
    out += "".join(f"arg {i}: [{a}]\n" for i, a in enumerate(args, 1))
    out += "".join(f"env: [{e}]\n" for e in env)
    out += f"env count {len(env)}\nhas HOME no\n"
    out += "stdout via process.stdout\nError: to stdout with a prefix\n"
    return out + stdin + end


TESTS = [
    Test("files", "files.c", dirs=["root::."], stdout=summary("files"),
         setup=lambda t: (t / "root").mkdir(),
         check=expect_files({"f.txt": "file:ZeLLOXY", "a.txt": "file:from a"}, "root"),
         resolvers=True),
    Test("dirs", "dirs.c", dirs=["root::."],
         stdout=r"d: a b c e\nbig: 300 entries\n"
                r"\.: d2 dang dsym hard nothing sym\n" + summary("dirs"),
         setup=lambda t: (t / "root").mkdir(),
         check=expect_files(DIRS_AFTER, "root"), resolvers=True),
    Test("clocks_poll", "clocks_poll.c", stdin=b"ping\n", stdout=summary("clocks_poll")),
    Test("faults", "faults.c", dirs=["root::."], stdout=summary("faults"),
         setup=lambda t: (t / "root").mkdir(),
         check=expect_files({"f": "file:"}, "root"), resolvers=True),
    Test("escape", "escape.c", dirs=["root::/sandbox"], setup=escape_tree,
         stdout=r"escape: \d+ attempts denied\n" + summary("escape"),
         resolvers=True),
    Test("escape_race", "escape.c", args=["race", "3000"], dirs=["root::/sandbox"],
         setup=escape_tree, race=True,
         stdout=r"race: secret=0 \(inside seen\)\n" + summary("escape-race"),
         resolvers=True, timeout=300),
    # A host path and a guest name may hold newlines and backslashes.
    Test("preopens", "preopens.c", dirs=["a::/first", "b", "a/c::.", "n\nl\\d::/g\nu\\est"],
         setup=lambda t: ((t / "a/c").mkdir(parents=True) or (t / "b").mkdir()
                          or (t / "n\nl\\d").mkdir()),
         # Without "::GUEST" the guest sees the host path as given.
         # (absolute with launch's grants, relative with baked and run)
         stdout=(r"fd 3: /first \(dir\)\nfd 4: (/\S*/)?b \(dir\)\nfd 5: \. \(dir\)\n"
                 r"fd 6: /g\nu\\est \(dir\)\n" + summary("preopens"))),
    # Answers as wasmtime gives them (issue 10): NOTSOCK and NOTDIR for the
    # wrong kind of descriptor, rights by kind, "." reopened with the
    # preopen's rights, absolute symlink targets refused.
    Test("conformance", "conformance.c", dirs=["root::."],
         setup=lambda t: (t / "root").mkdir(), stdout=summary("conformance"),
         resolvers=True),
    Test("nofs", "nofs.c", stdout=summary("nofs")),
    Test("bad_dir", "nofs.c", dirs=["missing"], exit_code=1, stdout="",
         stderr=r"wasmaot: error: cannot open directory '[^']*missing': "
                r"No such file or directory\n"),
    # Any byte but NUL may be in a value, newlines and backslashes included.
    Test("args_env", "args_env.c", args=ARGS,
         env={"GREETING": "hello world", "EQUALS": "a=b=c", "EMPTY": "",
              "LINES": "one\ntwo\\n\\three\n"},
         stdout=re.escape(ARGS_OUT + "env: [GREETING=hello world]\nenv: [EQUALS=a=b=c]\n"
                          "env: [EMPTY=]\nenv: [LINES=one\ntwo\\n\\three\n]\n"
                          "5 args, 4 env\n")),
    Test("args_env_none", "args_env.c", stdout=re.escape("0 args, 0 env\n")),
    Test("proc_exit", "args_env.c", args=["exit42"], exit_code=42,
         stdout=re.escape("arg 1: [exit42]\n1 args, 0 env\n")),
    Test("stdin", "stdin_cat.c", stdin=b"hello\nwasi stdin\n" * 1000,
         stdout=re.escape("HELLO\nWASI STDIN\n" * 1000), stderr=r"17000 bytes\n"),
    Test("stdin_empty", "stdin_cat.c", stdin=None, stdout="", stderr=r"0 bytes\n"),
    Test("sock_pair", "sock.c", stdin_socket="pair", stdout=summary("sock")),
    Test("sock_accept", "sock.c", args=["accept"], stdin_socket="accept",
         stdout=summary("sock")),
    Test("proc_raise", "raise.c", exit_code=TRAP_EXIT, stdout=summary("raise"),
         stderr=r"wasmaot: trap: .*guest raised SIGTERM.*\n"),
    Test("rust_fs", "rust_fs.rs", args=["one", "two words"], env={"RUSTY": "yes"},
         dirs=["root::."], setup=lambda t: (t / "root").mkdir(), stdin=b"a\nb\nc\n",
         stdout=re.escape(
             'args: ["one", "two words"]\nvars: [("RUSTY", "yes")]\n'
             "data: 012abc6789\nlen 4 file true dir false\nappended: 012a+tail\n"
             'r/s: ["f0", "f1", "f2", "f3", "f4", "t"]\nmoved: 0\nmissing: NotFound\n'
             "escape: true\nremove non-empty: true\nt exists: false\nfresh: true\n"
             "after 2020: true\nslept: true\nstdin: 3 lines\n"),
         check=expect_files({"r": "dir", "r/s": "dir", "r/moved": "file:0", "r/hard": "file:0",
                             "r/s/f2": "file:2", "r/s/f3": "file:3", "r/s/f4": "file:4"},
                            "root"),
         resolvers=True),
    # AssemblyScript (assemblyscript/): the same areas through asc's WASI shim.
    Test("as_fs", "as_fs.ts", dirs=["root::."], env={"X": "1"},
         setup=lambda t: (t / "root").mkdir(), stdout=re.escape(AS_FS_OUT),
         check=expect_files(AS_FS_AFTER, "root"), resolvers=True, node=True),
    Test("as_process", "as_process.ts", args=["stdin"] + ARGS,
         env={"GREETING": "hello world", "EQUALS": "a=b=c", "EMPTY": ""},
         stdin=b"line\n" * 5000, stdout=re.escape(as_process_out(
             ["stdin"] + ARGS, ["EMPTY=", "EQUALS=a=b=c", "GREETING=hello world"],
             "stdin 25000 bytes, 5000 lines\n")),
         stderr=re.escape("stderr via process.stderr\n"), node=True),
    # node:wasi's environ_get fails (INVAL) for an empty environment, which
    # the shim's process.env turns into an abort: not compared with node.
    Test("as_noenv", "as_process.ts", stdout=re.escape(as_process_out([], [], "")),
         stderr=re.escape("stderr via process.stderr\n")),
    Test("as_exit", "as_process.ts", args=["exit", "42"], env={"X": "1"}, exit_code=42,
         stdout=re.escape(as_process_out(["exit", "42"], ["X=1"], "", "exiting\n")),
         stderr=re.escape("stderr via process.stderr\n"), node=True),
    Test("as_exitcode", "as_process.ts", args=["exitcode", "7"], env={"X": "1"}, exit_code=7,
         stdout=re.escape(as_process_out(["exitcode", "7"], ["X=1"], "", "done\n")),
         stderr=re.escape("stderr via process.stderr\n"), node=True),
    # Not compared with node: its random_get past the end of memory gives
    # OVERFLOW, not FAULT.
    Test("as_clocks_random", "as_clocks_random.ts", stdout=summary("as_clocks_random")),
    Test("rust_exit", "rust_fs.rs", args=["fail"], dirs=["root::."],
         setup=lambda t: (t / "root").mkdir(), exit_code=9, stdout=r"(?s).*stdin: 0 lines\n"),
]


# --- building and running -----------------------------------------------------

ASDIR = HERE / "assemblyscript"
AS_PROGRAMS = ASDIR / "programs"
# How each program is run. launch: the compiled executable with its grants in
# WASMAOT_DIR/WASMAOT_ENV (absolute host paths); baked: an executable compiled
# with --dir/--env (host paths relative to the tree, resolved when it starts);
# run: `wasmaot run --dir --env` (relative paths, cache in the work dir);
# node: test/e2e/node_wasi_run.mjs (node:wasi), only for tests marked node;
# cross: as launch, compiled for --cross and run under --qemu (then
# NAME[same] holds the other target to the host's launch run, byte for byte).
MODES = ("launch", "baked", "run", "cross")


@dataclass
class Result:
    code: int
    out: str
    err: str
    tree: Dict[str, str]


class Runner:
    def __init__(self, opts):
        self.opts = opts
        self.work = Path(opts.work_dir).resolve()
        self.work.mkdir(parents=True, exist_ok=True)
        self.cache = self.work / "cache"
        self.wasms: Dict[str, Path] = {}
        self.built: Dict[object, Path] = {}
        self.lock = threading.Lock()
        self.errors: Dict[str, str] = {}
        self.as_state: Optional[str] = None   # None: not checked, "": ready, else the error

    # -- AssemblyScript toolchain: npm ci when node_modules is missing or stale
    def ensure_assemblyscript(self):
        if self.as_state is None:
            # ctest runs several copies of this script at once (wasi and the
            # aarch64 variants); an `npm ci` in one deletes node_modules under
            # another's asc, so installs are serialised across processes.
            key = hashlib.sha256(str(ASDIR.resolve()).encode()).hexdigest()[:16]
            lock_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"wasmaot-npm-{key}.lock"
            with open(lock_path, "w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                self.as_state = self._install_assemblyscript()
        if self.as_state:
            raise Failure(self.as_state)

    def _install_assemblyscript(self) -> str:
        want = json.loads((ASDIR / "package.json").read_text())["devDependencies"]

        def installed() -> bool:
            for name, version in want.items():
                pj = ASDIR / "node_modules" / name / "package.json"
                if not pj.exists() or json.loads(pj.read_text()).get("version") != version:
                    return False
            return (ASDIR / "node_modules/assemblyscript/bin/asc.js").exists()

        if installed():
            return ""
        print("npm ci in test/wasi/assemblyscript ...", flush=True)
        try:
            run_tool(["npm", "ci", "--no-audit", "--no-fund"], cwd=ASDIR)
        except Failure as e:
            return f"AssemblyScript toolchain: {e}"
        if not installed():
            return "AssemblyScript toolchain: npm ci did not install the pinned versions"
        return ""

    def wasm(self, program: str) -> Path:
        """Builds programs/PROGRAM (or assemblyscript/programs/PROGRAM) for wasm32-wasi."""
        with self.lock:
            if program in self.wasms:
                return self.wasms[program]
            if program in self.errors:  # built once: every mode fails the same way
                raise Failure(self.errors[program])
            try:
                self.wasms[program] = self._build_wasm(program)
            except Failure as e:
                self.errors[program] = str(e)
                raise
            return self.wasms[program]

    def _build_wasm(self, program: str) -> Path:
        stem = Path(program).stem
        wasm = self.work / (stem + ".wasm")
        if program.endswith(".ts"):
            self.ensure_assemblyscript()
            # The shim's README: asc with its asconfig.json as --config.
            cmd = ["npx", "--no-install", "asc", str(AS_PROGRAMS / program),
                   "--config", "node_modules/@assemblyscript/wasi-shim/asconfig.json",
                   "-O2", "--outFile", str(wasm)]
        elif program.endswith(".rs"):
            cmd = rust_wasm_command(self.opts.rustc, PROGRAMS / program, wasm)
        else:
            cmd = [self.opts.clang, "--target=wasm32-wasi", "-O2", str(PROGRAMS / program),
                   "-o", str(wasm)]
        run_tool(cmd, cwd=ASDIR)
        return wasm

    def exe(self, test: Test, mode: str) -> Path:
        """The executable: plain (launch, and cross for the other target) or
        with the test's grants baked in."""
        wasm = self.wasm(test.program)
        plain = mode in ("launch", "cross")
        key = ((test.program, mode) if plain
               else (test.program, tuple(test.dirs), tuple(sorted(test.env.items()))))
        with self.lock:
            if key in self.built:
                return self.built[key]
            suffix = {"launch": "", "cross": f"-{self.opts.cross}"}.get(
                mode, f"-baked{len(self.built)}")
            exe = self.work / (wasm.stem + suffix)
            grants = [] if plain else dir_args(test.dirs) + env_args(test.env)
            if mode == "cross":
                grants += ["--target", self.opts.cross]
            compile_with_wasmaot(self.opts.wasmaot, wasm, exe,
                                 grants + self.opts.compile_args)
            self.built[key] = exe
            return exe

    def command(self, test: Test, mode: str, tree: Path, env: Dict[str, str]) -> List[str]:
        if mode in ("launch", "cross"):
            if test.env:
                env["WASMAOT_ENV"] = grant_channel(f"{k}={v}" for k, v in test.env.items())
            if test.dirs:
                env["WASMAOT_DIR"] = grant_channel(str(tree / d) for d in test.dirs)
            if mode == "cross":
                # The guest's argv[0] as in the launch run (-0), so that the
                # two can be compared byte for byte.
                return ([self.opts.qemu, "-0", str(self.exe(test, "launch")),
                         str(self.exe(test, mode))] + test.args)
            return [str(self.exe(test, mode))] + test.args
        if mode == "baked":
            return [str(self.exe(test, mode))] + test.args
        grants = env_args(test.env) + dir_args(test.dirs)
        if mode == "run":
            env["WASMAOT_CACHE_DIR"] = str(self.cache)
            return ([self.opts.wasmaot, "run"] + grants + self.opts.compile_args
                    + [str(self.wasm(test.program))] + test.args)
        return (node_wasi_command(self.opts.node) + grants
                + ["--", str(self.wasm(test.program))] + test.args)

    def run(self, test: Test, mode: str, resolver: str) -> Result:
        tree = self.work / "runs" / f"{test.name}-{mode}-{resolver}"
        if tree.exists():
            shutil.rmtree(tree)
        tree.mkdir(parents=True)
        if test.setup:
            test.setup(tree)
        outside_before = snapshot(tree / "outside") if (tree / "outside").exists() else None
        host_tmp_before = os.path.exists("/tmp/created")

        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), CANARY[0]: CANARY[1]}
        env.update(RESOLVERS[resolver])
        cmd = self.command(test, mode, tree, env)

        stop = threading.Event()
        swapper = None
        if test.race:
            swapper = threading.Thread(target=race_swapper, args=(tree, stop), daemon=True)
            swapper.start()
        peer = None
        stdin = subprocess.DEVNULL if test.stdin is None else subprocess.PIPE
        listener = None
        proc = None
        try:
            if test.stdin_socket == "pair":
                mine, theirs = socket.socketpair()
                stdin, peer = theirs, mine
            elif test.stdin_socket == "accept":
                listener = socket.socket()
                listener.bind(("127.0.0.1", 0))
                listener.listen(1)
                stdin = listener
            proc = subprocess.Popen(cmd, stdin=stdin,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    cwd=tree, env=env)
            if test.stdin_socket:
                if listener:
                    peer = socket.create_connection(listener.getsockname())
                    listener.close()
                else:
                    stdin.close()
                peer.settimeout(30)
                peer.sendall(b"ping")
                reply = b""
                while not reply.endswith(b"\n"):
                    chunk = peer.recv(100)
                    if not chunk:
                        break
                    reply += chunk
                rest = peer.recv(100)  # the guest shut down its side
                peer.close()
                if reply != b"pong:ping\n" or rest != b"":
                    proc.kill()
                    raise Failure(f"socket peer got {reply!r} then {rest!r}")
                out, err = proc.communicate(timeout=test.timeout)
            else:
                out, err = proc.communicate(
                    input=test.stdin if test.stdin is not None else None,
                    timeout=test.timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            raise Failure(f"timed out after {test.timeout}s")
        except OSError as e:  # the socket peer
            if proc is None:
                raise Failure(f"cannot start {cmd[0]}: {e}")
            proc.kill()
            out, err = proc.communicate()
            raise Failure(f"socket peer: {e}; exit {proc.returncode}, stderr {err[-300:]!r}")
        finally:
            stop.set()
            if swapper:
                swapper.join()

        # Host paths of the tree appear only with launch's absolute grants.
        prefix = str(tree) + "/"
        text_out = out.decode("utf-8", "replace").replace(prefix, "")
        text_err = err.decode("utf-8", "replace").replace(prefix, "")
        result = Result(proc.returncode, text_out, text_err,
                        {k: v.replace(prefix, "") for k, v in snapshot(tree).items()})
        if mode == "node":  # judged by comparison with launch only
            shutil.rmtree(tree, ignore_errors=True)
            return result
        if proc.returncode != test.exit_code:
            raise Failure(f"exit code {proc.returncode}, wanted {test.exit_code}; "
                          f"stdout {text_out[-400:]!r} stderr {text_err[-300:]!r}")
        if test.stdout is not None and not re.fullmatch(test.stdout, text_out):
            raise Failure(f"stdout {text_out[-600:]!r} does not match {test.stdout[:200]!r}")
        if test.stderr is not None and not re.fullmatch(test.stderr, text_err):
            raise Failure(f"stderr {text_err[-300:]!r} does not match {test.stderr!r}")
        if test.stderr is None and text_err:
            raise Failure(f"unexpected stderr {text_err[-300:]!r}")
        if CANARY[1] in text_out:
            raise Failure("the host environment leaked into the guest")
        if outside_before is not None:
            after = snapshot(tree / "outside")
            if test.race:  # the swapper itself adds these
                for k in list(after):
                    if k == "mv" or k.startswith("mv/") or k in ("deeper", "f"):
                        del after[k]
            if after != outside_before:
                raise Failure(f"outside/ changed: before {outside_before}, after {after}")
        if not host_tmp_before and os.path.exists("/tmp/created"):
            raise Failure("/tmp/created appeared on the host")
        if test.check:
            test.check(tree)
        shutil.rmtree(tree, ignore_errors=True)
        return result


def differences(a: Result, b: Result, tree: bool, stderr: bool) -> List[str]:
    diffs = []
    if a.code != b.code:
        diffs.append(f"exit code {a.code} vs {b.code}")
    if a.out != b.out:
        diffs.append(f"stdout {a.out[-300:]!r} vs {b.out[-300:]!r}")
    if stderr and a.err != b.err:
        diffs.append(f"stderr {a.err[-200:]!r} vs {b.err[-200:]!r}")
    if tree and a.tree != b.tree:
        only_a = {k: v for k, v in a.tree.items() if b.tree.get(k) != v}
        only_b = {k: v for k, v in b.tree.items() if a.tree.get(k) != v}
        diffs.append(f"tree {only_a} vs {only_b}")
    return diffs


def run_test(runner: Runner, test: Test, opts, reporter: Reporter) -> None:
    """All ways of running one test, then their comparison."""
    results: Dict[str, Result] = {}
    modes = [m for m in MODES + (("node",) if test.node else ()) if m in opts.modes]
    for mode in modes:
        launched = mode in ("launch", "cross")
        resolvers = list(RESOLVERS) if (test.resolvers and launched) else ["openat2"]
        for resolver in resolvers:
            way = mode if mode != "launch" else ""
            if test.resolvers and launched:
                way = ",".join(w for w in (way, resolver) if w)
            name = f"{test.name}[{way}]" if way else test.name
            if opts.filter and opts.filter not in name:
                continue
            result, error = outcome(lambda: runner.run(test, mode, resolver))
            reporter.report(name, error)
            if error is None:
                results[name] = result
    if len(results) < 2 or not test.compare:
        return
    name = f"{test.name}[same]"
    names = list(results)
    ref = names[0]
    diffs = []
    for other in names[1:]:
        node = other.endswith("[node]")
        # node's messages on stderr are its own; the race swapper changes the tree.
        for d in differences(results[ref], results[other], tree=not test.race,
                             stderr=not node or test.stderr is None):
            diffs.append(f"{ref} vs {other}: {d}")
    reporter.report(name, "; ".join(diffs) if diffs else None)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wasmaot", required=True)
    ap.add_argument("--work-dir", required=True)
    add_toolchain_arguments(ap)
    ap.add_argument("--modes", default="launch,baked,run,node",
                    help="ways of running, comma-separated (default: all but cross)")
    ap.add_argument("--compile-arg", action="append", default=[], dest="compile_args",
                    metavar="ARG", help="passed to every `wasmaot compile` and `run` "
                    "(repeatable), e.g. --compile-arg=--bounds-checks=explicit")
    ap.add_argument("--cross", help="the target triple of the cross way")
    ap.add_argument("--qemu", help="the user-mode emulator that runs the cross way")
    ap.add_argument("-j", "--jobs", type=int, default=2, help="tests run in parallel")
    ap.add_argument("-k", dest="filter", help="only tests whose name contains this")
    ap.add_argument("-v", "--verbose", action="store_true")
    opts = ap.parse_args()
    opts.modes = opts.modes.split(",")
    opts.wasmaot = str(Path(opts.wasmaot).resolve())
    if "cross" in opts.modes:
        if not opts.cross or not opts.qemu:
            ap.error("the cross way needs --cross TRIPLE and --qemu PATH")
        found = shutil.which(opts.qemu)
        if not found:
            ap.error(f"{opts.qemu} not found (Debian's qemu-user)")
        opts.qemu = found

    runner = Runner(opts)
    reporter = Reporter()
    # Slowest first, so that the race does not end up alone at the end.
    tests = sorted(TESTS, key=lambda t: not t.race)
    # Each test reports its ways of running as they finish.
    for _ in in_parallel(lambda test: run_test(runner, test, opts, reporter), tests, opts.jobs):
        pass
    reporter.print_summary()
    return reporter.exit_code()


if __name__ == "__main__":
    sys.exit(main())
