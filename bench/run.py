#!/usr/bin/python3
"""Times the benchmark programs natively, under wasmaot and under the other
Wasm engines found on this machine, and checks every run's checksum against
the native one.

    bench/run.py                      # timed run: Markdown table, CSV, PNG in bench/out/
    bench/run.py --check              # CI: each program once, small size, checksums only
    bench/run.py --programs matmul,sort --runs 3 --engines native,wasmaot-guard

Times are medians of the user CPU time (getrusage of the child) of --runs runs
after one warm-up run, with every engine interleaved in each round: on shared
virtual machines system and wall time swing too much to compare. Engines that
are not installed are skipped with a note. See docs/benchmarks.md.
"""
import argparse
import csv
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PROGRAMS = HERE / "programs"

# name -> (size for timed runs, size for --check); the timed size runs for
# about 0.5 to 1 s natively on a 2020s x86-64 core.
SIZES = {
    "loops": (400000, 300),
    "matmul": (1500, 60),
    "jacobi1d": (60000, 20),
    "stencil2d": (5000, 3),
    "hashtable": (16, 1),
    "sort": (5000, 20),
    "strsearch": (300, 2),
    "recursion": (42, 24),
    "pointers": (200, 2),
    "memops": (60000, 50),
    "fpmath": (3000, 100),
    "interp": (500, 5),
    "compress": (300, 1),
    "parse": (100, 1),
}

WASM2C_DIR = Path("/usr/share/wabt/wasm2c")


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def run_timed(cmd, timeout=600):
    """Runs cmd; returns (user CPU s, wall s, exit code, stdout)."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        p.kill()
        out, err = p.communicate()
    wall = time.perf_counter() - start
    # communicate() reaped the child; its rusage went to RUSAGE_CHILDREN.
    return wall, p.returncode, out.decode(errors="replace"), err.decode(errors="replace")


class ChildTimer:
    """User CPU time of the children reaped between start() and stop()."""

    def start(self):
        self.u0 = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
        self.s0 = resource.getrusage(resource.RUSAGE_CHILDREN).ru_stime

    def stop(self):
        r = resource.getrusage(resource.RUSAGE_CHILDREN)
        return r.ru_utime - self.u0, r.ru_stime - self.s0


def measure(cmd, timeout=600):
    t = ChildTimer()
    t.start()
    wall, rc, out, err = run_timed(cmd, timeout)
    user, system = t.stop()
    return user, system, wall, rc, out, err


class Engine:
    """One way of running a program. aot(name, wasm) builds what run() needs and
    returns the compile CPU time (None when there is no separate compile)."""

    def __init__(self, name, label, note=""):
        self.name, self.label, self.note = name, label, note

    def prepare(self, prog, wasm, work):  # -> compile seconds or None
        return None

    def command(self, prog, wasm, work, size):
        raise NotImplementedError


class Native(Engine):
    def __init__(self, clang):
        super().__init__("native", "native (clang-19 -O2)")
        self.clang = clang

    def prepare(self, prog, wasm, work):
        exe = work / "native" / prog
        exe.parent.mkdir(parents=True, exist_ok=True)
        cmd = [self.clang, "-O2", "-w", str(PROGRAMS / f"{prog}.c"), "-o", str(exe), "-lm"]
        return compile_step([cmd])

    def command(self, prog, wasm, work, size):
        return [str(work / "native" / prog), str(size)]


class Wasmaot(Engine):
    def __init__(self, name, label, wasmaot, flags):
        super().__init__(name, label)
        self.wasmaot, self.flags = wasmaot, flags

    def prepare(self, prog, wasm, work):
        exe = work / self.name / prog
        exe.parent.mkdir(parents=True, exist_ok=True)
        return compile_step([[self.wasmaot, "compile", *self.flags, str(wasm), "-o", str(exe)]])

    def command(self, prog, wasm, work, size):
        return [str(work / self.name / prog), str(size)]


class Wasm2c(Engine):
    def __init__(self, wasm2c, clang):
        super().__init__("wasm2c", "wasm2c + clang-19 -O2")
        self.wasm2c, self.clang = wasm2c, clang

    def prepare(self, prog, wasm, work):
        d = work / "wasm2c" / prog
        d.mkdir(parents=True, exist_ok=True)
        # -n bench: every program gets the same symbol names, so one shim fits all.
        return compile_step([
            [self.wasm2c, str(wasm), "-n", "bench", "-o", str(d / "bench.c")],
            [self.clang, "-O2", "-w", "-I", str(d), "-I", str(WASM2C_DIR), str(d / "bench.c"),
             str(HERE / "wasm2c-shim" / "wasi-shim.c"), str(WASM2C_DIR / "wasm-rt-impl.c"),
             "-o", str(d / "prog"), "-lm"],
        ])

    def command(self, prog, wasm, work, size):
        return [str(work / "wasm2c" / prog / "prog"), str(size)]


class Node(Engine):
    def __init__(self, node):
        super().__init__("node", "node/V8 (node:wasi)", "compiles at run time (included)")
        self.node = node

    def command(self, prog, wasm, work, size):
        return [self.node, "--no-warnings", str(HERE / "node-run.mjs"), str(wasm), str(size)]


class Wasm3(Engine):
    def __init__(self, exe):
        super().__init__("wasm3", "wasm3 (interpreter)")
        self.exe = exe

    def command(self, prog, wasm, work, size):
        return [self.exe, str(wasm), str(size)]


class IwasmInterp(Engine):
    def __init__(self, exe):
        super().__init__("iwasm", "WAMR iwasm (interpreter)")
        self.exe = exe

    def command(self, prog, wasm, work, size):
        return [self.exe, "--interp", str(wasm), str(size)]


class Wamrc(Engine):
    def __init__(self, wamrc, iwasm):
        super().__init__("wamrc", "WAMR wamrc + iwasm (AOT, host CPU)")
        self.wamrc, self.iwasm = wamrc, iwasm

    def prepare(self, prog, wasm, work):
        out = work / "wamrc" / f"{prog}.aot"
        out.parent.mkdir(parents=True, exist_ok=True)
        return compile_step([[self.wamrc, "-o", str(out), str(wasm)]])

    def command(self, prog, wasm, work, size):
        return [self.iwasm, str(work / "wamrc" / f"{prog}.aot"), str(size)]


class WasmEdge(Engine):
    def __init__(self, exe):
        super().__init__("wasmedge", "WasmEdge (AOT, host CPU)")
        self.exe = exe

    def prepare(self, prog, wasm, work):
        out = work / "wasmedge" / f"{prog}.so"
        out.parent.mkdir(parents=True, exist_ok=True)
        return compile_step([[self.exe, "compile", str(wasm), str(out)]])

    def command(self, prog, wasm, work, size):
        return [self.exe, str(work / "wasmedge" / f"{prog}.so"), str(size)]


def compile_step(cmds):
    total = 0.0
    for cmd in cmds:
        user, system, wall, rc, out, err = measure(cmd)
        if rc != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed ({rc}):\n{err[-2000:]}")
        total += user + system
    return total


def find_tool(option, *names):
    if option:
        if not (Path(option).exists() or shutil.which(option)):
            return None
        return option
    for n in names:
        p = shutil.which(n)
        if p:
            return p
    return None


def make_engines(a):
    notes = []
    engines = [Native(a.clang)]
    wasmaot = a.wasmaot
    engines.append(Wasmaot("wasmaot-guard", "wasmaot (guard pages)", wasmaot, []))
    engines.append(Wasmaot("wasmaot-explicit", "wasmaot (explicit checks)", wasmaot,
                           ["--bounds-checks=explicit"]))
    if a.check:
        return engines, notes
    engines.append(Wasmaot("wasmaot-native", "wasmaot --cpu native", wasmaot, ["--cpu", "native"]))
    w2c = find_tool(a.wasm2c, "wasm2c")
    if w2c and (WASM2C_DIR / "wasm-rt-impl.c").exists():
        engines.append(Wasm2c(w2c, a.clang))
    else:
        notes.append("wasm2c (wabt) not found: skipped")
    node = find_tool(a.node, "node")
    if node:
        engines.append(Node(node))
    else:
        notes.append("node not found: skipped")
    w3 = find_tool(a.wasm3, "wasm3")
    engines.append(Wasm3(w3)) if w3 else notes.append("wasm3 not found (--wasm3 PATH): skipped")
    iwasm = find_tool(a.iwasm, "iwasm")
    iw_interp = find_tool(a.iwasm_interp) if a.iwasm_interp else iwasm
    if iw_interp:
        engines.append(IwasmInterp(iw_interp))
    else:
        notes.append("WAMR iwasm not found (--iwasm PATH): skipped")
    wamrc = find_tool(a.wamrc, "wamrc")
    if wamrc and iwasm:
        engines.append(Wamrc(wamrc, iwasm))
    else:
        notes.append("WAMR wamrc + iwasm not found (--wamrc PATH --iwasm PATH): skipped")
    we = find_tool(a.wasmedge, "wasmedge")
    engines.append(WasmEdge(we)) if we else notes.append("WasmEdge not found (--wasmedge PATH): skipped")
    wanted = set(a.engines.split(",")) if a.engines else None
    if wanted:
        engines = [e for e in engines if e.name in wanted or e.name == "native"]
    return engines, notes


def checksum(out):
    return out.strip()


def build_wasm(a, prog, work):
    wasm = work / "wasm" / f"{prog}.wasm"
    wasm.parent.mkdir(parents=True, exist_ok=True)
    cmd = [a.clang, "--target=wasm32-wasi", "-O2", *a.wasm_flags.split(), "-w",
           str(PROGRAMS / f"{prog}.c"), "-o", str(wasm)]
    compile_step([cmd])
    return wasm


def geomean(xs):
    xs = [x for x in xs if x and x > 0]
    if not xs:
        return float("nan")
    import math
    return math.exp(sum(math.log(x) for x in xs) / len(xs))


def machine_description():
    cpu = platform.processor() or platform.machine()
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Linux {platform.release()}"


def check_mode(a, progs, work):
    engines, _ = make_engines(a)
    failures = 0
    for prog in progs:
        size = SIZES[prog][1]
        wasm = build_wasm(a, prog, work)
        ref = None
        for e in engines:
            try:
                e.prepare(prog, wasm, work)
            except RuntimeError as ex:
                log(f"FAIL {prog} {e.name}: compile: {ex}")
                failures += 1
                continue
            wall, rc, out, err = run_timed(e.command(prog, wasm, work, size), timeout=120)
            if rc != 0:
                log(f"FAIL {prog} {e.name}: exit {rc}: {err.strip()[-500:]}")
                failures += 1
                continue
            if e.name == "native":
                ref = checksum(out)
                continue
            if checksum(out) != ref:
                log(f"FAIL {prog} {e.name}: checksum {checksum(out)!r}, native {ref!r}")
                failures += 1
            else:
                log(f"ok   {prog} {e.name}: {ref}")
    print(f"bench --check: {len(progs)} programs, {failures} failures")
    return 1 if failures else 0


def timed_mode(a, progs, work, out_dir):
    engines, notes = make_engines(a)
    for n in notes:
        log("note: " + n)
    compile_times = {}  # (engine, prog) -> s
    ready = {}
    wasms = {}
    for prog in progs:
        wasms[prog] = build_wasm(a, prog, work)
        for e in engines:
            try:
                compile_times[e.name, prog] = e.prepare(prog, wasms[prog], work)
                ready[e.name, prog] = True
            except RuntimeError as ex:
                log(f"note: {e.name} cannot build {prog}: {str(ex).splitlines()[0]}")
                ready[e.name, prog] = False

    times = {}  # (engine, prog) -> [user s]
    refs = {}
    bad = set()

    def one(e, prog, record):
        size = a.size if a.size else SIZES[prog][0]
        user, system, wall, rc, out, err = measure(e.command(prog, wasms[prog], work, size))
        if rc != 0:
            log(f"note: {e.name} {prog} exited {rc}: {err.strip()[-300:]}")
            bad.add((e.name, prog))
            return
        if e.name == "native":
            refs.setdefault(prog, checksum(out))
        elif checksum(out) != refs.get(prog):
            log(f"WRONG CHECKSUM: {e.name} {prog}: {checksum(out)!r} vs native {refs.get(prog)!r}")
            bad.add((e.name, prog))
            return
        if record:
            times.setdefault((e.name, prog), []).append(user)

    rounds = [False] * a.warmup + [True] * a.runs
    for i, record in enumerate(rounds):
        log(f"round {i + 1}/{len(rounds)}{' (warm-up)' if not record else ''}")
        for prog in progs:
            for e in engines:
                if not ready[e.name, prog] or (e.name, prog) in bad:
                    continue
                if record and e.name in ("wasm3", "iwasm") and len(times.get((e.name, prog), [])) >= a.slow_runs:
                    continue
                one(e, prog, record)

    med = {k: statistics.median(v) for k, v in times.items() if v}
    out_dir.mkdir(parents=True, exist_ok=True)
    # CSV: one row per engine and program.
    with open(out_dir / "results.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["program", "engine", "median_user_s", "ratio_to_native", "runs", "compile_s"])
        for prog in progs:
            nat = med.get(("native", prog))
            for e in engines:
                t = med.get((e.name, prog))
                ct = compile_times.get((e.name, prog))
                w.writerow([prog, e.name, f"{t:.4f}" if t else "",
                            f"{t / nat:.4f}" if t and nat else "",
                            len(times.get((e.name, prog), [])),
                            f"{ct:.3f}" if ct is not None else ""])
    # Markdown.
    lines = []
    lines.append(f"Machine: {machine_description()}. Median user CPU time of {a.runs} runs "
                 f"after {a.warmup} warm-up, engines interleaved. Ratio = time / native.")
    lines.append("")
    hdr = "| program | native s | " + " | ".join(e.name for e in engines if e.name != "native") + " |"
    lines.append(hdr)
    lines.append("|" + "---|" * (2 + len(engines) - 1))
    for prog in progs:
        nat = med.get(("native", prog))
        row = [prog, f"{nat:.3f}" if nat else "-"]
        for e in engines:
            if e.name == "native":
                continue
            t = med.get((e.name, prog))
            if (e.name, prog) in bad:
                row.append("fail")
            elif t and nat:
                row.append(f"{t / nat:.2f}x ({t:.2f})")
            else:
                row.append("-")
        lines.append("| " + " | ".join(row) + " |")
    gm_row = ["**geomean**", ""]
    geo = {}
    for e in engines:
        if e.name == "native":
            continue
        ratios = [med[(e.name, p)] / med[("native", p)] for p in progs
                  if (e.name, p) in med and ("native", p) in med]
        geo[e.name] = geomean(ratios)
        gm_row.append(f"**{geo[e.name]:.3f}x**" + ("" if len(ratios) == len(progs) else f" ({len(ratios)} progs)"))
    lines.append("| " + " | ".join(gm_row) + " |")
    lines.append("")
    aot = [e for e in engines if any(compile_times.get((e.name, p)) is not None for p in progs)]
    lines.append("Compile time (user+system CPU s, serial) per program:")
    lines.append("")
    lines.append("| program | " + " | ".join(e.name for e in aot) + " |")
    lines.append("|" + "---|" * (1 + len(aot)))
    for prog in progs:
        row = [prog] + [f"{compile_times[(e.name, prog)]:.2f}" if compile_times.get((e.name, prog)) is not None else "-" for e in aot]
        lines.append("| " + " | ".join(row) + " |")
    lines.append("")
    lines.append("Engines: " + "; ".join(f"`{e.name}` = {e.label}" + (f" ({e.note})" if e.note else "") for e in engines) + ".")
    if notes:
        lines.append("")
        lines.append("Skipped: " + "; ".join(notes) + ".")
    md = "\n".join(lines) + "\n"
    (out_dir / "results.md").write_text(md)
    print(md)
    if not a.no_plot:
        plot(out_dir, progs, engines, med, geo)
    return 0


def plot(out_dir, progs, engines, med, geo):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        log("note: python3-matplotlib not installed: no PNG (apt-get install python3-matplotlib)")
        return
    shown = [e for e in engines if e.name != "native" and e.name not in ("wasm3", "iwasm")]
    labels = progs + ["geomean"]
    width = 0.8 / max(1, len(shown))
    fig, ax = plt.subplots(figsize=(max(10, len(labels) * 0.9), 5))
    for i, e in enumerate(shown):
        ys = [med[(e.name, p)] / med[("native", p)] if (e.name, p) in med and ("native", p) in med else 0
              for p in progs] + [geo.get(e.name, 0)]
        ax.bar([x + i * width for x in range(len(labels))], ys, width, label=e.name)
    ax.axhline(1.0, color="black", linewidth=0.8)
    ax.axhline(1.1, color="gray", linewidth=0.8, linestyle="--")
    ax.set_xticks([x + width * (len(shown) - 1) / 2 for x in range(len(labels))])
    ax.set_xticklabels(labels, rotation=30, ha="right")
    ax.set_ylabel("user CPU time / native (lower is better)")
    ax.set_title("wasmaot benchmarks: run time relative to clang-19 -O2 native")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out_dir / "results.png", dpi=110)
    log(f"wrote {out_dir / 'results.png'}")


def plot_from_csv(out_dir):
    med, progs, names = {}, [], []
    with open(out_dir / "results.csv") as f:
        for row in csv.DictReader(f):
            if row["program"] not in progs:
                progs.append(row["program"])
            if row["engine"] not in names:
                names.append(row["engine"])
            if row["median_user_s"]:
                med[(row["engine"], row["program"])] = float(row["median_user_s"])
    engines = [Engine(n, n) for n in names]
    geo = {n: geomean([med[(n, p)] / med[("native", p)] for p in progs
                       if (n, p) in med and ("native", p) in med]) for n in names}
    plot(out_dir, progs, engines, med, geo)
    return 0


def extras(a, work, out_dir):
    """Start-up of hello world, executable sizes, compile time of a large module."""
    lines = ["## Start-up, size and compile time", ""]
    d = work / "extras"
    d.mkdir(parents=True, exist_ok=True)
    hello = HERE / "extras" / "hello.c"
    compile_step([[a.clang, "-O2", str(hello), "-o", str(d / "hello-native")]])
    compile_step([[a.clang, "-O2", "-static", str(hello), "-o", str(d / "hello-native-static")]])
    compile_step([[a.clang, "--target=wasm32-wasi", "-O2", str(hello), "-o", str(d / "hello.wasm")]])
    compile_step([[a.wasmaot, "compile", str(d / "hello.wasm"), "-o", str(d / "hello-wasmaot")]])
    exes = ["hello-native", "hello-native-static", "hello-wasmaot"]
    walls = {x: [] for x in exes}
    for i in range(a.startup_runs + 5):
        for x in exes:
            user, system, wall, rc, out, err = measure([str(d / x)])
            if i >= 5:
                walls[x].append(wall)
    lines.append(f"Start-up: median wall time of {a.startup_runs} runs of hello world (interleaved, after 5 warm-ups):")
    lines.append("")
    lines.append("| executable | median ms | vs native (dynamic) | size KiB |")
    lines.append("|---|---|---|---|")
    base = statistics.median(walls["hello-native"])
    for x in exes:
        m = statistics.median(walls[x])
        lines.append(f"| {x} | {m * 1000:.2f} | {m / base:.2f}x | {os.path.getsize(d / x) / 1024:.0f} |")
    lines.append("")
    large = Path(a.large_module) if a.large_module else None
    if large is None:
        src = ROOT / "test" / "e2e" / "programs" / "cpp_stl.cpp"
        if src.exists():
            large = d / "cpp_stl.wasm"
            compile_step([[a.clangxx, "--target=wasm32-wasi", "-O2", "-fno-exceptions", str(src), "-o", str(large)]])
    if large and large.exists():
        lines.append(f"Compile time of the largest module at hand, `{large.name}` ({large.stat().st_size / 1024:.0f} KiB), "
                     "user+system CPU s, median of 3 (wasmaot compiles on one core for now):")
        lines.append("")
        lines.append("| level | seconds | executable KiB |")
        lines.append("|---|---|---|")
        for lvl in ("0", "2"):
            ts = [compile_step([[a.wasmaot, "compile", f"-O{lvl}", str(large), "-o", str(d / f"large-O{lvl}")]]) for _ in range(3)]
            lines.append(f"| -O{lvl} | {statistics.median(ts):.2f} | {os.path.getsize(d / f'large-O{lvl}') / 1024:.0f} |")
        lines.append("")
    md = "\n".join(lines) + "\n"
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "extras.md").write_text(md)
    print(md)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="run each program once at a small size and compare checksums (CI)")
    ap.add_argument("--programs", help="comma-separated subset of: " + ",".join(SIZES))
    ap.add_argument("--engines", help="comma-separated subset of engine names (native always runs)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--slow-runs", type=int, default=1, help="timed runs of the interpreters (wasm3, iwasm)")
    ap.add_argument("--size", type=int, help="override every program's size argument")
    ap.add_argument("--extras", action="store_true", help="also measure start-up, executable size and large-module compile time")
    ap.add_argument("--no-plot", action="store_true")
    ap.add_argument("--plot-only", action="store_true", help="redraw results.png from the results.csv in --out")
    ap.add_argument("--wasmaot", default=str(ROOT / "build" / "bin" / "wasmaot"))
    ap.add_argument("--clang", default="clang-19")
    ap.add_argument("--clangxx", default="clang++-19")
    ap.add_argument("--wasm-flags", default="-mbulk-memory",
                    help="extra clang flags for the wasm32-wasi build, the same module for every engine "
                         "(default: -mbulk-memory, so memcpy/memmove/memset become memory.copy/fill; "
                         "pass '' for the MVP build)")
    ap.add_argument("--wasm2c")
    ap.add_argument("--node")
    ap.add_argument("--wasm3")
    ap.add_argument("--iwasm", help="WAMR iwasm (runs wamrc output; also the interpreter unless --iwasm-interp)")
    ap.add_argument("--iwasm-interp", help="a WAMR iwasm built as an interpreter")
    ap.add_argument("--wamrc")
    ap.add_argument("--wasmedge")
    ap.add_argument("--large-module", help="module for the compile-time measurement (default: test/e2e's cpp_stl)")
    ap.add_argument("--startup-runs", type=int, default=50)
    ap.add_argument("--work", default=str(HERE / "out" / "work"), help="build directory for the programs")
    ap.add_argument("--out", default=str(HERE / "out"), help="where results.{md,csv,png} go")
    a = ap.parse_args()
    if a.plot_only:
        return plot_from_csv(Path(a.out))
    if not Path(a.wasmaot).exists():
        log(f"bench: no wasmaot at {a.wasmaot} (build it, or pass --wasmaot)")
        return 2
    progs = a.programs.split(",") if a.programs else list(SIZES)
    for p in progs:
        if p not in SIZES:
            log(f"bench: unknown program {p}")
            return 2
    work = Path(a.work)
    work.mkdir(parents=True, exist_ok=True)
    if a.check:
        return check_mode(a, progs, work)
    rc = timed_mode(a, progs, work, Path(a.out))
    if a.extras:
        extras(a, work, Path(a.out))
    return rc


if __name__ == "__main__":
    sys.exit(main())
