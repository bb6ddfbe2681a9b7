;; A call to a defined function is direct; a call to an import goes through
;; vmctx->FuncRefs[i]: Code(Ctx, args...), with Ctx the provider's vmctx.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O0 %t.wasm -o - | FileCheck %s

(module
  (import "env" "host" (func $host (param i64) (result f64)))
  (func $local (param i64) (result f64) (call $host (local.get 0)))
  (func (export "run") (param i64) (result f64) (call $local (local.get 0))))

;; CHECK-LABEL: define internal double @func1(ptr %vmctx, i64 %p0)
;; CHECK:       %funcrefs = load ptr, ptr %funcrefs.addr{{.*}}!invariant.load
;; CHECK:       %funcref0 = load ptr, ptr %funcrefs{{.*}}!invariant.load
;; CHECK:       %callee = load ptr, ptr %funcref0{{.*}}!invariant.load
;; CHECK:       %callee.ctx = load ptr
;; CHECK-NEXT:  call double %callee(ptr %callee.ctx, i64

;; CHECK-LABEL: define internal double @run(
;; CHECK:       call double @func1(ptr %vmctx, i64
