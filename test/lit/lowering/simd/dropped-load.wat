;; In guard mode the fault is the bounds check: a dropped v128 load stays, as
;; a volatile load of the bytes it reads, so that it still traps at -O2.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O2 --bounds-checks=guard %t.wasm -o - | FileCheck %s

(module
  (memory 1)
  (func (export "extend") (param i32)
    (drop (v128.load8x8_s (local.get 0))))
  (func (export "splat") (param i32)
    (drop (v128.load32_splat (local.get 0)))))

;; CHECK-LABEL: define {{.*}} @extend(
;; CHECK:       load volatile <8 x i8>
;; CHECK-LABEL: define {{.*}} @splat(
;; CHECK:       load volatile i32
