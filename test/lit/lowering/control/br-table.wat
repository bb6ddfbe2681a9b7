;; br_table is a switch; every edge to a block with results feeds its phi.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O0 %t.wasm -o - | FileCheck %s

(module
  (func (export "pick") (param i32) (result i32)
    (block $a (result i32)
      (i32.add (i32.const 1)
        (block $b (result i32)
          (br_table $a $b $a (i32.const 10) (local.get 0)))))))

;; CHECK-LABEL: define {{.*}} @pick(
;; CHECK:       switch i32 %{{.*}}, label %[[A:[a-z.0-9]+]] [
;; CHECK-NEXT:    i32 0, label %[[A]]
;; CHECK-NEXT:    i32 1, label %[[B:[a-z.0-9]+]]
;; CHECK-NEXT:  ]
;; CHECK:       [[A]]:
;; CHECK-NEXT:  phi i32 [ 10, %cont ], [ 10, %cont ], [ 11, %[[B]] ]
