;; Its start function spins forever: instantiation itself never ends (for
;; run --timeout, which must stop it as it stops _start).
(module
  (memory 1)
  (func $spin_start (loop $l (br $l)))
  (start $spin_start))
