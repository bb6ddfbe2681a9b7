;; Tail calls crossing instances (run by wasmaot-spectest, which links
;; several instances in one process): a cycle of 3,000,000 return_calls
;; between two instances' functions of different signatures, one way through
;; an import and the other through a shared table, runs in constant stack
;; (both modules make tail calls, so each jumps to the other's tailcc entry);
;; a return_call into a module without tail calls (C-convention code only),
;; through an import and through the table, calls it and returns its result;
;; exceptions pass through tailcc code.

(module $t1
  (type $f2 (func (param i64 i64 i64 i64 i64 i64 i64 i64 f64) (result i64)))
  (type $plain (func (param i32 i64) (result i64)))
  (table (export "tab") 2 funcref)
  (func (export "f1") (param $n i64) (param $acc i64) (result i64)
    (if (i64.eqz (local.get $n)) (then (return (local.get $acc))))
    (return_call_indirect (type $f2)
      (i64.sub (local.get $n) (i64.const 1))
      (i64.add (local.get $acc) (i64.const 1))
      (i64.const 2) (i64.const 3) (i64.const 4) (i64.const 5)
      (i64.const 6) (i64.const 7) (f64.const 9)
      (i32.const 0)))
  (func (export "to_plain") (param i32 i64) (result i64)
    (return_call_indirect (type $plain) (local.get 0) (local.get 1)
      (i32.const 1))))
(register "t1" $t1)

(module $t2
  (import "t1" "f1" (func $f1 (param i64 i64) (result i64)))
  (import "t1" "tab" (table 2 funcref))
  (elem (i32.const 0) $f2)
  (func $f2 (param $n i64) (param $acc i64)
            (param i64 i64 i64 i64 i64 i64) (param $d f64) (result i64)
    (if (i64.eqz (local.get $n)) (then (return (local.get $acc))))
    (return_call $f1 (i64.sub (local.get $n) (i64.const 1))
      (i64.add (local.get $acc)
        (i64.add
          (i64.add (i64.add (local.get 2) (local.get 3))
                   (i64.add (local.get 4) (local.get 5)))
          (i64.add (i64.add (local.get 6) (local.get 7))
                   (i64.trunc_f64_s (local.get $d)))))))
  (func (export "run") (param i64) (result i64)
    (return_call $f1 (local.get 0) (i64.const 0))))
(register "t2" $t2)

;; No return_call here: its functions have only the C-convention entry.
(module $plain
  (import "t1" "tab" (table 2 funcref))
  (elem (i32.const 1) $add)
  (func $add (export "add") (param i32 i64) (result i64)
    (i64.add (i64.extend_i32_u (local.get 0)) (local.get 1))))
(register "plain" $plain)

(module $t3
  (import "plain" "add" (func $add (param i32 i64) (result i64)))
  (func (export "to_plain") (param i32 i64) (result i64)
    (return_call $add (local.get 0) (local.get 1))))

;; 3,000,000 steps, each pair f1 -> f2 -> f1 adding 1 + 36.
(assert_return (invoke $t2 "run" (i64.const 3000000)) (i64.const 55500000))
(assert_return (invoke $t2 "run" (i64.const 1)) (i64.const 1))
(assert_return (invoke $t1 "to_plain" (i32.const 5) (i64.const 7)) (i64.const 12))
(assert_return (invoke $t3 "to_plain" (i32.const 5) (i64.const 7)) (i64.const 12))

;; Exceptions through tailcc code: a return_call inside a try leaves the try
;; (its frame is gone), so the exception thrown by the callee is caught by
;; the caller's caller, here across an instance boundary.
(module $eh
  (tag $e (export "e") (param i32))
  (func $thrower (param i32 i64) (result i64) (throw $e (local.get 0)))
  (func (export "mid") (param i32) (result i64)
    (try (result i64)
      (do (return_call $thrower (local.get 0) (i64.const 1)))
      (catch $e (drop) (i64.const -1)))))
(register "eh" $eh)

(module $eh_caller
  (import "eh" "e" (tag $e (param i32)))
  (import "eh" "mid" (func $mid (param i32) (result i64)))
  (func (export "catch_in_caller") (param i32) (result i32)
    (try (result i32)
      (do (drop (call $mid (local.get 0))) (i32.const 0))
      (catch $e))))
(assert_return (invoke $eh_caller "catch_in_caller" (i32.const 7)) (i32.const 7))
