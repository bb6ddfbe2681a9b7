;; Wasm floats are IEEE with round-to-nearest and no observable exceptions:
;; plain fadd/fmul (never constrained intrinsics, which the vectorizer
;; refuses), no fast-math flags, and never fused into an FMA, even for a CPU
;; that has one.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O2 %t.wasm -o - | FileCheck %s
;; RUN: %wasmaot compile --emit=asm -O2 --cpu haswell %t.wasm -o - | FileCheck %s --check-prefix=ASM

(module
  (func (export "muladd") (param f64 f64 f64) (result f64)
    (f64.add (f64.mul (local.get 0) (local.get 1)) (local.get 2)))
  (func (export "muladd32") (param f32 f32 f32) (result f32)
    (f32.add (f32.mul (local.get 0) (local.get 1)) (local.get 2))))

;; CHECK-NOT:   constrained
;; CHECK-LABEL: define {{.*}} @muladd(
;; CHECK:       [[M:%.*]] = fmul double %p0, %p1
;; CHECK-NEXT:  {{%.*}} = fadd double [[M]], %p2
;; CHECK-LABEL: define {{.*}} @muladd32(
;; CHECK:       [[M:%.*]] = fmul float %p0, %p1
;; CHECK-NEXT:  {{%.*}} = fadd float [[M]], %p2
;; CHECK-NOT:   constrained

;; ASM-NOT:     vfmadd
;; ASM:         vmulsd
;; ASM:         vaddsd
;; ASM-NOT:     vfmadd
