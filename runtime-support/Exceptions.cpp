//===- Exceptions.cpp - Wasm exceptions on the C++ unwinder ---------------===//
//
// A Wasm exception (WasmException, VMContext.h) travels through native
// frames as a C++ exception whose object is a WasmExceptionBox holding a
// pointer to it: the unwinder, the personality routine of libstdc++ and
// LLVM's landing pads do all the work, and compiled code's landing pads
// catch exactly this type (its type info, _ZTIN7wasmaot16WasmExceptionBoxE,
// ExceptionTypeInfoSymbol in VMContext.h). The
// box is freed as soon as a handler takes the exception out; the exception
// itself lives until the handler is done with it (wasmaot_exception_free),
// so that `rethrow` can throw the same one again.
//
// The runtime is built without C++ exceptions: it never throws with `throw`
// and never catches; it calls the ABI functions (__cxa_throw and friends)
// directly, and its own frames never have one pass through them (every
// entry into Wasm code is an array trampoline whose landing pad stops an
// uncaught exception and turns it into a trap).
//
// See docs/design.md, "Exceptions".
//
//===----------------------------------------------------------------------===//
#include "RuntimeInternal.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cxxabi.h>
#include <new>
#include <typeinfo>

namespace wasmaot {
/// What the C++ exception carries. Polymorphic with an out-of-line key
/// function, so that its type info is emitted once, here, with external
/// linkage, for compiled code's landing pads to name.
struct WasmExceptionBox {
  virtual ~WasmExceptionBox();
  WasmException *E;
};
WasmExceptionBox::~WasmExceptionBox() = default;
} // namespace wasmaot

using namespace wasmaot;

/// An exception of tag T thrown by Ctx's function FuncIndex at WasmOffset,
/// its values not written yet.
static WasmException *allocateException(const TagInstance *T, VMContext *Ctx,
                                        uint32_t FuncIndex,
                                        uint32_t WasmOffset) {
  uint32_t N = T->NumValues;
  size_t Size =
      offsetof(WasmException, Values) + size_t(N ? N : 1) * sizeof(GlobalCell);
  Size = (Size + alignof(WasmException) - 1) / alignof(WasmException) *
         alignof(WasmException);
  void *Mem = aligned_alloc(alignof(WasmException), Size);
  if (!Mem)
    detail::raiseTrapAt(TrapKind::HostError,
                        "out of memory allocating an exception", Ctx->Owner,
                        FuncIndex, WasmOffset);
  auto *E = static_cast<WasmException *>(Mem);
  E->Tag = T;
  E->ThrowerCtx = Ctx;
  E->FuncIndex = FuncIndex;
  E->WasmOffset = WasmOffset;
  E->NumValues = N;
  E->Reserved = 0;
  return E;
}

extern "C" {

WasmException *wasmaot_exception_new(VMContext *Ctx, uint32_t Tag,
                                     uint32_t FuncIndex, uint32_t WasmOffset) {
  return allocateException(Ctx->Tags[Tag], Ctx, FuncIndex, WasmOffset);
}

void wasmaot_exception_throw(WasmException *E) {
  void *Obj = __cxxabiv1::__cxa_allocate_exception(sizeof(WasmExceptionBox));
  auto *Box = new (Obj) WasmExceptionBox;
  Box->E = E;
  __cxxabiv1::__cxa_throw(
      Obj, const_cast<std::type_info *>(&typeid(WasmExceptionBox)),
      [](void *P) { static_cast<WasmExceptionBox *>(P)->~WasmExceptionBox(); });
}

WasmException *wasmaot_exception_catch(void *Unwound) {
  void *Obj = __cxxabiv1::__cxa_begin_catch(Unwound);
  WasmException *E = static_cast<WasmExceptionBox *>(Obj)->E;
  __cxxabiv1::__cxa_end_catch();
  return E;
}

WasmException *wasmaot_exception_copy(WasmException *E) {
  WasmException *Copy =
      allocateException(E->Tag, E->ThrowerCtx, E->FuncIndex, E->WasmOffset);
  memcpy(Copy->Values, E->Values, size_t(E->NumValues) * sizeof(GlobalCell));
  return Copy;
}

void wasmaot_exception_free(WasmException *E) { free(E); }

void wasmaot_exception_uncaught(void *Unwound) {
  WasmException *E = wasmaot_exception_catch(Unwound);
  const TagInstance *T = E->Tag;
  // On the stack: the jump out skips destructors.
  char Message[200];
  if (T->Name)
    snprintf(Message, sizeof(Message), "uncaught exception (%s)", T->Name);
  else
    snprintf(Message, sizeof(Message), "uncaught exception (tag[%u])",
             T->Index);
  Instance *Thrower = E->ThrowerCtx ? E->ThrowerCtx->Owner : nullptr;
  uint32_t FuncIndex = E->FuncIndex, Offset = E->WasmOffset;
  free(E);
  detail::raiseTrapAt(TrapKind::UncaughtException, Message, Thrower, FuncIndex,
                      Offset);
}

} // extern "C"
