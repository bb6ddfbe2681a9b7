;; Float arithmetic is plain IEEE: no constrained intrinsics (they stop the
;; vectoriser), no fast-math flags, no contraction into FMA.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O2 %t.wasm -o - | FileCheck %s

(module
  (func (export "madd") (param f64 f64 f64) (result f64)
    (f64.add (f64.mul (local.get 0) (local.get 1)) (local.get 2)))
  (func (export "fdiv") (param f32 f32) (result f32)
    (f32.div (f32.sub (local.get 0) (local.get 1)) (local.get 1))))

;; CHECK-LABEL: define {{.*}} @madd(
;; CHECK:       [[M:%.*]] = fmul double %p0, %p1
;; CHECK-NEXT:  fadd double [[M]], %p2
;; CHECK-LABEL: define {{.*}} @fdiv(
;; CHECK:       [[S:%.*]] = fsub float %p0, %p1
;; CHECK-NEXT:  fdiv float [[S]], %p1
;; CHECK-NOT:   constrained
;; CHECK-NOT:   fmuladd
;; CHECK-NOT:   {{fast|contract|reassoc}}
