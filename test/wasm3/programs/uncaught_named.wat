;; An uncaught exception of a tag that is not exported: the trap names it by
;; its name-section name (wat2wasm --debug-names writes "bad_input"):
;;   wasmaot: trap: uncaught exception (bad_input) in check+0x...
(module
  (tag $bad_input (param i64))
  (func $check (param i64)
    (if (i64.lt_s (local.get 0) (i64.const 0))
      (then (throw $bad_input (local.get 0)))))
  (func (export "_start")
    (call $check (i64.const 1))
    (call $check (i64.const -1))))
