"""What the test runners test/e2e/run_e2e.py and test/wasi/run_wasi.py share:
running the tools (compilers, `wasmaot compile`, node:wasi) with a time limit,
the grant arguments of wasmaot and node_wasi_run.mjs, the `PASS name` /
`FAIL name: reason` lines and the final `N passed, N failed`.

A runner finds this file from any working directory through its own path:

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from harness import Failure, ...

Standard library only.
"""

import concurrent.futures
import subprocess
import threading
from pathlib import Path
from typing import Callable, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, TypeVar

TEST_DIR = Path(__file__).resolve().parent

# The exit code of a guest that traps: wasmaot executables, `wasmaot run` and
# node_wasi_run.mjs alike.
TRAP_EXIT = 134

# Runs a module on node:wasi with the same grants as a wasmaot executable.
NODE_WASI_RUNNER = TEST_DIR / "e2e" / "node_wasi_run.mjs"

# How long a build step (compiler, `wasmaot compile`, npm) may take.
BUILD_TIMEOUT = 600


class Failure(Exception):
    """An expectation of a test that was not met; the message says how."""


def one_line(data: bytes, limit: int = 160) -> str:
    """data as a quoted string on one line, cut after limit characters."""
    text = repr(data.decode("utf-8", "replace"))
    return text if len(text) <= limit else text[:limit] + "..."


# ---- running commands ----------------------------------------------------------

def run_command(argv: List[str], timeout: float, **subprocess_args) -> subprocess.CompletedProcess:
    """subprocess.run(argv, timeout=timeout, **subprocess_args), where a
    command that cannot be started or does not finish in time is a Failure."""
    try:
        return subprocess.run(argv, timeout=timeout, **subprocess_args)
    except subprocess.TimeoutExpired:
        raise Failure(f"timed out after {timeout}s: {' '.join(argv)}")
    except OSError as e:
        raise Failure(f"cannot run {argv[0]}: {e}")


def run_tool(argv: List[str], timeout: float = BUILD_TIMEOUT,
             **subprocess_args) -> subprocess.CompletedProcess:
    """Runs a build step with its output captured; a non-zero exit is a
    Failure naming the command, with the start of what it printed."""
    p = run_command(argv, timeout, capture_output=True, **subprocess_args)
    if p.returncode != 0:
        raise Failure(f"{Path(argv[0]).name} exited {p.returncode}: {' '.join(argv)}: "
                      + one_line(p.stderr + p.stdout, 400))
    return p


def compile_with_wasmaot(wasmaot: str, wasm: Path, exe: Path, options: Sequence[str] = (),
                         timeout: float = BUILD_TIMEOUT) -> None:
    """`wasmaot compile WASM -o EXE OPTIONS...`, which must exit 0 and write
    EXE. An EXE left from before is removed first: it cannot pass for a new one."""
    exe.unlink(missing_ok=True)
    argv = [wasmaot, "compile", str(wasm), "-o", str(exe), *options]
    run_tool(argv, timeout)
    if not exe.exists():
        raise Failure(f"wasmaot compile exited 0 but wrote no {exe}: {' '.join(argv)}")


def rust_wasm_command(rustc: str, source: Path, wasm: Path) -> List[str]:
    """rustc building source for WASI preview1 (Debian's rustc 1.63 calls the
    target wasm32-wasi)."""
    return [rustc, "--target", "wasm32-wasi", "-O", "-C", "strip=debuginfo",
            str(source), "-o", str(wasm)]


def node_wasi_command(node: str, node_options: Sequence[str] = ()) -> List[str]:
    """node running NODE_WASI_RUNNER; grants, the module and its arguments
    follow. --single-threaded-gc: node 20.20 crashes now and then (SIGSEGV) at
    exit after a module grew its memory to 64 MiB; never with this flag in 100
    runs."""
    return [node, "--no-warnings", "--single-threaded-gc", *node_options,
            str(NODE_WASI_RUNNER)]


def env_args(env: Dict[str, str]) -> List[str]:
    """`--env NAME=VALUE` for each variable (wasmaot compile and run,
    node_wasi_run.mjs)."""
    return [arg for name, value in env.items() for arg in ("--env", f"{name}={value}")]


def grant_channel(entries: Iterable[str]) -> str:
    """Grants as WASMAOT_ENV and WASMAOT_DIR carry them to an executable
    (wasi-libhost/GrantChannel.h): one entry a line, a newline inside an
    entry written as \\n and a backslash as \\\\."""
    return "".join(e.replace("\\", "\\\\").replace("\n", "\\n") + "\n" for e in entries)


def dir_args(dirs: Iterable[str]) -> List[str]:
    """`--dir HOST[::GUEST]` for each directory (wasmaot compile and run,
    node_wasi_run.mjs)."""
    return [arg for d in dirs for arg in ("--dir", d)]


def add_toolchain_arguments(parser) -> None:
    """The runners' --clang, --rustc and --node options, with their defaults."""
    parser.add_argument("--clang", default="clang-19")
    parser.add_argument("--rustc", default="/usr/bin/rustc",
                        help="a rustc with the wasm32-wasi target (Debian's 1.63)")
    parser.add_argument("--node", default="node")


# ---- running checks and reporting them -------------------------------------------

Result = TypeVar("Result")
Item = TypeVar("Item")


def outcome(check: Callable[[], Result]) -> Tuple[Optional[Result], Optional[str]]:
    """Runs check: (what it returned, None) when it passes, (None, the reason)
    when it raises. An exception other than Failure is a bug of the harness,
    and a failure too, so that it cannot pass unnoticed."""
    try:
        return check(), None
    except Failure as e:
        return None, str(e)
    except Exception as e:
        return None, f"harness error: {type(e).__name__}: {e}"


def in_parallel(function: Callable[[Item], Result], items: Iterable[Item],
                jobs: int) -> Iterator[Result]:
    """function(item) for every item, computed by up to jobs threads and
    yielded in the order of items."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        yield from pool.map(function, items)


class Reporter:
    """Prints `PASS name` or `FAIL name: reason` for each result, from any
    thread, and counts them for the summary line `N passed, N failed`."""

    def __init__(self):
        self.passed = 0
        self.failed = 0
        self._lock = threading.Lock()

    def report(self, name: str, error: Optional[str]) -> None:
        with self._lock:
            if error is None:
                self.passed += 1
                print(f"PASS {name}", flush=True)
            else:
                self.failed += 1
                print(f"FAIL {name}: {error}", flush=True)

    def print_summary(self) -> None:
        print(f"{self.passed} passed, {self.failed} failed", flush=True)

    def exit_code(self) -> int:
        return 1 if self.failed else 0
