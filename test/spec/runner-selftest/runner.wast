;; wasmaot-spectest's own test: the commands marked "must fail" are listed in
;; known-failures.txt, so the runner fails if it ever accepts one of them (an
;; UNEXPECTED PASS), as it fails if it rejects one of the others.
;; No SIMD instruction: v128 values only pass through.

(module $M
  (global (export "g32") i32 (i32.const -1))
  (global (export "gf64") f64 (f64.const -0x1p-1074))
  (global (export "gv") v128 (v128.const i32x4 1 2 3 4))
  (func (export "i32") (param i32) (result i32) (local.get 0))
  (func (export "i64") (param i64) (result i64) (local.get 0))
  (func (export "f32") (param f32) (result f32) (local.get 0))
  (func (export "f64") (param f64) (result f64) (local.get 0))
  (func (export "f32.add") (param f32 f32) (result f32)
    (f32.add (local.get 0) (local.get 1)))
  (func (export "v128") (param v128) (result v128) (local.get 0))
  (func (export "multi") (param i64 v128 f32) (result f32 v128 i64)
    (local.get 2) (local.get 1) (local.get 0))
  (func (export "extern") (param externref) (result externref) (local.get 0))
  (func (export "null-func") (result funcref) (ref.null func))
  (func (export "div") (param i32 i32) (result i32)
    (i32.div_s (local.get 0) (local.get 1)))
  (func $rec (export "recurse") (call $rec))
  (func (export "unreachable") (unreachable))
)

(assert_return (invoke "i32" (i32.const -1)) (i32.const 0xffffffff))
(assert_return (invoke "i32" (i32.const 1)) (i32.const 2)) ;; must fail
(assert_return (invoke "i64" (i64.const -2)) (i64.const 0xfffffffffffffffe))
(assert_return (invoke "f32" (f32.const -0.0)) (f32.const -0.0))
(assert_return (invoke "f32" (f32.const -0.0)) (f32.const 0.0)) ;; must fail
(assert_return (invoke "f64" (f64.const nan:0x1)) (f64.const nan:0x1))
(assert_return (invoke "f32" (f32.const nan)) (f32.const nan:canonical))
(assert_return (invoke "f32" (f32.const -nan)) (f32.const nan:canonical))
(assert_return (invoke "f32" (f32.const nan:0x400001)) (f32.const nan:arithmetic))
(assert_return (invoke "f32" (f32.const nan:0x400001)) (f32.const nan:canonical)) ;; must fail
(assert_return (invoke "f32" (f32.const nan:0x1)) (f32.const nan:arithmetic)) ;; must fail
(assert_return (invoke "f32" (f32.const 1.0)) (f32.const nan:arithmetic)) ;; must fail
(assert_return (invoke "f32.add" (f32.const nan:0x1) (f32.const 1.0)) (f32.const nan:arithmetic))
(assert_return (invoke "v128" (v128.const i32x4 1 2 3 -1)) (v128.const i16x8 1 0 2 0 3 0 -1 -1))
(assert_return (invoke "v128" (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15))
               (v128.const i64x2 0x0706050403020100 0x0f0e0d0c0b0a0908))
(assert_return (invoke "v128" (v128.const i32x4 1 2 3 4)) (v128.const i32x4 1 2 3 5)) ;; must fail
(assert_return (invoke "v128" (v128.const f32x4 nan -nan 1 nan:0x1))
               (v128.const f32x4 nan:canonical nan:canonical 1 nan:0x1))
(assert_return (invoke "v128" (v128.const f64x2 nan:0x1 0)) (v128.const f64x2 nan:arithmetic 0)) ;; must fail
(assert_return (invoke "multi" (i64.const 7) (v128.const i64x2 8 9) (f32.const 10))
               (f32.const 10) (v128.const i64x2 8 9) (i64.const 7))
(assert_return (invoke "extern" (ref.extern 0)) (ref.extern 0))
(assert_return (invoke "extern" (ref.extern 3)) (ref.extern 3))
(assert_return (invoke "extern" (ref.null extern)) (ref.null extern))
(assert_return (invoke "extern" (ref.extern 3)) (ref.extern 4)) ;; must fail
(assert_return (invoke "extern" (ref.extern 0)) (ref.null extern)) ;; must fail
(assert_return (invoke "null-func") (ref.null func))
(assert_return (get "g32") (i32.const -1))
(assert_return (get $M "gf64") (f64.const -0x1p-1074))
(assert_return (get "gv") (v128.const i32x4 1 2 3 4))
(assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer divide by zero")
(assert_trap (invoke "div" (i32.const 0x80000000) (i32.const -1)) "integer overflow")
(assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer overflow") ;; must fail
(assert_trap (invoke "div" (i32.const 1) (i32.const 1)) "integer overflow") ;; must fail
(assert_exhaustion (invoke "recurse") "call stack exhausted")
(invoke "i32" (i32.const 0))
(invoke "unreachable") ;; must fail

;; Linking: register, imports from spectest and from a registered instance.
(register "M" $M)
(module $N
  (import "M" "i32" (func $i32 (param i32) (result i32)))
  (import "spectest" "global_i32" (global $g i32))
  (import "spectest" "print_i32" (func $print (param i32)))
  (import "spectest" "memory" (memory 1))
  (func (export "f") (result i32)
    (call $print (global.get $g))
    (call $i32 (i32.add (global.get $g) (i32.load (i32.const 0))))))
(assert_return (invoke "f") (i32.const 666))
(assert_return (invoke $M "i32" (i32.const 5)) (i32.const 5))
(assert_unlinkable
  (module (import "M" "nope" (func))) "unknown import")
(assert_unlinkable
  (module (import "M" "i32" (func (param i64)))) "incompatible import type")
(assert_unlinkable
  (module (import "M" "i32" (func (param i32) (result i32)))) "unknown import") ;; must fail

;; A module whose instantiation traps still wrote into the imported table
;; before the trap; its function stays callable through the table.
(module $T
  (table (export "t") 2 funcref)
  (func (export "call") (param i32) (result i32)
    (call_indirect (result i32) (local.get 0))))
(register "T" $T)
(assert_trap
  (module
    (import "T" "t" (table 2 funcref))
    (func $seven (result i32) (i32.const 7))
    (elem (i32.const 0) $seven)
    (func $start (unreachable))
    (start $start))
  "unreachable")
(assert_return (invoke $T "call" (i32.const 0)) (i32.const 7))
(assert_trap (invoke $T "call" (i32.const 1)) "uninitialized element")
(assert_trap (invoke $T "call" (i32.const 2)) "undefined element")
(assert_trap (module (func $s (unreachable)) (start $s)) "unreachable")
(module (func $s (unreachable)) (start $s)) ;; must fail
