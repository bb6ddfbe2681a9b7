;; A load is gep inbounds from the memory base by zext(addr) + offset, the
;; offset added in 64 bits with nuw. Guard mode has no compare; explicit mode
;; compares the end of the access with the current size and branches to a trap.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O0 --bounds-checks=guard %t.wasm -o - | FileCheck %s --check-prefix=GUARD
;; RUN: %wasmaot compile --emit=llvm -O0 --bounds-checks=explicit %t.wasm -o - | FileCheck %s --check-prefix=EXPLICIT

(module
  (memory 1)
  (func (export "get") (param i32) (result i32)
    (i32.load offset=4 (local.get 0))))

;; GUARD-LABEL: define {{.*}} @get(
;; GUARD:       [[ADDR:%.*]] = zext i32 %{{.*}} to i64
;; GUARD-NEXT:  [[EA:%.*]] = add nuw i64 [[ADDR]], 4
;; GUARD-NEXT:  [[PTR:%.*]] = getelementptr inbounds i8, ptr %membase, i64 [[EA]]
;; GUARD-NEXT:  load i32, ptr [[PTR]], align 1, !tbaa
;; GUARD-NOT:   icmp
;; GUARD:       ret i32

;; EXPLICIT-LABEL: define {{.*}} @get(
;; EXPLICIT:       [[EA:%.*]] = add nuw i64 %addr, 4
;; EXPLICIT-NEXT:  [[END:%.*]] = add nuw i64 [[EA]], 4
;; EXPLICIT-NEXT:  [[SIZEADDR:%.*]] = getelementptr inbounds i8, ptr %meminst, i64 8
;; EXPLICIT-NEXT:  [[SIZE:%.*]] = load i64, ptr [[SIZEADDR]]
;; EXPLICIT-NEXT:  [[OOB:%.*]] = icmp ugt i64 [[END]], [[SIZE]]
;; EXPLICIT-NEXT:  br i1 [[OOB]], label %oob.trap, label %cont
;; EXPLICIT:       getelementptr inbounds i8, ptr %membase, i64 [[EA]]
;; EXPLICIT:       oob.trap:
;; EXPLICIT-NEXT:  %trap.offset = phi i32 [ {{[0-9]+}}, %{{.*}} ]
;; EXPLICIT-NEXT:  call void @wasmaot_trap(ptr %vmctx, i32 4, i32 0, i32 %trap.offset)
;; EXPLICIT-NEXT:  unreachable
