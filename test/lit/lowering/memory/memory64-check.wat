;; A 64-bit memory is checked even in guard mode, with one compare of the
;; address against size + 1 - (offset + size of the access), saturated at 0
;; (which depends only on the memory's size, so it leaves loops).
;; RUN: wat2wasm --enable-memory64 %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O0 %t.wasm -o - | FileCheck %s

(module
  (memory i64 1)
  (func (export "load") (param i64) (result i32)
    (i32.load offset=8 (local.get 0))))

;; CHECK-LABEL: define {{.*}} @load(
;; CHECK:         %mem.size = load i64
;; CHECK:         [[PLUS1:%.*]] = add nuw i64 %mem.size, 1
;; CHECK:         %mem.limit = call i64 @llvm.usub.sat.i64(i64 [[PLUS1]], i64 12)
;; CHECK:         %oob = icmp uge i64 %{{.*}}, %mem.limit
;; CHECK:         br i1 %oob, label %oob.trap
;; CHECK:         %ea = add nuw i64 %{{.*}}, 8
;; CHECK-NOT:     zext
;; CHECK:         load i32, ptr %ea.ptr, align 1
