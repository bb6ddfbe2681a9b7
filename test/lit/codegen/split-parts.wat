;; A module split into parts (--parts) still links and runs: a function called
;; from another part becomes a hidden symbol "wasm.<name>", so a guest function
;; named `main` cannot collide with the runtime's C `main`; one used only in its
;; own part stays internal (helper: called by main and named by the descriptor,
;; both in part 1). The text kinds show each part under a header.
;; RUN: wat2wasm --debug-names %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O0 --parts 3 %t.wasm -o - | FileCheck %s --check-prefix=IR
;; RUN: %wasmaot compile --parts 3 -j 2 %t.wasm -o %t.exe
;; RUN: sh -c '%t.exe; echo "exit $?"' | FileCheck %s --check-prefix=EXIT
;; RUN: %wasmaot compile --parts 1 %t.wasm -o %t.whole
;; RUN: sh -c '%t.whole; echo "exit $?"' | FileCheck %s --check-prefix=EXIT
;; RUN: not %wasmaot compile --emit=obj --parts 2 %t.wasm -o %t.o 2>&1 | FileCheck %s --check-prefix=OBJ

(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func $main (result i32) (call $helper (i32.const 20)))
  (func $helper (param i32) (result i32)
    (i32.add (call $twice (local.get 0)) (i32.const 2)))
  (func $twice (param i32) (result i32) (i32.add (local.get 0) (local.get 0)))
  (func $_start (export "_start") (call $exit (call $main))))

;; IR: ; wasmaot part 1 of 3
;; IR: define hidden {{.*}}@wasm.main(
;; IR: define internal {{.*}}@helper(
;; IR: ; wasmaot part 2 of 3
;; IR: declare hidden {{.*}}@wasm.main(
;; IR: define hidden {{.*}}@wasm.twice(
;; IR: ; wasmaot part 3 of 3
;; EXIT: exit 42
;; OBJ: error: --parts needs --emit=exe, asm or llvm
