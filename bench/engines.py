"""How each Wasm engine is found, prepared and run, and how a run is timed:
one definition for bench/run.py and `wasmaot compare`, so that the two never
disagree on how an engine is invoked.

An engine runs a module (a WASI command) with arguments: prepare() builds
what command() needs (an AOT compile) and returns its CPU seconds, or None
when there is no separate compile; command() is the command line of one run;
result() turns what the command printed into the program's exit code, stdout
and stderr. `key` names the module in the work folder (a program's name).
Standard library only (wabt_interp.py beside it).
"""
import resource
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import wabt_interp  # noqa: E402

WASM2C_DIR = Path("/usr/share/wabt/wasm2c")


class Timeout(Exception):
    """A command ran longer than its time limit and was killed."""


def run_timed(cmd, timeout=600, executable=None):
    """Runs cmd (the program executable, when given, with cmd as its argv);
    returns (wall s, exit code, stdout, stderr). Raises Timeout, after killing
    it, when it runs longer than timeout seconds."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, executable=executable, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        p.kill()
        p.communicate()
        raise Timeout(f"timed out after {timeout:.0f} s: {' '.join(map(str, cmd))}")
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


def measure(cmd, timeout=600, executable=None):
    """(user s, system s, wall s, exit code, stdout, stderr) of one run."""
    t = ChildTimer()
    t.start()
    wall, rc, out, err = run_timed(cmd, timeout, executable)
    user, system = t.stop()
    return user, system, wall, rc, out, err


def compile_step(cmds):
    """Runs the commands one after the other; returns their user+system CPU s."""
    total = 0.0
    for cmd in cmds:
        try:
            user, system, wall, rc, out, err = measure(cmd)
        except Timeout as ex:
            raise RuntimeError(str(ex))
        if rc != 0:
            raise RuntimeError(f"{' '.join(map(str, cmd))} failed ({rc}):\n{err[-2000:]}")
        total += user + system
    return total


def find_tool(option, *names):
    """option (a path or a name on PATH) when given and present, else the
    first of names on PATH; None when there is none."""
    if option:
        if not (Path(option).exists() or shutil.which(option)):
            return None
        return option
    for n in names:
        p = shutil.which(n)
        if p:
            return p
    return None


class Engine:
    """One way of running a module. Interpreters run fewer times (bench)."""

    interpreter = False

    def __init__(self, name, label, note=""):
        self.name, self.label, self.note = name, label, note

    def prepare(self, key, wasm, work):  # -> compile seconds or None
        return None

    def command(self, key, wasm, work, args):
        raise NotImplementedError

    def executable(self, key, work):
        """The program to start with command() as its argv, when argv[0] is
        not the program: a compiled module sees the module's path as argv[0],
        as under the engines that run the .wasm itself."""
        return None

    def result(self, key, rc, out, err):
        return rc, out, err


class Wasmaot(Engine):
    def __init__(self, name, label, wasmaot, flags):
        super().__init__(name, label)
        self.wasmaot, self.flags = wasmaot, flags

    def prepare(self, key, wasm, work):
        exe = work / self.name / key
        exe.parent.mkdir(parents=True, exist_ok=True)
        return compile_step([[self.wasmaot, "compile", *self.flags, str(wasm), "-o", str(exe)]])

    def command(self, key, wasm, work, args):
        return [str(wasm), *args]

    def executable(self, key, work):
        return str(work / self.name / key)


class Wasm2c(Engine):
    def __init__(self, wasm2c, clang):
        super().__init__("wasm2c", "wasm2c + clang-19 -O2")
        self.wasm2c, self.clang = wasm2c, clang

    def prepare(self, key, wasm, work):
        d = work / "wasm2c" / key
        d.mkdir(parents=True, exist_ok=True)
        # -n bench: every module gets the same symbol names, so one shim fits all.
        return compile_step([
            [self.wasm2c, str(wasm), "-n", "bench", "-o", str(d / "bench.c")],
            [self.clang, "-O2", "-w", "-I", str(d), "-I", str(WASM2C_DIR), str(d / "bench.c"),
             str(HERE / "wasm2c-shim" / "wasi-shim.c"), str(WASM2C_DIR / "wasm-rt-impl.c"),
             "-o", str(d / "prog"), "-lm"],
        ])

    def command(self, key, wasm, work, args):
        return [str(work / "wasm2c" / key / "prog"), *args]


class Node(Engine):
    def __init__(self, node):
        super().__init__("node", "node/V8 (node:wasi)", "compiles at run time (included)")
        self.node = node

    def command(self, key, wasm, work, args):
        # --single-threaded-gc: node 20 crashes now and then (SIGSEGV) at exit after
        # a module grew its memory to tens of MiB (matmul, sort); see test/harness.py.
        return [self.node, "--no-warnings", "--single-threaded-gc", str(HERE / "node-run.mjs"),
                str(wasm), *args]


class Wasm3(Engine):
    interpreter = True

    def __init__(self, exe):
        super().__init__("wasm3", "wasm3 (interpreter)")
        self.exe = exe

    def command(self, key, wasm, work, args):
        return [self.exe, str(wasm), *args]


class IwasmInterp(Engine):
    interpreter = True

    def __init__(self, exe):
        super().__init__("iwasm", "WAMR iwasm (interpreter)")
        self.exe = exe

    def command(self, key, wasm, work, args):
        return [self.exe, "--interp", str(wasm), *args]


class WabtInterp(Engine):
    """wabt's wasm-interp. Debian builds it without WASI, so it runs the module
    with the WASI imports replaced by a shim in Wasm and the arguments built
    in (bench/wabt_interp.py): one adapted module per argument list."""

    interpreter = True

    def __init__(self, exe, wasm2wat, wat2wasm):
        version = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.strip()
        super().__init__("wabt-interp", f"wabt {version} wasm-interp (interpreter)",
                         "WASI imports replaced by a shim written in Wasm, arguments built in")
        self.exe, self.wasm2wat, self.wat2wasm = exe, wasm2wat, wat2wasm
        self.imports = {}  # key -> the names of the replaced imports
        self.adapted = {}  # (key, args) -> the adapted module built by this process

    def prepare(self, key, wasm, work):
        d = work / self.name
        d.mkdir(parents=True, exist_ok=True)
        try:
            (d / f"{key}.wat").write_text(wabt_interp.disassemble(self.wasm2wat, wasm))
        except subprocess.CalledProcessError as ex:
            raise RuntimeError(f"wasm2wat failed: {ex.stderr.strip()[-500:]}")
        self.adapted = {k: v for k, v in self.adapted.items() if k[0] != key}
        return None

    def command(self, key, wasm, work, args):
        d = work / self.name
        if (key, tuple(args)) not in self.adapted:
            n = len([k for k in self.adapted if k[0] == key])
            adapted = d / f"{key}-{n}.wasm"
            try:
                text, self.imports[key] = wabt_interp.adapt_wat((d / f"{key}.wat").read_text(),
                                                                [key, *args])
            except ValueError as ex:
                raise RuntimeError(str(ex))
            (d / f"{key}-{n}.wat").write_text(text)
            try:
                wabt_interp.assemble(self.wat2wasm, d / f"{key}-{n}.wat", adapted)
            except subprocess.CalledProcessError as ex:
                raise RuntimeError(f"wat2wasm on the adapted module failed: {ex.stderr.strip()[-500:]}")
            self.adapted[key, tuple(args)] = adapted
        return [self.exe, "--host-print", "--run-all-exports", str(self.adapted[key, tuple(args)])]

    def result(self, key, rc, out, err):
        code, stdout, stderr, error = wabt_interp.decode(rc, out, self.imports[key])
        return code, stdout, "\n".join(x.strip() for x in (stderr, err, error) if x and x.strip())


class Wamrc(Engine):
    def __init__(self, wamrc, iwasm):
        super().__init__("wamrc", "WAMR wamrc + iwasm (AOT, host CPU)")
        self.wamrc, self.iwasm = wamrc, iwasm

    def prepare(self, key, wasm, work):
        out = work / "wamrc" / f"{key}.aot"
        out.parent.mkdir(parents=True, exist_ok=True)
        return compile_step([[self.wamrc, "-o", str(out), str(wasm)]])

    def command(self, key, wasm, work, args):
        return [self.iwasm, str(work / "wamrc" / f"{key}.aot"), *args]


class WasmEdge(Engine):
    def __init__(self, exe):
        super().__init__("wasmedge", "WasmEdge (AOT, host CPU)")
        self.exe = exe

    def prepare(self, key, wasm, work):
        out = work / "wasmedge" / f"{key}.so"
        out.parent.mkdir(parents=True, exist_ok=True)
        return compile_step([[self.exe, "compile", str(wasm), str(out)]])

    def command(self, key, wasm, work, args):
        return [self.exe, str(work / "wasmedge" / f"{key}.so"), *args]


class Wasmtime(Engine):
    def __init__(self, exe):
        super().__init__("wasmtime", "wasmtime (Cranelift, compiles at run time)")
        self.exe = exe

    def command(self, key, wasm, work, args):
        return [self.exe, "run", str(wasm), *args]


class Wasmer(Engine):
    def __init__(self, exe):
        super().__init__("wasmer", "wasmer (compiles at run time)")
        self.exe = exe

    def command(self, key, wasm, work, args):
        return [self.exe, "run", str(wasm), "--", *args]


class Template(Engine):
    """A user's engine: a command line with {wasm} and {args} (the module and
    its arguments, each argument a word of its own)."""

    def __init__(self, name, template):
        super().__init__(name, f"{name} ({template})")
        self.words = shlex.split(template)
        if not any("{wasm}" in w for w in self.words):
            raise ValueError(f"engine {name}: the command has no {{wasm}}")

    def command(self, key, wasm, work, args):
        cmd = []
        for w in self.words:
            if w == "{args}":
                cmd += args
            else:
                cmd.append(w.replace("{wasm}", str(wasm)))
        return cmd


def find_engines(paths, clang, notes):
    """The engines other than wasmaot found on this machine, in a fixed order.
    paths maps an engine option (wasm2c, node, wasm3, iwasm, iwasm_interp,
    wamrc, wasmedge, wasmtime, wasmer, wasm_interp) to a path given by the
    user, or None to search PATH. What is missing is said in notes."""
    engines = []
    w2c = find_tool(paths.get("wasm2c"), "wasm2c")
    if w2c and clang and (WASM2C_DIR / "wasm-rt-impl.c").exists():
        engines.append(Wasm2c(w2c, clang))
    else:
        notes.append("wasm2c (wabt) with its runtime and clang not found: skipped")
    node = find_tool(paths.get("node"), "node")
    engines.append(Node(node)) if node else notes.append("node not found: skipped")
    w3 = find_tool(paths.get("wasm3"), "wasm3")
    engines.append(Wasm3(w3)) if w3 else notes.append("wasm3 not found (--wasm3 PATH): skipped")
    iwasm = find_tool(paths.get("iwasm"), "iwasm")
    iw_interp = find_tool(paths.get("iwasm_interp")) if paths.get("iwasm_interp") else iwasm
    if iw_interp:
        engines.append(IwasmInterp(iw_interp))
    else:
        notes.append("WAMR iwasm not found (--iwasm PATH): skipped")
    wamrc = find_tool(paths.get("wamrc"), "wamrc")
    if wamrc and iwasm:
        engines.append(Wamrc(wamrc, iwasm))
    else:
        notes.append("WAMR wamrc + iwasm not found (--wamrc PATH --iwasm PATH): skipped")
    for key, cls, what in (("wasmedge", WasmEdge, "WasmEdge"), ("wasmtime", Wasmtime, "wasmtime"),
                           ("wasmer", Wasmer, "wasmer")):
        exe = find_tool(paths.get(key), key)
        engines.append(cls(exe)) if exe else notes.append(f"{what} not found (--{key} PATH): skipped")
    wabt = wabt_interp_engine(paths.get("wasm_interp"), notes)
    if wabt:
        engines.append(wabt)
    return engines


def wabt_interp_engine(option, notes):
    """WabtInterp, with wasm2wat and wat2wasm from wasm-interp's directory or PATH; None when missing."""
    exe = find_tool(option, "wasm-interp")
    if not exe:
        notes.append("wabt's wasm-interp not found (--wasm-interp PATH): skipped")
        return None
    beside = Path(shutil.which(exe) or exe).resolve().parent
    tools = [find_tool(str(beside / t)) or find_tool(None, t) for t in ("wasm2wat", "wat2wasm")]
    if not all(tools):
        notes.append("wasm2wat or wat2wasm (wabt) not found: wabt-interp skipped")
        return None
    return WabtInterp(exe, *tools)
