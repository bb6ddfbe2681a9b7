"""wasmaot compare: one module, compiled by wasmaot and run by every other
Wasm engine found on this machine (or given with --engine), side by side.

    wasmaot compare app.wasm [-- ARGS...] [--runs N] [--warmup N]
                    [--engine NAME=COMMAND]... [--csv] [--json] [--plot FILE.png]

Run by `wasmaot compare` (which passes --wasmaot, itself). Each engine first
prepares the module (an AOT compile, timed apart), then every round runs each
engine once, in turn (interleaved, so that a busy machine slows all alike):
--warmup rounds untimed, then --runs rounds timed. Reported per engine: the
median user CPU time and wall time, and the ratio to wasmaot's. The output,
standard error and exit code of every engine's first run are compared with
wasmaot's; an engine that differs is reported as such and not timed. A
progress line goes to a terminal's standard error while it runs.

Exit status: 0; 1 for bad arguments, a module wasmaot cannot compile, or
wasmaot failing to run it.
"""
import argparse
import json
import os
import signal
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from engines import (Template, Timeout, Wasmaot, find_engines, find_tool,  # noqa: E402
                     measure)


def fail(message):
    print(f"wasmaot: error: {message}", file=sys.stderr)
    sys.exit(1)


class Progress:
    """One line on a terminal's standard error, rewritten in place."""

    def __init__(self):
        self.on = sys.stderr.isatty()

    def show(self, text):
        if self.on:
            sys.stderr.write("\r\033[K" + text)
            sys.stderr.flush()

    def clear(self):
        self.show("")


class Parser(argparse.ArgumentParser):
    """Errors in the README's shape: one line, exit code 1."""

    def error(self, message):
        fail(f"compare: {message}")


def parse_args(argv):
    # Everything after the first -- is the module's, options included.
    guest = []
    if "--" in argv:
        cut = argv.index("--")
        argv, guest = argv[:cut], argv[cut + 1:]
    ap = Parser(prog="wasmaot compare", description=__doc__.split("\n\n")[0],
                epilog="The module's own arguments follow --.")
    ap.add_argument("wasm", help="the module (a WASI command)")
    ap.add_argument("--wasmaot", required=True, help=argparse.SUPPRESS)
    ap.add_argument("--runs", type=int, default=5, help="timed rounds (default 5)")
    ap.add_argument("--warmup", type=int, default=1, help="untimed rounds first (default 1)")
    ap.add_argument("--engine", action="append", default=[], metavar="NAME=COMMAND",
                    help="another engine: a command with {wasm} and {args} (repeatable)")
    ap.add_argument("--only", help="only these engines (comma-separated names)")
    ap.add_argument("--timeout", type=float, default=600, help="seconds one run may take")
    ap.add_argument("--csv", action="store_true", help="print CSV instead of the table")
    ap.add_argument("--json", action="store_true", help="print JSON instead of the table")
    ap.add_argument("--plot", metavar="FILE.png", help="also draw the times (needs matplotlib)")
    for tool in ("wasm2c", "node", "wasm3", "iwasm", "wamrc", "wasmedge", "wasmtime", "wasmer",
                 "wasm-interp"):
        ap.add_argument(f"--{tool}", metavar="PATH", help=argparse.SUPPRESS)
    ap.add_argument("--clang", default="clang-19", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    a.args = guest
    if a.runs < 1 or a.warmup < 0:
        fail("--runs must be at least 1 and --warmup at least 0")
    if a.csv and a.json:
        fail("--csv and --json: choose one")
    if not Path(a.wasm).is_file():
        fail(f"cannot read '{a.wasm}': No such file")
    return a


def make_engines(a, notes):
    engines = [Wasmaot("wasmaot", "wasmaot (guard pages)", a.wasmaot, [])]
    paths = {k: getattr(a, k) for k in ("wasm2c", "node", "wasm3", "iwasm", "wamrc", "wasmedge",
                                         "wasmtime", "wasmer")}
    paths["iwasm_interp"] = None
    paths["wasm_interp"] = a.wasm_interp
    engines += find_engines(paths, find_tool(a.clang, "clang-19"), notes)
    for spec in a.engine:
        name, sep, template = spec.partition("=")
        if not sep or not name or not template:
            fail(f"--engine wants NAME=COMMAND, got '{spec}'")
        if any(e.name == name for e in engines):
            fail(f"--engine {name}: an engine of that name exists")
        try:
            engines.append(Template(name, template))
        except ValueError as ex:
            fail(str(ex))
    if a.only:
        wanted = set(a.only.split(","))
        engines = [e for e in engines if e.name in wanted or e.name == "wasmaot"]
    return engines


def run_once(e, key, wasm, work, args, timeout):
    """(user, wall, (exit code, stdout, stderr)) of one run; raises RuntimeError."""
    try:
        user, system, wall, rc, out, err = measure(e.command(key, wasm, work, args), timeout,
                                                   e.executable(key, work))
    except Timeout as ex:
        raise RuntimeError(str(ex))
    return user, wall, e.result(key, rc, out, err)


def compare(a, engines, work, progress):
    """Per engine: {compile, user[], wall[], status, reason}."""
    wasm = Path(a.wasm).resolve()
    key = wasm.stem
    rows = {e.name: {"engine": e, "compile": None, "user": [], "wall": [], "status": "ok",
                     "reason": ""} for e in engines}
    for e in engines:
        progress.show(f"wasmaot compare: preparing {e.name}")
        try:
            rows[e.name]["compile"] = e.prepare(key, wasm, work)
        except RuntimeError as ex:
            rows[e.name].update(status="failed", reason=str(ex).strip().splitlines()[-1][:200])
    if rows["wasmaot"]["status"] != "ok":
        progress.clear()
        fail(f"wasmaot cannot compile '{a.wasm}': {rows['wasmaot']['reason']}")
    reference = None
    rounds = a.warmup + a.runs
    for r in range(rounds):
        for e in engines:
            row = rows[e.name]
            if row["status"] != "ok":
                continue
            what = "warm-up" if r < a.warmup else f"run {r - a.warmup + 1}/{a.runs}"
            progress.show(f"wasmaot compare: {what}: {e.name}")
            try:
                user, wall, outcome = run_once(e, key, wasm, work, a.args, a.timeout)
            except RuntimeError as ex:
                row.update(status="failed", reason=str(ex).strip()[:200])
                continue
            if e.name == "wasmaot" and reference is None:
                reference = outcome
            elif r == 0 and outcome != reference:
                row.update(status="differs", reason=describe_difference(reference, outcome))
                continue
            if r >= a.warmup:
                row["user"].append(user)
                row["wall"].append(wall)
    progress.clear()
    if rows["wasmaot"]["status"] != "ok":
        fail(f"wasmaot could not run '{a.wasm}': {rows['wasmaot']['reason']}")
    return rows


def describe_difference(want, got):
    names = ("exit code", "stdout", "stderr")
    for name, w, g in zip(names, want, got):
        if w != g:
            show = (lambda x: repr(x[-60:])) if name != "exit code" else str
            return f"{name} {show(g)} (wasmaot: {show(w)})"
    return "differs"


def summarize(rows):
    """One record per engine, wasmaot first, then by median user time."""
    base = statistics.median(rows["wasmaot"]["user"])
    records = []
    for name, row in rows.items():
        rec = {"engine": name, "label": row["engine"].label, "status": row["status"],
               "reason": row["reason"], "compile_s": row["compile"],
               "user_s": None, "wall_s": None, "ratio": None, "runs": len(row["user"])}
        if row["status"] == "ok" and row["user"]:
            rec["user_s"] = statistics.median(row["user"])
            rec["wall_s"] = statistics.median(row["wall"])
            rec["ratio"] = rec["user_s"] / base if base > 0 else None
        records.append(rec)
    records.sort(key=lambda r: (r["engine"] != "wasmaot", r["user_s"] is None,
                                r["user_s"] or 0.0))
    return records


def fmt(x, spec):
    return "-" if x is None else format(x, spec)


def print_table(records, a, notes):
    print(f"{Path(a.wasm).name} {' '.join(a.args)}".rstrip())
    print(f"median of {a.runs} runs after {a.warmup} warm-up, engines interleaved; "
          f"ratio = user CPU time / wasmaot's ('-' when wasmaot's is below the clock's "
          f"resolution)\n")
    head = ("engine", "user s", "wall s", "ratio", "compile s", "status")
    lines = [head]
    for r in records:
        status = r["status"] if r["status"] == "ok" else f"{r['status']}: {r['reason']}"
        lines.append((r["engine"], fmt(r["user_s"], ".3f"), fmt(r["wall_s"], ".3f"),
                      fmt(r["ratio"], ".2f") + ("x" if r["ratio"] is not None else ""),
                      fmt(r["compile_s"], ".2f"), status))
    widths = [max(len(line[i]) for line in lines) for i in range(5)]
    for line in lines:
        cells = [line[0].ljust(widths[0])] + [line[i].rjust(widths[i]) for i in range(1, 5)]
        print("  ".join(cells + [line[5]]).rstrip())
    print("\nengines: " + "; ".join(f"{r['engine']} = {r['label']}" for r in records))
    for n in notes:
        print(f"note: {n}")


def print_csv(records):
    import csv
    w = csv.writer(sys.stdout)
    keys = ("engine", "label", "status", "reason", "user_s", "wall_s", "ratio", "compile_s", "runs")
    w.writerow(keys)
    for r in records:
        w.writerow(["" if r[k] is None else r[k] for k in keys])


def plot(records, path, title):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        fail("--plot needs matplotlib (Debian's python3-matplotlib)")
    timed = [r for r in records if r["user_s"] is not None]
    fig, ax = plt.subplots(figsize=(max(4, 1.2 * len(timed) + 2), 3.5))
    ax.bar([r["engine"] for r in timed], [r["user_s"] for r in timed], color="#4c72b0")
    for i, r in enumerate(timed):
        if r["ratio"] is not None:
            ax.text(i, r["user_s"], f"{r['ratio']:.2f}x", ha="center", va="bottom", fontsize=8)
    ax.set_ylabel("median user CPU s")
    ax.set_title(title, fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=120)


def main(argv):
    a = parse_args(argv)
    notes = []
    engines = make_engines(a, notes)
    progress = Progress()
    with tempfile.TemporaryDirectory(prefix="wasmaot-compare-") as work:
        rows = compare(a, engines, Path(work), progress)
    records = summarize(rows)
    if a.json:
        print(json.dumps({"module": a.wasm, "args": a.args, "runs": a.runs, "warmup": a.warmup,
                          "engines": records, "notes": notes}, indent=2))
    elif a.csv:
        print_csv(records)
    else:
        print_table(records, a, notes)
    if a.plot:
        plot(records, a.plot, f"{Path(a.wasm).name} {' '.join(a.args)}")
    return 0


if __name__ == "__main__":
    # Output piped into `head` or `grep -q` that stops reading: end quietly,
    # as other command-line tools do, not with a traceback.
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main(sys.argv[1:]))
