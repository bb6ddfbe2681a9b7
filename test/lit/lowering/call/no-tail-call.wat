;; Wasm calls are never tail calls: a runaway recursion must keep taking
;; stack until it traps with "call stack exhausted" (spec assert_exhaustion),
;; so neither tail-recursion elimination nor a sibling call may turn it into
;; an endless loop. The stack check reads no stack slot, so only
;; "disable-tail-calls" stops them.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O2 %t.wasm -o - | FileCheck %s
;; RUN: %wasmaot compile --emit=asm -O2 %t.wasm -o - | FileCheck %s --check-prefix=ASM

(module
  (type $v (func))
  (import "env" "host" (func $host))
  (table 1 funcref)
  (elem (i32.const 0) $runaway)
  (func $runaway (export "runaway") (call $runaway))
  (func $ping (export "ping") (call $pong))
  (func $pong (call_indirect (type $v) (i32.const 0)))
  (func (export "import") (call $host)))

;; CHECK-LABEL: define internal void @runaway(
;; CHECK-SAME:  [[ATTRS:#[0-9]+]]
;; CHECK-NOT:   tailrecurse
;; CHECK:       call void @runaway(
;; CHECK:       ret void
;; CHECK:       attributes [[ATTRS]] = {{{.*}}"disable-tail-calls"="true"

;; ASM-LABEL: runaway:
;; ASM-NOT:   jmp
;; ASM:       callq runaway
;; ASM-LABEL: ping:
;; ASM-NOT:   jmp
;; ASM:       callq
;; ASM-LABEL: .Lfunc_end1:
;; ASM-LABEL: import:
;; ASM-NOT:   jmpq *
;; ASM:       callq *
