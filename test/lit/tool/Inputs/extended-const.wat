;; Globals initialised by extended constant expressions (i32 and i64 add,
;; sub, mul): exits with 42 + 42.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (global $base i32 (i32.const 40))
  (global $g i32 (i32.add (i32.mul (i32.const 6) (i32.const 7)) (i32.const 0)))
  (global $h i64 (i64.sub (i64.const 100) (i64.mul (i64.const 2) (i64.const 29))))
  (func (export "_start")
    (call $exit (i32.add (global.get $g) (i32.wrap_i64 (global.get $h))))))
