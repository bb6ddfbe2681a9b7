;; v128.load uses the scalar address computation: gep inbounds from the
;; memory base by zext(addr) + offset. Guard mode has no compare; explicit
;; mode compares the end of the 16-byte access with the current size.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O0 --bounds-checks=guard %t.wasm -o - | FileCheck %s --check-prefix=GUARD
;; RUN: %wasmaot compile --emit=llvm -O0 --bounds-checks=explicit %t.wasm -o - | FileCheck %s --check-prefix=EXPLICIT

(module
  (memory 1)
  (func (export "get") (param i32) (result v128)
    (v128.load offset=32 (local.get 0))))

;; GUARD-LABEL: define {{.*}} @get(
;; GUARD:       [[ADDR:%.*]] = zext i32 %{{.*}} to i64
;; GUARD-NEXT:  [[EA:%.*]] = add nuw i64 [[ADDR]], 32
;; GUARD-NEXT:  [[PTR:%.*]] = getelementptr inbounds i8, ptr %membase, i64 [[EA]]
;; GUARD-NEXT:  [[V:%.*]] = load <2 x i64>, ptr [[PTR]], align 1, !tbaa
;; GUARD-NOT:   icmp
;; GUARD:       ret <2 x i64> [[V]]

;; EXPLICIT-LABEL: define {{.*}} @get(
;; EXPLICIT:       [[EA:%.*]] = add nuw i64 %addr, 32
;; EXPLICIT-NEXT:  [[END:%.*]] = add nuw i64 [[EA]], 16
;; EXPLICIT:       [[OOB:%.*]] = icmp ugt i64 [[END]], %mem.size
;; EXPLICIT-NEXT:  br i1 [[OOB]], label %oob.trap, label %cont
;; EXPLICIT:       getelementptr inbounds i8, ptr %membase, i64 [[EA]]
;; EXPLICIT-NEXT:  load <2 x i64>, ptr %{{.*}}, align 1, !tbaa
