//===- Memory.cpp - Linear memories, tables, host globals -----------------===//
//
// A memory's whole maximum is reserved up front (PROT_NONE) and never moves, so
// compiled code may keep MemoryBase in a register; growing only changes page
// protections. In guard mode the reservation is GuardReservationSize, so that
// every zext(i32) + offset access lands inside it and faults when out of
// bounds.
//
//===----------------------------------------------------------------------===//
#include "RuntimeInternal.h"

#include <cstdlib>
#include <cstring>
#include <sys/mman.h>

using namespace wasmaot;

//===----------------------------------------------------------------------===//
// MemoryObject
//===----------------------------------------------------------------------===//

/// 65536 pages of 64 KiB: the whole 32-bit address space; 2^48 the 64-bit.
static constexpr uint64_t MaxMemoryPages = 65536;
static constexpr uint64_t MaxMemory64Pages = uint64_t(1) << 48;

std::unique_ptr<MemoryObject>
MemoryObject::create(uint64_t MinPages, uint64_t MaxPages, bool HasMax,
                     BoundsChecks Mode, uint64_t Flags) {
  bool Is64 = Flags & MemoryIs64;
  uint64_t Limit = Is64 ? MaxMemory64Pages : MaxMemoryPages;
  uint64_t Max = HasMax ? std::min(MaxPages, Limit) : Limit;
  if (MinPages > Max)
    return nullptr;
  // A 64-bit memory's accesses are always checked: it needs no guard
  // region, but its maximum may exceed any address space.
  uint64_t Reserve;
  if (Is64)
    Reserve =
        std::max<uint64_t>(std::min(Max, Max64ReservedPages), 1) * WasmPageSize;
  else if (Mode == BoundsChecks::Guard)
    Reserve = GuardReservationSize;
  else
    Reserve = std::max<uint64_t>(Max, 1) * WasmPageSize;
  if (MinPages * WasmPageSize > Reserve)
    return nullptr;
  // MAP_NORESERVE: the reservation is address space, not commitment.
  void *Base = mmap(nullptr, Reserve, PROT_NONE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (Base == MAP_FAILED)
    return nullptr;
  uint64_t Bytes = MinPages * WasmPageSize;
  if (Bytes && mprotect(Base, Bytes, PROT_READ | PROT_WRITE) != 0) {
    munmap(Base, Reserve);
    return nullptr;
  }
  std::unique_ptr<MemoryObject> M(new MemoryObject);
  M->MI.Base = static_cast<uint8_t *>(Base);
  M->MI.SizeBytes = Bytes;
  M->MI.Pages = MinPages;
  M->MI.MaxPages = Max;
  M->MI.ReservedBytes = Reserve;
  M->HasMax = HasMax;
  M->Flags = Flags;
  M->RegistrySlot = detail::registerReservation(Base, Reserve);
  return M;
}

MemoryObject::~MemoryObject() {
  detail::unregisterReservation(RegistrySlot);
  if (MI.Base)
    munmap(MI.Base, MI.ReservedBytes);
}

int64_t MemoryObject::grow(uint64_t DeltaPages) {
  // Compiled code on other threads reads SizeBytes and Pages of a shared
  // memory meanwhile (unordered atomic loads): they are only ever stored
  // whole, after the pages are accessible.
  std::unique_lock<std::mutex> Lock(GrowLock, std::defer_lock);
  if (isShared())
    Lock.lock();
  uint64_t Old = MI.Pages;
  if (DeltaPages > MI.MaxPages - Old)
    return -1;
  // Pages, not bytes: 2^48 pages of a 64-bit memory would wrap in bytes.
  if (Old + DeltaPages > MI.ReservedBytes / WasmPageSize)
    return -1;
  uint64_t NewBytes = (Old + DeltaPages) * WasmPageSize;
  if (DeltaPages && mprotect(MI.Base + MI.SizeBytes, DeltaPages * WasmPageSize,
                             PROT_READ | PROT_WRITE) != 0)
    return -1; // out of memory (overcommit limits): grow fails, no trap
  __atomic_store_n(&MI.Pages, Old + DeltaPages, __ATOMIC_RELEASE);
  __atomic_store_n(&MI.SizeBytes, NewBytes, __ATOMIC_RELEASE);
  return int64_t(Old);
}

void MemoryObject::limit(uint64_t MaxPages) {
  MI.MaxPages = std::min(MI.MaxPages, MaxPages);
}

bool MemoryObject::reset(uint64_t Pages) {
  uint64_t Used = MI.SizeBytes;
  uint64_t Keep = Pages * WasmPageSize;
  if (Keep > Used)
    return false; // only ever shrinks back to the minimum
  uint64_t Zeroed = std::min(Used, ResetZeroBytes);
  memset(MI.Base, 0, Zeroed);
  if (Used > Zeroed &&
      madvise(MI.Base + Zeroed, Used - Zeroed, MADV_DONTNEED) != 0)
    return false;
  if (Used > Keep && mprotect(MI.Base + Keep, Used - Keep, PROT_NONE) != 0)
    return false;
  MI.SizeBytes = Keep;
  MI.Pages = Pages;
  return true;
}

MemoryObject *MemoryObject::fromInstance(MemoryInstance *MI) {
  static_assert(std::is_standard_layout_v<MemoryInstance>);
  // MI is the first member of every MemoryObject.
  return reinterpret_cast<MemoryObject *>(MI);
}

//===----------------------------------------------------------------------===//
// TableObject
//===----------------------------------------------------------------------===//

std::unique_ptr<TableObject> TableObject::create(ValType ElemType, uint64_t Min,
                                                 uint64_t Max, bool HasMax,
                                                 void *Init, uint64_t Flags) {
  if (Min > MaxTableElements || (HasMax && Min > Max))
    return nullptr;
  // Never a null Elements, so compiled code need not care about size 0.
  void **Elems =
      static_cast<void **>(calloc(std::max<uint64_t>(Min, 1), sizeof(void *)));
  if (!Elems)
    return nullptr;
  for (uint64_t I = 0; I < Min; ++I)
    Elems[I] = Init;
  std::unique_ptr<TableObject> T(new TableObject);
  T->TI.Elements = Elems;
  T->TI.Size = uint32_t(Min);
  T->TI.Max =
      HasMax ? uint32_t(std::min<uint64_t>(Max, UINT32_MAX)) : UINT32_MAX;
  T->TI.ElemType = uint8_t(ElemType);
  T->HasMax = HasMax;
  T->Flags = Flags;
  return T;
}

TableObject::~TableObject() { free(TI.Elements); }

int64_t TableObject::grow(uint64_t Delta, void *Init) {
  uint32_t Old = TI.Size;
  if (Delta > MaxTableElements)
    return -1;
  uint64_t New = uint64_t(Old) + Delta;
  if (New > TI.Max || New > MaxTableElements)
    return -1;
  if (Delta == 0)
    return Old;
  void **Elems =
      static_cast<void **>(realloc(TI.Elements, New * sizeof(void *)));
  if (!Elems)
    return -1;
  for (uint64_t I = Old; I < New; ++I)
    Elems[I] = Init;
  TI.Elements = Elems;
  TI.Size = uint32_t(New);
  return Old;
}

void TableObject::reset(uint32_t Size, void *Init) {
  // Elements keeps its capacity: a later grow reallocates as needed.
  TI.Size = std::min(TI.Size, Size);
  for (uint32_t I = 0; I < TI.Size; ++I)
    TI.Elements[I] = Init;
}

TableObject *TableObject::fromInstance(TableInstance *TI) {
  static_assert(std::is_standard_layout_v<TableInstance>);
  return reinterpret_cast<TableObject *>(TI);
}

//===----------------------------------------------------------------------===//
// Globals
//===----------------------------------------------------------------------===//

HostGlobal::HostGlobal(ValType Type, bool Mutable, const Value &Init)
    : Type(Type), Mutable(Mutable) {
  writeGlobal(&Cell, Init);
}

Value wasmaot::readGlobal(const GlobalCell *Cell, ValType Type) {
  Value V;
  V.Type = Type;
  std::memcpy(V.Bytes, Cell->Bytes, detail::valueSize(Type));
  return V;
}

void wasmaot::writeGlobal(GlobalCell *Cell, const Value &V) {
  std::memcpy(Cell->Bytes, V.Bytes, 16);
}
