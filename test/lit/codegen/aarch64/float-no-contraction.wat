;; AArch64 has fused multiply-add (FMADD, FMLA), and Wasm's a * b + c rounds
;; twice: the code keeps a separate multiply and add, scalar and vector.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --target aarch64-linux-gnu --emit=asm -O3 %t.wasm -o - \
;; RUN:   | FileCheck %s
;; RUN: %wasmaot compile --target aarch64-linux-gnu --cpu neoverse-n1 \
;; RUN:   --emit=asm -O3 %t.wasm -o - | FileCheck %s

(module
  (func (export "muladd") (param f64 f64 f64) (result f64)
    (f64.add (f64.mul (local.get 0) (local.get 1)) (local.get 2)))
  (func (export "mulsub") (param f32 f32 f32) (result f32)
    (f32.sub (local.get 2) (f32.mul (local.get 0) (local.get 1))))
  (func (export "vmuladd") (param v128 v128 v128) (result v128)
    (f32x4.add (f32x4.mul (local.get 0) (local.get 1)) (local.get 2))))

;; CHECK-LABEL: muladd:
;; CHECK-NOT:   fmadd
;; CHECK:       fmul d0, d0, d1
;; CHECK-NEXT:  fadd d0, d0, d2
;; CHECK-LABEL: mulsub:
;; CHECK-NOT:   fmsub
;; CHECK:       fmul s0, s0, s1
;; CHECK-NEXT:  fsub s0, s2, s0
;; CHECK-LABEL: vmuladd:
;; CHECK-NOT:   fmla
;; CHECK:       fmul v0.4s, v0.4s, v1.4s
;; CHECK-NEXT:  fadd v0.4s, v0.4s, v2.4s
;; CHECK-NOT:   fmla
