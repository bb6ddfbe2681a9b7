;; A tail-recursive interpreter: each opcode's handler ends in
;; return_call_indirect to the next opcode's handler (all of one type), so a
;; program of any length runs in constant stack. The program counts a
;; register down from 5,000,000, adding it to an accumulator: 5 million loop
;; trips, 20 million handler tail calls, which would need gigabytes of stack
;; as ordinary calls. Prints the sum.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory 1)
  (type $handler (func (param $pc i32) (param $counter i64) (param $acc i64) (result i64)))
  (table 8 funcref)
  (elem (i32.const 0) $op_add $op_dec $op_jnz $op_halt)
  ;; The program at 256: add, dec, jnz -> 0, halt (one byte per opcode).
  (data (i32.const 256) "\00\01\02\03")

  (func $next (param $pc i32) (param $counter i64) (param $acc i64) (result i64)
    (return_call_indirect (type $handler)
      (local.get $pc) (local.get $counter) (local.get $acc)
      (i32.load8_u offset=256 (local.get $pc))))
  (func $op_add (type $handler)
    (return_call $next (i32.add (local.get 0) (i32.const 1)) (local.get 1)
      (i64.add (local.get 2) (local.get 1))))
  (func $op_dec (type $handler)
    (return_call $next (i32.add (local.get 0) (i32.const 1))
      (i64.sub (local.get 1) (i64.const 1)) (local.get 2)))
  (func $op_jnz (type $handler)
    (return_call $next
      (select (i32.const 0) (i32.add (local.get 0) (i32.const 1))
        (i64.ne (local.get 1) (i64.const 0)))
      (local.get 1) (local.get 2)))
  (func $op_halt (type $handler) (local.get 2))

  (func (export "_start")
    (local $v i64) (local $p i32)
    (local.set $v (call $next (i32.const 0) (i64.const 5000000) (i64.const 0)))
    ;; "sum " then the digits, backwards from 100.
    (local.set $p (i32.const 100))
    (i32.store8 (i32.const 100) (i32.const 10))
    (loop $digits
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p)
        (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $v) (i64.const 10)))))
      (local.set $v (i64.div_u (local.get $v) (i64.const 10)))
      (br_if $digits (i64.ne (local.get $v) (i64.const 0))))
    (local.set $p (i32.sub (local.get $p) (i32.const 4)))
    (i32.store (local.get $p) (i32.const 0x206d7573)) ;; "sum "
    (i32.store (i32.const 0) (local.get $p))
    (i32.store (i32.const 4) (i32.sub (i32.const 101) (local.get $p)))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
