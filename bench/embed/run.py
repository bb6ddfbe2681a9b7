#!/usr/bin/env python3
"""The embedding benchmark (issue 13; results in docs/benchmarks.md), side by
side in one run:

  call_empty_export_ns         a call of an export that does nothing, from C
                               (median over BATCHES x 1000 calls)
  call_native_indirect_ns      a native indirect call, measured the same way
  call_add_export_ns /
  call_native_add_indirect_ns  the same with two arguments and a result
  crc32_native_ms              CRC-32 of SIZE bytes, native (clang-19 -O2)
  crc32_library_ms             the same C in the library (--emit=lib)
  crc32_executable_ms          the same C in a wasmaot executable, timed
                               inside it (no start-up)

--check builds everything and runs it at a small size, checking the CRCs
agree (CI); it times nothing that is compared.

    bench/embed/run.py [--wasmaot build/bin/wasmaot] [--batches 10000]
                       [--size 3145728] [--iterations 20] [--check]
"""
import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def run(argv, **kw):
    p = subprocess.run([str(a) for a in argv], capture_output=True, text=True, **kw)
    if p.returncode != 0:
        sys.exit(f"{argv[0]} exited {p.returncode}: {p.stderr[-800:]}")
    return p.stdout


def parse(out):
    return dict(line.split(" ", 1) for line in out.strip().splitlines())


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wasmaot", default=str(ROOT / "build" / "bin" / "wasmaot"))
    ap.add_argument("--clang", default="clang-19")
    ap.add_argument("--work", default=str(ROOT / "build" / "bench-embed"))
    ap.add_argument("--batches", type=int, default=10000)
    ap.add_argument("--size", type=int, default=3 << 20)
    ap.add_argument("--iterations", type=int, default=20)
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    if a.check:
        a.batches, a.size, a.iterations = 10, 1 << 16, 2
    work = Path(a.work)
    work.mkdir(parents=True, exist_ok=True)

    run([a.clang, "--target=wasm32-wasi", "-O2", "-mexec-model=reactor",
         HERE / "boundary.c", "-o", work / "boundary.wasm"])
    run([a.wasmaot, "compile", "--emit=lib", work / "boundary.wasm",
         "-o", work / "libboundary.a"])
    run([a.clang, "-O2", "-c", ROOT / "test" / "embed" / "libs" / "checksum.c",
         "-o", work / "checksum-native.o"])
    run([a.clang, "-O2", f"-I{work}", f"-I{ROOT / 'embed' / 'include'}",
         HERE / "bench_host.c", work / "checksum-native.o", work / "libboundary.a",
         "-o", work / "bench_host", "-lpthread"])
    run([a.clang, "--target=wasm32-wasi", "-O2", HERE / "crc_main.c",
         "-o", work / "crc_main.wasm"])
    run([a.wasmaot, "compile", work / "crc_main.wasm", "-o", work / "crc_main"])

    host = parse(run([work / "bench_host", a.batches, a.size, a.iterations]))
    exe = run([work / "crc_main", a.size, a.iterations]).split()
    exe_crc, exe_ms = exe[1], exe[3]
    if exe_crc != host["crc"]:
        sys.exit(f"the executable's crc {exe_crc} differs from the library's {host['crc']}")
    if a.check:
        print(f"bench-embed check: library, executable and native agree (crc {exe_crc})")
        return 0

    f = {k: float(v) for k, v in host.items() if k.endswith(("_ns", "_ms"))}
    f["crc32_executable_ms"] = float(exe_ms)
    print(f"{'measure':32} {'value':>10}")
    for k, v in f.items():
        print(f"{k:32} {v:10.2f}")
    print(f"\nempty export call: {f['call_empty_export_ns']:.1f} ns "
          f"(native indirect call {f['call_native_indirect_ns']:.1f} ns)")
    print(f"crc32 of {a.size} bytes: library/native "
          f"{f['crc32_library_ms'] / f['crc32_native_ms']:.2f}x, library/executable "
          f"{f['crc32_library_ms'] / f['crc32_executable_ms']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
