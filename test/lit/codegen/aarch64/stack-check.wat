;; AArch64: the call-stack check compares the stack pointer at entry
;; (llvm.sponentry: SP plus the frame size, no frame pointer) with the vmctx's
;; StackLimit before the calls. llvm.addressofreturnaddress, used on x86-64,
;; would make every calling function set up x29 on AArch64.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --target aarch64-linux-gnu --emit=asm -O2 %t.wasm -o - \
;; RUN:   | FileCheck %s

(module
  (func $fib (export "fib") (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
                     (call $fib (i32.sub (local.get $n) (i32.const 2))))))))

;; CHECK-LABEL: fib:
;; CHECK-NOT:   x29
;; CHECK:       ldr [[LIMIT:x[0-9]+]], [x0, #16]
;; CHECK-NEXT:  add [[SP:x[0-9]+]], sp, #{{[0-9]+}}
;; CHECK-NEXT:  cmp [[SP]], [[LIMIT]]
;; CHECK-NEXT:  b.lo [[TRAP:.LBB[0-9_]+]]
;; CHECK:       bl fib
;; CHECK-NOT:   x29
;; CHECK:       [[TRAP]]:
;; CHECK:       mov w1, #9
;; CHECK:       bl wasmaot_trap
