#!/usr/bin/env python3
"""Writes a large C program (many distinct functions with loops, branches,
integer and float arithmetic, memory traffic and calls) for measuring decode,
validate and compile throughput on a module of realistic instruction mix.

Usage: gen_large.py N_FUNCTIONS OUT.c
"""
import random
import sys


def function(i, rng):
    kind = i % 4
    body = []
    if kind == 0:
        body.append(f"int f{i}(int *a, int n) {{ int s = {rng.randint(1, 99)};")
        body.append("  for (int k = 0; k < n; ++k) {")
        body.append(f"    s = s * {rng.randint(3, 31)} + a[k] ^ (s >> {rng.randint(1, 7)});")
        body.append(f"    if (s & {1 << rng.randint(1, 9)}) a[k] += s; else a[k] -= k;")
        body.append("  }")
        body.append(f"  return s + (n > 1 ? f{max(i - 4, 0)}(a, n / 2) : 0); }}" if i >= 4
                    else "  return s; }")
    elif kind == 1:
        body.append(f"double g{i}(double *x, int n) {{ double acc = {rng.random():.6f};")
        body.append("  for (int k = 1; k < n; ++k)")
        body.append(f"    acc += x[k] * {rng.random():.6f} - x[k - 1] / (1.0 + k);")
        body.append("  return acc; }")
    elif kind == 2:
        body.append(f"long long h{i}(const char *p) {{ long long v = 0;")
        body.append("  while (*p) { switch (*p++ & 7) {")
        for c in range(8):
            body.append(f"    case {c}: v = v * {rng.randint(2, 17)} + {rng.randint(0, 1000)}; break;")
        body.append("  } } return v; }")
    else:
        body.append(f"unsigned u{i}(unsigned *t, unsigned n) {{ unsigned m = 0;")
        body.append("  for (unsigned k = 0; k < n; k += 2) {")
        body.append(f"    unsigned y = t[k] * 2654435761u + {rng.randint(0, 1 << 20)}u;")
        body.append("    m = m > y ? m : y; t[k / 2] = y >> 3; }")
        body.append("  return m; }")
    return "\n".join(body)


def main():
    n = int(sys.argv[1])
    rng = random.Random(42)
    parts = ["#include <stdio.h>", "#include <string.h>"]
    parts += [function(i, rng) for i in range(n)]
    calls = []
    for i in range(n):
        kind = i % 4
        if kind == 0:
            calls.append(f"  r += f{i}(ia, 64);")
        elif kind == 1:
            calls.append(f"  r += (long long)g{i}(da, 64);")
        elif kind == 2:
            calls.append(f'  r += h{i}("large module");')
        else:
            calls.append(f"  r += u{i}((unsigned *)ia, 64);")
    parts.append("int main(void) { static int ia[64]; static double da[64];")
    parts.append("  for (int k = 0; k < 64; ++k) { ia[k] = k; da[k] = k * 0.5; }")
    parts.append("  long long r = 0;")
    parts += calls
    parts.append('  printf("%lld\\n", r); return 0; }')
    with open(sys.argv[2], "w") as f:
        f.write("\n".join(parts) + "\n")


if __name__ == "__main__":
    main()
