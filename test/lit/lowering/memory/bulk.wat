;; memory.fill calls the runtime helper; a non-zero status is TrapKind + 1 and
;; the trap is raised here, with this function and offset.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O0 %t.wasm -o - | FileCheck %s

(module
  (memory 1)
  (func (export "fill") (param i32 i32 i32)
    (memory.fill (local.get 0) (local.get 1) (local.get 2)))
  (func (export "grow") (param i32) (result i32)
    (memory.grow (local.get 0))))

;; CHECK-LABEL: define {{.*}} @fill(
;; CHECK:       [[STATUS:%.*]] = call i32 @wasmaot_memory_fill(ptr %vmctx, i32 0,
;; CHECK-NEXT:  [[FAILED:%.*]] = icmp ne i32 [[STATUS]], 0
;; CHECK-NEXT:  br i1 [[FAILED]], label %helper.trap, label %cont
;; CHECK:       helper.trap:
;; CHECK-NEXT:  %trap.status = phi i32 [ [[STATUS]], %{{.*}} ]
;; CHECK-NEXT:  [[OFFSET:%trap.offset[0-9]*]] = phi i32
;; CHECK-NEXT:  [[KIND:%.*]] = sub i32 %trap.status, 1
;; CHECK-NEXT:  call void @wasmaot_trap(ptr %vmctx, i32 [[KIND]], i32 0, i32 [[OFFSET]])

;; CHECK-LABEL: define {{.*}} @grow(
;; CHECK:       call i64 @wasmaot_memory_grow(ptr %vmctx, i32 0, i64
