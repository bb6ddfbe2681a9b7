;; Extending, splat and lane loads touch only the bytes they read: the
;; explicit check covers 8, 1 and 2 bytes, and the load has the narrow type,
;; widened afterwards. A lane store extracts the lane and stores it alone.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot compile --emit=llvm -O0 --bounds-checks=explicit %t.wasm -o - | FileCheck %s

(module
  (memory 1)
  (func (export "extend") (param i32) (result v128)
    (v128.load8x8_s (local.get 0)))
  (func (export "splat") (param i32) (result v128)
    (v128.load8_splat (local.get 0)))
  (func (export "lane") (param i32 v128) (result v128)
    (v128.load16_lane 3 (local.get 0) (local.get 1)))
  (func (export "store_lane") (param i32 v128)
    (v128.store32_lane 1 (local.get 0) (local.get 1))))

;; CHECK-LABEL: define {{.*}} @extend(
;; CHECK:       add nuw i64 %addr, 8
;; CHECK:       [[L:%.*]] = load <8 x i8>, ptr %{{.*}}, align 1, !tbaa
;; CHECK-NEXT:  sext <8 x i8> [[L]] to <8 x i16>

;; CHECK-LABEL: define {{.*}} @splat(
;; CHECK:       add nuw i64 %addr, 1
;; CHECK:       [[L:%.*]] = load i8, ptr %{{.*}}, align 1, !tbaa
;; CHECK-NEXT:  insertelement <16 x i8> poison, i8 [[L]], i64 0
;; CHECK-NEXT:  shufflevector <16 x i8> %{{.*}}, <16 x i8> poison, <16 x i32> zeroinitializer

;; CHECK-LABEL: define {{.*}} @lane(
;; CHECK:       add nuw i64 %addr, 2
;; CHECK:       [[L:%.*]] = load i16, ptr %{{.*}}, align 1, !tbaa
;; CHECK:       insertelement <8 x i16> %{{.*}}, i16 [[L]], i64 3

;; CHECK-LABEL: define {{.*}} @store_lane(
;; CHECK:       [[E:%.*]] = extractelement <4 x i32> %{{.*}}, i64 1
;; CHECK:       add nuw i64 %addr, 4
;; CHECK:       store i32 [[E]], ptr %{{.*}}, align 1, !tbaa
