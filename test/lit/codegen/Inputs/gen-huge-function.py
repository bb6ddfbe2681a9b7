"""Prints a module with a function $huge of N straight-line additions to a local
(three IR instructions each when lowered) and a small function $small."""
import sys

n = int(sys.argv[1])
print("(module")
print("  (func $huge (export \"huge\") (param i32) (result i32)")
for k in range(n):
    print(f"    (local.set 0 (i32.add (local.get 0) (i32.const {k % 97 + 1})))")
print("    (local.get 0))")
print("  (func $small (export \"small\") (param i32) (result i32)")
print("    (i32.mul (local.get 0) (i32.const 3))))")
