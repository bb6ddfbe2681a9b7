;; call_indirect checks, in the spec's order: the index against the table size
;; ("undefined element", 6), a null entry ("uninitialized element", 7), and
;; the callee's canonical type id against vmctx->TypeIds ("indirect call type
;; mismatch", 8); then calls Code(Ctx, args...).
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O0 %t.wasm -o - | FileCheck %s

(module
  (type $ii (func (param i32) (result i32)))
  (table 2 funcref)
  (func (export "call") (param i32 i32) (result i32)
    (call_indirect (type $ii) (local.get 0) (local.get 1))))

;; CHECK-LABEL: define {{.*}} @call(
;; CHECK:       %tables = load ptr, ptr %tables.addr{{.*}}!invariant.load
;; CHECK:       %table0 = load ptr, ptr %tables{{.*}}!invariant.load
;; CHECK:       %typeids = load ptr
;; CHECK:       %typeid0 = load i32, ptr %typeids{{.*}}!invariant.load
;; CHECK:       %table.size = load i32
;; CHECK-NEXT:  [[OOB:%.*]] = icmp uge i32 [[IDX:%.*]], %table.size
;; CHECK-NEXT:  br i1 [[OOB]], label %undefined.element.trap
;; CHECK:       %table.elements = load ptr, ptr %table0
;; CHECK:       %elem = load ptr
;; CHECK-NEXT:  [[NULL:%.*]] = icmp eq ptr %elem, null
;; CHECK-NEXT:  br i1 [[NULL]], label %uninitialized.element.trap
;; CHECK:       %elem.typeid = load i32
;; CHECK-NEXT:  [[BAD:%.*]] = icmp ne i32 %elem.typeid, %typeid0
;; CHECK-NEXT:  br i1 [[BAD]], label %signature.trap
;; CHECK:       %callee = load ptr, ptr %elem
;; CHECK:       %callee.ctx = load ptr
;; CHECK-NEXT:  call i32 %callee(ptr %callee.ctx, i32
;; CHECK-DAG:   call void @wasmaot_trap(ptr %vmctx, i32 6,
;; CHECK-DAG:   call void @wasmaot_trap(ptr %vmctx, i32 7,
;; CHECK-DAG:   call void @wasmaot_trap(ptr %vmctx, i32 8,
