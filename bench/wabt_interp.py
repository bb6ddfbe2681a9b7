"""Runs a WASI command module on wabt's interpreter, wasm-interp.

Debian's wasm-interp (wabt 1.0.32) is built without WASI ("wasi support not
compiled in"), so the module is adapted instead: its wasi_snapshot_preview1
imports become functions written in Wasm (the same ones bench/wasm2c-shim
gives wasm2c's output), which pass output bytes and the exit code to the one
import wasm-interp offers, `host.print` (--host-print), and whose args_get
returns a fixed argv. The program's own code is not touched: the module is
disassembled with `wasm2wat --generate-names` (every reference becomes a name),
the import lines are swapped for the shim, and `wat2wasm` reassembles it.

    wasm-interp --host-print --run-all-exports adapted.wasm

prints one line per host.print call, `called host host.print(i32:K, i32:V) =>`,
which decode() turns back into stdout, stderr and the exit code.
"""
import re
import subprocess

# host.print(kind, value): kinds 1 and 2 are a byte written to that file
# descriptor, EXIT is proc_exit's code (then the shim traps to stop the
# program), UNSUPPORTED the index of an import the shim does not implement.
EXIT, UNSUPPORTED = 0, 3
HOST_PRINT = "$__bench_host_print"

IMPORT_RE = re.compile(
    r'^\s*\(import "wasi_snapshot_preview1" "(\w+)" \(func (\$[^\s()]+) \(type (\$?\w+)\)\)\)\s*$')
PRINT_RE = re.compile(r"^called host host\.print\(i32:(-?\d+), i32:(-?\d+)\) =>")
EXPORT_RE = re.compile(r"^(\S+)\(\) =>(?: error: (.*))?$")

ERRNO = {"badf": 8, "spipe": 70}

# Bodies by WASI function; parameters by index, in the WASI signature's order.
SHIM = {
    "fd_close": """
    (if (result i32) (i32.le_u (local.get 0) (i32.const 2))
      (then (i32.const 0)) (else (i32.const {badf})))""",
    # filetype character device (2), no flags, all rights: 24 bytes at param 1.
    "fd_fdstat_get": """
    (if (i32.gt_u (local.get 0) (i32.const 2)) (then (return (i32.const {badf}))))
    (i64.store (local.get 1) (i64.const 2))
    (i64.store offset=8 (local.get 1) (i64.const -1))
    (i64.store offset=16 (local.get 1) (i64.const -1))
    (i32.const 0)""",
    "fd_seek": """
    (if (result i32) (i32.le_u (local.get 0) (i32.const 2))
      (then (i32.const {spipe})) (else (i32.const {badf})))""",
    # (fd, iovs, iovs_len, nwritten_out): every byte of every iovec to host.print.
    "fd_write": """
    (local $i i32) (local $p i32) (local $end i32) (local $total i32)
    (if (i32.and (i32.ne (local.get 0) (i32.const 1)) (i32.ne (local.get 0) (i32.const 2)))
      (then (return (i32.const {badf}))))
    (block $iovs_done
      (loop $iov
        (br_if $iovs_done (i32.ge_u (local.get $i) (local.get 2)))
        (local.set $p (i32.load (i32.add (local.get 1) (i32.shl (local.get $i) (i32.const 3)))))
        (local.set $end (i32.add (local.get $p)
          (i32.load offset=4 (i32.add (local.get 1) (i32.shl (local.get $i) (i32.const 3))))))
        (local.set $total (i32.add (local.get $total) (i32.sub (local.get $end) (local.get $p))))
        (block $bytes_done
          (loop $byte
            (br_if $bytes_done (i32.ge_u (local.get $p) (local.get $end)))
            (call {print} (local.get 0) (i32.load8_u (local.get $p)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $byte)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $iov)))
    (i32.store (local.get 3) (local.get $total))
    (i32.const 0)""",
    "proc_exit": """
    (call {print} (i32.const {exit}) (local.get 0))
    (unreachable)""",
}


def args_shim(argv):
    """args_sizes_get and args_get bodies that return argv (a list of str)."""
    encoded = [a.encode() + b"\0" for a in argv]
    sizes = f"""
    (i32.store (local.get 0) (i32.const {len(argv)}))
    (i32.store (local.get 1) (i32.const {sum(map(len, encoded))}))
    (i32.const 0)"""
    # (argv_out, buf_out): the pointers, then the bytes.
    stores, offset = [], 0
    for i, e in enumerate(encoded):
        stores.append(f"(i32.store offset={4 * i} (local.get 0) "
                      f"(i32.add (local.get 1) (i32.const {offset})))")
        stores.extend(f"(i32.store8 offset={offset + j} (local.get 1) (i32.const {b}))"
                      for j, b in enumerate(e))
        offset += len(e)
    get = "\n    " + "\n    ".join(stores) + "\n    (i32.const 0)"
    return {"args_sizes_get": sizes, "args_get": get}


def shim_function(index, name, func_id, type_id, argv):
    bodies = dict(SHIM, **args_shim(argv))
    body = bodies.get(name)
    if body is None:  # reported by decode(), then the trap stops the program
        body = f"(call {{print}} (i32.const {UNSUPPORTED}) (i32.const {index}))\n    (unreachable)"
    body = body.format(print=HOST_PRINT, exit=EXIT, **ERRNO)
    return f"  (func {func_id} (type {type_id}){body})\n"


def adapt_wat(wat, argv):
    """The module's text with its WASI imports replaced by the shim; also
    returns the names of the replaced imports, in order."""
    lines = wat.splitlines(keepends=True)
    kept, shims, names = [], [], []
    for line in lines:
        m = IMPORT_RE.match(line)
        if not m:
            kept.append(line)
            continue
        if not names:
            kept.append(f'  (import "host" "print" (func {HOST_PRINT} (param i32 i32)))\n')
        shims.append(shim_function(len(names), *m.groups(), argv))
        names.append(m.group(1))
    text = "".join(kept).rstrip()
    if not text.endswith(")"):
        raise ValueError("unexpected wasm2wat output: the module does not end with ')'")
    return text[:-1] + "\n" + "".join(shims) + ")\n", names


def disassemble(wasm2wat, wasm):
    return subprocess.run([wasm2wat, "--generate-names", str(wasm)], check=True,
                          capture_output=True, text=True).stdout


def assemble(wat2wasm, wat_path, out):
    subprocess.run([wat2wasm, str(wat_path), "-o", str(out)], check=True,
                   capture_output=True, text=True)


def decode(rc, out, imports):
    """wasm-interp's output -> (exit code, stdout, stderr of the program, error)."""
    streams = {1: bytearray(), 2: bytearray()}
    code, error = None, None
    for line in out.splitlines():
        m = PRINT_RE.match(line)
        if m:
            kind, value = int(m.group(1)), int(m.group(2))
            if kind in streams:
                streams[kind].append(value & 0xff)
            elif kind == EXIT:
                code = value
            elif kind == UNSUPPORTED:
                error = f"WASI import {imports[value]} not supported by the shim"
            continue
        m = EXPORT_RE.match(line)
        if m and m.group(2) and code is None and error is None:
            error = f"trap in {m.group(1)}: {m.group(2)}"
    if code is None:
        code = 0 if error is None and rc == 0 else (rc or 134)
    return code, streams[1].decode(errors="replace"), streams[2].decode(errors="replace"), error
