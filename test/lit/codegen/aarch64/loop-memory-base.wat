;; AArch64: the memory base is loaded from the vmctx once, before the loop,
;; and stays in a register across it; the loop body has no compare beyond its
;; own exit test (guard mode).
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --target aarch64-linux-gnu --emit=asm -O2 %t.wasm -o - \
;; RUN:   | FileCheck %s

(module
  (memory 1)
  ;; follows a chain of indices in memory, summing the word after each: every
  ;; step depends on the last load, so the loop is neither vectorised nor
  ;; unrolled and keeps its shape.
  (func (export "chase") (param $p i32) (param $n i32) (result i32)
    (local $sum i32)
    (loop $l
      (local.set $sum
        (i32.add (local.get $sum) (i32.load offset=4 (local.get $p))))
      (local.set $p (i32.load (local.get $p)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l (local.get $n)))
    (local.get $sum)))

;; CHECK-LABEL: chase:
;; CHECK:       ldr x[[BASE:[0-9]+]], [x{{[0-9]+}}]
;; CHECK:       [[LOOP:.LBB[0-9_]+]]:
;; CHECK-NOT:   ldr x{{[0-9]+}}, [x0]
;; CHECK-NOT:   cmp
;; CHECK:       add x[[ADDR:[0-9]+]], x[[BASE]], x{{[0-9]+}}
;; CHECK-NOT:   cmp
;; CHECK:       ldp w{{[0-9]+}}, w{{[0-9]+}}, [x[[ADDR]]]
;; CHECK-NOT:   cmp
;; CHECK:       b.ne [[LOOP]]
