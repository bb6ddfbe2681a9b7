;; Reference values across the boundary: an externref goes in and comes back
;; unchanged, null included; a funcref the guest makes is not null and can be
;; handed back to it and called.
(module
  (type $ret7 (func (result i32)))
  (table $t 1 funcref)
  (func $seven (type $ret7) (i32.const 7))
  (elem declare func $seven)
  (func (export "same") (param externref) (result externref) (local.get 0))
  (func (export "is_null") (param externref) (result i32)
    (ref.is_null (local.get 0)))
  (func (export "make") (result funcref) (ref.func $seven))
  (func (export "call") (param funcref) (result i32)
    (table.set $t (i32.const 0) (local.get 0))
    (call_indirect $t (type $ret7) (i32.const 0))))
