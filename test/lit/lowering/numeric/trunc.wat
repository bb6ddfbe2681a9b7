;; A trapping float-to-int conversion checks NaN ("invalid conversion to
;; integer", kind 3) then the range ("integer overflow", kind 2) before the
;; fptosi; the saturating form is llvm.fptosi.sat.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O0 %t.wasm -o - | FileCheck %s

(module
  (func (export "trunc") (param f64) (result i32)
    (i32.trunc_f64_s (local.get 0)))
  (func (export "trunc_u") (param f32) (result i64)
    (i64.trunc_f32_u (local.get 0)))
  (func (export "sat") (param f32) (result i32)
    (i32.trunc_sat_f32_s (local.get 0))))

;; trunc is a libm name, hence the prefix.
;; CHECK-LABEL: define {{.*}} @wasm_trunc(
;; CHECK:       [[NAN:%.*]] = fcmp uno double [[X:%.*]], [[X]]
;; CHECK-NEXT:  br i1 [[NAN]], label %conversion.trap
;; CHECK:       fcmp ogt double [[X]], 0xC1E0000000200000
;; CHECK-NEXT:  fcmp olt double [[X]], 0x41E0000000000000
;; CHECK:       br i1 %{{.*}}, label %overflow.trap
;; CHECK:       fptosi double [[X]] to i32
;; CHECK-DAG:   call void @wasmaot_trap(ptr %vmctx, i32 3,
;; CHECK-DAG:   call void @wasmaot_trap(ptr %vmctx, i32 2,

;; CHECK-LABEL: define {{.*}} @trunc_u(
;; CHECK:       fcmp ogt float [[X:%.*]], -1.000000e+00
;; CHECK-NEXT:  fcmp olt float [[X]], 0x43F0000000000000
;; CHECK:       fptoui float [[X]] to i64

;; CHECK-LABEL: define {{.*}} @sat(
;; CHECK:       call i32 @llvm.fptosi.sat.i32.f32(float
