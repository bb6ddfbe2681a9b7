;; A defined global is a cell at a constant vmctx offset (after the 88-byte
;; header, from 96 for 16-byte cells); an imported one is reached through
;; vmctx->ImportedGlobals (offset 56). Loads of immutable globals are invariant.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O0 %t.wasm -o - | FileCheck %s

(module
  (import "env" "g" (global $imp (mut i64)))
  (global $const f64 (f64.const 1.5))
  (global $var (mut i32) (i32.const 0))
  (func (export "f") (result i32)
    (global.set $imp (i64.const 7))
    (global.set $var (i32.trunc_f64_s (global.get $const)))
    (global.get $var)))

;; CHECK-LABEL: define {{.*}} @f(
;; CHECK-DAG:   %imported.globals.addr = getelementptr inbounds i8, ptr %vmctx, i64 56
;; CHECK-DAG:   %global0.cell = load ptr, ptr %imported.globals{{.*}}!invariant.load
;; CHECK-DAG:   %global1.cell = getelementptr inbounds i8, ptr %vmctx, i64 96
;; CHECK-DAG:   %global2.cell = getelementptr inbounds i8, ptr %vmctx, i64 112
;; CHECK:       store i64 7, ptr %global0.cell, align 8, !tbaa
;; CHECK:       load double, ptr %global1.cell, align 8, !tbaa !{{[0-9]+}}, !invariant.load
;; CHECK:       store i32 %{{.*}}, ptr %global2.cell
;; CHECK:       %global2 = load i32, ptr %global2.cell, align 4, !tbaa !{{[0-9]+}}{{$}}
