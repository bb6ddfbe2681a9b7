"""The embedding tests: libraries made by `wasmaot compile --emit=lib` (and
--emit=shared), linked into host programs in C and C++ by the system's C
compilers, and compared with the same C called natively.

Libraries (libs/, C compiled to Wasm reactors): checksum (CRC-32, Adler-32
and run-length coding of 3 MiB), expr (an expression parser), callbacks
(300,000 calls back into the host), traps (misbehaviour, and WASI), refs (externref and funcref); abi (from
gen_abi.py: the C calling convention for every kind of signature, both
directions). Each host (hosts/) prints `ok: ...` lines and exits 0 only when
all it compared was equal; most run 8 threads at once too. Also: three
libraries in one link, the symbols each archive defines, a shared library,
and the AArch64 archive with a cross-compiled host under qemu-aarch64.

    run_embed.py --wasmaot W --work-dir D [--clang clang-19] [--cc cc]
                 [--cxx c++] [--cross-cc aarch64-linux-gnu-gcc] [--qemu ...]
"""

import argparse
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from harness import Failure, Reporter, in_parallel, outcome, run_command, run_tool  # noqa: E402

HERE = Path(__file__).resolve().parent
LIBS = HERE / "libs"
HOSTS = HERE / "hosts"
EMBED_INCLUDE = HERE.parent.parent / "embed" / "include"

# What a library may define globally besides NAME_*.
SHARED_API = {"wasmaot_last_error", "wasmaot_raise", "wasmaot_embed_state_v1"}


class Context:
    def __init__(self, a):
        self.a = a
        self.work = Path(a.work_dir)

    def wasm(self, name):
        """libs/NAME.c as a WASI reactor."""
        out = self.work / f"{name}.wasm"
        run_tool([self.a.clang, "--target=wasm32-wasi", "-O2", "-mexec-model=reactor",
                  str(LIBS / f"{name}.c"), "-o", str(out)])
        return out

    def library(self, module, name, target=None, emit="lib"):
        """lib{name}.a (or .so) and {name}.h in a folder of their own."""
        folder = self.work / f"{name}-{target or 'host'}-{emit}"
        folder.mkdir(parents=True, exist_ok=True)
        suffix = ".a" if emit == "lib" else ".so"
        lib = folder / f"lib{name}{suffix}"
        lib.unlink(missing_ok=True)
        argv = [self.a.wasmaot, "compile", f"--emit={emit}", "--name", name, str(module),
                "-o", str(lib)]
        if target:
            argv += ["--target", target]
        run_tool(argv)
        if not lib.exists() or not (folder / f"{name}.h").exists():
            raise Failure(f"wasmaot wrote no {lib.name} or {name}.h")
        return lib

    def native(self, name, compiler=None):
        out = self.work / f"native-{name}-{Path(compiler or self.a.clang).name}.o"
        run_tool([compiler or self.a.clang, "-O2", "-c", str(LIBS / f"{name}.c"),
                  "-o", str(out)])
        return out

    def host(self, source, out_name, libs, objects=(), cxx=False, compiler=None,
             extra=()):
        """A host program: source compiled as C (or C++) with the libraries'
        headers on the include path, linked with the libraries in one line."""
        exe = self.work / out_name
        incs = sorted({f"-I{lib.parent}" for lib in libs})
        lang = ["-x", "c++"] if cxx else []
        run_tool([compiler or (self.a.cxx if cxx else self.a.cc), "-O2", "-ffp-contract=off",
                  *incs, f"-I{HOSTS}", f"-I{EMBED_INCLUDE}", *lang, str(source),
                  *(["-x", "none"] if cxx else []), *map(str, objects), *map(str, libs),
                  "-o", str(exe), "-lpthread", *extra])
        return exe

    def run(self, argv, expect_lines, env=None):
        p = run_command([str(a) for a in argv], 300, capture_output=True, env=env)
        out = p.stdout.decode(errors="replace")
        if p.returncode != 0:
            raise Failure(f"exit {p.returncode}: {p.stderr.decode(errors='replace')[-600:]}"
                          f" (stdout {out[-300:]!r})")
        oks = [l for l in out.splitlines() if l.startswith("ok: ")]
        if len(oks) != expect_lines:
            raise Failure(f"expected {expect_lines} ok lines, got {out!r}")


def check_symbols(lib, name):
    """Every global symbol the archive defines is NAME_* or the shared API."""
    p = run_tool(["nm", "-g", "--defined-only", str(lib)])
    names = [l.split()[-1] for l in p.stdout.decode().splitlines()
             if re.match(r"^[0-9a-f]+ [A-Za-z] ", l)]
    stray = [n for n in names if not n.startswith(name + "_") and n not in SHARED_API]
    if stray:
        raise Failure(f"{lib.name} defines {len(stray)} other global symbols: {stray[:8]}")
    if not any(n == f"{name}_new" for n in names):
        raise Failure(f"{lib.name} does not define {name}_new")


def cases(ctx):
    """(name, check) for every test."""
    a = ctx.a
    work = ctx.work
    built = {}

    def lib(name, target=None, emit="lib"):
        key = (name, target, emit)
        if key not in built:
            if name == "refs":
                module = LIBS / "refs.wat"
            elif name == "abi":
                subprocess.run([sys.executable, str(HERE / "gen_abi.py"), str(work / "abi")],
                               check=True)
                module = work / "abi" / "abi.wat"
            else:
                module = ctx.wasm(name)
            built[key] = ctx.library(module, name, target, emit)
        return built[key]

    def abi(compiler):
        def check():
            exe = ctx.host(work / "abi" / "host_abi.c", f"host-abi-{Path(compiler).name}",
                           [lib("abi")], compiler=compiler)
            ctx.run([exe], 1)
        return check

    def compared(name, cxx, lines):
        def check():
            exe = ctx.host(HOSTS / f"host_{name}.c", f"host-{name}-{'cpp' if cxx else 'c'}",
                           [lib(name)], [ctx.native(name)], cxx=cxx)
            ctx.run([exe], lines)
        return check

    def traps():
        data = work / "data"
        data.mkdir(exist_ok=True)
        (data / "in.txt").write_text("granted\n")
        exe = ctx.host(HOSTS / "host_traps.c", "host-traps", [lib("traps")])
        ctx.run([exe, data], 8)

    def refs():
        ctx.run([ctx.host(HOSTS / "host_refs.c", "host-refs", [lib("refs")])], 1)

    def docs_example():
        """The complete example of docs/embedding.md, as printed there."""
        text = (HERE.parent.parent / "docs" / "embedding.md").read_text()
        blocks = re.findall(r"```c\n(.*?)```", text, re.S)
        if len(blocks) != 2:
            raise Failure(f"docs/embedding.md has {len(blocks)} C blocks, expected 2")
        folder = work / "docs-example"
        folder.mkdir(exist_ok=True)
        (folder / "checksum.c").write_text(blocks[0])
        (folder / "host.c").write_text(blocks[1])
        run_tool([a.clang, "--target=wasm32-wasi", "-O2", "-mexec-model=reactor",
                  str(folder / "checksum.c"), "-o", str(folder / "checksum.wasm")])
        run_tool([a.wasmaot, "compile", "--emit=lib", str(folder / "checksum.wasm")])
        run_tool([a.cc, "-Wall", "-Werror", str(folder / "host.c"),
                  str(folder / "libchecksum.a"), "-o", str(folder / "host")], cwd=folder)
        out = run_command([str(folder / "host")], 60, capture_output=True).stdout
        # The guest's sum of "hello", s = s * 31 + byte, computed here.
        want = 0
        for byte in b"hello":
            want = (want * 31 + byte) & 0xFFFFFFFF
        if out.decode().strip() != str(want):
            raise Failure(f"the example printed {out!r}, expected {want}")

    def two():
        exe = ctx.host(HOSTS / "host_two.c", "host-two",
                       [lib("checksum"), lib("expr"), lib("callbacks")])
        ctx.run([exe], 2)

    def symbols():
        for name in ("checksum", "expr", "callbacks", "traps", "abi"):
            check_symbols(lib(name), name)

    def shared():
        so = lib("expr", emit="shared")
        exe = ctx.host(HOSTS / "host_expr.c", "host-expr-shared", [so],
                       [ctx.native("expr")], extra=[f"-Wl,-rpath,{so.parent}"])
        ctx.run([exe], 2)

    def aarch64(name, lines, objects=(), emit="lib"):
        def check():
            target = "aarch64-linux-gnu"
            library = lib(name, target, emit)
            exe = ctx.host(work / "abi" / "host_abi.c" if name == "abi" else HOSTS / f"host_{name}.c",
                           f"host-{name}-aarch64-{emit}", [library],
                           [ctx.native(name, a.cross_cc) for _ in objects],
                           compiler=a.cross_cc,
                           extra=[f"-Wl,-rpath,{library.parent}"] if emit == "shared" else [])
            ctx.run([a.qemu, "-L", a.cross_sysroot, exe], lines)
        return check

    # The archives are built on first use; the ABI module first, as two
    # cases share it.
    yield "abi-cc", abi(a.cc)
    yield "abi-clang", abi(a.clang)
    for name, lines in (("checksum", 2), ("expr", 2), ("callbacks", 2)):
        yield f"{name}-c", compared(name, False, lines)
        yield f"{name}-cpp", compared(name, True, lines)
    yield "traps", traps
    yield "references", refs
    yield "docs-example", docs_example
    yield "three-libraries-one-link", two
    yield "global-symbols", symbols
    yield "shared-library", shared
    yield "aarch64-abi", aarch64("abi", 1)
    yield "aarch64-checksum", aarch64("checksum", 2, objects=["checksum"])
    yield "aarch64-shared-library", aarch64("expr", 2, objects=["expr"], emit="shared")


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wasmaot", required=True)
    ap.add_argument("--work-dir", required=True)
    ap.add_argument("--clang", default="clang-19")
    ap.add_argument("--cc", default="cc")
    ap.add_argument("--cxx", default="c++")
    ap.add_argument("--cross-cc", default="aarch64-linux-gnu-gcc")
    ap.add_argument("--cross-sysroot", default="/usr/aarch64-linux-gnu")
    ap.add_argument("--qemu", default="qemu-aarch64")
    ap.add_argument("--filter", default="", help="run only the cases whose name has this")
    a = ap.parse_args()
    Path(a.work_dir).mkdir(parents=True, exist_ok=True)
    ctx = Context(a)
    rep = Reporter()
    # In order: later cases reuse the archives earlier ones built.
    for name, check in cases(ctx):
        if a.filter in name:
            _, error = outcome(check)
            rep.report(name, error)
    rep.print_summary()
    return rep.exit_code()


if __name__ == "__main__":
    sys.exit(main())
