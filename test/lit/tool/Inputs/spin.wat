;; Spins forever in a loop (for run --timeout).
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func $spin (export "spin") (param i32) (result i32)
    (loop $l (local.set 0 (i32.add (local.get 0) (i32.const 1))) (br $l))
    (local.get 0))
  (func $main (export "_start") (drop (call $spin (i32.const 0)))))
