;; An exception that nothing catches ends the program as a trap naming the
;; tag (its export name) and where it was thrown:
;;   wasmaot: trap: uncaught exception (parse_error) in parse+0x...
(module
  (tag $parse_error (export "parse_error") (param i32))
  (func $parse (param i32)
    (if (i32.gt_u (local.get 0) (i32.const 2))
      (then (throw $parse_error (local.get 0)))))
  (func $caught_elsewhere
    (try (do (call $parse (i32.const 1))) (catch_all)))
  (func (export "_start")
    (call $caught_elsewhere)
    (call $parse (i32.const 7))))
