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
are not installed are skipped with a note. Interpreters (wasm3, iwasm,
wabt-interp) run --slow-runs times, without warm-up, at the smaller sizes of
SLOW_SIZES; native and wasmaot-guard run at those sizes too, so that their
ratios compare runs of the same size. See docs/benchmarks.md.
"""
import argparse
import csv
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PROGRAMS = HERE / "programs"
sys.path.insert(0, str(HERE))
from engines import (Engine, Timeout, Wasmaot, compile_step, find_engines,  # noqa: E402
                     measure, run_timed)

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

# name -> size for the interpreters, which are 20 to 1300 times slower than
# native (wabt's wasm-interp: 1000x and more on the loops that clang
# vectorizes natively): one run takes 5 to 25 s under wasm-interp.
# recursion fails there at any size worth timing: ack(2, 30 n) recurses about
# 60 n deep and wasm-interp --run-all-exports stops at about 1500 frames
# (its -C option does not apply to that mode).
SLOW_SIZES = {
    "loops": 10000,
    "matmul": 450,
    "jacobi1d": 2500,
    "stencil2d": 150,
    "hashtable": 8,
    "sort": 1000,
    "strsearch": 30,
    "recursion": 37,
    "pointers": 200,
    "memops": 60000,
    "fpmath": 1200,
    "interp": 80,
    "compress": 30,
    "parse": 4,
}

def log(*a):
    print(*a, file=sys.stderr, flush=True)


class Native(Engine):
    def __init__(self, clang):
        super().__init__("native", "native (clang-19 -O2)")
        self.clang = clang

    def prepare(self, prog, wasm, work):
        exe = work / "native" / prog
        exe.parent.mkdir(parents=True, exist_ok=True)
        cmd = [self.clang, "-O2", "-w", str(PROGRAMS / f"{prog}.c"), "-o", str(exe), "-lm"]
        return compile_step([cmd])

    def command(self, prog, wasm, work, args):
        return [str(work / "native" / prog), *args]


def make_engines(a):
    notes = []
    engines = [Native(a.clang)]
    wasmaot = a.wasmaot
    engines.append(Wasmaot("wasmaot-guard", "wasmaot (guard pages)", wasmaot, []))
    engines.append(Wasmaot("wasmaot-explicit", "wasmaot (explicit checks)", wasmaot,
                           ["--bounds-checks=explicit"]))
    # What the server and `run --timeout` use: the cost of the interrupt checks.
    engines.append(Wasmaot("wasmaot-interruptible", "wasmaot --interruptible", wasmaot,
                           ["--interruptible"]))
    if a.check:
        return engines, notes
    if a.baseline:
        # Another wasmaot (an earlier commit's build), guard mode: a change's
        # before and after, interleaved in the same rounds.
        engines.append(Wasmaot("wasmaot-baseline", f"wasmaot before ({a.baseline})",
                               a.baseline, []))
    engines.append(Wasmaot("wasmaot-native", "wasmaot --cpu native", wasmaot, ["--cpu", "native"]))
    paths = {k: getattr(a, k, None) for k in ("wasm2c", "node", "wasm3", "iwasm", "iwasm_interp",
                                               "wamrc", "wasmedge", "wasmtime", "wasmer",
                                               "wasm_interp")}
    engines += find_engines(paths, a.clang, notes)
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
            try:
                wall, rc, out, err = run_timed(e.command(prog, wasm, work, [str(size)]), 120,
                                               e.executable(prog, work))
            except (RuntimeError, Timeout) as ex:
                log(f"FAIL {prog} {e.name}: {ex}")
                failures += 1
                continue
            rc, out, err = e.result(prog, rc, out, err)
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


def timed_size(a, prog):
    return a.size or SIZES[prog][0]


def slow_size(a, prog):
    return a.slow_size or a.size or SLOW_SIZES[prog]


def size_of(a, e, prog):
    return slow_size(a, prog) if e.interpreter else timed_size(a, prog)


# Also run at the interpreters' size, so that their ratios compare like sizes.
SAME_SIZE_REFERENCES = ("native", "wasmaot-guard")


def round_plan(a, engines, prog):
    """The (engine, size, role) runs of prog in one round: each engine at its
    own size (role "timed" or "interpreter") and, when the interpreters run at
    a smaller size, native and wasmaot-guard at that size too ("reference").
    Native comes first at each size: the others must print its checksum."""
    main = [(e, size_of(a, e, prog), "interpreter" if e.interpreter else "timed") for e in engines]
    slow = slow_size(a, prog)
    if not any(e.interpreter for e in engines) or slow == timed_size(a, prog):
        return main
    refs = [(e, slow, "reference") for e in engines if e.name in SAME_SIZE_REFERENCES]
    return main[:1] + refs + main[1:]


def prepare_all(a, engines, progs, work):
    """Builds every program's module and each engine's artifacts. Returns the
    modules by program, compile seconds by (engine, program) and the reasons
    of the failures by (engine, program)."""
    wasms, compile_times, failed = {}, {}, {}
    for prog in progs:
        wasms[prog] = build_wasm(a, prog, work)
        for e in engines:
            try:
                compile_times[e.name, prog] = e.prepare(prog, wasms[prog], work)
            except RuntimeError as ex:
                failed[e.name, prog] = "build failed: " + str(ex).splitlines()[0]
                log(f"note: {e.name} cannot build {prog}: {failed[e.name, prog]}")
    return wasms, compile_times, failed


def last_line(text):
    lines = text.strip().splitlines()
    return lines[-1][:200] if lines else "(no output)"


def run_once(a, e, prog, wasm, work, size, refs, failed):
    """One run; returns its user CPU s, or None after recording in failed why
    it failed. Native runs set the checksum (refs) the others must print."""
    try:
        user, system, wall, rc, out, err = measure(e.command(prog, wasm, work, [str(size)]), a.run_timeout,
                                                           e.executable(prog, work))
    except (RuntimeError, Timeout) as ex:
        failed[e.name, prog] = str(ex).splitlines()[0]
        log(f"note: {e.name} {prog}: {failed[e.name, prog]}")
        return None
    rc, out, err = e.result(prog, rc, out, err)
    if rc != 0:
        failed[e.name, prog] = f"exit {rc} at size {size}: {last_line(err)}"
    elif e.name == "native":
        refs.setdefault((prog, size), checksum(out))
    elif checksum(out) != refs.get((prog, size)):
        failed[e.name, prog] = (f"wrong checksum at size {size}: {checksum(out)!r}, "
                                f"native {refs.get((prog, size))!r}")
    if (e.name, prog) in failed:
        log(f"note: {e.name} {prog}: {failed[e.name, prog]}")
        return None
    return user


def run_rounds(a, engines, progs, wasms, work, failed):
    """Runs the warm-up and timed rounds, every engine interleaved; returns the
    user CPU seconds by (engine, program, size). Interpreters skip the
    warm-up and run --slow-runs times."""
    times, refs = {}, {}
    rounds = [False] * a.warmup + [True] * a.runs
    for i, record in enumerate(rounds):
        log(f"round {i + 1}/{len(rounds)}{' (warm-up)' if not record else ''}")
        for prog in progs:
            for e, size, role in round_plan(a, engines, prog):
                key = (e.name, prog, size)
                if (e.name, prog) in failed:
                    continue
                if e.interpreter and (not record or len(times.get(key, [])) >= a.slow_runs):
                    continue
                if e.interpreter:
                    log(f"  {e.name} {prog} (size {size})")
                t = run_once(a, e, prog, wasms[prog], work, size, refs, failed)
                if record and t is not None:
                    times.setdefault(key, []).append(t)
    return times


def ratio(med, engine, prog, size):
    """engine's median over native's at the same size; None when either is missing."""
    t, nat = med.get((engine, prog, size)), med.get(("native", prog, size))
    return t / nat if t and nat else None


def write_csv(path, a, engines, progs, med, times, compile_times, failed):
    """One row per engine, program and size run; ratio_to_native is against
    native at the same size."""
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["program", "engine", "role", "size", "median_user_s", "ratio_to_native",
                    "runs", "compile_s", "error"])
        for prog in progs:
            for e, size, role in round_plan(a, engines, prog):
                t = med.get((e.name, prog, size))
                r = ratio(med, e.name, prog, size)
                ct = compile_times.get((e.name, prog)) if role != "reference" else None
                w.writerow([prog, e.name, role, size, f"{t:.4f}" if t else "",
                            f"{r:.4f}" if r else "", len(times.get((e.name, prog, size), [])),
                            f"{ct:.3f}" if ct is not None else "", failed.get((e.name, prog), "")])


def results_table(a, engines, progs, med, failed):
    """The Markdown table of every engine's ratio to native, and the geomeans by engine."""
    shown = [e for e in engines if e.name != "native"]
    lines = ["| program | native s | " + " | ".join(e.name for e in shown) + " |",
             "|" + "---|" * (2 + len(shown))]
    for prog in progs:
        nat = med.get(("native", prog, timed_size(a, prog)))
        row = [prog, f"{nat:.3f}" if nat else "-"]
        for e in shown:
            size = size_of(a, e, prog)
            t, r = med.get((e.name, prog, size)), ratio(med, e.name, prog, size)
            if (e.name, prog) in failed:
                row.append("fail")
            elif r is None:
                row.append("-")
            elif e.interpreter:
                row.append(f"{r:.0f}x ({t:.1f})")
            else:
                row.append(f"{r:.2f}x ({t:.2f})")
        lines.append("| " + " | ".join(row) + " |")
    geo, gm_row = {}, ["**geomean**", ""]
    for e in shown:
        ratios = [r for p in progs if (r := ratio(med, e.name, p, size_of(a, e, p)))]
        geo[e.name] = geomean(ratios)
        count = "" if len(ratios) == len(progs) else f" ({len(ratios)} progs)"
        gm_row.append(f"**{geo[e.name]:.0f}x**{count}" if e.interpreter else f"**{geo[e.name]:.3f}x**{count}")
    lines.append("| " + " | ".join(gm_row) + " |")
    return lines, geo


def interpreter_table(a, engines, progs, med, failed):
    """Markdown: each interpreter against native and wasmaot-guard at the
    interpreters' size, and how far ahead wasmaot-guard is (the goal: 10x)."""
    interps = [e for e in engines if e.interpreter]
    guard = "wasmaot-guard" if any(e.name == "wasmaot-guard" for e in engines) else None
    lines = [f"Interpreters, at the smaller sizes of `SLOW_SIZES` in bench/run.py (`--slow-size`), "
             f"{a.slow_runs} run(s) without warm-up, against native and wasmaot-guard run at "
             "the same size (median of the timed rounds); seconds, then ratios:", ""]
    hdr = ["program", "size", "native s"] + ([f"{guard} s"] if guard else [])
    for e in interps:
        hdr += [f"{e.name} s", f"{e.name} / native"] + ([f"{e.name} / {guard}"] if guard else [])
    lines += ["| " + " | ".join(hdr) + " |", "|" + "---|" * len(hdr)]
    ahead = {e.name: {} for e in interps}
    for prog in progs:
        size = slow_size(a, prog)
        nat, g = med.get(("native", prog, size)), med.get((guard, prog, size))
        row = [prog, str(size), f"{nat:.3f}" if nat else "-"]
        if guard:
            gr = ratio(med, guard, prog, size)
            row.append(f"{g:.3f} ({gr:.2f}x)" if gr else "-")
        for e in interps:
            t = med.get((e.name, prog, size))
            if (e.name, prog) in failed or not t:
                row += ["fail" if (e.name, prog) in failed else "-", "", ""][:3 if guard else 2]
                continue
            r = ratio(med, e.name, prog, size)
            row += [f"{t:.2f}", f"{r:.0f}x" if r else "-"]
            if guard:
                row.append(f"{t / g:.0f}x" if g else "-")
                if g:
                    ahead[e.name][prog] = t / g
        lines.append("| " + " | ".join(row) + " |")
    lines.append("")
    for e in interps:
        lines.append(ahead_sentence(e.name, guard, ahead[e.name], progs, failed))
    return lines


def ahead_sentence(interp, guard, ahead, progs, failed):
    """How many times faster wasmaot-guard ran than the interpreter."""
    if not guard:
        return f"{interp}: no wasmaot-guard runs to compare with."
    if not ahead:
        return f"{interp}: no program ran correctly under it, nothing to compare."
    g = geomean(list(ahead.values()))
    low = min(ahead, key=ahead.get)
    missing = [p + (f" ({failed[interp, p]})" if (interp, p) in failed else "")
               for p in progs if p not in ahead]
    return (f"**{guard} is {g:.0f}x faster than {interp}** (geomean of {len(ahead)} of {len(progs)} "
            f"programs; least on {low}: {ahead[low]:.0f}x): the goal of at least 10x ahead of an "
            f"interpreter is {'met' if g >= 10 else 'NOT met'} on the geomean, and "
            f"{'on every program' if ahead[low] >= 10 else 'not on every program'}."
            + (f" Not compared: {'; '.join(missing)}." if missing else ""))


def compile_table(engines, progs, compile_times):
    aot = [e for e in engines if any(compile_times.get((e.name, p)) is not None for p in progs)]
    lines = ["Compile time (user+system CPU s, serial) per program:", "",
             "| program | " + " | ".join(e.name for e in aot) + " |",
             "|" + "---|" * (1 + len(aot))]
    for prog in progs:
        row = [prog] + [f"{compile_times[(e.name, prog)]:.2f}" if compile_times.get((e.name, prog)) is not None
                        else "-" for e in aot]
        lines.append("| " + " | ".join(row) + " |")
    return lines


def timed_mode(a, progs, work, out_dir):
    engines, notes = make_engines(a)
    for n in notes:
        log("note: " + n)
    wasms, compile_times, failed = prepare_all(a, engines, progs, work)
    times = run_rounds(a, engines, progs, wasms, work, failed)
    med = {k: statistics.median(v) for k, v in times.items() if v}
    out_dir.mkdir(parents=True, exist_ok=True)
    write_csv(out_dir / "results.csv", a, engines, progs, med, times, compile_times, failed)
    interps = [e for e in engines if e.interpreter]
    lines = [f"Machine: {machine_description()}. Median user CPU time of {a.runs} runs "
             f"after {a.warmup} warm-up, engines interleaved. Ratio = time / native."
             + (" Interpreter columns: smaller sizes, against native at the same size "
                "(their table below)." if interps else ""), ""]
    table, geo = results_table(a, engines, progs, med, failed)
    lines += table + [""]
    if interps:
        lines += interpreter_table(a, engines, progs, med, failed) + [""]
    lines += compile_table(engines, progs, compile_times) + [""]
    lines.append("Engines: " + "; ".join(f"`{e.name}` = {e.label}" + (f" ({e.note})" if e.note else "")
                                         for e in engines) + ".")
    fails = [f"- `{e}` on {p}: {why}" for (e, p), why in sorted(failed.items())]
    if fails:
        lines += ["", "Failures (`fail` above):", ""] + fails
    if notes:
        lines += ["", "Skipped: " + "; ".join(notes) + "."]
    md = "\n".join(lines) + "\n"
    (out_dir / "results.md").write_text(md)
    print(md)
    if not a.no_plot:
        plot(out_dir, progs, *plot_series(a, engines, progs, med, geo))
    return 0


def plot_series(a, engines, progs, med, geo):
    """(label, {program: ratio to native}, geomean) of the compiled engines,
    and of the interpreters with wasmaot-guard at their size."""
    main = [(e.name, {p: ratio(med, e.name, p, size_of(a, e, p)) for p in progs}, geo[e.name])
            for e in engines if e.name != "native" and not e.interpreter]
    interp = [(e.name, {p: ratio(med, e.name, p, slow_size(a, p)) for p in progs}, geo[e.name])
              for e in engines if e.interpreter]
    if interp and any(e.name == "wasmaot-guard" for e in engines):
        rs = {p: ratio(med, "wasmaot-guard", p, slow_size(a, p)) for p in progs}
        interp.append(("wasmaot-guard (same size)", rs, geomean(list(rs.values()))))
    return main, interp


def draw_bars(ax, progs, series):
    """One group of bars per program (0 and "n/a" where a ratio is missing), then the geomeans."""
    labels = progs + ["geomean"]
    width = 0.8 / max(1, len(series))
    missing = []
    for i, (name, ratios, geo) in enumerate(series):
        ys = [ratios.get(p) or 0 for p in progs] + [geo if geo == geo else 0]
        xs = [x + i * width for x in range(len(labels))]
        ax.bar(xs, ys, width, label=name)
        missing += [x for x, y in zip(xs, ys) if not y]
    for x in missing:
        ax.annotate("n/a", (x, 0.02), xycoords=("data", "axes fraction"), rotation=90,
                    ha="center", va="bottom", fontsize=8)
    ax.axhline(1.0, color="black", linewidth=0.8)
    ax.set_xticks([x + width * (len(series) - 1) / 2 for x in range(len(labels))])
    ax.set_xticklabels(labels, rotation=30, ha="right")
    ax.legend(fontsize=8)


def plot(out_dir, progs, main, interp):
    """results.png: the compiled engines' run time relative to native and,
    below on a log scale, the interpreters' (series as plot_series gives)."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        log("note: python3-matplotlib not installed: no PNG (apt-get install python3-matplotlib)")
        return
    rows = 2 if interp else 1
    fig, axes = plt.subplots(rows, 1, figsize=(max(10, (len(progs) + 1) * 0.9), 5 * rows), squeeze=False)
    ax = axes[0][0]
    draw_bars(ax, progs, main)
    ax.axhline(1.1, color="gray", linewidth=0.8, linestyle="--")
    ax.set_ylabel("user CPU time / native (lower is better)")
    ax.set_title("wasmaot benchmarks: run time relative to clang-19 -O2 native")
    if interp:
        ax = axes[1][0]
        ax.set_yscale("log")
        draw_bars(ax, progs, interp)
        ax.axhline(10.0, color="gray", linewidth=0.8, linestyle="--")
        ax.set_ylabel("user CPU time / native (log scale)")
        ax.set_title("interpreters, at smaller sizes, with wasmaot-guard at the same size")
    fig.tight_layout()
    fig.savefig(out_dir / "results.png", dpi=110)
    log(f"wrote {out_dir / 'results.png'}")


def plot_from_csv(out_dir):
    """Redraws results.png from results.csv (ratios as written there)."""
    rows = list(csv.DictReader(open(out_dir / "results.csv")))
    progs = list(dict.fromkeys(r["program"] for r in rows))
    ratios = {}  # (engine, role) -> {program: ratio}
    slow = {}  # program -> the interpreters' size
    for r in rows:
        if r["ratio_to_native"] and r["engine"] != "native":
            ratios.setdefault((r["engine"], r["role"]), {})[r["program"]] = float(r["ratio_to_native"])
        if r["role"] == "interpreter":
            slow[r["program"]] = r["size"]
    main = [(e, rs, geomean(list(rs.values()))) for (e, role), rs in ratios.items() if role == "timed"]
    interp = [(e, rs, geomean(list(rs.values()))) for (e, role), rs in ratios.items() if role == "interpreter"]
    if interp:
        same = {r["program"]: float(r["ratio_to_native"]) for r in rows
                if r["engine"] == "wasmaot-guard" and r["ratio_to_native"] and r["size"] == slow.get(r["program"])}
        if same:
            interp.append(("wasmaot-guard (same size)", same, geomean(list(same.values()))))
    plot(out_dir, progs, main, interp)
    return 0


def extras(a, work, out_dir):
    """Start-up of hello world, executable sizes, compile time of a large module."""
    d = work / "extras"
    d.mkdir(parents=True, exist_ok=True)
    lines = ["## Start-up, size and compile time", ""] + startup_table(a, d) + [""]
    large = large_module(a, d)
    if large and large.exists():
        lines += compile_time_table(a, large, d) + [""]
    md = "\n".join(lines) + "\n"
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "extras.md").write_text(md)
    print(md)


def startup_table(a, d):
    """Markdown: median wall time and size of hello world, native and wasmaot."""
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
    lines = [f"Start-up: median wall time of {a.startup_runs} runs of hello world (interleaved, after 5 warm-ups):",
             "", "| executable | median ms | vs native (dynamic) | size KiB |", "|---|---|---|---|"]
    base = statistics.median(walls["hello-native"])
    for x in exes:
        m = statistics.median(walls[x])
        lines.append(f"| {x} | {m * 1000:.2f} | {m / base:.2f}x | {os.path.getsize(d / x) / 1024:.0f} |")
    return lines


def large_module(a, d):
    """--large-module, or test/e2e's cpp_stl built to wasm; None without either."""
    if a.large_module:
        return Path(a.large_module)
    src = ROOT / "test" / "e2e" / "programs" / "cpp_stl.cpp"
    if not src.exists():
        return None
    large = d / "cpp_stl.wasm"
    compile_step([[a.clangxx, "--target=wasm32-wasi", "-O2", "-fno-exceptions", str(src), "-o", str(large)]])
    return large


def has_jobs_option(wasmaot):
    """Whether `wasmaot compile` takes --jobs (parallel compilation)."""
    r = subprocess.run([wasmaot, "compile", "--help"], capture_output=True, text=True)
    return "--jobs" in r.stdout + r.stderr


def time_compile(a, cmd, reps=3):
    """Median wall and CPU (user+system) s of up to reps runs of cmd (one only
    when a run takes over a minute); raises RuntimeError on a failure or a
    timeout (--compile-timeout)."""
    walls, cpus = [], []
    for _ in range(reps):
        try:
            user, system, wall, rc, out, err = measure(cmd, a.compile_timeout)
        except Timeout:
            raise RuntimeError(f"timeout (over {a.compile_timeout:.0f} s)")
        if rc != 0:
            raise RuntimeError(f"failed (exit {rc}): {last_line(err)}")
        walls.append(wall)
        cpus.append(user + system)
        if wall > 60:
            break
    return statistics.median(walls), statistics.median(cpus), len(walls)


def compile_time_table(a, large, d):
    """Markdown: compiling the large module at -O0 and -O2 with --jobs 1 and
    --jobs N (all cores), wall and CPU time."""
    cores = os.cpu_count() or 1
    jobs = sorted({1, cores}) if has_jobs_option(a.wasmaot) else [None]
    lines = [f"Compile time of the largest module at hand, `{large.name}` ({large.stat().st_size / 1024:.0f} KiB): "
             f"serial (`--jobs 1`) against all {cores} cores (`--jobs {cores}`); wall and user+system CPU s, "
             "median of 3 runs (1 when a run takes over a minute); speed-up = wall of `--jobs 1` / wall.", "",
             "| level | jobs | wall s | CPU s | CPU / wall | speed-up | executable KiB |",
             "|---|---|---|---|---|---|---|"]
    for lvl in ("0", "2"):
        serial = None
        for j in jobs:
            exe = d / f"large-O{lvl}-j{j or 'default'}"
            cmd = [a.wasmaot, "compile", f"-O{lvl}", *(["--jobs", str(j)] if j else []), str(large), "-o", str(exe)]
            log(f"extras: {' '.join(cmd[1:])}")
            try:
                wall, cpu, n = time_compile(a, cmd)
            except RuntimeError as ex:
                lines.append(f"| -O{lvl} | {j or 'default'} | {ex} | | | | |")
                continue
            serial = serial or (wall if j == 1 else None)
            lines.append(f"| -O{lvl} | {j or 'default'} | {wall:.2f}{'' if n == 3 else f' ({n} run' + ('s)' if n > 1 else ')')} | {cpu:.2f} | "
                         f"{cpu / wall:.2f} | {f'{serial / wall:.2f}x' if serial else '-'} | "
                         f"{os.path.getsize(exe) / 1024:.0f} |")
        if jobs == [None]:
            lines.append(f"| -O{lvl} | 1 and {cores} | n/a (no --jobs) | | | | |")
    return lines


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="run each program once at a small size and compare checksums (CI)")
    ap.add_argument("--programs", help="comma-separated subset of: " + ",".join(SIZES))
    ap.add_argument("--engines", help="comma-separated subset of engine names (native always runs)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--slow-runs", type=int, default=1,
                    help="timed runs of the interpreters (wasm3, iwasm, wabt-interp), no warm-up")
    ap.add_argument("--size", type=int, help="override every program's size argument")
    ap.add_argument("--slow-size", type=int,
                    help="override every program's size for the interpreters (default: SLOW_SIZES, "
                         "or --size); native and wasmaot-guard also run at it, for the ratios")
    ap.add_argument("--run-timeout", type=float, default=600, help="seconds one run may take (then: fail)")
    ap.add_argument("--extras", action="store_true", help="also measure start-up, executable size and large-module compile time")
    ap.add_argument("--no-plot", action="store_true")
    ap.add_argument("--plot-only", action="store_true", help="redraw results.png from the results.csv in --out")
    ap.add_argument("--wasmaot", default=str(ROOT / "build" / "bin" / "wasmaot"))
    ap.add_argument("--baseline", help="another wasmaot to time beside it (engine "
                                       "wasmaot-baseline, guard mode): before and after a change")
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
    ap.add_argument("--wasmtime")
    ap.add_argument("--wasmer")
    ap.add_argument("--wasm-interp", help="wabt's wasm-interp (wasm2wat and wat2wasm are taken from "
                                          "its directory, else PATH)")
    ap.add_argument("--large-module", help="module for the compile-time measurement (default: test/e2e's cpp_stl)")
    ap.add_argument("--compile-timeout", type=float, default=900,
                    help="seconds one compile of the large module may take (--extras)")
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
