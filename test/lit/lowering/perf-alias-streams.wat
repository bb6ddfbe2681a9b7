;; clang's wasm32 output for `for (j...) C[j] += a * B[j]` with C and B
;; pointers (matmul's inner loop), unrolled by two: C is read and written at
;; c and c + 8, B read at b and b + 8. The loop vectorizer's own run-time
;; check compares every pair of pointers when it cannot sort them by
;; dependence, including c against c + 8, which always overlap: the vector
;; loop never ran. The versioning pass checks once that the two streams
;; (c..c + 16n and b..b + 16n) are apart and gives each an alias scope, so
;; the vectorizer needs no check of its own. When they do overlap (RUN line
;; 3: C is B shifted by one element), the original loop runs.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O2 %t.wasm -o - | FileCheck %s
;; RUN: %wasmaot compile -O2 %t.wasm -o %t.exe && %t.exe

(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory 1)
  (export "memory" (memory 0))
  ;; n pairs: c[0] += a * b[0]; c[1] += a * b[1]; c += 16; b += 16
  (func $axpy2 (export "axpy2") (param $c i32) (param $b i32) (param $n i32)
                                 (param $a f64)
    (local $i i32)
    (loop $l
      (f64.store (local.get $c)
        (f64.add (f64.mul (local.get $a) (f64.load (local.get $b)))
                 (f64.load (local.get $c))))
      (f64.store (i32.add (local.get $c) (i32.const 8))
        (f64.add (f64.mul (local.get $a)
                          (f64.load (i32.add (local.get $b) (i32.const 8))))
                 (f64.load (i32.add (local.get $c) (i32.const 8)))))
      (local.set $c (i32.add (local.get $c) (i32.const 16)))
      (local.set $b (i32.add (local.get $b) (i32.const 16)))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                          (local.get $n)))))
  (func (export "_start")
    (local $i i32)
    ;; 1.0 at 0, 8, ..., 8 * 64
    (loop $l
      (f64.store (i32.shl (local.get $i) (i32.const 3)) (f64.const 1))
      (br_if $l (i32.le_u (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                          (i32.const 64))))
    ;; Apart: 1024.. += 2 * 0..; each element becomes 2.
    (call $axpy2 (i32.const 1024) (i32.const 0) (i32.const 32) (f64.const 2))
    (if (f64.ne (f64.load (i32.const 1528)) (f64.const 2))
      (then unreachable))
    ;; Overlapping: x[k + 1] += x[k] in order makes x[k] = k + 1.
    (call $axpy2 (i32.const 8) (i32.const 0) (i32.const 32) (f64.const 1))
    (if (f64.ne (f64.load (i32.const 512)) (f64.const 65))
      (then unreachable))
    (call $exit (i32.const 0))))

;; CHECK-LABEL: define {{.*}} @axpy2(
;; The streams are compared once, before the loop.
;; CHECK:       %apart = or i1
;; CHECK:       loop.wrap:
;; CHECK-NOT:   vector.memcheck:
;; CHECK:       vector.body:
;; CHECK:       load <{{[0-9]+}} x double>{{.*}}!alias.scope
;; CHECK:       ret void
