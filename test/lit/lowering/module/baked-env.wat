;; `--env NAME=VALUE` bakes a null-terminated array of C strings into the
;; object, for the WASI host.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O0 %t.wasm -o - --env A=1 --env B=two | FileCheck %s
;; RUN: %wasmaot compile --emit=llvm -O0 %t.wasm -o - | FileCheck %s --check-prefix=NONE

(module)

;; CHECK-DAG: [[A:@.*]] = private unnamed_addr constant [4 x i8] c"A=1\00"
;; CHECK-DAG: [[B:@.*]] = private unnamed_addr constant [6 x i8] c"B=two\00"
;; CHECK-DAG: @wasmaot_baked_env = constant [3 x ptr] [ptr [[A]], ptr [[B]], ptr null]
;; NONE-NOT:  wasmaot_baked_env
