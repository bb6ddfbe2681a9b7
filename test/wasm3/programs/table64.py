#!/usr/bin/env python3
"""Writes a WASI module that uses a 64-bit table (memory64's table64), byte
by byte: Debian's wabt cannot write one (`tables may not be 64-bit`).

    table64.py OUT.wasm checks   # _start checks size/grow/get/set/call_indirect
                                 # with i64 indices; exit 0, or the number of
                                 # the failed check
    table64.py OUT.wasm oob      # call_indirect at 2^32 + 1 of a 2-element
                                 # table: must trap "undefined element" (an
                                 # index cut to 32 bits would call element 1)
"""
import sys


def leb_u(n):
    out = bytearray()
    while True:
        b = n & 0x7f
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def leb_s(n):
    out = bytearray()
    while True:
        b = n & 0x7f
        n >>= 7
        done = (n == 0 and not b & 0x40) or (n == -1 and b & 0x40)
        out.append(b | (0 if done else 0x80))
        if done:
            return bytes(out)


def vec(items):
    return leb_u(len(items)) + b"".join(items)


def section(sid, payload):
    return bytes([sid]) + leb_u(len(payload)) + payload


def name(s):
    return leb_u(len(s)) + s.encode()


I64_CONST, I32_CONST, CALL, CALL_INDIRECT = 0x42, 0x41, 0x10, 0x11
IF_EMPTY, END = b"\x04\x40", b"\x0b"
TABLE_SIZE, TABLE_GROW = b"\xfc\x10\x00", b"\xfc\x0f\x00"
REF_NULL_FUNC = b"\xd0\x70"


def i64(n):
    return bytes([I64_CONST]) + leb_s(n)


def i32(n):
    return bytes([I32_CONST]) + leb_s(n)


def fail_unless_equal(check, expected_i64=None, expected_i32=None):
    """Compares the top of the stack; exits with `check` when it differs."""
    if expected_i64 is not None:
        cmp = i64(expected_i64) + b"\x52"  # i64.ne
    else:
        cmp = i32(expected_i32) + b"\x47"  # i32.ne
    return cmp + IF_EMPTY + i32(check) + bytes([CALL, 0]) + END


def call_indirect_i32_result(index):
    return i64(index) + bytes([CALL_INDIRECT, 2, 0])


def module(variant):
    types = vec([b"\x60\x00\x00", b"\x60\x01\x7f\x00", b"\x60\x00\x01\x7f"])
    imports = vec([name("wasi_snapshot_preview1") + name("proc_exit") + b"\x00\x01"])
    funcs = vec([b"\x00", b"\x02", b"\x02"])  # _start, seven, nine
    # funcref, flags 0x05 (maximum, 64-bit), min 2, max 10
    table = vec([b"\x70\x05\x02\x0a"])
    exports = vec([name("_start") + b"\x00\x01"])
    # active, table 0, offset i64.const 0: nine, seven
    elems = vec([b"\x00" + i64(0) + END + vec([b"\x03", b"\x02"])])
    if variant == "checks":
        start = (TABLE_SIZE + fail_unless_equal(1, expected_i64=2)
                 + call_indirect_i32_result(1) + fail_unless_equal(2, expected_i32=7)
                 + REF_NULL_FUNC + i64(3) + TABLE_GROW + fail_unless_equal(3, expected_i64=2)
                 + TABLE_SIZE + fail_unless_equal(4, expected_i64=5)
                 + i64(4) + b"\xd2\x03" + b"\x26\x00"          # table.set 4 (ref.func nine)
                 + call_indirect_i32_result(4) + fail_unless_equal(5, expected_i32=9)
                 + i64(4) + b"\x25\x00" + b"\xd1" + fail_unless_equal(6, expected_i32=0)
                 + REF_NULL_FUNC + i64(1 << 32) + TABLE_GROW + fail_unless_equal(7, expected_i64=-1)
                 + i32(0) + bytes([CALL, 0]))
    else:
        start = call_indirect_i32_result((1 << 32) + 1) + b"\x1a" + i32(0) + bytes([CALL, 0])
    bodies = [start, i32(7), i32(9)]
    code = vec([leb_u(len(b"\x00" + b + END)) + b"\x00" + b + END for b in bodies])
    return (b"\0asm\1\0\0\0" + section(1, types) + section(2, imports) + section(3, funcs)
            + section(4, table) + section(7, exports) + section(9, elems) + section(10, code))


if __name__ == "__main__":
    with open(sys.argv[1], "wb") as f:
        f.write(module(sys.argv[2]))
