;; v128 values pass through (as <2 x i64>); the SIMD instructions are not
;; lowered yet and are rejected with a clear error.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O0 %t.wasm -o - | FileCheck %s
;; RUN: wat2wasm %S/Inputs/simd-op.wat -o %t-op.wasm
;; RUN: not %wasmaot compile --emit=llvm %t-op.wasm -o %t.ll 2>&1 | FileCheck %s --check-prefix=ERR

(module
  (global $g (mut v128) (v128.const i64x2 0 0))
  (func (export "swap") (param v128 v128 i32) (result v128)
    (global.set $g (local.get 0))
    (select (local.get 0) (local.get 1) (local.get 2))))

;; CHECK-LABEL: define internal <2 x i64> @swap(ptr %vmctx, <2 x i64> %p0, <2 x i64> %p1, i32 %p2)
;; CHECK:       store <2 x i64> %{{.*}}, ptr %global0.cell, align 16
;; CHECK:       select i1 %{{.*}}, <2 x i64> %{{.*}}, <2 x i64>

;; ERR: error: SIMD not supported yet: i32x4.add
