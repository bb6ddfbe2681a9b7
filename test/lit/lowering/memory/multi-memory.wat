;; Memory 0 keeps its header fields (one load for the base); memory 1 is
;; reached through vmctx->Memories (offset 80): its MemoryInstance, then its
;; base, both invariant loads in the entry block.
;; RUN: wat2wasm --enable-multi-memory %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O0 %t.wasm -o - | FileCheck %s

(module
  (memory $a 1)
  (memory $b 1)
  (func (export "copy_word") (param i32)
    (i32.store $b (local.get 0) (i32.load $a (local.get 0)))))

;; CHECK-LABEL: define {{.*}} @copy_word(
;; CHECK-DAG:     %membase = load ptr, ptr %vmctx, align 8, {{.*}}!invariant.load
;; CHECK-DAG:     %memories.addr = getelementptr inbounds i8, ptr %vmctx, i64 80
;; CHECK-DAG:     %meminst1 = load ptr, {{.*}}!invariant.load
;; CHECK-DAG:     %membase1 = load ptr, ptr %meminst1, align 8, {{.*}}!invariant.load
;; CHECK:         load i32, ptr %{{.*}}, align 1
;; CHECK:         store i32 %{{.*}}, ptr %{{.*}}, align 1
