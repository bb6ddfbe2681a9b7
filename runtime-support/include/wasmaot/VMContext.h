//===- VMContext.h - The instance context shared by lowering and runtime --===//
//
// The single definition of every layout that compiled code and the runtime both
// touch. Lowering computes field offsets from these structs (offsetof) and from
// VMContextLayout; the runtime fills them. See docs/design.md.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_VMCONTEXT_H
#define WASMAOT_VMCONTEXT_H

#include <cstddef>
#include <cstdint>

namespace wasmaot {

class Instance;
struct VMContext;

/// The guard-mode reservation: any zext(i32) + u32 offset + access size lies
/// below it, so an access beyond the current size always faults.
inline constexpr uint64_t WasmPageSize = 65536;
inline constexpr uint64_t GuardReservationSize = (8ull << 30) + WasmPageSize;
/// Headroom the runtime leaves below StackLimit for host code and signals.
inline constexpr uint64_t StackHeadroom = 256 * 1024;

/// A function reference: what a funcref value points to and what a call through
/// an import or a table uses.
struct FuncRef {
  void *Code;      // native entry, called as Code(Ctx, args...)
  VMContext *Ctx;  // the vmctx Code expects
  uint32_t TypeId; // canonical, process-wide signature id
  /// The same function with the `tailcc` convention, which a return_call
  /// can jump to whatever the two signatures; set only for functions of a
  /// module that makes tail calls (docs/design.md, Tail calls), else null.
  void *TailCode;
};

/// An exception tag. Tags are compared by address: an imported tag is the
/// exporter's TagInstance.
struct TagInstance {
  uint32_t TypeId;    // canonical signature id of the tag's type
  uint32_t NumValues; // the type's parameters
  const char *Name;   // for messages: export or name-section name, or null
  uint32_t Index;     // in the defining module, for "tag[N]"
};

struct MemoryInstance {
  uint8_t *Base;      // never moves
  uint64_t SizeBytes; // current size; explicit bounds checks read this
  uint64_t Pages;
  uint64_t MaxPages;      // the declared maximum, or 65536
  uint64_t ReservedBytes; // address space reserved at Base
};

struct TableInstance {
  void **Elements; // FuncRef* for funcref tables, opaque for externref
  uint32_t Size;
  uint32_t Max;     // the declared maximum, or UINT32_MAX
  uint8_t ElemType; // ValType encoding (0x70 funcref, 0x6f externref)
};

/// One global's storage: scalars in the low bytes, v128 in all 16.
struct alignas(16) GlobalCell {
  uint8_t Bytes[16];
};

/// A thrown Wasm exception: a heap object (malloc) that C++ unwinding carries
/// (wasmaot_exception_throw) and compiled code's handlers receive
/// (wasmaot_exception_catch). Its values are in 16-byte slots after the
/// header. Where it was thrown names an uncaught one.
struct WasmException {
  const TagInstance *Tag;
  VMContext *ThrowerCtx;
  uint32_t FuncIndex;
  uint32_t WasmOffset;
  uint32_t NumValues;
  uint32_t Reserved;
  GlobalCell Values[1]; // NumValues of them (the allocation is sized so)
};

/// The C++ type info of what carries a WasmException through the unwinder
/// (wasmaot::WasmExceptionBox, defined in runtime-support/Exceptions.cpp):
/// the one type compiled code's landing pads catch.
inline constexpr const char *ExceptionTypeInfoSymbol =
    "_ZTIN7wasmaot16WasmExceptionBoxE";

/// The fixed header of every vmctx; the arrays described by VMContextLayout
/// follow it in the same allocation.
struct VMContext {
  uint8_t *MemoryBase;          // base of memory 0, or null
  MemoryInstance *Memory;       // memory 0, or null
  void *StackLimit;             // no call from a function entered below it
  Instance *Owner;              // the runtime's instance
  FuncRef **FuncRefs;           // one per function index, imports first
  TableInstance **Tables;       // one per table index, imports first
  uint32_t *TypeIds;            // canonical id of each module type index
  GlobalCell **ImportedGlobals; // one per imported global
  /// Non-zero once Instance::interrupt() asked the instance to stop: what
  /// host code (a WASI call that waits) looks at.
  uint32_t Interrupt;
  uint32_t Reserved;
  /// What code compiled with --interruptible loads a byte from at function
  /// entries and loop trips: a page of the instance's own, readable until
  /// Instance::interrupt() makes it inaccessible; the fault that the next
  /// load takes is turned into the Interrupted trap by the signal handler.
  const volatile uint8_t *InterruptPoll;
  /// One per memory index, imports first: how code reaches memories other
  /// than memory 0 (whose base and instance are the first two fields).
  MemoryInstance **Memories;
  /// One per tag index, imports first: a tag is its TagInstance's address.
  TagInstance **Tags;
};

/// Offsets, from the start of the vmctx, of the parts that follow the header.
struct VMContextLayout {
  uint64_t DefinedGlobalsOffset; // GlobalCell[NumDefinedGlobals]
  uint64_t TotalSize;

  static VMContextLayout compute(uint32_t NumDefinedGlobals) {
    VMContextLayout L;
    L.DefinedGlobalsOffset = (sizeof(VMContext) + alignof(GlobalCell) - 1) /
                             alignof(GlobalCell) * alignof(GlobalCell);
    L.TotalSize = L.DefinedGlobalsOffset +
                  uint64_t(NumDefinedGlobals) * sizeof(GlobalCell);
    return L;
  }
  uint64_t definedGlobalOffset(uint32_t DefinedIndex) const {
    return DefinedGlobalsOffset + uint64_t(DefinedIndex) * sizeof(GlobalCell);
  }
};

/// Why compiled code stopped. The numbers are part of the ABI between
/// lowering and the runtime.
enum class TrapKind : uint32_t {
  Unreachable = 0,
  IntegerDivideByZero = 1,
  IntegerOverflow = 2,
  InvalidConversionToInteger = 3,
  OutOfBoundsMemoryAccess = 4,
  OutOfBoundsTableAccess = 5,
  UndefinedElement = 6,
  UninitializedElement = 7,
  IndirectCallTypeMismatch = 8,
  CallStackExhausted = 9,
  NullReference = 10,
  OutOfBoundsDataSegment = 11,
  HostError = 12,
  Interrupted = 13,
  UnalignedAtomic = 14,
  ExpectedSharedMemory = 15,
  UncaughtException = 16,
};

/// The spec's wording for each trap kind (what assert_trap compares against).
inline const char *getTrapMessage(TrapKind K) {
  switch (K) {
  case TrapKind::Unreachable:
    return "unreachable";
  case TrapKind::IntegerDivideByZero:
    return "integer divide by zero";
  case TrapKind::IntegerOverflow:
    return "integer overflow";
  case TrapKind::InvalidConversionToInteger:
    return "invalid conversion to integer";
  case TrapKind::OutOfBoundsMemoryAccess:
    return "out of bounds memory access";
  case TrapKind::OutOfBoundsTableAccess:
    return "out of bounds table access";
  case TrapKind::UndefinedElement:
    return "undefined element";
  case TrapKind::UninitializedElement:
    return "uninitialized element";
  case TrapKind::IndirectCallTypeMismatch:
    return "indirect call type mismatch";
  case TrapKind::CallStackExhausted:
    return "call stack exhausted";
  case TrapKind::NullReference:
    return "null reference";
  case TrapKind::OutOfBoundsDataSegment:
    return "out of bounds memory access";
  case TrapKind::HostError:
    return "host error";
  case TrapKind::Interrupted:
    return "interrupted";
  case TrapKind::UnalignedAtomic:
    return "unaligned atomic";
  case TrapKind::ExpectedSharedMemory:
    return "expected shared memory";
  case TrapKind::UncaughtException:
    return "uncaught exception";
  }
  return "unknown trap";
}

} // namespace wasmaot

/// The helpers compiled code calls. All take the calling instance's vmctx.
/// Index arguments are module-level indices; FuncIndex/WasmOffset name the
/// trapping instruction for the message.
extern "C" {
[[noreturn]] void wasmaot_trap(wasmaot::VMContext *Ctx, uint32_t Kind,
                               uint32_t FuncIndex, uint32_t WasmOffset);
// Memory addresses and sizes are 64-bit for every memory (a 32-bit memory's
// are zero-extended), so that one helper serves memory32 and memory64.
int64_t wasmaot_memory_grow(wasmaot::VMContext *Ctx, uint32_t Memory,
                            uint64_t DeltaPages);
// Bulk operations return 0, or a TrapKind + 1 for the caller to trap with
// (so the trap message can name the Wasm function and offset).
uint32_t wasmaot_memory_fill(wasmaot::VMContext *Ctx, uint32_t Memory,
                             uint64_t Dst, uint32_t Value, uint64_t Len);
uint32_t wasmaot_memory_copy(wasmaot::VMContext *Ctx, uint32_t DstMemory,
                             uint32_t SrcMemory, uint64_t Dst, uint64_t Src,
                             uint64_t Len);
uint32_t wasmaot_memory_init(wasmaot::VMContext *Ctx, uint32_t Memory,
                             uint32_t Segment, uint64_t Dst, uint32_t Src,
                             uint32_t Len);
// Threads: Addr is the checked, aligned host address of the waited-on
// value in a shared memory. Wait returns 0 (woken by notify), 1 (the value
// was not Expected) or 2 (timed out; a negative timeout waits forever).
// Notify wakes at most Count waiters on Addr and returns how many.
uint32_t wasmaot_atomic_wait32(wasmaot::VMContext *Ctx, void *Addr,
                               uint32_t Expected, int64_t TimeoutNs);
uint32_t wasmaot_atomic_wait64(wasmaot::VMContext *Ctx, void *Addr,
                               uint64_t Expected, int64_t TimeoutNs);
uint32_t wasmaot_atomic_notify(wasmaot::VMContext *Ctx, void *Addr,
                               uint32_t Count);
// Exceptions (Exceptions.cpp). New makes an exception of tag Tag (a tag
// index of Ctx's module) thrown at FuncIndex/WasmOffset, whose values the
// caller then writes; Throw raises it as a C++ exception that compiled
// code's landing pads catch (by the type info ExceptionTypeInfoSymbol);
// Catch takes the exception out of what a landing pad received; Copy makes
// the one rethrow throws (the handler keeps its own); Free ends
// one that was handled; Uncaught (a trampoline's landing pad) turns one that
// reached the top of a call from the host into the UncaughtException trap.
wasmaot::WasmException *wasmaot_exception_new(wasmaot::VMContext *Ctx,
                                              uint32_t Tag, uint32_t FuncIndex,
                                              uint32_t WasmOffset);
[[noreturn]] void wasmaot_exception_throw(wasmaot::WasmException *E);
wasmaot::WasmException *wasmaot_exception_catch(void *Unwound);
wasmaot::WasmException *wasmaot_exception_copy(wasmaot::WasmException *E);
void wasmaot_exception_free(wasmaot::WasmException *E);
[[noreturn]] void wasmaot_exception_uncaught(void *Unwound);
void wasmaot_data_drop(wasmaot::VMContext *Ctx, uint32_t Segment);
// Table indices and lengths are 64-bit for every table (a 32-bit one's
// zero-extended), as memory addresses are.
int64_t wasmaot_table_grow(wasmaot::VMContext *Ctx, uint32_t Table, void *Init,
                           uint64_t Delta);
uint32_t wasmaot_table_fill(wasmaot::VMContext *Ctx, uint32_t Table,
                            uint64_t Dst, void *Value, uint64_t Len);
uint32_t wasmaot_table_copy(wasmaot::VMContext *Ctx, uint32_t DstTable,
                            uint32_t SrcTable, uint64_t Dst, uint64_t Src,
                            uint64_t Len);
uint32_t wasmaot_table_init(wasmaot::VMContext *Ctx, uint32_t Table,
                            uint32_t Segment, uint64_t Dst, uint32_t Src,
                            uint32_t Len);
void wasmaot_elem_drop(wasmaot::VMContext *Ctx, uint32_t Segment);
}

#endif
