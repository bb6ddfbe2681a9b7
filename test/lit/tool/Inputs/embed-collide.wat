(module
  (func (export "a_b"))
  (func (export "a-b")))
