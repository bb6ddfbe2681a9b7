;; Functions are named after the name section, else an export, else funcN.
;; They are internal, and a name that a libcall could bind to (memset here)
;; gets a prefix so that the code generator's own calls to memset do not
;; land in the Wasm function.
;; RUN: wat2wasm --debug-names %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O0 %t.wasm -o - | FileCheck %s

(module
  (func $memset (param i32 i32 i32))
  (func $my_func)
  (func (export "exported"))
  (func))

;; CHECK-DAG: define internal void @wasm_memset(
;; CHECK-DAG: define internal void @my_func(
;; CHECK-DAG: define internal void @exported(
;; CHECK-DAG: define internal void @func3(
