;; Atomic accesses are seq_cst LLVM atomics of their exact size, after a check
;; of the address's alignment (trap kind 14, unaligned atomic) that comes
;; before the bounds check. Wait and notify call the runtime on a shared
;; memory.
;; RUN: wat2wasm --enable-threads %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O0 %t.wasm -o - | FileCheck %s
;; RUN: %wasmaot compile --emit=llvm -O0 --bounds-checks=explicit %t.wasm -o - | FileCheck %s --check-prefix=EXPLICIT

(module
  (memory 1 1 shared)
  (func (export "add") (param i32 i32) (result i32)
    (i32.atomic.rmw.add (local.get 0) (local.get 1)))
  (func (export "cas8") (param i32 i64 i64) (result i64)
    (i64.atomic.rmw8.cmpxchg_u (local.get 0) (local.get 1) (local.get 2)))
  (func (export "wait") (param i32 i32 i64) (result i32)
    (memory.atomic.wait32 (local.get 0) (local.get 1) (local.get 2))))

;; CHECK-LABEL: define {{.*}} @add(
;; CHECK:         %misaligned = and i64 %{{.*}}, 3
;; CHECK:         br i1 %{{.*}}, label %trap
;; CHECK:         atomicrmw add ptr %ea.ptr, i32 %{{.*}} seq_cst, align 4
;; CHECK:         call void @wasmaot_trap(ptr %vmctx, i32 14,

;; A byte needs no alignment check; the expected value is cut to 8 bits.
;; CHECK-LABEL: define {{.*}} @cas8(
;; CHECK-NOT:     misaligned
;; CHECK-DAG:     %expected = trunc i64 %{{.*}} to i8
;; CHECK-DAG:     %replacement = trunc i64 %{{.*}} to i8
;; CHECK:         cmpxchg ptr %ea.ptr, i8 %expected, i8 %replacement seq_cst seq_cst, align 1
;; CHECK:         zext i8 %{{.*}} to i64

;; CHECK-LABEL: define {{.*}} @wait(
;; CHECK:         call i32 @wasmaot_atomic_wait32(ptr %vmctx, ptr %ea.ptr, i32 %{{.*}}, i64 %{{.*}})

;; EXPLICIT-LABEL: define {{.*}} @add(
;; EXPLICIT:         %misaligned = and i64
;; EXPLICIT:         %oob = icmp ugt i64
;; EXPLICIT:         atomicrmw add
