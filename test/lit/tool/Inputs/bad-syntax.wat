;; A text module with a syntax error on line 3.
(module
  (func (bogus)))
