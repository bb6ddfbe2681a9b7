;; Call-heavy code: the stack check must cost nothing on paths without calls
;; and little on the others.
;; - fib's base case (n < 2) runs no check and, since the check's trap block
;;   returns instead of ending in unreachable, the code generator shrink-wraps:
;;   the base case returns before any register is saved.
;; - A callee inlined into a loop brings no check of its own: it compares the
;;   same entry stack pointer as the caller's check, which dominates it.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O2 %t.wasm -o - | FileCheck %s
;; RUN: %wasmaot compile --emit=asm -O2 %t.wasm -o - | FileCheck %s --check-prefix=ASM

(module
  (import "env" "host" (func $host (param i32)))
  ;; fib as clang -O2 emits it for wasm32 (bench/programs/recursion.c): the
  ;; second call became a loop.
  (func $fib (export "fib") (param i32) (result i32) (local i32 i32)
    (if (i32.lt_s (local.get 0) (i32.const 2))
      (then (return (local.get 0))))
    (loop $l
      (local.set 1 (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                            (local.get 1)))
      (local.set 2 (i32.gt_u (local.get 0) (i32.const 3)))
      (local.set 0 (i32.sub (local.get 0) (i32.const 2)))
      (br_if $l (local.get 2)))
    (i32.add (local.get 0) (local.get 1)))
  (func $maybe (param i32) (result i32)
    (if (i32.eqz (local.get 0)) (then (call $host (i32.const 1))))
    (i32.add (local.get 0) (i32.const 3)))
  (func (export "caller") (param i32) (result i32) (local i32)
    (call $host (i32.const 0))
    (loop $l
      (local.set 1 (i32.add (local.get 1) (call $maybe (local.get 0))))
      (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
    (local.get 1)))

;; CHECK-LABEL: define internal i32 @fib(
;; CHECK-NEXT:  entry:
;; CHECK-NOT:   stack.limit
;; CHECK:       br i1 %{{.*}}, label %{{.*}}, label %[[CALLS:[a-z.0-9]+]]
;; CHECK:       [[CALLS]]:
;; CHECK-NEXT:  %stack.pointer = {{.*}}call ptr @llvm.addressofreturnaddress.p0()
;; CHECK:       stack.trap:
;; CHECK-NEXT:  call void @wasmaot_trap(ptr {{.*}}%vmctx, i32 9,
;; CHECK-NEXT:  br label %common.ret

;; CHECK-LABEL: define internal i32 @caller(
;; CHECK:       %stack.exhausted = icmp ult ptr %stack.pointer, %stack.limit
;; CHECK-NOT:   stack.limit
;; CHECK:       {{^}}loop:
;; CHECK-NOT:   stack.limit
;; CHECK:       ret i32

;; ASM-LABEL: fib:
;; ASM-NOT:   push
;; ASM:       cmpl ${{[0-9]+}}, %esi
;; ASM-NEXT:  j{{l|le}} [[BASE:.LBB[0-9_]+]]
;; ASM-NEXT:  push
;; ASM:       [[BASE]]:
;; ASM-NEXT:  retq
