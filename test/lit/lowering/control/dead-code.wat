;; Code after br, return and unreachable is skipped, blocks opened inside it
;; included, and the IR stays valid (the tool verifies it).
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O0 %t.wasm -o - | FileCheck %s

(module
  (func (export "dead") (param i32) (result i32)
    (block $out (result i32)
      (block
        (br $out (i32.const 1))
        (block (loop (if (local.get 0) (then (unreachable)))))
        (drop (i32.const 2)))
      (i32.const 3)))
  (func (export "trap") (result i32)
    (unreachable)
    (i32.add)))

;; CHECK-LABEL: define {{.*}} @dead(
;; CHECK-NOT:   loop
;; CHECK:       ret i32 1
;; CHECK-LABEL: define {{.*}} @trap(
;; CHECK:       call void @wasmaot_trap(ptr %vmctx, i32 0, i32 1,
;; CHECK-NEXT:  unreachable
;; CHECK-NOT:   add
;; CHECK:       }
