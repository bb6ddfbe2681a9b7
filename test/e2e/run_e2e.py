#!/usr/bin/env python3
"""End-to-end tests of wasmaot with real C and C++ programs.

Every program in programs/ is built twice with clang-19: natively (the
reference) and for wasm32-wasi. The .wasm is compiled with `wasmaot compile`
(or, with --wasm-runner=node, run on node's V8 through node:wasi), both sides
are run with the same arguments, standard input and environment grants, and
their standard output, standard error and exit codes are compared byte for
byte. Trapping programs are checked against the expected trap kind and the
message shape of docs/design.md. Then the tool's own errors are checked: bad
inputs and flags must exit 1 with one line on stderr and leave no output file.

    run_e2e.py --wasmaot build/bin/wasmaot --work-dir build/test/e2e/work
    run_e2e.py ... --compile-arg=--bounds-checks=explicit   # options for compile
    run_e2e.py ... --wasm-runner=node     # differential run on node (no wasmaot)
    run_e2e.py ... -k printf -v           # only tests whose name matches, verbose
    run_e2e.py ... --qemu qemu-aarch64 --compile-arg=--target=aarch64-linux-gnu
                                          # AArch64 executables under qemu, compared
                                          # with the same x86-64 native reference

Prints `PASS name` or `FAIL name: reason` per test and finally the line
`N passed, N failed`; the exit code is 1 if any test failed.
Standard library only.
"""

import argparse
import difflib
import os
import re
import resource
import shutil
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

HERE = Path(__file__).resolve().parent
PROGRAMS = HERE / "programs"

# The helpers shared with test/wasi/run_wasi.py, in test/harness.py.
sys.path.insert(0, str(HERE.parent))
from harness import (TRAP_EXIT, Failure, Reporter, add_toolchain_arguments,  # noqa: E402
                     compile_with_wasmaot, env_args, grant_channel, in_parallel,
                     node_wasi_command, one_line, outcome, run_command, run_tool,
                     rust_wasm_command)

# Host environment variable planted in every wasm run: no guest may see it.
CANARY = ("WASMAOT_E2E_SECRET", "must-not-leak")


def stdin_text() -> bytes:
    """A deterministic ~60 KB text for stdin_wc."""
    words = ["wasm", "ahead", "of", "time", "compiler", "sandbox", "llvm",
             "linear", "memory", "trap", "table", "global", "export", "import"]
    lines, seed = [], 7
    for i in range(1500):
        n = 1 + i % 13
        line = []
        for _ in range(n):
            seed = (seed * 1103515245 + 12345) % 2**31
            line.append(words[seed % len(words)])
        lines.append(" ".join(line) + ("\t  " if i % 17 == 0 else ""))
    lines.append("the longest line of them all, which is well over a hundred "
                 "characters long so that it wins the contest for the longest line")
    return ("\n".join(lines) + "\n").encode()


@dataclass
class Test:
    name: str
    source: str                       # file in programs/ (.c, .cpp or .rs)
    args: List[str] = field(default_factory=list)
    env_baked: Dict[str, str] = field(default_factory=dict)    # compile --env
    env_runtime: Dict[str, str] = field(default_factory=dict)  # WASMAOT_ENV
    stdin: bytes = b""
    stdin_pipe: bool = False          # stdin through a pipe (else a regular file)
    exit_code: int = 0                # expected (for a trap: of the native reference)
    trap: Optional[str] = None        # expected trap kind (exit 134)
    trap_func: Optional[str] = None   # expected FUNCTION in the trap message
    # A trap that guard mode takes as a signal: there FUNCTION is the one whose
    # native code holds the faulting PC (after LLVM inlining), so trap_func is
    # only checked with --bounds-checks=explicit.
    signal_trap: bool = False
    native: bool = True               # compare against the native build
    expected_stdout: Optional[bytes] = None  # when there is no native reference
    raw_wasm: bool = False            # build without wasm-opt (keeps the name section)
    wasm_cflags: List[str] = field(default_factory=list)  # e.g. -msimd128
    timeout: int = 120


GRANTS = {"GREETING": "hello world", "EQUALS": "a=b=c", "EMPTY": ""}
ARGS_ENV_ARGS = ["alpha", "", "with space", "\u00fcn\u00efc\u00f6d\u00e9", "--x=1",
                 "--getenv", "GREETING", "EQUALS", "EMPTY", "HOME", "PATH",
                 "WASMAOT_ENV", CANARY[0]]

SANDBOX_STDOUT = b"".join(
    b"fopen(%s): denied\n" % p for p in
    [b"/etc/passwd", b"/proc/self/environ", b"../../../../etc/hostname", b"run_e2e.py"]
) + b"fopen for writing: denied\nopendir(/): denied\nopendir(.): denied\n"

TESTS = [
    Test("hello", "hello.c"),
    Test("printf_ints", "printf_ints.c"),
    Test("printf_floats", "printf_floats.c"),
    Test("malloc_strings", "malloc_strings.c"),
    Test("recursion", "recursion.c"),
    Test("args_env_baked", "args_env.c", args=ARGS_ENV_ARGS, env_baked=GRANTS),
    Test("args_env_runtime", "args_env.c", args=ARGS_ENV_ARGS, env_runtime=GRANTS),
    Test("args_env_mixed", "args_env.c", args=ARGS_ENV_ARGS,
         env_baked={"GREETING": GRANTS["GREETING"]},
         env_runtime={k: GRANTS[k] for k in ("EQUALS", "EMPTY")}),
    Test("args_env_none", "args_env.c", args=ARGS_ENV_ARGS),
    Test("args_none", "args_env.c"),
    Test("exit_return3", "exit_return3.c", exit_code=3),
    Test("exit_call7", "exit_call7.c", exit_code=7),
    Test("stdin_wc", "stdin_wc.c", stdin=stdin_text()),
    Test("stdin_wc_pipe", "stdin_wc.c", stdin=stdin_text(), stdin_pipe=True),
    Test("stdin_big_pipe", "stdin_wc.c", stdin=stdin_text() * 40, stdin_pipe=True),
    Test("stdin_empty", "stdin_wc.c"),
    Test("big_output", "big_output.c"),
    Test("wasi_misc", "wasi_misc.c"),
    Test("numerics", "numerics.c"),
    Test("deep_recursion", "deep_recursion.c"),
    Test("memory_grow", "memory_grow.c"),
    Test("interpreter", "interpreter.c"),
    Test("cpp_stl", "cpp_stl.cpp"),
    Test("simd_bulk", "simd_bulk.c",
         wasm_cflags=["-msimd128", "-mbulk-memory", "-mnontrapping-fptoint", "-msign-ext"]),
    Test("integers", "integers.c"),
    Test("misc_semantics", "misc_semantics.c"),
    Test("bulk_nosimd", "simd_bulk.c",
         wasm_cflags=["-mbulk-memory", "-mnontrapping-fptoint", "-msign-ext"]),
    Test("rust_std", "rust_std.rs", args=["one", "two words"], env_runtime={"RUSTY": "yes"},
         env_baked={"BAKED": "1"}),
    Test("rust_exit5", "rust_std.rs", args=["--exit5"], exit_code=5),
    # Natively a panic exits 101; on wasm32-wasi it aborts with `unreachable`.
    # stdout and the panic message on stderr must match the native run.
    Test("rust_panic", "rust_panic.rs", trap="unreachable", exit_code=101),
    Test("sandbox", "sandbox.c", native=False, expected_stdout=SANDBOX_STDOUT),
    Test("trap_unreachable", "trap_unreachable.c", trap="unreachable",
         trap_func="fail_here", native=False, expected_stdout=b"before trap\n",
         raw_wasm=True),
    Test("trap_divzero", "trap_divzero.c", trap="integer divide by zero",
         native=False, expected_stdout=b"before trap\n", raw_wasm=True),
    Test("trap_overflow", "trap_overflow.c", trap="integer overflow",
         native=False, expected_stdout=b"before trap\n", raw_wasm=True),
    Test("trap_oob", "trap_oob.c", trap="out of bounds memory access",
         trap_func="__original_main", signal_trap=True,
         native=False, expected_stdout=b"before trap\n", raw_wasm=True),
    Test("trap_oob_edge", "trap_oob_edge.c", trap="out of bounds memory access",
         trap_func="__original_main", signal_trap=True,
         native=False, expected_stdout=b"last words: 11223344 55667788\n",
         raw_wasm=True),
    Test("trap_stack_overflow", "trap_stack_overflow.c", trap="call stack exhausted",
         trap_func="down", native=False, expected_stdout=b"before trap\n",
         raw_wasm=True),
    Test("trap_null_funcptr", "trap_null_funcptr.c", trap="uninitialized element",
         native=False, expected_stdout=b"before trap\n", raw_wasm=True),
    Test("trap_indirect_type", "trap_indirect_type.c", trap="indirect call type mismatch",
         trap_func="__original_main", native=False, expected_stdout=b"before trap\n",
         raw_wasm=True),
    Test("trap_conversion", "trap_conversion.c", trap="invalid conversion to integer",
         trap_func="convert", native=False, expected_stdout=b"before trap\n",
         raw_wasm=True),
]

# One line on stderr, in one of the two shapes of docs/design.md.
MSG_FILE = re.compile(r"^\S.*:0x[0-9a-f]+: error: \S.*$")
MSG_TOOL = re.compile(r"^wasmaot: error: \S.*$")
MSG_ANY = re.compile(MSG_FILE.pattern + "|" + MSG_TOOL.pattern)


def diff_excerpt(what: str, expected: bytes, actual: bytes) -> str:
    """A one-line description of the first difference."""
    el, al = expected.splitlines(keepends=True), actual.splitlines(keepends=True)
    for i in range(max(len(el), len(al))):
        e = el[i] if i < len(el) else b"<end>"
        a = al[i] if i < len(al) else b"<end>"
        if e != a:
            return (f"{what} differs at line {i + 1}: expected {one_line(e, 100)}, "
                    f"got {one_line(a, 100)}")
    return f"{what} differs"


def full_diff(what: str, expected: bytes, actual: bytes) -> str:
    d = difflib.unified_diff(
        expected.decode("utf-8", "replace").splitlines(keepends=True),
        actual.decode("utf-8", "replace").splitlines(keepends=True),
        f"expected {what}", f"actual {what}", n=2)
    return "".join(list(d)[:80])


def node_stack():
    """V8's stack size for node runs and a preexec function that raises the
    stack rlimit to match: V8's wasm frames are larger than native ones, and
    deep_recursion goes 100 000 calls deep (it needs about 7 MB on V8)."""
    want = 64 << 20
    soft, hard = resource.getrlimit(resource.RLIMIT_STACK)
    if hard != resource.RLIM_INFINITY:
        want = min(want, hard)
    if soft == resource.RLIM_INFINITY or soft >= want:
        want = soft if soft != resource.RLIM_INFINITY else want
        return (want >> 10) - 512, None

    def preexec():
        resource.setrlimit(resource.RLIMIT_STACK, (want, hard))
    return (want >> 10) - 512, preexec


class Harness:
    def __init__(self, opts):
        self.o = opts
        self.work = Path(opts.work_dir).resolve()
        self.build = self.work / "build"
        self.run_dir = self.work / "run"
        for d in (self.build, self.run_dir):
            d.mkdir(parents=True, exist_ok=True)
        # clang-19 runs wasm-opt after linking when it finds it on PATH (it
        # drops the name section); a PATH with only wasm-ld-19 avoids it.
        self.raw_path = self.work / "raw-toolchain-bin"
        self.raw_path.mkdir(exist_ok=True)
        wasm_ld = shutil.which("wasm-ld-19") or "/usr/bin/wasm-ld-19"
        link = self.raw_path / "wasm-ld-19"
        if not link.exists():
            link.symlink_to(wasm_ld)
        self.verbose_lines: List[str] = []
        self.locks: Dict[Path, threading.Lock] = {}
        self.locks_lock = threading.Lock()

    # ---- building ----------------------------------------------------------

    def _cached_build(self, out: Path, cmd: List[str], src: Path, env=None) -> None:
        """Runs cmd unless out is newer than src and was made by the same cmd."""
        with self.locks_lock:
            lock = self.locks.setdefault(out, threading.Lock())
        with lock:
            self._cached_build_locked(out, cmd, src, env)

    def _cached_build_locked(self, out: Path, cmd: List[str], src: Path, env) -> None:
        stamp = out.with_name(out.name + ".cmd")
        key = "\n".join(cmd) + ("\nraw" if env else "")
        if (out.exists() and stamp.exists() and stamp.read_text() == key
                and out.stat().st_mtime >= src.stat().st_mtime):
            return
        tmp = out.with_name(out.name + ".tmp")
        run_tool([str(tmp) if c == str(out) else c for c in cmd], env=env)
        os.replace(tmp, out)
        stamp.write_text(key)

    def build_native(self, t: Test) -> Path:
        src = PROGRAMS / t.source
        out = self.build / (Path(t.source).stem + ".native")
        if src.suffix == ".rs":
            cmd = [self.o.rustc, "-O", str(src), "-o", str(out)]
        elif src.suffix == ".cpp":
            cmd = [self.o.clangxx, "-O2", "-fno-exceptions", "-ffp-contract=off",
                   "-Wno-deprecated-declarations", str(src), "-o", str(out)]
        else:
            cmd = [self.o.clang, "-O2", "-ffp-contract=off", str(src), "-o", str(out), "-lm"]
        self._cached_build(out, cmd, src)
        return out

    def build_wasm(self, t: Test) -> Path:
        src = PROGRAMS / t.source
        if src.suffix == ".rs":
            out = self.build / (Path(t.source).stem + ".wasm")
            self._cached_build(out, rust_wasm_command(self.o.rustc, src, out), src)
            return out
        raw = t.raw_wasm or self.o.raw_wasm
        tag = "".join(f.lstrip("-m")[:4] for f in t.wasm_cflags)
        out = self.build / (Path(t.source).stem + (f".{tag}" if tag else "")
                            + (".raw.wasm" if raw else ".wasm"))
        compiler = self.o.clangxx if src.suffix == ".cpp" else self.o.clang
        # -ffp-contract=off as for the native build: clang would otherwise
        # form fmuladd and constant-fold it with a single rounding.
        cmd = [shutil.which(compiler) or compiler, "--target=wasm32-wasi", "-O2",
               "-ffp-contract=off"] + t.wasm_cflags
        if src.suffix == ".cpp":
            cmd.append("-fno-exceptions")
        cmd += [str(src), "-o", str(out)]
        if src.suffix != ".cpp":
            cmd.append("-lm")
        env = None
        if raw:
            env = dict(os.environ, PATH=str(self.raw_path))
        self._cached_build(out, cmd, src, env)
        return out

    def compile_wasmaot(self, t: Test, wasm: Path) -> Path:
        exe = self.build / f"{t.name}.exe"
        compile_with_wasmaot(self.o.wasmaot, wasm, exe,
                             env_args(t.env_baked) + self.o.compile_args,
                             self.o.compile_timeout)
        return exe

    # ---- running -----------------------------------------------------------

    def _run(self, t: Test, argv: List[str], executable: Optional[str], env: Dict[str, str],
             preexec=None, files=False):
        """Runs one side. stdin is a regular file unless the test asks for a
        pipe; stdout and stderr are pipes, or regular files with files=True."""
        cwd = self.run_dir / t.name
        cwd.mkdir(parents=True, exist_ok=True)
        pipe = t.stdin_pipe and not files
        opened = []

        def open_file(name, mode):
            f = open(cwd / name, mode)
            opened.append(f)
            return f
        try:
            kw = dict(executable=executable, env=env, cwd=cwd, preexec_fn=preexec)
            if pipe:
                kw["input"] = t.stdin
            else:
                (cwd / "stdin.txt").write_bytes(t.stdin)
                kw["stdin"] = open_file("stdin.txt", "rb")
            if files:
                out, err = open_file("stdout.txt", "wb"), open_file("stderr.txt", "wb")
                p = run_command(argv, t.timeout, stdout=out, stderr=err, **kw)
                out.close()
                err.close()
                p.stdout = (cwd / "stdout.txt").read_bytes()
                p.stderr = (cwd / "stderr.txt").read_bytes()
                return p
            return run_command(argv, t.timeout, capture_output=True, **kw)
        finally:
            for f in opened:
                f.close()

    def run_native(self, t: Test, exe: Path):
        grants = dict(t.env_baked)
        grants.update(t.env_runtime)
        return self._run(t, [Path(t.source).stem] + t.args, str(exe), grants)

    def guest_host_env(self, t: Test) -> Dict[str, str]:
        """The host environment of a wasm run: everything of ours, the canary,
        and the runtime grants in WASMAOT_ENV."""
        env = dict(os.environ)
        env.pop("WASMAOT_ENV", None)
        env[CANARY[0]] = CANARY[1]
        env.setdefault("HOME", "/root")
        env.setdefault("PATH", "/usr/bin:/bin")
        if t.env_runtime:
            env["WASMAOT_ENV"] = grant_channel(f"{k}={v}" for k, v in t.env_runtime.items())
        return env

    def run_wasm(self, t: Test, wasm: Path):
        env = self.guest_host_env(t)
        argv0 = Path(t.source).stem
        if self.o.wasm_runner == "node":
            stack_kib, preexec = node_stack()
            cmd = (node_wasi_command(self.o.node, [f"--stack-size={stack_kib}"])
                   + ["--argv0", argv0] + env_args(t.env_baked) + [str(wasm)] + t.args)
            # node's WASI does non-blocking I/O on pipes and fails with EAGAIN
            # when one is full or empty: give it regular files.
            return self._run(t, cmd, None, env, preexec, files=True), cmd
        if self.o.wasm_runner == "wasmaot-run":
            # `wasmaot run`: every grant at launch (--env; run does not read
            # WASMAOT_ENV), compiled into a cache in the work dir. The module
            # is copied to the run directory under the program's name, so
            # that the guest's argv[0] matches the native one.
            cwd = self.run_dir / t.name
            cwd.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(wasm, cwd / argv0)
            env.pop("WASMAOT_ENV", None)
            env["WASMAOT_CACHE_DIR"] = str(self.work / "cache")
            cmd = ([self.o.wasmaot, "run"] + self.o.compile_args
                   + env_args(t.env_baked) + env_args(t.env_runtime) + [argv0] + t.args)
            return self._run(t, cmd, None, env), cmd
        exe = self.compile_wasmaot(t, wasm)
        if self.o.qemu:
            # An executable for another machine, under user-mode emulation;
            # -0 gives the guest the same argv[0] as the native reference.
            cmd = [self.o.qemu, "-0", argv0, str(exe)] + t.args
            return self._run(t, cmd, None, env), cmd
        return self._run(t, [argv0] + t.args, str(exe), env), [str(exe)] + t.args

    # ---- one program ---------------------------------------------------------

    def check_program(self, t: Test) -> None:
        wasm = self.build_wasm(t)
        if t.native:
            ref = self.run_native(t, self.build_native(t))
            exp_out, exp_err, exp_code = ref.stdout, ref.stderr, ref.returncode
            if exp_code != t.exit_code:
                raise Failure(f"native reference exited {exp_code}, table says "
                              f"{t.exit_code}: {one_line(ref.stderr)}")
        else:
            exp_out, exp_err, exp_code = t.expected_stdout, b"", t.exit_code
        got, cmd = self.run_wasm(t, wasm)
        cmdline = " ".join(cmd)
        node = self.o.wasm_runner == "node"

        if t.trap:
            if got.returncode != TRAP_EXIT:
                raise Failure(f"expected a trap ({t.trap}, exit {TRAP_EXIT}), got exit "
                              f"{got.returncode}; stderr {one_line(got.stderr)} [{cmdline}]")
            # The last line of stderr is the trap message; what comes before it
            # is the program's own (for a native reference: its stderr).
            err_lines = got.stderr.splitlines(keepends=True)
            last = err_lines[-1].decode("utf-8", "replace").rstrip("\n") if err_lines else ""
            before = b"".join(err_lines[:-1])
            if node:
                if not last.startswith("node: trap: "):
                    raise Failure(f"no trap message on stderr: {one_line(got.stderr)}")
            else:
                want = re.compile(r"^wasmaot: trap: (.+?) in (\S+)\+0x[0-9a-f]+$")
                m = want.match(last)
                if not m or not got.stderr.endswith(b"\n"):
                    raise Failure(f"stderr does not end with one line `wasmaot: trap: KIND in "
                                  f"FUNCTION+0xOFFSET`: {one_line(got.stderr)}")
                if m.group(1) != t.trap:
                    raise Failure(f"trap kind '{m.group(1)}', expected '{t.trap}' "
                                  f"[{cmdline}]")
                explicit = "--bounds-checks=explicit" in self.o.compile_args
                if (t.trap_func and (explicit or not t.signal_trap)
                        and m.group(2) != t.trap_func):
                    raise Failure(f"trap names function '{m.group(2)}', expected "
                                  f"'{t.trap_func}'")
            if got.stdout != exp_out:
                self.note(t, full_diff("stdout", exp_out, got.stdout))
                raise Failure(diff_excerpt("stdout", exp_out, got.stdout))
            if before != exp_err:
                self.note(t, full_diff("stderr", exp_err, before))
                raise Failure(diff_excerpt("stderr before the trap message", exp_err, before))
            return

        if got.returncode != exp_code:
            raise Failure(f"exit code {got.returncode}, expected {exp_code}; stderr "
                          f"{one_line(got.stderr)} [{cmdline}]")
        if got.stdout != exp_out:
            self.note(t, full_diff("stdout", exp_out, got.stdout))
            raise Failure(diff_excerpt("stdout", exp_out, got.stdout) + f" [{cmdline}]")
        if got.stderr != exp_err:
            self.note(t, full_diff("stderr", exp_err, got.stderr))
            raise Failure(diff_excerpt("stderr", exp_err, got.stderr) + f" [{cmdline}]")

    def note(self, t: Test, text: str) -> None:
        if text:
            self.verbose_lines.append(f"--- {t.name}\n{text}")

    # ---- negative CLI tests ---------------------------------------------------

    def cli_tests(self):
        """(name, function) pairs; each function raises Failure."""
        base = self.work / "cli"
        hello_test = Test("hello", "hello.c")

        def expect_error(case: str, argv_tail, shape, out_name="out", out_path=None,
                         must_contain=()):
            d = base / case
            if d.exists():
                shutil.rmtree(d)
            d.mkdir(parents=True)
            inputs = setup.get(case, lambda d: [])(d)
            out = Path(out_path) if out_path else d / out_name
            cmd = [self.o.wasmaot] + [a.format(dir=d, out=out) for a in argv_tail]
            p = run_command(cmd, 120, capture_output=True, cwd=d)
            if p.returncode != 1:
                raise Failure(f"exit code {p.returncode}, expected 1 [{' '.join(cmd)}] "
                              f"stderr {one_line(p.stderr)}")
            err = p.stderr.decode("utf-8", "replace")
            lines = err.splitlines()
            if len(lines) != 1 or not err.endswith("\n"):
                raise Failure(f"stderr is not exactly one line: {one_line(p.stderr, 300)}")
            if not shape.match(lines[0]):
                which = {MSG_FILE: "FILE:0xOFFSET: error: ...",
                         MSG_TOOL: "wasmaot: error: ..."}.get(shape, "... error: ...")
                raise Failure(f"message does not have the shape `{which}`: {lines[0]!r}")
            for word in must_contain:
                if word not in lines[0]:
                    raise Failure(f"message does not name '{word}': {lines[0]!r}")
            if p.stdout:
                raise Failure(f"unexpected stdout: {one_line(p.stdout)}")
            if out.exists():
                raise Failure(f"output file {out} was left behind")
            left = sorted(x.name for x in d.iterdir() if x.name not in inputs)
            if left:
                raise Failure(f"files left behind in the output directory: {left}")

        def write(name, data):
            def f(d):
                (d / name).write_bytes(data() if callable(data) else data)
                return [name]
            return f

        hello_wasm = lambda: self.build_wasm(hello_test).read_bytes()
        # A module that decodes but does not validate: (func (result i32) i64.const 0).
        invalid = (b"\0asm\1\0\0\0" + b"\x01\x05\x01\x60\x00\x01\x7f"
                   + b"\x03\x02\x01\x00" + b"\x0a\x06\x01\x04\x00\x42\x00\x0b")
        def wat(name, text):
            def f(d):
                (d / (name + ".wat")).write_text(text)
                run_tool([self.o.wat2wasm, str(d / (name + ".wat")), "-o",
                          str(d / (name + ".wasm"))])
                return [name + ".wat", name + ".wasm"]
            return f

        setup = {
            # The brief: a missing import is a clear link error naming module
            # and field (at compile time), never a failure at run time.
            "missing_import": wat("missing", """(module
  (import "env" "missing_function" (func $m (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start") (drop (call $m (i32.const 1)))))"""),
            "missing_wasi_function": wat("missing", """(module
  (import "wasi_snapshot_preview1" "no_such_call" (func $m (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start") (drop (call $m (i32.const 1)))))"""),
            "not_wasm": write("notwasm.wasm", b"this is a text file, not a module\n"),
            "truncated": write("trunc.wasm", lambda: hello_wasm()[:20]),
            "empty_file": write("empty.wasm", b""),
            "invalid_body": write("invalid.wasm", invalid),
            "unwritable_output": write("hello.wasm", hello_wasm),
            "unknown_flag": write("hello.wasm", hello_wasm),
            "bad_bounds_value": write("hello.wasm", hello_wasm),
            "output_is_directory": lambda d: (write("hello.wasm", hello_wasm)(d)
                                              + [(d / "outdir").mkdir() or "outdir"]),
            "env_without_equals": write("hello.wasm", hello_wasm),
        }
        cases = [
            ("missing_input", ["compile", "{dir}/does-not-exist.wasm", "-o", "{out}"], MSG_TOOL, {}),
            ("not_wasm", ["compile", "{dir}/notwasm.wasm", "-o", "{out}"], MSG_FILE, {}),
            ("truncated", ["compile", "{dir}/trunc.wasm", "-o", "{out}"], MSG_FILE, {}),
            ("empty_file", ["compile", "{dir}/empty.wasm", "-o", "{out}"], MSG_FILE, {}),
            ("invalid_body", ["compile", "{dir}/invalid.wasm", "-o", "{out}"], MSG_FILE, {}),
            ("unwritable_output", ["compile", "{dir}/hello.wasm", "-o", "{out}"], MSG_TOOL,
             {"out_path": "/nonexistent-dir/out"}),
            ("unknown_flag", ["compile", "{dir}/hello.wasm", "-o", "{out}",
                              "--no-such-flag"], MSG_TOOL, {}),
            ("bad_bounds_value", ["compile", "{dir}/hello.wasm", "-o", "{out}",
                                  "--bounds-checks=sometimes"], MSG_TOOL, {}),
            ("env_without_equals", ["compile", "{dir}/hello.wasm", "-o", "{out}",
                                    "--env", "NOEQUALS"], MSG_TOOL, {}),
            # (a temporary file beside the output would land in {dir} and be seen)
            ("output_is_directory", ["compile", "{dir}/hello.wasm", "-o", "{dir}/outdir"],
             MSG_TOOL,
             {"out_path": "/nonexistent-placeholder"}),
            ("missing_import", ["compile", "{dir}/missing.wasm", "-o", "{out}"], MSG_ANY,
             {"must_contain": ("env", "missing_function")}),
            ("missing_wasi_function", ["compile", "{dir}/missing.wasm", "-o", "{out}"], MSG_ANY,
             {"must_contain": ("wasi_snapshot_preview1", "no_such_call")}),
        ]
        tests = []
        for case, argv_tail, shape, kw in cases:
            def fn(case=case, argv_tail=argv_tail, shape=shape, kw=kw):
                expect_error(case, argv_tail, shape, **kw)
            tests.append((f"cli_{case}", fn))
        return tests

    # ---- driver ---------------------------------------------------------------

    def all_tests(self):
        tests = [(t.name, (lambda t=t: self.check_program(t))) for t in TESTS]
        if self.o.wasmaot:
            tests += self.cli_tests()
        if self.o.filter:
            rx = re.compile(self.o.filter)
            tests = [x for x in tests if rx.search(x[0])]
        return tests


def run_named_check(named_check):
    """(name, None) when the check passes, (name, the reason) when it fails."""
    name, check = named_check
    _, error = outcome(check)
    return name, error


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wasmaot", help="the wasmaot binary (required unless --wasm-runner=node)")
    ap.add_argument("--work-dir", required=True, help="directory for builds and runs")
    ap.add_argument("--wasm-runner", choices=["wasmaot", "wasmaot-run", "node"],
                    default="wasmaot",
                    help="what runs the .wasm side: wasmaot (compile, then run the "
                    "executable; the default), wasmaot-run (`wasmaot run`, grants at "
                    "launch), node (node:wasi, no wasmaot needed)")
    ap.add_argument("--compile-arg", action="append", default=[], dest="compile_args",
                    metavar="ARG", help="passed to `wasmaot compile` (repeatable), "
                    "e.g. --compile-arg=--bounds-checks=explicit")
    ap.add_argument("--qemu", help="run the compiled executables under this "
                    "user-mode emulator (with --compile-arg=--target=...)")
    ap.add_argument("--raw-wasm", action="store_true",
                    help="build every module without clang's wasm-opt step")
    ap.add_argument("-k", "--filter", help="only tests whose name matches this regex")
    ap.add_argument("-j", "--jobs", type=int, default=1)
    ap.add_argument("-v", "--verbose", action="store_true", help="print full diffs")
    add_toolchain_arguments(ap)
    ap.add_argument("--clangxx", default="clang++-19")
    ap.add_argument("--wat2wasm", default="wat2wasm")
    ap.add_argument("--compile-timeout", type=int, default=600)
    ap.add_argument("compile_args_tail", nargs="*", metavar="-- COMPILE-ARGS",
                    help="further arguments for `wasmaot compile` after --")
    o = ap.parse_args()
    o.compile_args += o.compile_args_tail
    if o.wasm_runner != "node" and not o.wasmaot:
        ap.error("--wasmaot is required unless --wasm-runner=node")
    if o.qemu:
        if o.wasm_runner != "wasmaot":
            ap.error("--qemu runs compiled executables: --wasm-runner=wasmaot only")
        found = shutil.which(o.qemu)
        if not found:
            ap.error(f"{o.qemu} not found (Debian's qemu-user)")
        o.qemu = found
    if o.wasmaot:
        o.wasmaot = str(Path(o.wasmaot).resolve())
        if not os.access(o.wasmaot, os.X_OK):
            ap.error(f"{o.wasmaot} is not an executable")

    h = Harness(o)
    tests = h.all_tests()
    if not tests:
        print("no tests selected")
        print("0 passed, 0 failed")
        return 1
    reporter = Reporter()
    # Reported in the order of the table, whichever finishes first.
    for name, error in in_parallel(run_named_check, tests, o.jobs):
        reporter.report(name, error)
    if o.verbose and h.verbose_lines:
        print("\n".join(h.verbose_lines))
    if o.wasm_runner == "node":
        print("note: node mode: trap kinds not checked; negative CLI tests "
              + ("run" if o.wasmaot else "not run (no --wasmaot)"))
    reporter.print_summary()
    return reporter.exit_code()


if __name__ == "__main__":
    sys.exit(main())
