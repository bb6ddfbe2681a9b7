;; table.get/set are inline: the index is checked against the current size,
;; and Size and Elements are reloaded at each access (table.grow may move
;; the array). Out of range is "out of bounds table access" (5).
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O0 %t.wasm -o - | FileCheck %s

(module
  (table $t 1 externref)
  (func (export "get") (param i32) (result externref)
    (table.get $t (local.get 0)))
  (func (export "size") (result i32)
    (table.size $t)))

;; CHECK-LABEL: define {{.*}} ptr @get(
;; CHECK:       %table.size = load i32, ptr
;; CHECK-NEXT:  [[OOB:%.*]] = icmp uge i32 %{{.*}}, %table.size
;; CHECK-NEXT:  br i1 [[OOB]], label %table.oob.trap
;; CHECK:       %table.elements = load ptr, ptr %table0
;; CHECK-NEXT:  [[I:%.*]] = zext i32 %{{.*}} to i64
;; CHECK-NEXT:  %table.elem = getelementptr inbounds ptr, ptr %table.elements, i64 [[I]]
;; CHECK-NEXT:  load ptr, ptr %table.elem, align 8, !tbaa
;; CHECK:       call void @wasmaot_trap(ptr %vmctx, i32 5,
;; CHECK-LABEL: define {{.*}} i32 @size(
;; CHECK:       load i32, ptr
