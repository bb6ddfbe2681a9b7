;; Linear memory and the vmctx (globals included) have sibling TBAA types under
;; one root, so a store to memory does not force a global to be reloaded.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O0 %t.wasm -o - | FileCheck %s

(module
  (memory 1)
  (global $g (mut i32) (i32.const 0))
  (func (export "f") (param i32)
    (i32.store (local.get 0) (global.get $g))))

;; CHECK-LABEL: define {{.*}} @f(
;; CHECK:       load i32, ptr %global0.cell, align 4, !tbaa [[VMCTX:![0-9]+]]
;; CHECK:       store i32 %{{.*}}, ptr %ea.ptr, align 1, !tbaa [[MEM:![0-9]+]]
;; CHECK-DAG:   [[VMCTX]] = !{[[VMCTXTY:![0-9]+]], [[VMCTXTY]], i64 0}
;; CHECK-DAG:   [[VMCTXTY]] = !{!"vmctx", [[ROOT:![0-9]+]], i64 0}
;; CHECK-DAG:   [[ROOT]] = !{!"wasmaot"}
;; CHECK-DAG:   [[MEM]] = !{[[MEMTY:![0-9]+]], [[MEMTY]], i64 0}
;; CHECK-DAG:   [[MEMTY]] = !{!"wasm-memory", [[ROOT]], i64 0}
