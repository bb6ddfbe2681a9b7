;; The object defines `wasmaot_module`, laid out as ModuleDescriptor: version,
;; bounds mode, interruptible, types with their trampolines, functions with code pointers,
;; memories, exports, start, and data segments with their bytes embedded.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O0 %t.wasm -o - | FileCheck %s
;; RUN: %wasmaot compile --emit=llvm -O0 --bounds-checks=explicit %t.wasm -o - | FileCheck %s --check-prefix=EXPLICIT
;; RUN: %wasmaot compile --emit=llvm -O0 --interruptible %t.wasm -o - | FileCheck %s --check-prefix=INTERRUPT

(module
  (memory 1 2)
  (func $start)
  (func (export "add") (param i32 i64) (result i64)
    (i64.add (i64.extend_i32_u (local.get 0)) (local.get 1)))
  (start $start)
  (data (i32.const 8) "hi\00"))

;; CHECK-DAG:   @wasmaot.trampolines = private constant [2 x ptr] [ptr @wasmaot_tramp__, ptr @wasmaot_tramp_il_l]
;; CHECK-DAG:   @wasmaot.functions = private constant [2 x { ptr, i64, i64, ptr, ptr }] [{ ptr, i64, i64, ptr, ptr } { ptr @func0, i64 0, i64 {{[0-9]+}}, ptr null, ptr null }, { ptr, i64, i64, ptr, ptr } { ptr @add, i64 1,
;; CHECK-DAG:   @wasmaot.memories = private constant [1 x { i64, i64, i64, i64 }] [{ i64, i64, i64, i64 } { i64 1, i64 2, i64 1, i64 0 }]
;; CHECK-DAG:   @data0 = private constant [3 x i8] c"hi\00"
;; Export names carry their size: a name may contain NUL bytes.
;; CHECK-DAG:   @wasmaot.exports = private constant [1 x { ptr, i64, i64, i64 }] [{ ptr, i64, i64, i64 } { ptr @{{.*}}, i64 0, i64 1, i64 3 }]
;; CHECK-DAG:   @wasmaot_module = constant { i64, i64, i64, ptr, i64, ptr, ptr, i64, ptr, i64, i64, i64, i64, i64, ptr, i64, ptr, i64, ptr, i64, ptr, i64, ptr, i64, i64, ptr, i64, ptr, i64, i64, ptr } { i64 6, i64 0, i64 0, ptr null, i64 2, ptr @wasmaot.types, ptr @wasmaot.trampolines, i64 0, ptr null, i64 0, i64 0, i64 0, i64 0, i64 2, ptr @wasmaot.functions, i64 0, ptr null, i64 1, ptr @wasmaot.memories, i64 0, ptr null, i64 1, ptr @wasmaot.exports, i64 0, i64 0, ptr null, i64 1, ptr @wasmaot.datas, i64 0, i64 0, ptr null }
;; EXPLICIT:    @wasmaot_module = constant {{.*}} { i64 6, i64 1, i64 0,
;; INTERRUPT:   @wasmaot_module = constant {{.*}} { i64 6, i64 0, i64 1,

;; The trampoline reads arguments from 16-byte slots and writes the result back.
;; CHECK-LABEL: define internal void @wasmaot_tramp_il_l(ptr %0, ptr %1, ptr %2)
;; CHECK:       [[A:%.*]] = load i32, ptr %2, align 8
;; CHECK-NEXT:  [[P:%.*]] = getelementptr inbounds i8, ptr %2, i64 16
;; CHECK-NEXT:  [[B:%.*]] = load i64, ptr [[P]], align 8
;; CHECK-NEXT:  [[R:%.*]] = call i64 %0(ptr %1, i32 [[A]], i64 [[B]])
;; CHECK-NEXT:  store i64 [[R]], ptr %2, align 8
