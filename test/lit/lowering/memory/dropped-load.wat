;; In guard mode the fault is the bounds check, so a load whose value is
;; dropped must survive optimisation: it is volatile. Explicit mode keeps its
;; compare instead, and the load itself may go.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O2 %t.wasm -o - | FileCheck %s --check-prefix=GUARD
;; RUN: %wasmaot compile --emit=llvm -O2 --bounds-checks=explicit %t.wasm -o - | FileCheck %s --check-prefix=EXPLICIT

(module
  (memory 1)
  (func (export "probe") (param i32)
    (drop (i32.load8_s (local.get 0)))))

;; GUARD-LABEL: define {{.*}} @probe(
;; GUARD:       load volatile i8

;; EXPLICIT-LABEL: define {{.*}} @probe(
;; EXPLICIT:       icmp ugt i64
;; EXPLICIT:       br i1 %{{.*}}, label %oob.trap
