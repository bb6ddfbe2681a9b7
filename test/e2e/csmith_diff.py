#!/usr/bin/env python3
"""Differential testing of wasmaot against node's V8 with random C programs.

Each seed: csmith generates a program, clang-19 builds it for wasm32-wasi,
node (node_wasi_run.mjs) runs it as the reference, wasmaot compiles and runs
it, and the printed checksums and exit codes must agree. Programs that node
does not finish within the time limit are not counted.

    apt-get install csmith libcsmith-dev      # Debian 12
    test/e2e/csmith_diff.py --wasmaot build/bin/wasmaot --work-dir /tmp/csmith \\
        --seeds 1-200 [--compile-arg=--bounds-checks=explicit]

Prints one line per mismatch or failure (the work directory of that seed is
kept), then `N agreed, N differed, N not run`; exits 1 if any differed.
Standard library only.
"""

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run(cmd, timeout, **kw):
    try:
        return subprocess.run(cmd, capture_output=True, timeout=timeout, **kw)
    except subprocess.TimeoutExpired:
        return None


def one_seed(o, seed: int):
    d = Path(o.work_dir) / f"seed{seed}"
    d.mkdir(parents=True, exist_ok=True)
    src, wasm, exe = d / "p.c", d / "p.wasm", d / "p.exe"
    p = run([o.csmith, "--seed", str(seed), "-o", str(src)], 60)
    if not p or p.returncode:
        return "skip", "csmith failed"
    p = run([o.clang, "--target=wasm32-wasi", "-O2", "-w", f"-I{o.csmith_include}",
             str(src), "-o", str(wasm)], 120)
    if not p or p.returncode:
        return "skip", "clang failed"
    ref = run([o.node, "--no-warnings", "--single-threaded-gc",
               str(HERE / "node_wasi_run.mjs"), str(wasm)], o.timeout)
    if ref is None:
        shutil.rmtree(d)
        return "skip", "node timed out"
    p = run([o.wasmaot, "compile", str(wasm), "-o", str(exe)] + o.compile_args, 300)
    if p is None or p.returncode:
        err = p.stderr.decode(errors="replace").strip()[:300] if p else "timed out"
        return "differ", f"wasmaot compile failed: {err}"
    got = run([str(exe)], o.timeout * 4)
    if got is None:
        return "differ", "wasmaot executable timed out (node did not)"
    if got.returncode != ref.returncode or got.stdout != ref.stdout:
        tail = lambda b: b.decode(errors="replace").strip().splitlines()[-1:] or [""]
        return "differ", (f"node exit {ref.returncode} {tail(ref.stdout)[0]!r}, wasmaot exit "
                          f"{got.returncode} {tail(got.stdout)[0]!r} "
                          f"{got.stderr.decode(errors='replace').strip()[:200]!r}")
    shutil.rmtree(d)
    return "agree", ""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wasmaot", required=True)
    ap.add_argument("--work-dir", required=True)
    ap.add_argument("--seeds", default="1-50", help="A-B (inclusive)")
    ap.add_argument("--compile-arg", action="append", default=[], dest="compile_args")
    ap.add_argument("--timeout", type=int, default=10, help="seconds for node")
    ap.add_argument("--csmith", default="csmith")
    ap.add_argument("--csmith-include", default="/usr/include/csmith")
    ap.add_argument("--clang", default="clang-19")
    ap.add_argument("--node", default="node")
    o = ap.parse_args()
    o.wasmaot = str(Path(o.wasmaot).resolve())
    lo, hi = (int(x) for x in o.seeds.split("-"))
    counts = {"agree": 0, "differ": 0, "skip": 0}
    for seed in range(lo, hi + 1):
        verdict, why = one_seed(o, seed)
        counts[verdict] += 1
        if verdict == "differ":
            print(f"DIFFER seed {seed}: {why} (kept in {Path(o.work_dir) / f'seed{seed}'})",
                  flush=True)
    print(f"{counts['agree']} agreed, {counts['differ']} differed, {counts['skip']} not run")
    return 1 if counts["differ"] else 0


if __name__ == "__main__":
    sys.exit(main())
