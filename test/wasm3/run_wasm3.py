#!/usr/bin/env python3
"""Programs that use what Wasm 3.0 and threads add, as executables.

Each test builds a module (C with clang-19 --target=wasm32 -nostdlib, since
Debian's wasi-libc has neither a threads sysroot nor exceptions; or .wat with
wat2wasm), compiles it with `wasmaot compile`, runs it (under qemu with
--qemu) and checks its exit code, its standard output and, for a trap, the
first line of its standard error. The programs check their own results too
(a parallel sum against the sequential one), and print `ok` last when they
pass.

    run_wasm3.py --wasmaot build/bin/wasmaot --work-dir /tmp/wasm3
    run_wasm3.py ... --compile-arg=--bounds-checks=explicit -k sum
    run_wasm3.py ... --qemu qemu-aarch64 --compile-arg=--target=aarch64-linux-gnu

Prints `PASS name` or `FAIL name: reason` per test and finally
`N passed, N failed`; the exit code is 1 if any test failed.
"""

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional

HERE = Path(__file__).resolve().parent
PROGRAMS = HERE / "programs"

sys.path.insert(0, str(HERE.parent))
from harness import (TRAP_EXIT, Failure, Reporter, compile_with_wasmaot,  # noqa: E402
                     in_parallel, one_line, outcome, run_command, run_tool)

# What a wasi-threads guest without libc is built with: the memory imported
# (env.memory) and shared, 64 MiB at most.
THREADS_FLAGS = ["--target=wasm32", "-nostdlib", "-O2", "-matomics", "-mbulk-memory",
                 "-Wl,--shared-memory", "-Wl,--import-memory",
                 "-Wl,--max-memory=67108864", "-Wl,--no-entry"]


# wat2wasm 1.0.32 needs the proposals turned on; names for trap messages.
WAT_FLAGS = ["--enable-exceptions", "--enable-tail-call", "--debug-names"]


@dataclass
class Test:
    name: str
    source: str                        # in programs/: .c (threads), .wat or
                                       # .py (writes the module itself)
    defines: List[str] = field(default_factory=list)  # .c: -D flags; .py: arguments
    wat_flags: List[str] = field(default_factory=list)
    exit_code: int = 0
    stdout: Optional[str] = None       # the exact output; None: ends with "ok"
    stderr: Optional[str] = None       # a regex the first stderr line must match
    timeout: float = 60


TESTS = [
    Test("parallel_sum_2", "parallel_sum.c", ["-DTHREADS=2"]),
    Test("parallel_sum_8", "parallel_sum.c", ["-DTHREADS=8"]),
    Test("atomic_counter_8", "atomic_counter.c", ["-DTHREADS=8"]),
    Test("atomic_counter_2", "atomic_counter.c", ["-DTHREADS=2"]),
    Test("wait_notify", "wait_notify.c"),
    Test("thread_trap", "thread_trap.c", exit_code=TRAP_EXIT, stdout="",
         stderr=r"wasmaot: trap: unreachable in wasi_thread_start\+0x[0-9a-f]+$"),
    Test("thread_exit", "thread_exit.c", exit_code=42, stdout=""),
    Test("exceptions", "exceptions.wat", wat_flags=WAT_FLAGS,
         stdout="lookup 404\nlookup -1\nrethrow 1000000000007\ndelegate 1404\n"
                "other 42\nmany 40400000\n"),
    Test("uncaught_exception", "uncaught.wat", wat_flags=WAT_FLAGS,
         exit_code=TRAP_EXIT, stdout="",
         stderr=r"wasmaot: trap: uncaught exception \(parse_error\) in "
                r"parse\+0x[0-9a-f]+$"),
    Test("uncaught_named", "uncaught_named.wat", wat_flags=WAT_FLAGS,
         exit_code=TRAP_EXIT, stdout="",
         stderr=r"wasmaot: trap: uncaught exception \(bad_input\) in "
                r"check\+0x[0-9a-f]+$"),
    Test("uncaught_anonymous", "uncaught_named.wat",
         wat_flags=["--enable-exceptions"], exit_code=TRAP_EXIT, stdout="",
         stderr=r"wasmaot: trap: uncaught exception \(tag\[0\]\) in "
                r"func\[0\]\+0x[0-9a-f]+$"),
    Test("tail_interpreter", "tail_interpreter.wat", wat_flags=WAT_FLAGS,
         stdout="sum 12500002500000\n"),
    Test("table64_checks", "table64.py", ["checks"], stdout=""),
    Test("table64_oob", "table64.py", ["oob"], exit_code=TRAP_EXIT, stdout="",
         stderr=r"wasmaot: trap: undefined element in _start\+0x[0-9a-f]+$"),
]


def build(test: Test, args, work: Path) -> Path:
    source = PROGRAMS / test.source
    wasm = work / (test.name + ".wasm")
    if source.suffix == ".c":
        run_tool([args.clang, *THREADS_FLAGS, *test.defines, "-o", str(wasm),
                  str(source)])
    elif source.suffix == ".py":  # writes the module itself (wabt cannot)
        run_tool([sys.executable, str(source), str(wasm), *test.defines])
    else:
        run_tool([args.wat2wasm, *test.wat_flags, str(source), "-o", str(wasm)])
    return wasm


def check(test: Test, args, work: Path) -> None:
    wasm = build(test, args, work)
    exe = work / test.name
    compile_with_wasmaot(args.wasmaot, wasm, exe, args.compile_arg)
    argv = ([args.qemu] if args.qemu else []) + [str(exe)]
    p = run_command(argv, test.timeout * (4 if args.qemu else 1),
                    capture_output=True)
    out = p.stdout.decode("utf-8", "replace")
    err_lines = p.stderr.decode("utf-8", "replace").splitlines()
    if p.returncode != test.exit_code:
        raise Failure(f"exit {p.returncode}, expected {test.exit_code}; stdout "
                      f"{one_line(p.stdout)}, stderr {one_line(p.stderr)}")
    if test.stdout is None:
        if not out.endswith("ok\n"):
            raise Failure(f"output does not end with ok: {one_line(p.stdout, 400)}")
    elif out != test.stdout:
        raise Failure(f"stdout {one_line(p.stdout)}, expected {test.stdout!r}")
    if test.stderr is not None:
        if not err_lines or not re.match(test.stderr, err_lines[0]):
            raise Failure(f"stderr {one_line(p.stderr)} does not match {test.stderr!r}")
    elif err_lines:
        raise Failure(f"unexpected stderr {one_line(p.stderr)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wasmaot", required=True)
    parser.add_argument("--work-dir", required=True, type=Path)
    parser.add_argument("--clang", default="clang-19")
    parser.add_argument("--wat2wasm", default="wat2wasm")
    parser.add_argument("--qemu", help="run the executables under this qemu-user")
    parser.add_argument("--compile-arg", action="append", default=[],
                        help="an option for wasmaot compile (repeatable)")
    parser.add_argument("-k", help="only the tests whose name matches this regex")
    parser.add_argument("-j", type=int, default=2)
    args = parser.parse_args()
    args.work_dir.mkdir(parents=True, exist_ok=True)
    tests = [t for t in TESTS if not args.k or re.search(args.k, t.name)]
    if not tests:
        print(f"no test matches {args.k!r}")
        return 1
    reporter = Reporter()
    results = in_parallel(lambda t: (t, outcome(lambda: check(t, args, args.work_dir))),
                          tests, args.j)
    for test, (_, error) in results:
        reporter.report(test.name, error)
    reporter.print_summary()
    return reporter.exit_code()


if __name__ == "__main__":
    sys.exit(main())
