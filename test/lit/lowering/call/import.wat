;; A call to a defined function is direct; a call to an import goes through
;; vmctx->FuncRefs[i]: Code(Ctx, args...), with Ctx the provider's vmctx.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O0 %t.wasm -o - | FileCheck %s

(module
  (import "env" "host" (func $host (param i64) (result f64)))
  (func $local (param i64) (result f64) (call $host (local.get 0)))
  (func (export "run") (param i64) (result f64) (call $local (local.get 0))))

;; CHECK-LABEL: define internal tailcc double @func1(ptr %vmctx, i64 %p0)
;; CHECK:       %funcrefs = load ptr, ptr %funcrefs.addr{{.*}}!invariant.load
;; CHECK:       %funcref0 = load ptr, ptr %funcrefs{{.*}}!invariant.load
;; CHECK:       %callee = load ptr, ptr %funcref0{{.*}}!invariant.load
;; CHECK:       %callee.ctx = load ptr
;; CHECK-NEXT:  call tailcc double %callee(ptr %callee.ctx, i64

;; CHECK-LABEL: define internal tailcc double @run(
;; CHECK:       call tailcc double @func1(ptr %vmctx, i64

;; The import's adapter: what FuncRefs[0].Code is when a host provides the
;; import. tailcc outside; inside, a C-convention call of
;; vmctx->HostFuncs[0] (offset 96) = {Code, Ctx}, never a sibling call.
;; CHECK:       define internal tailcc double @wasmaot_import_adapter_0(ptr %0, i64 %1) [[ADAPTER:#[0-9]+]]
;; CHECK:       getelementptr inbounds i8, ptr %0, i64 96
;; CHECK:       %host.code = load ptr
;; CHECK:       %host.ctx = load ptr
;; CHECK-NEXT:  = call double %host.code(ptr %host.ctx, i64 %1)
;; CHECK:       attributes [[ADAPTER]] = { {{.*}}"disable-tail-calls"="true"
