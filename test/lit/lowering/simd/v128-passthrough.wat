;; v128 values are <2 x i64> in parameters, results, globals and select.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O0 %t.wasm -o - | FileCheck %s

(module
  (global $g (mut v128) (v128.const i64x2 0 0))
  (func (export "swap") (param v128 v128 i32) (result v128)
    (global.set $g (local.get 0))
    (select (local.get 0) (local.get 1) (local.get 2))))

;; CHECK-LABEL: define internal <2 x i64> @swap(ptr %vmctx, <2 x i64> %p0, <2 x i64> %p1, i32 %p2)
;; CHECK:       store <2 x i64> %{{.*}}, ptr %global0.cell, align 16
;; CHECK:       select i1 %{{.*}}, <2 x i64> %{{.*}}, <2 x i64>
