;; An executable's host is WASI: any other import, or a WASI function with the
;; wrong signature, is a compile-time error naming module and field, and no
;; executable is written. Other emit kinds may import anything.
;; RUN: rm -f %t.exe
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: sh -c '%wasmaot compile %t.wasm -o %t.exe; echo "exit $?"' 2>&1 | FileCheck %s
;; RUN: not test -e %t.exe
;; RUN: %wasmaot compile --emit=obj %t.wasm -o %t.o
;; RUN: sed -e 's/"env" "missing_function"/"wasi_snapshot_preview1" "fd_write"/' %s > %t.wrongsig.wat
;; RUN: wat2wasm %t.wrongsig.wat -o %t.wrongsig.wasm
;; RUN: sh -c '%wasmaot compile %t.wrongsig.wasm -o %t.exe; echo "exit $?"' 2>&1 | FileCheck %s --check-prefix=SIG

(module
  (import "env" "missing_function" (func $m (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start") (drop (call $m (i32.const 1)))))

;; CHECK: {{.*}}.wasm:0x{{[0-9a-f]+}}: error: unknown import: env.missing_function (function)
;; CHECK-NEXT: exit 1
;; SIG: {{.*}}.wasm:0x{{[0-9a-f]+}}: error: incompatible import type: wasi_snapshot_preview1.fd_write (function)
;; SIG-NEXT: exit 1
