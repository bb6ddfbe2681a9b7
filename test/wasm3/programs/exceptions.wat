;; Exceptions across several frames of one module, as an executable: a
;; parser-like descent that throws from deep down, handlers that catch by
;; tag, catch_all, rethrow to an outer handler, delegate to an outer try,
;; and 100000 throws caught in a loop (no leak, no stack growth). Prints
;; one line per check; the expected output is in run_wasm3.py.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (tag $not_found (export "not_found") (param i32))
  (tag $overflow (param i64 i32))
  (tag $other)

  ;; Writes "<label> <value>\n" (label at 64, length 8 or less).
  (func $print (param $label i32) (param $len i32) (param $v i64)
    (local $p i32) (local $n i32)
    (memory.copy (i32.const 128) (local.get $label) (local.get $len))
    (i32.store8 (i32.add (i32.const 128) (local.get $len)) (i32.const 32))
    ;; digits backwards from 200
    (local.set $p (i32.const 200))
    (if (i64.lt_s (local.get $v) (i64.const 0))
      (then (i32.store8 (i32.add (i32.const 129) (local.get $len)) (i32.const 45))
            (local.set $n (i32.const 1))
            (local.set $v (i64.sub (i64.const 0) (local.get $v)))))
    (loop $digits
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p)
        (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $v) (i64.const 10)))))
      (local.set $v (i64.div_u (local.get $v) (i64.const 10)))
      (br_if $digits (i64.ne (local.get $v) (i64.const 0))))
    (memory.copy (i32.add (i32.add (i32.const 129) (local.get $len)) (local.get $n))
                 (local.get $p) (i32.sub (i32.const 200) (local.get $p)))
    (local.set $n (i32.add (i32.add (i32.add (local.get $len) (i32.const 1)) (local.get $n))
                           (i32.sub (i32.const 200) (local.get $p))))
    (i32.store8 (i32.add (i32.const 128) (local.get $n)) (i32.const 10))
    (i32.store (i32.const 0) (i32.const 128))
    (i32.store (i32.const 4) (i32.add (local.get $n) (i32.const 1)))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))

  ;; Descends $depth frames, then throws $not_found(depth) or
  ;; $overflow(depth * 1000000000000, depth) depending on $kind.
  (func $descend (param $depth i32) (param $kind i32) (result i32)
    (if (i32.eqz (local.get $depth))
      (then
        (if (i32.eqz (local.get $kind))
          (then (throw $not_found (i32.const 404))))
        (if (i32.eq (local.get $kind) (i32.const 1))
          (then (throw $overflow (i64.const 1000000000000) (i32.const 7))))
        (throw $other)))
    (i32.add (i32.const 1)
      (call $descend (i32.sub (local.get $depth) (i32.const 1)) (local.get $kind))))

  ;; Catches by tag: returns the payload of not_found, or -1 for overflow.
  (func $lookup (param $kind i32) (result i64)
    (try (result i64)
      (do (i64.extend_i32_u (call $descend (i32.const 50) (local.get $kind))))
      (catch $not_found (i64.extend_i32_u))
      (catch $overflow (drop) (drop) (i64.const -1))))

  ;; catch_all, then rethrow to the caller's handler.
  (func $cleanup_and_rethrow (result i32)
    (try (result i32)
      (do (call $descend (i32.const 10) (i32.const 1)))
      (catch_all (rethrow 0))))

  ;; delegate: the inner try's exception goes to the outer try's handlers.
  (func $delegated (result i32)
    (try $outer (result i32)
      (do
        (try (result i32)
          (do (call $descend (i32.const 5) (i32.const 0)))
          (delegate $outer)))
      (catch $not_found (i32.add (i32.const 1000)))))

  (func (export "_start")
    (local $i i32) (local $caught i64)
    (data.drop 0)
    (call $print (i32.const 64) (i32.const 6) (call $lookup (i32.const 0)))
    (call $print (i32.const 64) (i32.const 6) (call $lookup (i32.const 1)))
    (call $print (i32.const 72) (i32.const 7)
      (try (result i64)
        (do (i64.extend_i32_s (call $cleanup_and_rethrow)))
        (catch $overflow (i64.extend_i32_u) (i64.add))))
    (call $print (i32.const 80) (i32.const 8) (i64.extend_i32_u (call $delegated)))
    (call $print (i32.const 88) (i32.const 5)
      (try (result i64)
        (do (i64.extend_i32_s (call $descend (i32.const 3) (i32.const 2))))
        (catch_all (i64.const 42))))
    ;; 100000 throws, each caught one frame up.
    (loop $many
      (try
        (do (drop (call $descend (i32.const 1) (i32.const 0))))
        (catch $not_found
          (i64.extend_i32_u)
          (local.get $caught)
          (i64.add)
          (local.set $caught)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $many (i32.lt_u (local.get $i) (i32.const 100000))))
    (call $print (i32.const 96) (i32.const 4) (local.get $caught)))

  (data (i32.const 64) "lookup\00\00rethrow\00delegate" "other\00\00\00" "many")
  (data "unused passive segment"))
