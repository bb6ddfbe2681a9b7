;; A tail-recursive bytecode interpreter: each handler ends with return_call
;; to the dispatcher, which return_calls the next handler through a table
;; (return_call_indirect): 4,000,000 steps in constant stack. The program
;; (bytes at 0): 0 = add the counter to acc, 1 = decrement the counter,
;; 2 = jump to 0 while the counter is not zero, 3 = halt. Halting
;; return_calls $finish, of another signature (a call then a return).
;; _start exits with acc mod 251; with argument "deep", it recurses without
;; end through ordinary calls in a function that also has a return_call,
;; which must still trap with "call stack exhausted".
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $argc (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "\00\01\02\03")
  (type $handler (func (param i32 i64 i64) (result i64)))
  (table 4 funcref)
  (elem (i32.const 0) $op_add $op_dec $op_jnz $op_halt)
  (func $dispatch (type $handler)
    (return_call_indirect (type $handler)
      (local.get 0) (local.get 1) (local.get 2)
      (i32.load8_u (local.get 0))))
  (func $op_add (type $handler)
    (return_call $dispatch (i32.add (local.get 0) (i32.const 1))
      (local.get 1) (i64.add (local.get 2) (local.get 1))))
  (func $op_dec (type $handler)
    (return_call $dispatch (i32.add (local.get 0) (i32.const 1))
      (i64.sub (local.get 1) (i64.const 1)) (local.get 2)))
  (func $op_jnz (type $handler)
    (return_call $dispatch
      (select (i32.const 0) (i32.add (local.get 0) (i32.const 1))
        (i64.ne (local.get 1) (i64.const 0)))
      (local.get 1) (local.get 2)))
  (func $op_halt (type $handler)
    (return_call $finish (local.get 2)))
  (func $finish (param i64) (result i64)
    (i64.rem_u (local.get 0) (i64.const 251)))
  (func $deep (param i32) (result i32)
    (if (i32.eqz (local.get 0))
      (then (return_call $deep (i32.const 1))))
    (i32.add (call $deep (local.get 0)) (i32.const 1)))
  (func (export "_start")
    (drop (call $argc (i32.const 100) (i32.const 104)))
    (if (i32.gt_u (i32.load (i32.const 100)) (i32.const 1))
      (then (drop (call $deep (i32.const 0)))))
    (call $exit (i32.wrap_i64
      (call $dispatch (i32.const 0) (i64.const 1000000) (i64.const 0))))))
