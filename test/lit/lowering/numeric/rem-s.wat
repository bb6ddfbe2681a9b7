;; i32.rem_s INT_MIN, -1 is 0 in Wasm and undefined in LLVM: a divisor of -1
;; is replaced by 1 (same result for every dividend). Only zero traps.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O0 %t.wasm -o - | FileCheck %s

(module
  (func (export "rem") (param i64 i64) (result i64)
    (i64.rem_s (local.get 0) (local.get 1))))

;; CHECK-LABEL: define {{.*}} @rem(
;; CHECK:       icmp eq i64 [[R:%.*]], 0
;; CHECK:       br i1 %{{.*}}, label %div0.trap
;; CHECK:       [[M1:%.*]] = icmp eq i64 [[R]], -1
;; CHECK-NEXT:  [[D:%.*]] = select i1 [[M1]], i64 1, i64 [[R]]
;; CHECK-NEXT:  srem i64 %{{.*}}, [[D]]
;; CHECK-NOT:   overflow.trap
