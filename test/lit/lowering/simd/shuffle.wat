;; i8x16.shuffle is one shufflevector of the two operands as <16 x i8>, the
;; immediate lanes as its mask.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O2 %t.wasm -o - | FileCheck %s

(module
  (func (export "interleave") (param v128 v128) (result v128)
    (i8x16.shuffle 0 16 1 17 2 18 3 19 4 20 5 21 6 22 7 23
      (local.get 0) (local.get 1))))

;; CHECK-LABEL: define {{.*}} <2 x i64> @interleave(
;; CHECK:       shufflevector <16 x i8> %{{.*}}, <16 x i8> %{{.*}}, <16 x i32> <i32 0, i32 16, i32 1, i32 17, i32 2, i32 18, i32 3, i32 19, i32 4, i32 20, i32 5, i32 21, i32 6, i32 22, i32 7, i32 23>
