;; An address is `getelementptr inbounds i8, base, zext(addr) + offset`: the
;; memarg offset is added in 64 bits (nuw: it cannot wrap there), while a Wasm
;; i32.add stays a wrapping add (never nuw: a wrapped address is valid Wasm,
;; and the guard region would turn it into a trap).
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O0 %t.wasm -o - | FileCheck %s

(module
  (memory 1)
  (func (export "get") (param $p i32) (result i32)
    (i32.load offset=16 (i32.add (local.get $p) (i32.const 8)))))

;; CHECK-LABEL: define {{.*}} @get(
;; CHECK:       [[SUM:%.*]] = add i32 {{%.*}}, 8
;; CHECK:       [[ADDR:%.*]] = zext i32 [[SUM]] to i64
;; CHECK:       [[EA:%.*]] = add nuw i64 [[ADDR]], 16
;; CHECK:       [[PTR:%.*]] = getelementptr inbounds i8, ptr %membase, i64 [[EA]]
;; CHECK:       load i32, ptr [[PTR]], align 1
;; CHECK-NOT:   add nuw i32
