;; Every function compares the address of a local with vmctx->StackLimit in
;; its prologue and traps with "call stack exhausted" (9) below it. The trap
;; helper is noreturn and cold, the functions nounwind.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O0 %t.wasm -o - | FileCheck %s

(module
  (func (export "f")))

;; CHECK:       declare void @wasmaot_trap(ptr, i32, i32, i32) [[TRAPATTRS:#[0-9]+]]
;; CHECK:       define internal void @f(ptr %vmctx) [[FATTRS:#[0-9]+]]
;; CHECK:       entry:
;; CHECK-NEXT:  %stack.marker = alloca i8
;; CHECK-NEXT:  %stack.limit.addr = getelementptr inbounds i8, ptr %vmctx, i64 16
;; CHECK-NEXT:  %stack.limit = load ptr, ptr %stack.limit.addr{{.*}}!invariant.load
;; CHECK-NEXT:  %stack.exhausted = icmp ult ptr %stack.marker, %stack.limit
;; CHECK-NEXT:  br i1 %stack.exhausted, label %stack.trap, label %cont, !prof
;; CHECK:       stack.trap:
;; CHECK:       call void @wasmaot_trap(ptr %vmctx, i32 9, i32 0,
;; CHECK:       attributes [[TRAPATTRS]] = { cold noreturn nounwind }
;; CHECK:       attributes [[FATTRS]] = { nounwind }
