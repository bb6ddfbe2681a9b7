;; An embedding library's interface in every shape the header has.
(module
  (import "env" "log-it" (func (param i32)))
  (import "env" "two" (func (result i32 f64)))
  (import "wasi_snapshot_preview1" "proc_exit" (func (param i32)))
  (memory (export "mem") 1)
  (global (export "count") (mut i64) (i64.const 0))
  (global (export "pi") f64 (f64.const 3.14))
  (func (export "3d.point") (param f32 f32 f32) (result f32 f32 f32)
    local.get 0 local.get 1 local.get 2)
  (func (export "vec") (param v128 i64) (result v128) local.get 0))
