//===- Helpers.cpp - The functions compiled code calls --------------------===//
//
// Bulk memory and table operations with the spec's bounds rules: the whole
// range is checked before anything is written (so a failing operation has no
// effect), a zero-length operation at exactly the end is fine, and overlapping
// copies behave like memmove. They return 0 or TrapKind + 1; the compiled
// caller then traps itself, so the message names the Wasm function and
// offset.
//
//===----------------------------------------------------------------------===//
#include "RuntimeInternal.h"

#include <cstring>

using namespace wasmaot;

namespace {
constexpr uint32_t OobMemory = uint32_t(TrapKind::OutOfBoundsMemoryAccess) + 1;
constexpr uint32_t OobTable = uint32_t(TrapKind::OutOfBoundsTableAccess) + 1;

/// Start + Len fits in Size, without wrapping (64-bit memories' operands
/// are full 64-bit values).
bool inBounds(uint64_t Start, uint64_t Len, uint64_t Size) {
  uint64_t End;
  return !__builtin_add_overflow(Start, Len, &End) && End <= Size;
}

MemoryInstance *getMemory(VMContext *Ctx, uint32_t Index) {
  // Memory 0 from the header: one load, as compiled code does.
  return Index == 0 ? Ctx->Memory : Ctx->Memories[Index];
}
} // namespace

extern "C" {

int64_t wasmaot_memory_grow(VMContext *Ctx, uint32_t Memory,
                            uint64_t DeltaPages) {
  return Ctx->Owner->memory(Memory)->grow(DeltaPages);
}

uint32_t wasmaot_memory_fill(VMContext *Ctx, uint32_t Memory, uint64_t Dst,
                             uint32_t Value, uint64_t Len) {
  MemoryInstance *M = getMemory(Ctx, Memory);
  if (!inBounds(Dst, Len, M->SizeBytes))
    return OobMemory;
  memset(M->Base + Dst, int(Value & 0xff), Len);
  return 0;
}

uint32_t wasmaot_memory_copy(VMContext *Ctx, uint32_t DstMemory,
                             uint32_t SrcMemory, uint64_t Dst, uint64_t Src,
                             uint64_t Len) {
  MemoryInstance *D = getMemory(Ctx, DstMemory);
  MemoryInstance *S = getMemory(Ctx, SrcMemory);
  if (!inBounds(Dst, Len, D->SizeBytes) || !inBounds(Src, Len, S->SizeBytes))
    return OobMemory;
  memmove(D->Base + Dst, S->Base + Src, Len);
  return 0;
}

uint32_t wasmaot_memory_init(VMContext *Ctx, uint32_t Memory, uint32_t Segment,
                             uint64_t Dst, uint32_t Src, uint32_t Len) {
  Instance *I = Ctx->Owner;
  MemoryInstance *M = getMemory(Ctx, Memory);
  // A dropped segment has size 0: only a zero-length init at 0 succeeds.
  if (!inBounds(Src, Len, I->dataSegmentSize(Segment)) ||
      !inBounds(Dst, Len, M->SizeBytes))
    return OobMemory;
  if (Len)
    memcpy(M->Base + Dst, I->descriptor().Datas[Segment].Bytes + Src, Len);
  return 0;
}

void wasmaot_data_drop(VMContext *Ctx, uint32_t Segment) {
  Ctx->Owner->dropData(Segment);
}

int64_t wasmaot_table_grow(VMContext *Ctx, uint32_t Table, void *Init,
                           uint64_t Delta) {
  return Ctx->Owner->table(Table)->grow(Delta, Init);
}

uint32_t wasmaot_table_fill(VMContext *Ctx, uint32_t Table, uint64_t Dst,
                            void *Value, uint64_t Len) {
  TableInstance *T = Ctx->Tables[Table];
  if (!inBounds(Dst, Len, T->Size))
    return OobTable;
  for (uint64_t I = 0; I < Len; ++I)
    T->Elements[Dst + I] = Value;
  return 0;
}

uint32_t wasmaot_table_copy(VMContext *Ctx, uint32_t DstTable,
                            uint32_t SrcTable, uint64_t Dst, uint64_t Src,
                            uint64_t Len) {
  TableInstance *D = Ctx->Tables[DstTable];
  TableInstance *S = Ctx->Tables[SrcTable];
  if (!inBounds(Dst, Len, D->Size) || !inBounds(Src, Len, S->Size))
    return OobTable;
  memmove(D->Elements + Dst, S->Elements + Src, size_t(Len) * sizeof(void *));
  return 0;
}

uint32_t wasmaot_table_init(VMContext *Ctx, uint32_t Table, uint32_t Segment,
                            uint64_t Dst, uint32_t Src, uint32_t Len) {
  TableInstance *T = Ctx->Tables[Table];
  const std::vector<void *> &Seg = Ctx->Owner->elemSegment(Segment);
  if (!inBounds(Src, Len, Seg.size()) || !inBounds(Dst, Len, T->Size))
    return OobTable;
  if (Len)
    memcpy(T->Elements + Dst, Seg.data() + Src, size_t(Len) * sizeof(void *));
  return 0;
}

void wasmaot_elem_drop(VMContext *Ctx, uint32_t Segment) {
  std::vector<void *> &Seg = Ctx->Owner->elemSegment(Segment);
  Seg.clear();
  Seg.shrink_to_fit();
}

} // extern "C"
