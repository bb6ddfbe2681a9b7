;; The producer (clang) unrolled this loop by two: the second element is read
;; at `p + 4`, an i32.add that wraps in Wasm, so zext(p + 4) is not
;; zext(p) + 4 and the vectorizer cannot see that the two loads are
;; neighbours. wasmaot versions such loops: a check before the loop that no
;; address in it wraps, then i64 addresses (and a vectorized loop); the
;; original loop (".wrap") runs when the check fails, so a module whose
;; address does wrap still reads the right bytes (RUN line 3).
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O2 %t.wasm -o - | FileCheck %s
;; RUN: %wasmaot compile -O2 %t.wasm -o %t.exe && %t.exe

(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory 1)
  (export "memory" (memory 0))
  ;; sum of n pairs of i32 from p: s += p[0] + p[1]; p += 8
  (func $pairs (export "pairs") (param $p i32) (param $n i32) (result i32)
    (local $s i32) (local $i i32)
    (loop $l
      (local.set $s (i32.add (local.get $s)
        (i32.add (i32.load (local.get $p))
                 (i32.load (i32.add (local.get $p) (i32.const 4))))))
      (local.set $p (i32.add (local.get $p) (i32.const 8)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $s))
  ;; n values at p + 8, 16 bytes apart: with p = -8 the first is at 0.
  (func $wrapped (export "wrapped") (param $p i32) (param $n i32) (result i64)
    (local $s i64) (local $i i32)
    (loop $l
      (local.set $s (i64.add (local.get $s)
        (i64.load (i32.add (local.get $p) (i32.const 8)))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $s))
  (func (export "_start")
    (i64.store (i32.const 0) (i64.const 1))
    (i64.store (i32.const 16) (i64.const 2))
    (i64.store (i32.const 32) (i64.const 3))
    (i64.store (i32.const 48) (i64.const 4))
    (i32.store (i32.const 100) (i32.const -8))
    ;; 1 + 2 + 3 + 4, read through addresses that wrap around 2^32
    (if (i64.ne (call $wrapped (i32.load (i32.const 100)) (i32.const 4)) (i64.const 10))
      (then unreachable))
    ;; the pairs at 0..63: 1 + 0 + 2 + 0 + 3 + 0 + 4 + 0 (the i64s' high halves)
    (if (i32.ne (call $pairs (i32.load (i32.const 104)) (i32.const 8)) (i32.const 10))
      (then unreachable))
    (call $exit (i32.const 0))))

;; CHECK-LABEL: define {{.*}} @pairs(
;; The check: both ends of the address range below 2^32.
;; CHECK:       icmp ult i64 %{{.*}}, 4294967296
;; CHECK:       br i1 %{{.*}}, label %loop.ph, label %loop.wrap.preheader
;; The original loop, kept for addresses that wrap.
;; CHECK:       loop.wrap:
;; CHECK:       zext i32
;; The versioned loop, vectorized.
;; CHECK:       vector.body:
;; CHECK:       load <{{[0-9]+}} x i32>
;; CHECK:       ret i32
