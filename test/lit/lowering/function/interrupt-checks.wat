;; --interruptible: after the optimizer, each function checks the instance's
;; interrupt flag (an atomic volatile load of vmctx+64, VMContext::Interrupt)
;; at its entry and at every loop header, and traps with kind 13
;; (Interrupted) naming the function and its body offset. The loop in $sum is
;; still vectorized (the check comes after the vectorizer). Without the flag
;; there is no check.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O2 --interruptible %t.wasm -o - | FileCheck %s
;; RUN: %wasmaot compile --emit=llvm -O0 --interruptible %t.wasm -o - | FileCheck %s --check-prefix=O0
;; RUN: %wasmaot compile --emit=llvm -O2 %t.wasm -o - | FileCheck %s --check-prefix=PLAIN

(module
  (memory 1)
  (func $leaf (export "leaf") (param i32) (result i32)
    (i32.add (local.get 0) (i32.const 1)))
  (func $sum (export "sum") (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $s (i32.add (local.get $s)
          (i32.load (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (local.get $s)))

;; CHECK-LABEL: define {{.*}} @leaf(
;; CHECK:         load atomic volatile i32, ptr %{{.*}} monotonic, align 4
;; CHECK:       {{^}}interrupted:
;; CHECK-NEXT:    call void @wasmaot_trap(ptr %{{.*}}, i32 13, i32 0, i32 {{[0-9]+}})
;; CHECK-LABEL: define {{.*}} @sum(
;; CHECK:         getelementptr inbounds i8, ptr %vmctx, i64 64
;; CHECK:         load atomic volatile i32
;; CHECK:       vector.body{{.*}}:
;; CHECK:         load atomic volatile i32
;; CHECK:         add <4 x i32>
;; CHECK:       {{^}}interrupted:
;; CHECK-NEXT:    call void @wasmaot_trap(ptr %{{.*}}, i32 13, i32 1, i32 {{[0-9]+}})

;; O0-LABEL: define {{.*}} @sum(
;; O0:         load atomic volatile i32
;; O0:         load atomic volatile i32
;; O0:       {{^}}interrupted:

;; PLAIN-NOT: load atomic
;; PLAIN-NOT: i32 13,
