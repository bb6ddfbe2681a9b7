;; Lane arithmetic is plain vector IR on the lane shape, between bitcasts
;; from and to <2 x i64>: i32x4.add is a wrapping `add <4 x i32>`.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O2 %t.wasm -o - | FileCheck %s

(module
  (func (export "add") (param v128 v128) (result v128)
    (i32x4.add (local.get 0) (local.get 1))))

;; CHECK-LABEL: define {{.*}} <2 x i64> @add(
;; CHECK-DAG:   [[L:%.*]] = bitcast <2 x i64> %p0 to <4 x i32>
;; CHECK-DAG:   [[R:%.*]] = bitcast <2 x i64> %p1 to <4 x i32>
;; CHECK:       [[S:%.*]] = add <4 x i32> {{%[0-9]+, %[0-9]+}}
;; CHECK-NEXT:  [[V:%.*]] = bitcast <4 x i32> [[S]] to <2 x i64>
;; CHECK-NEXT:  ret <2 x i64> [[V]]
