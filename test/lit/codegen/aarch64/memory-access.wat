;; AArch64, guard mode: a linear-memory access is the memory base plus the
;; zero-extended address in one addressing mode, with no compare: the
;; reservation's guard region catches what is out of bounds. Explicit mode
;; compares the end of the access with the memory's size and branches to the
;; trap.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --target aarch64-linux-gnu --emit=asm -O2 %t.wasm -o - \
;; RUN:   | FileCheck %s --check-prefix=GUARD
;; RUN: %wasmaot compile --target aarch64-linux-gnu --bounds-checks=explicit \
;; RUN:   --emit=asm -O2 %t.wasm -o - | FileCheck %s --check-prefix=EXPLICIT

(module
  (memory 1)
  (func (export "load32") (param $p i32) (result i32)
    (i32.load offset=16 (local.get $p)))
  (func (export "store64") (param $p i32) (param $v i64)
    (i64.store (local.get $p) (local.get $v))))

;; GUARD-LABEL: load32:
;; GUARD-NOT:   cmp
;; GUARD-NOT:   b.
;; GUARD:       ldr x[[BASE:[0-9]+]], [x0]
;; GUARD-NEXT:  add x[[ADDR:[0-9]+]], x[[BASE]], w1, uxtw
;; GUARD-NEXT:  ldr w0, [x[[ADDR]], #16]
;; GUARD-NEXT:  ret
;; GUARD-LABEL: store64:
;; GUARD-NOT:   cmp
;; GUARD:       ldr x[[BASE:[0-9]+]], [x0]
;; GUARD-NEXT:  str x2, [x[[BASE]], w1, uxtw]
;; GUARD-NEXT:  ret

;; EXPLICIT-LABEL: load32:
;; EXPLICIT:       cmp
;; EXPLICIT-NEXT:  b.hi [[TRAP:.LBB[0-9_]+]]
;; EXPLICIT:       ldr w0,
;; EXPLICIT:       ret
;; EXPLICIT:       [[TRAP]]:
;; EXPLICIT:       bl wasmaot_trap
