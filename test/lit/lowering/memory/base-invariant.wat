;; The memory base is loaded once, in the entry block, as an invariant load:
;; the reservation never moves. After -O2 a loop reads it outside the loop.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O0 %t.wasm -o - | FileCheck %s
;; RUN: %wasmaot compile --emit=llvm -O2 %t.wasm -o - | FileCheck %s --check-prefix=O2

(module
  (memory 1)
  (func (export "sum") (param i32) (result i32) (local i32)
    (loop $l
      (local.set 1 (i32.add (local.get 1) (i32.load (local.get 0))))
      (local.set 0 (i32.sub (local.get 0) (i32.const 4)))
      (br_if $l (local.get 0)))
    (local.get 1)))

;; CHECK-LABEL: define {{.*}} @sum(
;; CHECK:       entry:
;; CHECK:       %membase = load ptr, ptr %vmctx, align 8, !tbaa !{{[0-9]+}}, !invariant.load
;; CHECK-NOT:   %membase =
;; CHECK:       ret i32

;; O2-LABEL: define {{.*}} @sum(
;; O2:       %membase = load ptr, ptr %vmctx{{.*}}!invariant.load
;; O2:       loop:
;; O2-NOT:   load ptr, ptr %vmctx
;; O2:       load i32
;; O2:       br i1
