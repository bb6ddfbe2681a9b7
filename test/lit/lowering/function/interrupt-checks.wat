;; --interruptible: after the optimizer, functions poll the instance's
;; poll page (its address loaded once from vmctx+72, VMContext::InterruptPoll;
;; then a volatile byte load, no compare, no branch: the page faults once the
;; instance is interrupted) at every loop header and, when they make calls,
;; at their entry. The loop in $sum is still vectorized (the poll comes after
;; the vectorizer). Bounded code gets no poll: a leaf function ($leaf), an
;; innermost loop of at most 1024 trips without calls ($bounded). Without the
;; flag there is no poll at all.
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
;; CHECK-NOT:     load volatile
;; CHECK:         ret i32
;; CHECK-LABEL: define {{.*}} @sum(
;; CHECK:         %poll.addr = getelementptr inbounds i8, ptr %vmctx, i64 72
;; CHECK-NEXT:    %poll = load ptr, ptr %poll.addr, align 8
;; CHECK-NOT:     load volatile
;; CHECK:       vector.body{{.*}}:
;; CHECK-NOT:   {{^}}[a-z.]+:
;; CHECK:         load volatile i8, ptr %poll, align 1
;; CHECK:         add <4 x i32>
;; CHECK-NOT:     wasmaot_trap
;; CHECK-LABEL: define {{.*}} @bounded(
;; CHECK-NOT:     load volatile
;; CHECK:         ret i32
;; CHECK-LABEL: define {{.*}} @fib(
;; CHECK-NEXT:  entry:
;; CHECK-NEXT:    %poll.addr = getelementptr inbounds i8, ptr %vmctx, i64 72
;; CHECK-NEXT:    %poll = load ptr, ptr %poll.addr, align 8
;; CHECK-NEXT:    load volatile i8, ptr %poll, align 1

;; At -O0 loops are not analysed as bounded: $bounded is polled too.
;; O0-LABEL: define {{.*}} @sum(
;; O0:         load volatile i8, ptr %poll
;; O0-LABEL: define {{.*}} @bounded(
;; O0:         load volatile i8, ptr %poll

;; PLAIN-NOT: %poll
;; PLAIN-NOT: load volatile
