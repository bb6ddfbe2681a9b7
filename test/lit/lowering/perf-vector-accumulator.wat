;; clang's wasm32 output for `for (i = 0; i < 4096; i++) dot += a[i] * b[i]`
;; over static int arrays, unrolled by four (loops.c). The loop vectorizer
;; finds the factor-4 interleaving too costly; the SLP vectorizer then makes
;; one <4 x i32> of the four products, but reduces it to a scalar in every
;; trip (a shuffle-and-add tree per four elements). wasmaot keeps the sum in
;; a vector accumulator instead and reduces it once after the loop; integer
;; addition wraps, so the order does not change the result (RUN line 3).
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O2 %t.wasm -o - | FileCheck %s
;; RUN: %wasmaot compile -O2 %t.wasm -o %t.exe && %t.exe

(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory 2)
  (export "memory" (memory 0))
  ;; a at 52832, b at 36448, 4096 i32 each; the sum starts at $s
  (func $dot (export "dot") (param $s i32) (result i32)
    (local $i i32)
    (local.set $i (i32.const -16384))
    (loop $l
      (local.set $s
        (i32.add
          (i32.add
            (i32.add
              (i32.add (i32.mul (i32.load (i32.add (local.get $i) (i32.const 69216)))
                                (i32.load (i32.add (local.get $i) (i32.const 52832))))
                       (local.get $s))
              (i32.mul (i32.load (i32.add (local.get $i) (i32.const 69220)))
                       (i32.load (i32.add (local.get $i) (i32.const 52836)))))
            (i32.mul (i32.load (i32.add (local.get $i) (i32.const 69224)))
                     (i32.load (i32.add (local.get $i) (i32.const 52840)))))
          (i32.mul (i32.load (i32.add (local.get $i) (i32.const 69228)))
                   (i32.load (i32.add (local.get $i) (i32.const 52844))))))
      (br_if $l (local.tee $i (i32.add (local.get $i) (i32.const 16)))))
    (local.get $s))
  (func (export "_start")
    (local $k i32)
    ;; a[k] = k * 1000003 (wraps), b[k] = k + 1
    (loop $l
      (i32.store (i32.add (i32.const 52832) (i32.shl (local.get $k) (i32.const 2)))
                 (i32.mul (local.get $k) (i32.const 1000003)))
      (i32.store (i32.add (i32.const 36448) (i32.shl (local.get $k) (i32.const 2)))
                 (i32.add (local.get $k) (i32.const 1)))
      (br_if $l (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1)))
                          (i32.const 4096))))
    ;; 7 + sum of k * (k + 1) * 1000003 for k < 4096, modulo 2^32
    (if (i32.ne (call $dot (i32.const 7)) (i32.const 66318343))
      (then unreachable))
    (call $exit (i32.const 0))))

;; CHECK-LABEL: define {{.*}} @dot(
;; CHECK:       loop:
;; CHECK-NOT:   vector.reduce.add
;; CHECK:       [[ACC:%.*]] = phi <4 x i32> [ zeroinitializer, %entry ], [ [[NEXT:%.*]], %loop ]
;; CHECK-NOT:   vector.reduce.add
;; CHECK:       [[NEXT]] = add <4 x i32> [[ACC]],
;; CHECK-NOT:   vector.reduce.add
;; CHECK:       br i1
;; CHECK:       call i32 @llvm.vector.reduce.add.v4i32(<4 x i32> [[NEXT]])
;; CHECK:       ret i32
