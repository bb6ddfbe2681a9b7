;; Exceptions crossing instances (run by wasmaot-spectest, which links
;; several instances in one process): a tag is the same tag in every module
;; that imports it, and only that one; an exception passes through the
;; frames of instances that do not catch it.

(module $a
  (tag $e (export "e") (param i32))
  (tag $lookalike (export "lookalike") (param i32))
  (func (export "throw_e") (param i32) (throw $e (local.get 0)))
  (func (export "throw_lookalike") (param i32) (throw $lookalike (local.get 0)))
  ;; Calls back into whatever it was given, through a table: frames of $a
  ;; between the thrower and the catcher.
  (type $cb (func (param i32) (result i32)))
  (table (export "callbacks") 2 funcref)
  (func (export "via_a") (param i32) (result i32)
    (i32.add (i32.const 1)
      (call_indirect (type $cb) (local.get 0) (i32.const 0)))))
(register "a" $a)

(module $b
  (import "a" "e" (tag $e (param i32)))
  (import "a" "throw_e" (func $throw_e (param i32)))
  (import "a" "throw_lookalike" (func $throw_lookalike (param i32)))
  (import "a" "via_a" (func $via_a (param i32) (result i32)))
  (import "a" "callbacks" (table 2 funcref))
  (tag $own (param i32))
  (elem (i32.const 0) $deep)
  ;; Throws $e from $b's own code, three frames down.
  (func $deep (param i32) (result i32)
    (if (result i32) (local.get 0)
      (then (call $deep (i32.sub (local.get 0) (i32.const 1))))
      (else (throw $e (i32.const 77)))))
  ;; Catches $e thrown by $a.
  (func (export "catch_from_a") (param i32) (result i32)
    (try (result i32)
      (do (call $throw_e (local.get 0)) (i32.const -1))
      (catch $e)))
  ;; A tag of the same type from $a is another tag: catch_all only.
  (func (export "lookalike_is_not_e") (result i32)
    (try (result i32)
      (do (call $throw_lookalike (i32.const 5)) (i32.const -1))
      (catch $e (drop) (i32.const 1))
      (catch $own (drop) (i32.const 2))
      (catch_all (i32.const 3))))
  ;; $b -> $a (via_a) -> $b ($deep throws) -> back through $a to here.
  (func (export "through_a") (result i32)
    (try (result i32)
      (do (call $via_a (i32.const 3)))
      (catch $e (i32.add (i32.const 1000)))))
  ;; Nothing catches: the exception leaves $b's export.
  (func (export "uncaught") (call $throw_e (i32.const 1)))
  ;; rethrow keeps the payload across an instance boundary.
  (func (export "rethrow_to_a") (param i32)
    (try
      (do (call $throw_e (local.get 0)))
      (catch $e (drop) (rethrow 0)))))
(register "b" $b)

(module $c
  (import "a" "e" (tag $e (param i32)))
  (import "b" "rethrow_to_a" (func $rethrow_to_a (param i32)))
  (func (export "catch_rethrown") (result i32)
    (try (result i32)
      (do (call $rethrow_to_a (i32.const 31)) (i32.const -1))
      (catch $e))))

(assert_return (invoke $b "catch_from_a" (i32.const 42)) (i32.const 42))
(assert_return (invoke $b "lookalike_is_not_e") (i32.const 3))
(assert_return (invoke $b "through_a") (i32.const 1077))
(assert_exception (invoke $b "uncaught"))
(assert_exception (invoke $a "throw_e" (i32.const 3)))
(assert_return (invoke $c "catch_rethrown") (i32.const 31))
;; After all that, the instances still work.
(assert_return (invoke $b "catch_from_a" (i32.const 9)) (i32.const 9))
