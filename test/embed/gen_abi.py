"""Writes abi.wat and host_abi.c: the test of the C calling convention at the
boundary of an embedding library (lowering/CAbi.cpp), in both directions.

For every signature below the module exports two functions: `sN`, which
computes a transform of its parameters in Wasm, and `fN`, which hands its
parameters to the import `host.sN` and returns what that gives back. The host
implements `host.sN` as the same transform in C, and checks that both exports
return what the transform gives, computed by the C compiler itself. So a
disagreement with the compiler's convention, on either side of the boundary
(export wrappers, import thunks), fails; the host is compiled by two
compilers (gcc and clang) and for both targets.

Transforms, with exactly representable values so that no rounding enters:
  sum:  one result, the sum of each parameter converted to its type times
        its position (1-based);
  plus: results like the parameters, each plus its position (v128: to each
        32-bit lane);
  vmix: (i64..., v128, i64...) -> v128: the v128 plus, in each 64-bit lane,
        the sum of the i64 parameters.

    python3 gen_abi.py OUT_DIR
"""

import sys
from pathlib import Path

I32, I64, F32, F64, V128 = "i32", "i64", "f32", "f64", "v128"
CTYPE = {I32: "int32_t", I64: "int64_t", F32: "float", F64: "double", V128: "wasmaot_v128"}

SIGNATURES = [
    ("sum", [I32] * 8, [I32]),
    ("sum", [I64] * 7, [I64]),
    ("sum", [F32] * 10, [F32]),
    ("sum", [I32, F64, I64, F32, I32, F64, I64, F32, I32, F64], [F64]),
    ("plus", [I32, I32], [I32, I32]),
    ("plus", [I32, I32, I32], [I32, I32, I32]),
    ("plus", [F32, F32], [F32, F32]),
    ("plus", [F32, F32, F32], [F32, F32, F32]),
    ("plus", [F32, F32, F32, F32], [F32, F32, F32, F32]),
    ("plus", [F32] * 5, [F32] * 5),
    ("plus", [F64, F64], [F64, F64]),
    ("plus", [F64, F64, F64], [F64, F64, F64]),
    ("plus", [F64, I32], [F64, I32]),
    ("plus", [I32, F32], [I32, F32]),
    ("plus", [F32, I64], [F32, I64]),
    ("plus", [I64, I64, I64], [I64, I64, I64]),
    ("plus", [V128], [V128]),
    ("plus", [V128, V128], [V128, V128]),
    ("plus", [V128, I32], [V128, I32]),
    ("plus", [I32, V128, F64], [I32, V128, F64]),
    ("vmix", [I64, V128, I64], [V128]),
    ("vmix", [I64, I64, I64, I64, V128, I64], [V128]),
    ("vmix", [I64, I64, I64, I64, I64, V128, I64], [V128]),
    ("vmix", [I64] * 6 + [V128], [V128]),
    ("plus", [V128, V128, V128], [V128, V128, V128]),
]


def wasm_const(t, c):
    if t == V128:
        return f"(v128.const i32x4 {c} {c} {c} {c})"
    return f"({t}.const {c})"


def wasm_convert(src, dst, expr):
    if src == dst:
        return expr
    op = {(I64, I32): "i32.wrap_i64", (I32, I64): "i64.extend_i32_s",
          (I32, F64): "f64.convert_i32_s", (I64, F64): "f64.convert_i64_s",
          (F32, F64): "f64.promote_f32"}[(src, dst)]
    return f"({op} {expr})"


def wasm_body(kind, params, results):
    if kind == "sum":
        r = results[0]
        acc = f"({r}.const 0)"
        for k, p in enumerate(params):
            term = f"({r}.mul {wasm_convert(p, r, f'(local.get {k})')} ({r}.const {k + 1}))"
            acc = f"({r}.add {acc} {term})"
        return acc
    if kind == "plus":
        adds = []
        for k, p in enumerate(params):
            op = "i32x4.add" if p == V128 else f"{p}.add"
            adds.append(f"({op} (local.get {k}) {wasm_const(p, k + 1)})")
        return " ".join(adds)
    # vmix
    acc = "(i64.const 0)"
    v = params.index(V128)
    for k, p in enumerate(params):
        if p == I64:
            acc = f"(i64.add {acc} (local.get {k}))"
    return f"(i64x2.add (local.get {v}) (i64x2.splat {acc}))"


def write_wat(path):
    lines = ["(module"]
    for n, (kind, params, results) in enumerate(SIGNATURES):
        sig = f"(param {' '.join(params)}) (result {' '.join(results)})"
        lines.append(f'  (import "host" "s{n}" (func $h{n} {sig}))')
    for n, (kind, params, results) in enumerate(SIGNATURES):
        sig = f"(param {' '.join(params)}) (result {' '.join(results)})"
        gets = " ".join(f"(local.get {k})" for k in range(len(params)))
        lines.append(f'  (func (export "s{n}") {sig} {wasm_body(kind, params, results)})')
        lines.append(f'  (func (export "f{n}") {sig} (call $h{n} {gets}))')
    lines.append(")")
    path.write_text("\n".join(lines) + "\n")


def c_value(t, n, k):
    """A distinct, exactly representable argument."""
    base = (n * 17 + k * 5) % 40 - 20
    if t == V128:
        return f"v_make({base})"
    if t in (F32, F64):
        return f"({CTYPE[t]})({base} + 0.5)"
    if t == I64:
        return f"(int64_t){base} * 1000000007LL"
    return f"(int32_t){base} * 1000003"


def c_transform(n, kind, params, results):
    """The C of host.sN: the transform."""
    ps = ", ".join(f"{CTYPE[p]} p{k}" for k, p in enumerate(params))
    ret = CTYPE[results[0]] if len(results) == 1 else f"abi_s{n}_results"
    out = [f"static {ret} transform_s{n}({ps}) {{"]
    if kind == "sum":
        r = results[0]
        out.append(f"  {CTYPE[r]} acc = 0;")
        for k, p in enumerate(params):
            if r in (I32, I64):
                out.append(f"  acc = ({CTYPE[r]})((uint64_t)acc + (uint64_t)({CTYPE[r]})p{k} * {k + 1}u);")
            else:
                out.append(f"  acc = acc + ({CTYPE[r]})p{k} * ({CTYPE[r]}){k + 1};")
        out.append("  return acc;")
    elif kind == "plus":
        vals = []
        for k, p in enumerate(params):
            if p == V128:
                vals.append(f"v_add32(p{k}, {k + 1})")
            elif p in (I32, I64):
                vals.append(f"({CTYPE[p]})((uint64_t)p{k} + {k + 1}u)")
            else:
                vals.append(f"p{k} + ({CTYPE[p]}){k + 1}")
        if len(results) == 1:
            out.append(f"  return {vals[0]};")
        else:
            out.append(f"  {ret} r;")
            for k, v in enumerate(vals):
                out.append(f"  r.r{k} = {v};")
            out.append("  return r;")
    else:
        v = params.index(V128)
        out.append("  int64_t s = 0;")
        for k, p in enumerate(params):
            if p == I64:
                out.append(f"  s = (int64_t)((uint64_t)s + (uint64_t)p{k});")
        out.append(f"  return v_add64(p{v}, s);")
    out.append("}")
    # host.sN itself: the same, with user first.
    args = ", ".join(f"p{k}" for k in range(len(params)))
    host_ret = ret if len(results) == 1 else f"abi_host_s{n}_results"
    out.append(f"static {host_ret} host_s{n}(void *user{', ' if ps else ''}{ps}) {{")
    out.append("  ++*(int *)user;")
    if len(results) == 1:
        out.append(f"  return transform_s{n}({args});")
    else:
        # The same layout under the import's own name.
        out.append(f"  {ret} t = transform_s{n}({args});")
        out.append(f"  {host_ret} r;")
        out.append("  memcpy(&r, &t, sizeof r);")
        out.append("  return r;")
    out.append("}")
    return out


def c_compare(t, a, b):
    if t == V128:
        return f"memcmp(&{a}, &{b}, 16) == 0"
    return f"{a} == {b}"


def write_host(path):
    out = ['/* Generated by gen_abi.py: see there. */',
           '#include "abi.h"', "#include <stdio.h>", "#include <stdlib.h>",
           "#include <string.h>", "",
           "static int failures;",
           "static wasmaot_v128 v_make(int b) {",
           "  wasmaot_v128 v;",
           "  for (int i = 0; i < 16; ++i) v.bytes[i] = (uint8_t)(b * 7 + i * 13);",
           "  return v;", "}",
           "static wasmaot_v128 v_add32(wasmaot_v128 v, int32_t c) {",
           "  uint32_t l[4]; memcpy(l, v.bytes, 16);",
           "  for (int i = 0; i < 4; ++i) l[i] += (uint32_t)c;",
           "  memcpy(v.bytes, l, 16); return v;", "}",
           "static wasmaot_v128 v_add64(wasmaot_v128 v, int64_t c) {",
           "  uint64_t l[2]; memcpy(l, v.bytes, 16);",
           "  for (int i = 0; i < 2; ++i) l[i] += (uint64_t)c;",
           "  memcpy(v.bytes, l, 16); return v;", "}",
           "#define EXPECT(cond, what) do { if (!(cond)) { ++failures; "
           "fprintf(stderr, \"FAILED %s: %s\\n\", what, #cond); } } while (0)", ""]
    for n, (kind, params, results) in enumerate(SIGNATURES):
        out += c_transform(n, kind, params, results)
    out += ["", "int main(void) {", "  int calls = 0;",
            "  abi_imports imports;", "  imports.user = &calls;"]
    for n in range(len(SIGNATURES)):
        out.append(f"  imports.host_s{n} = host_s{n};")
    out += ["  abi_instance *inst = abi_new(&imports, NULL);",
            "  if (!inst) { fprintf(stderr, \"abi_new: %s\\n\", wasmaot_last_error()); return 1; }"]
    for n, (kind, params, results) in enumerate(SIGNATURES):
        args = ", ".join(c_value(p, n, k) for k, p in enumerate(params))
        ret = CTYPE[results[0]] if len(results) == 1 else f"abi_s{n}_results"
        out.append("  {")
        out.append(f"    {ret} want = transform_s{n}({args});")
        for fn in ("s", "f"):
            got_type = ret if len(results) == 1 else f"abi_{fn}{n}_results"
            out.append(f"    {got_type} got_{fn} = abi_{fn}{n}(inst, {args});")
            out.append(f"    EXPECT(abi_trap(inst) == NULL, \"{fn}{n} trap\");")
            if len(results) == 1:
                out.append(f"    EXPECT({c_compare(results[0], f'got_{fn}', 'want')}, \"{fn}{n}\");")
            else:
                for k, r in enumerate(results):
                    out.append(f"    EXPECT({c_compare(r, f'got_{fn}.r{k}', f'want.r{k}')}, \"{fn}{n}.r{k}\");")
        out.append("  }")
    out += [f"  EXPECT(calls == {len(SIGNATURES)}, \"every import called once\");",
            "  abi_delete(inst);",
            f"  if (!failures) printf(\"ok: {len(SIGNATURES)} signatures, both directions\\n\");",
            "  return failures != 0;", "}"]
    path.write_text("\n".join(out) + "\n")


def main():
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    write_wat(out / "abi.wat")
    write_host(out / "host_abi.c")


if __name__ == "__main__":
    main()
