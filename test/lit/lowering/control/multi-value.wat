;; Blocks with several results get one phi per result; a function with several
;; results returns a literal struct, and a call unpacks it.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O0 %t.wasm -o - | FileCheck %s

(module
  (func $pair (export "pair") (param i32) (result i32 i64)
    (block (result i32 i64)
      (i32.const 1) (i64.const 2)
      (br_if 0 (local.get 0))
      (drop) (drop)
      (i32.const 3) (i64.const 4)))
  (func (export "sum") (param i32) (result i64)
    (call $pair (local.get 0))
    (drop)
    (i64.extend_i32_u)))

;; CHECK-LABEL: define {{.*}} { i32, i64 } @pair(
;; CHECK:       block.end:
;; CHECK-NEXT:  [[A:%.*]] = phi i32 [ 1, %{{.*}} ], [ 3, %{{.*}} ]
;; CHECK-NEXT:  [[B:%.*]] = phi i64 [ 2, %{{.*}} ], [ 4, %{{.*}} ]
;; CHECK-NEXT:  [[S:%.*]] = insertvalue { i32, i64 } poison, i32 [[A]], 0
;; CHECK-NEXT:  [[T:%.*]] = insertvalue { i32, i64 } [[S]], i64 [[B]], 1
;; CHECK-NEXT:  ret { i32, i64 } [[T]]

;; CHECK-LABEL: define {{.*}} @sum(
;; CHECK:       [[R:%.*]] = call { i32, i64 } @pair(ptr %vmctx, i32
;; CHECK-NEXT:  extractvalue { i32, i64 } [[R]], 0
;; CHECK-NEXT:  extractvalue { i32, i64 } [[R]], 1
