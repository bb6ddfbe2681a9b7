;; A module without return_call: see ../tail-call-convention.wat.
(module
  (type $v (func (param i64) (result i64)))
  (table 1 funcref)
  (elem (i32.const 0) $f)
  (func $f (export "f") (type $v) (param i64) (result i64)
    (call_indirect (type $v) (local.get 0) (i32.const 0))))
