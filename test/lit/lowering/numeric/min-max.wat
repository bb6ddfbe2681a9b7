;; min/max propagate NaN and order -0 below +0: llvm.minimum/maximum, not
;; minnum. A NaN result is replaced by the canonical NaN because x86 passes a
;; signalling NaN operand through unquieted.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O0 %t.wasm -o - | FileCheck %s

(module
  (func (export "min") (param f32 f32) (result f32)
    (f32.min (local.get 0) (local.get 1)))
  (func (export "max") (param f64 f64) (result f64)
    (f64.max (local.get 0) (local.get 1))))

;; CHECK-LABEL: define {{.*}} @min(
;; CHECK:       [[R:%.*]] = call float @llvm.minimum.f32(float
;; CHECK-NEXT:  [[NAN:%.*]] = fcmp uno float [[R]], [[R]]
;; CHECK-NEXT:  select i1 [[NAN]], float 0x7FF8000000000000, float [[R]]
;; CHECK-LABEL: define {{.*}} @max(
;; CHECK:       call double @llvm.maximum.f64(double
;; CHECK-NOT:   minnum
;; CHECK-NOT:   maxnum
