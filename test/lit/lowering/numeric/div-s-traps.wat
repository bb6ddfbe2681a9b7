;; i32.div_s traps on a zero divisor and on INT_MIN / -1 before the sdiv,
;; which LLVM leaves undefined in both cases.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O0 %t.wasm -o - | FileCheck %s

(module
  (func (export "div") (param i32 i32) (result i32)
    (i32.div_s (local.get 0) (local.get 1)))
  (func (export "div10") (param i32) (result i32)
    (i32.div_s (local.get 0) (i32.const 10))))

;; CHECK-LABEL: define {{.*}} @div(
;; CHECK:       [[ZERO:%.*]] = icmp eq i32 [[R:%.*]], 0
;; CHECK-NEXT:  br i1 [[ZERO]], label %div0.trap, label %cont
;; CHECK:       [[M1:%.*]] = icmp eq i32 [[R]], -1
;; CHECK-NEXT:  [[MIN:%.*]] = icmp eq i32 [[L:%.*]], -2147483648
;; CHECK-NEXT:  [[OVF:%.*]] = and i1 [[MIN]], [[M1]]
;; CHECK-NEXT:  br i1 [[OVF]], label %overflow.trap
;; CHECK:       sdiv i32 [[L]], [[R]]
;; CHECK:       div0.trap:
;; CHECK:       call void @wasmaot_trap(ptr %vmctx, i32 1,
;; CHECK:       overflow.trap:
;; CHECK:       call void @wasmaot_trap(ptr %vmctx, i32 2,

;; A constant divisor needs neither check.
;; CHECK-LABEL: define {{.*}} @div10(
;; CHECK-NOT:   {{div0|overflow}}.trap
;; CHECK:       sdiv i32 %{{.*}}, 10
;; CHECK-NEXT:  ret i32
