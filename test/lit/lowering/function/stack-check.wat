;; The stack check ("call stack exhausted", trap kind 9) comes before the
;; calls, not in the prologue: it compares the entry stack pointer (the
;; address of the return address) with vmctx->StackLimit in the nearest block
;; that dominates every call, moved out of loops. A function without calls has
;; none. The check's trap call is not noreturn and is followed by a return
;; (so the code generator can still shrink-wrap); every other trap call is
;; noreturn. The helper is cold; the functions are nounwind and probe frames
;; larger than a page (the check does not cover the own frame).
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O0 %t.wasm -o - | FileCheck %s

(module
  (memory 1)
  (func $leaf (export "leaf") (param i32) (result i32)
    (i32.div_u (i32.const 100) (local.get 0)))
  (func (export "calls") (param i32) (result i32)
    (call $leaf (local.get 0)))
  (func (export "branch") (param i32) (result i32)
    (if (result i32) (i32.lt_s (local.get 0) (i32.const 2))
      (then (local.get 0))
      (else (call $leaf (local.get 0)))))
  (func (export "loop") (param i32)
    (loop $l
      (drop (call $leaf (local.get 0)))
      (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1))))))
  (func (export "grow") (param i32) (result i32)
    (memory.grow (local.get 0)))
  (func (export "trap")
    (unreachable)))

;; CHECK:       declare void @wasmaot_trap(ptr, i32, i32, i32) [[TRAPATTRS:#[0-9]+]]

;; CHECK-LABEL: @leaf(
;; CHECK-SAME:  ptr %vmctx, i32 %p0) [[FATTRS:#[0-9]+]]
;; CHECK-NOT:   stack.limit
;; CHECK:       call void @wasmaot_trap(ptr %vmctx, i32 1, i32 0, {{.*}}) [[NORETURN:#[0-9]+]]
;; CHECK-NOT:   stack.limit
;; CHECK:       }

;; CHECK-LABEL: define internal i32 @calls(ptr %vmctx, i32 %p0)
;; CHECK:       entry:
;; CHECK-NEXT:  %local0 = alloca i32
;; CHECK-NEXT:  store i32 %p0, ptr %local0
;; CHECK-NEXT:  br label %cont
;; CHECK:       cont:
;; CHECK-NEXT:  %stack.pointer = call ptr @llvm.addressofreturnaddress.p0()
;; CHECK-NEXT:  %stack.limit.addr = getelementptr inbounds i8, ptr %vmctx, i64 16
;; CHECK-NEXT:  %stack.limit = load ptr, ptr %stack.limit.addr{{.*}}!invariant.load
;; CHECK-NEXT:  %stack.exhausted = icmp ult ptr %stack.pointer, %stack.limit
;; CHECK-NEXT:  br i1 %stack.exhausted, label %stack.trap, label %stack.ok, !prof
;; CHECK:       stack.ok:
;; CHECK:       call i32 @leaf(
;; CHECK:       stack.trap:
;; CHECK-NEXT:  call void @wasmaot_trap(ptr %vmctx, i32 9, i32 1, i32 {{[0-9]+}}){{$}}
;; CHECK-NEXT:  ret i32 poison
;; CHECK-NEXT:  }

;; Only the path that calls is checked.
;; CHECK-LABEL: define internal i32 @branch(
;; CHECK:       cont:
;; CHECK-NOT:   stack.limit
;; CHECK:       br i1 %{{.*}}, label %if.then, label %if.else
;; CHECK:       if.else:
;; CHECK-NEXT:  %stack.pointer = call ptr @llvm.addressofreturnaddress.p0()
;; CHECK:       br i1 %stack.exhausted, label %stack.trap, label %stack.ok
;; CHECK:       stack.ok:
;; CHECK:       call i32 @leaf(

;; A call in a loop is checked once, before the loop.
;; CHECK-LABEL: define internal void @loop(
;; CHECK:       cont:
;; CHECK-NEXT:  %stack.pointer = call ptr @llvm.addressofreturnaddress.p0()
;; CHECK:       br i1 %stack.exhausted, label %stack.trap, label %stack.ok
;; CHECK:       stack.ok:
;; CHECK-NEXT:  br label %loop
;; CHECK:       loop:
;; CHECK-NOT:   stack.limit
;; CHECK:       call i32 @leaf(
;; CHECK:       stack.trap:
;; CHECK-NEXT:  call void @wasmaot_trap(ptr %vmctx, i32 9, i32 3,
;; CHECK-NEXT:  ret void

;; Runtime helpers are host code: checked like calls.
;; CHECK-LABEL: define internal i32 @grow(
;; CHECK:       %stack.exhausted = icmp ult ptr %stack.pointer, %stack.limit
;; CHECK: call i64 @wasmaot_memory_grow(

;; The trap itself is no call that needs a check.
;; CHECK-LABEL: define internal void @trap(
;; CHECK-NOT:   stack.limit
;; CHECK:       call void @wasmaot_trap(ptr %vmctx, i32 0, i32 5, {{.*}}) [[NORETURN]]
;; CHECK-NEXT:  unreachable
;; CHECK-NEXT:  }

;; CHECK-DAG:   attributes [[TRAPATTRS]] = { cold nounwind }
;; CHECK-DAG:   attributes [[FATTRS]] = { nounwind "disable-tail-calls"="true" "probe-stack"="inline-asm" }
;; CHECK-DAG:   attributes [[NORETURN]] = { noreturn }
