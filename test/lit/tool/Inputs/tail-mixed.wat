;; Tail calls between functions of different signatures, 3,000,000 of them in
;; a cycle a -> b -> c -> a: b has ten parameters (some passed on the native
;; stack), c takes a v128, and c reaches a through a table
;; (return_call_indirect, which jumps to the FuncRef's tailcc entry).
;; Without real tail calls the cycle overflows the stack; with them each
;; trip adds 1 + 44 + 5 to the accumulator. _start
;; adds an ordinary call of b (n = 0, acc = 1000: stack arguments that the
;; callee pops, and the caller's value of a live across it) and ends with a
;; return_call of the imported proc_exit (another signature, a host
;; function), with ((acc + 1000) / 1000) mod 251 = 52.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (type $ta (func (param i64 i64) (result i64)))
  (table 1 funcref)
  (elem (i32.const 0) $a)
  (func $a (type $ta) (param $n i64) (param $acc i64) (result i64)
    (if (i64.eqz (local.get $n)) (then (return (local.get $acc))))
    (return_call $b (i64.sub (local.get $n) (i64.const 1))
      (i64.add (local.get $acc) (i64.const 1))
      (i64.const 2) (i64.const 3) (i64.const 4) (i64.const 5)
      (i64.const 6) (i64.const 7) (i64.const 8) (f64.const 9)))
  (func $b (param $n i64) (param $acc i64)
           (param i64 i64 i64 i64 i64 i64 i64) (param $d f64) (result i64)
    (if (i64.eqz (local.get $n)) (then (return (local.get $acc))))
    (return_call $c (i64.sub (local.get $n) (i64.const 1))
      (i64x2.replace_lane 0 (v128.const i64x2 0 5)
        (i64.add (local.get $acc)
          (i64.add
            (i64.add (i64.add (local.get 2) (local.get 3))
                     (i64.add (local.get 4) (local.get 5)))
            (i64.add (i64.add (local.get 6) (local.get 7))
                     (i64.add (local.get 8) (i64.trunc_f64_s (local.get $d)))))))))
  (func $c (param $n i64) (param $v v128) (result i64)
    (if (i64.eqz (local.get $n))
      (then (return (i64x2.extract_lane 0 (local.get $v)))))
    (return_call_indirect (type $ta) (i64.sub (local.get $n) (i64.const 1))
      (i64.add (i64x2.extract_lane 0 (local.get $v))
               (i64x2.extract_lane 1 (local.get $v)))
      (i32.const 0)))
  (func (export "_start")
    (return_call $exit
      (i32.wrap_i64
        (i64.rem_u
          (i64.div_u
            (i64.add (call $a (i64.const 3000000) (i64.const 0))
              (call $b (i64.const 0) (i64.const 1000)
                (i64.const 2) (i64.const 3) (i64.const 4) (i64.const 5)
                (i64.const 6) (i64.const 7) (i64.const 8) (f64.const 9)))
            (i64.const 1000))
          (i64.const 251))))))
