;; A loop's parameters are phis in its header, fed by the entry and by every
;; branch back; falling off its end feeds the results after it.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O0 %t.wasm -o - | FileCheck %s

(module
  (type $t (func (param i32) (result i32)))
  (func (export "count") (param i32) (result i32)
    local.get 0
    loop (type $t)
      i32.const 1
      i32.sub
      local.tee 0
      local.get 0
      i32.const 0
      i32.gt_s
      br_if 0
    end))

;; CHECK-LABEL: define {{.*}} @count(
;; CHECK:       loop:
;; CHECK-NEXT:  [[P:%.*]] = phi i32 [ %{{.*}}, %cont ], [ %{{.*}}, %loop ]
;; CHECK:       br i1 %br_if.cond, label %loop, label %br_if.cont
;; CHECK:       loop.end:
;; CHECK-NEXT:  ret i32
