;; x*1, x-0, x/-1 and demote(promote(x)) must quiet a signalling NaN, so LLVM
;; may not fold them to x: the identity constant (or the promoted value) goes
;; through an empty asm. Other constants stay visible to the optimiser.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O2 %t.wasm -o - | FileCheck %s

(module
  (func (export "mul_one") (param f32) (result f32)
    (f32.mul (local.get 0) (f32.const 1.0)))
  (func (export "div_neg_one") (param f64) (result f64)
    (f64.div (local.get 0) (f64.const -1.0)))
  (func (export "mul_two") (param f32) (result f32)
    (f32.mul (local.get 0) (f32.const 2.0)))
  (func (export "promote_demote") (param f32) (result f32)
    (f32.demote_f64 (f64.promote_f32 (local.get 0)))))

;; CHECK-LABEL: define {{.*}} @mul_one(
;; CHECK:       [[ONE:%.*]] = {{.*}}call i32 asm "", "=r,0"(i32 1065353216)
;; CHECK:       fmul float %{{.*}}, %{{.*}}
;; CHECK-LABEL: define {{.*}} @div_neg_one(
;; CHECK:       call i64 asm "", "=r,0"(i64 -4616189618054758400)
;; CHECK:       fdiv double
;; CHECK-LABEL: define {{.*}} @mul_two(
;; CHECK-NOT:   asm
;; CHECK:       fmul float %{{.*}}, 2.000000e+00
;; CHECK-LABEL: define {{.*}} @promote_demote(
;; CHECK:       fpext float
;; CHECK:       call i64 asm "", "=r,0"
;; CHECK:       fptrunc double
