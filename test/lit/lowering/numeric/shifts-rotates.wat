;; Shift counts are taken modulo the width (LLVM would give poison); rotates
;; are funnel shifts, which take the count modulo the width themselves.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O0 %t.wasm -o - | FileCheck %s

(module
  (func (export "shl") (param i32 i32) (result i32)
    (i32.shl (local.get 0) (local.get 1)))
  (func (export "shr_s") (param i64 i64) (result i64)
    (i64.shr_s (local.get 0) (local.get 1)))
  (func (export "rotl") (param i32 i32) (result i32)
    (i32.rotl (local.get 0) (local.get 1)))
  (func (export "rotr") (param i64 i64) (result i64)
    (i64.rotr (local.get 0) (local.get 1)))
  (func (export "clz") (param i32) (result i32)
    (i32.clz (local.get 0))))

;; CHECK-LABEL: define {{.*}} @shl(
;; CHECK:       [[C:%.*]] = and i32 %{{.*}}, 31
;; CHECK-NEXT:  shl i32 %{{.*}}, [[C]]
;; CHECK-LABEL: define {{.*}} @shr_s(
;; CHECK:       [[C:%.*]] = and i64 %{{.*}}, 63
;; CHECK-NEXT:  ashr i64 %{{.*}}, [[C]]
;; CHECK-LABEL: define {{.*}} @rotl(
;; CHECK:       call i32 @llvm.fshl.i32(i32 [[X:%.*]], i32 [[X]], i32
;; CHECK-LABEL: define {{.*}} @rotr(
;; CHECK:       call i64 @llvm.fshr.i64(i64 [[X:%.*]], i64 [[X]], i64
;; The count of leading zeros of 0 is 32, not poison.
;; CHECK-LABEL: define {{.*}} @clz(
;; CHECK:       call i32 @llvm.ctlz.i32(i32 %{{.*}}, i1 false)
