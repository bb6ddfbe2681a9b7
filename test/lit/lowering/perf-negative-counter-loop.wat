;; clang's wasm32 output for `for (i = 0; i < 4096; i++) y[i] = y[i] * 0.999f
;; + s * x[i]` over static arrays, unrolled by two: the counter runs from
;; -16384 up to 0 (an i32 that wraps at the exit test) and the addresses are
;; `i + &y[4096]`, `i + &x[4096]`. IndVarSimplify used to widen that counter to
;; i64 and leave `and i64 ..., 0xffffffff` for the addresses and the exit test,
;; after which the trip count was unknown and the loop stayed scalar. wasmaot
;; keeps such counters i32 (codegen/Codegen.cpp): the loop is vectorized.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O2 %t.wasm -o - | FileCheck %s
;; RUN: %wasmaot compile -O2 %t.wasm -o %t.exe && %t.exe

(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory 1)
  (export "memory" (memory 0))
  (func $saxpy (export "saxpy") (param $s f32)
    (local $i i32) (local $a i32)
    (local.set $i (i32.const -16384))
    (loop $l
      (local.tee $a (i32.add (local.get $i) (i32.const 36448)))
      (f32.add
        (f32.mul (f32.load (local.get $a)) (f32.const 0.999))
        (f32.mul (local.get $s)
                 (f32.load (i32.add (local.get $i) (i32.const 20064)))))
      (f32.store)
      (local.tee $a (i32.add (local.get $i) (i32.const 36452)))
      (f32.add
        (f32.mul (f32.load (local.get $a)) (f32.const 0.999))
        (f32.mul (local.get $s)
                 (f32.load (i32.add (local.get $i) (i32.const 20068)))))
      (f32.store)
      (br_if $l (local.tee $i (i32.add (local.get $i) (i32.const 8))))))
  (func (export "_start")
    ;; x[4095] = 2, y[4095] = 1: y[4095] becomes 0.999 + 0.5 * 2
    (f32.store (i32.const 20060) (f32.const 2))
    (f32.store (i32.const 36444) (f32.const 1))
    (call $saxpy (f32.const 0.5))
    (if (f32.ne (f32.load (i32.const 36444))
                (f32.add (f32.mul (f32.const 1) (f32.const 0.999)) (f32.const 1)))
      (then unreachable))
    (call $exit (i32.const 0))))

;; CHECK-LABEL: define {{.*}} @saxpy(
;; CHECK:       vector.body:
;; CHECK:       fmul <{{[0-9]+}} x float>
;; CHECK:       ret void
