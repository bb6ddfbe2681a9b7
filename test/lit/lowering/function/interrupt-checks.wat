;; --interruptible: after the optimizer, functions check the instance's
;; interrupt flag (an atomic volatile load of vmctx+64, VMContext::Interrupt)
;; at every loop header and, when they make calls, at their entry, and trap
;; with kind 13 (Interrupted) naming the function and its body offset. The
;; loop in $sum is still vectorized (the check comes after the vectorizer).
;; Bounded code gets no check: a leaf function ($leaf), an innermost loop of
;; at most 1024 trips without calls ($bounded). Without the flag there is no
;; check at all.
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
    (local.get $s))
  (func $bounded (export "bounded") (param $p i32) (result i32)
    (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.xor (local.get $s)
        (i32.load8_u (i32.add (local.get $p) (local.get $i)))))
      (local.set $s (i32.mul (local.get $s) (i32.const 16777619)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 100))))
    (local.get $s))
  (func $fib (export "fib") (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
                     (call $fib (i32.sub (local.get $n) (i32.const 2))))))))

;; CHECK-LABEL: define {{.*}} @leaf(
;; CHECK-NOT:     load atomic
;; CHECK:         ret i32
;; CHECK-LABEL: define {{.*}} @sum(
;; CHECK-NOT:     load atomic
;; CHECK:       vector.body{{.*}}:
;; CHECK:         getelementptr inbounds i8, ptr %vmctx, i64 64
;; CHECK-NEXT:    load atomic volatile i32, ptr %{{.*}} monotonic, align 4
;; CHECK:         add <4 x i32>
;; CHECK:       {{^}}interrupted:
;; CHECK-NEXT:    call void @wasmaot_trap(ptr %{{.*}}, i32 13, i32 1, i32 {{[0-9]+}})
;; CHECK-LABEL: define {{.*}} @bounded(
;; CHECK-NOT:     load atomic
;; CHECK:         ret i32
;; CHECK-LABEL: define {{.*}} @fib(
;; CHECK-NEXT:  entry:
;; CHECK-NEXT:    getelementptr inbounds i8, ptr %vmctx, i64 64
;; CHECK-NEXT:    load atomic volatile i32
;; CHECK:       {{^}}interrupted:
;; CHECK-NEXT:    call void @wasmaot_trap(ptr %{{.*}}, i32 13, i32 3, i32 {{[0-9]+}})

;; At -O0 loops are not analysed as bounded: $bounded is checked too.
;; O0-LABEL: define {{.*}} @sum(
;; O0:         load atomic volatile i32
;; O0:       {{^}}interrupted:
;; O0-LABEL: define {{.*}} @bounded(
;; O0:         load atomic volatile i32

;; PLAIN-NOT: load atomic
;; PLAIN-NOT: i32 13,
