;; A module that makes tail calls uses `tailcc` for its functions and the
;; calls between them, so that a return_call is a musttail jump whatever the
;; two signatures. The runtime and other modules call each function through a
;; C-convention entry (`NAME.c`, the descriptor's Code), and tail calls
;; through a FuncRef jump to its tailcc body (TailCode) when it has one, else
;; call the C-convention Code and return. A module without tail calls keeps
;; the C convention everywhere and no entries (NOTAIL).
;; RUN: wat2wasm --enable-tail-call --debug-names %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O0 %t.wasm -o - | FileCheck %s
;; RUN: wat2wasm --debug-names %S/Inputs/no-tail-calls.wat -o %t.plain.wasm
;; RUN: %wasmaot compile --emit=llvm -O0 %t.plain.wasm -o - | FileCheck %s --check-prefix=NOTAIL

(module
  (type $two (func (param i64 i64) (result i64)))
  (import "env" "host" (func $host (param i64 i64) (result i64)))
  (table 1 funcref)
  (elem (i32.const 0) $two)
  (func $one (export "one") (param i64) (result i64)
    (return_call $two (local.get 0) (i64.const 1)))
  (func $two (type $two) (param i64 i64) (result i64)
    (return_call_indirect (type $two) (local.get 0) (local.get 1) (i32.const 0)))
  (func $three (param i64 i64) (result i64)
    (return_call $host (local.get 0) (local.get 1)))
  (func $plain (param i64) (result i64)
    (call $one (local.get 0))))

;; CHECK-DAG:   @wasmaot.functions = private constant [4 x { ptr, i64, i64, ptr, ptr }] [{ ptr, i64, i64, ptr, ptr } { ptr @one.c, i64 {{[0-9]+}}, i64 {{[0-9]+}}, ptr {{.*}}, ptr @one }, { ptr, i64, i64, ptr, ptr } { ptr @two.c,

;; A direct return_call of another signature: musttail, tailcc.
;; CHECK-LABEL: define internal tailcc i64 @one(ptr %vmctx, i64 %p0)
;; CHECK:       [[R:%.*]] = musttail call tailcc i64 @two(ptr %vmctx,
;; CHECK-NEXT:  ret i64 [[R]]

;; return_call_indirect: after the checks, the FuncRef's TailCode if set.
;; CHECK-LABEL: define internal tailcc i64 @two(
;; CHECK:       %callee.tail = load ptr, ptr {{%.*}}, align 8, {{.*}}!invariant.load
;; CHECK:       br i1 {{%.*}}, label %tailcall.jump, label %tailcall.c
;; CHECK:       tailcall.jump:
;; CHECK-NEXT:  [[J:%.*]] = musttail call tailcc i64 %callee.tail(ptr %callee.ctx,
;; CHECK-NEXT:  ret i64 [[J]]
;; CHECK:       tailcall.c:
;; CHECK:       [[C:%.*]] = notail call i64 %callee(ptr %callee.ctx,
;; CHECK-NEXT:  ret i64 [[C]]

;; A return_call of a host import: the same two ways.
;; CHECK-LABEL: define internal tailcc i64 @three(
;; CHECK:       musttail call tailcc i64 %callee.tail(
;; CHECK:       notail call i64 %callee(

;; An ordinary call in such a module is a tailcc call, not a tail call.
;; CHECK-LABEL: define internal tailcc i64 @plain(
;; CHECK:       call tailcc i64 @one(ptr %vmctx,

;; The C-convention entries.
;; CHECK-LABEL: define internal i64 @one.c(ptr %0, i64 %1)
;; CHECK-NEXT:  entry:
;; CHECK-NEXT:  [[E:%.*]] = call tailcc i64 @one(ptr %0, i64 %1) [[NOINLINE:#[0-9]+]]
;; CHECK-NEXT:  ret i64 [[E]]
;; CHECK:       attributes [[NOINLINE]] = { noinline }

;; NOTAIL-NOT:  tailcc
;; NOTAIL:      @wasmaot.functions = private constant [1 x { ptr, i64, i64, ptr, ptr }] [{ ptr, i64, i64, ptr, ptr } { ptr @f, i64 0, i64 {{[0-9]+}}, ptr {{.*}}, ptr null }]
;; NOTAIL-NOT:  tailcc
