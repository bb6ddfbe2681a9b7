;; The memory base is loaded once per function (invariant: the reservation
;; never moves) and linear-memory accesses have a TBAA type of their own, so
;; that stores to memory in a loop neither reload the base nor a global.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O2 %t.wasm -o - | FileCheck %s

(module
  (memory 1)
  (global $scale (mut i32) (i32.const 3))
  ;; p[i] = p[i] * scale for n elements
  (func (export "scale") (param $p i32) (param $n i32)
    (loop $l
      (i32.store (local.get $p)
        (i32.mul (i32.load (local.get $p)) (global.get $scale)))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l (local.get $n)))))

;; CHECK-LABEL: define {{.*}} @scale(
;; CHECK:       %membase = load ptr, ptr %vmctx{{.*}}!invariant.load
;; The global is read once, before the loop.
;; CHECK:       load i32, ptr %{{.*}}, align {{[0-9]+}}, !tbaa [[VMCTX:![0-9]+]]
;; CHECK:       loop{{.*}}:
;; CHECK-NOT:   load ptr, ptr %vmctx
;; CHECK-NOT:   !tbaa [[VMCTX]]
;; CHECK:       store i32 {{.*}}, !tbaa [[MEM:![0-9]+]]
;; CHECK:       ret void
;; CHECK-DAG:   [[VMCTX]] = !{[[VMCTXT:![0-9]+]], [[VMCTXT]], i64 0}
;; CHECK-DAG:   [[VMCTXT]] = !{!"vmctx",
;; CHECK-DAG:   [[MEM]] = !{[[MEMT:![0-9]+]], [[MEMT]], i64 0}
;; CHECK-DAG:   [[MEMT]] = !{!"wasm-memory",
