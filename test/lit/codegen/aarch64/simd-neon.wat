;; AArch64: v128 values live in NEON registers (q0-q7 carry arguments and
;; results) and SIMD instructions become single NEON instructions at the
;; portable ARMv8-A baseline.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --target aarch64-linux-gnu --emit=asm -O2 %t.wasm -o - \
;; RUN:   | FileCheck %s

(module
  (memory 1)
  (func (export "i32x4_add") (param v128 v128) (result v128)
    (i32x4.add (local.get 0) (local.get 1)))
  (func (export "f32x4_mul") (param v128 v128) (result v128)
    (f32x4.mul (local.get 0) (local.get 1)))
  (func (export "f64x2_sqrt") (param v128) (result v128)
    (f64x2.sqrt (local.get 0)))
  (func (export "i8x16_swizzle") (param v128 v128) (result v128)
    (i8x16.swizzle (local.get 0) (local.get 1)))
  (func (export "i16x8_mul") (param v128 v128) (result v128)
    (i16x8.mul (local.get 0) (local.get 1)))
  (func (export "load_add") (param $p i32) (param v128) (result v128)
    (i32x4.add (v128.load (local.get $p)) (local.get 1))))

;; CHECK-LABEL: i32x4_add:
;; CHECK:       add v0.4s, v{{[01]}}.4s, v{{[01]}}.4s
;; CHECK-NEXT:  ret
;; CHECK-LABEL: f32x4_mul:
;; CHECK:       fmul v0.4s, v{{[01]}}.4s, v{{[01]}}.4s
;; CHECK-NEXT:  ret
;; CHECK-LABEL: f64x2_sqrt:
;; CHECK:       fsqrt v0.2d, v0.2d
;; CHECK-NEXT:  ret
;; Lanes at 16 and above give 0, which is what TBL does with an index out of
;; range: no compare or select.
;; CHECK-LABEL: i8x16_swizzle:
;; CHECK:       tbl v0.16b, { v0.16b }, v1.16b
;; CHECK-NEXT:  ret
;; CHECK-LABEL: i16x8_mul:
;; CHECK:       mul v0.8h, v{{[01]}}.8h, v{{[01]}}.8h
;; CHECK-NEXT:  ret
;; CHECK-LABEL: load_add:
;; CHECK:       ldr q{{[0-9]+}}, [x{{[0-9]+}}, w1, uxtw]
;; CHECK:       add v0.4s
