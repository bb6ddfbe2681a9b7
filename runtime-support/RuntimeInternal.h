//===- RuntimeInternal.h - Shared between the runtime's own files ---------===//
//
// Not installed, not for compiled code: the registries the signal handler and
// the trap reports read.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_RUNTIME_INTERNAL_H
#define WASMAOT_RUNTIME_INTERNAL_H

#include "wasmaot/Runtime.h"

#include <cstdint>
#include <string>

namespace wasmaot::detail {

/// Address ranges whose faults in Wasm code are the trap Kind (a memory's
/// reservation: out of bounds; an instance's poll page: interrupted), read by
/// the fault handler without locks. Returns a slot, or -1 when the table is
/// full (the range then still works, but a fault in it is not recognised as
/// a Wasm trap).
int registerReservation(const void *Base, uint64_t Size,
                        TrapKind Kind = TrapKind::OutOfBoundsMemoryAccess);
void unregisterReservation(int Slot);

/// Modules whose code may be running, for mapping a faulting PC back to a Wasm
/// function. Reference-counted per descriptor (one per live instance).
void registerModule(const ModuleDescriptor &D);
void unregisterModule(const ModuleDescriptor &D);

/// Bytes a value of type T occupies in a slot or global cell.
inline size_t valueSize(ValType T) {
  switch (T) {
  case ValType::I32:
  case ValType::F32:
    return 4;
  case ValType::I64:
  case ValType::F64:
    return 8;
  case ValType::V128:
    return 16;
  default:
    return sizeof(void *);
  }
}

/// "name" or "func[N]" for a function index of D.
std::string describeFunction(const ModuleDescriptor &D, uint64_t FuncIndex);

/// Ends the current guarded call with a trap of Kind whose message is
/// Message, at the instruction WasmOffset of function FuncIndex of Inst (as
/// wasmaot_trap does, but for a site other than the caller's).
[[noreturn]] void raiseTrapAt(TrapKind Kind, const char *Message,
                              Instance *Inst, uint32_t FuncIndex,
                              uint32_t WasmOffset);

} // namespace wasmaot::detail

#endif
