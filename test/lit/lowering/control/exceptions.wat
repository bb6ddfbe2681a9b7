;; Exceptions: a call inside a try body is an invoke to the try's landing
;; pad; a call outside any try stays a call; a throw with a try around it in
;; the same function branches to that try's dispatch (no unwinding), one
;; without raises through the runtime. The dispatch tests the tag against
;; vmctx->Tags. Functions of a module with tags may unwind (no nounwind), and
;; its trampolines turn an uncaught exception into a trap.
;; RUN: wat2wasm --enable-exceptions --debug-names %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O0 %t.wasm -o - | FileCheck %s
;; A module without tags or foreign imports keeps nounwind and plain
;; trampolines.
;; RUN: wat2wasm %S/../../tool/Inputs/spin.wat -o %t2.wasm
;; RUN: %wasmaot compile --emit=llvm -O0 %t2.wasm -o - | FileCheck %s --check-prefix=PLAIN

(module
  (tag $e (param i32))
  (func $may_throw (param i32)
    (if (local.get 0) (then (throw $e (local.get 0)))))
  (func (export "outside") (call $may_throw (i32.const 1)))
  (func (export "inside") (result i32)
    (try (result i32)
      (do (call $may_throw (i32.const 2)) (i32.const 0))
      (catch $e)))
  (func (export "local") (result i32)
    (try (result i32)
      (do (throw $e (i32.const 3)))
      (catch $e))))

;; CHECK-LABEL: define internal void @may_throw(
;; CHECK:         %exn = call ptr @wasmaot_exception_new(ptr %vmctx, i32 0,
;; CHECK:         call void @wasmaot_exception_throw(ptr %exn)

;; CHECK-LABEL: define internal void @outside(
;; CHECK-NOT:     invoke
;; CHECK:         call void @may_throw(
;; CHECK-NOT:     landingpad
;; CHECK:         ret void

;; CHECK-LABEL: define internal i32 @inside({{.*}} personality ptr @__gxx_personality_v0
;; CHECK:         invoke void @may_throw(
;; CHECK-NEXT:      to label %invoke.cont unwind label %try.lpad
;; CHECK:       try.lpad:
;; CHECK-NEXT:    %lpad = landingpad { ptr, i32 }
;; CHECK-NEXT:      catch ptr @_ZTIN7wasmaot16WasmExceptionBoxE
;; CHECK:         %caught = call ptr @wasmaot_exception_catch(
;; CHECK:       try.dispatch:
;; CHECK:         %exn.tag = load ptr, ptr %exn
;; CHECK:         %is.tag = icmp eq ptr %exn.tag, %tag0
;; CHECK:         call void @wasmaot_exception_free(ptr %exn)

;; The throw goes straight to the dispatch; only what no clause catches
;; leaves through the runtime.
;; CHECK-LABEL: define internal i32 @local(
;; CHECK:         %exn = call ptr @wasmaot_exception_new(ptr %vmctx, i32 0,
;; CHECK-NEXT:    [[SLOT:%.*]] = getelementptr inbounds i8, ptr %exn, i64 32
;; CHECK-NEXT:    store i32 3, ptr [[SLOT]]
;; CHECK-NEXT:    br label %try.dispatch
;; CHECK:       catch.next:
;; CHECK-NEXT:    call void @wasmaot_exception_throw(

;; CHECK-LABEL: define internal void @wasmaot_tramp__({{.*}} personality ptr @__gxx_personality_v0
;; CHECK:         invoke void
;; CHECK:         call void @wasmaot_exception_uncaught(

;; PLAIN-NOT:     personality
;; PLAIN-NOT:     invoke
;; PLAIN:         attributes #{{[0-9]+}} = { nounwind "disable-tail-calls"="true"
