;; nearest rounds half to even (llvm.roundeven); neg and copysign only touch
;; the sign bit, NaN included; constants keep their NaN payload.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O0 %t.wasm -o - | FileCheck %s

(module
  (func (export "nearest") (param f64) (result f64)
    (f64.nearest (local.get 0)))
  (func (export "neg") (param f32) (result f32)
    (f32.neg (local.get 0)))
  (func (export "copysign") (param f32 f32) (result f32)
    (f32.copysign (local.get 0) (local.get 1)))
  (func (export "snan") (result f32)
    (f32.const nan:0x200000)))

;; CHECK-LABEL: define {{.*}} @nearest(
;; CHECK:       call double @llvm.roundeven.f64(double
;; CHECK-LABEL: define {{.*}} @neg(
;; CHECK:       fneg float
;; copysign is a libm name, hence the prefix.
;; CHECK-LABEL: define {{.*}} @wasm_copysign(
;; CHECK:       call float @llvm.copysign.f32(float
;; CHECK-LABEL: define {{.*}} @snan(
;; CHECK:       ret float 0x7FF4000000000000
