//===- Runtime.h - Instantiate and run compiled modules -------------------===//
//
// The runtime's API, used by the executable's main
// (wasi-libhost/CommandMain.cpp), by the spec test runner (dlopen'ed modules,
// `register`, assert_trap, ...), and later by the HTTP server (many instances
// on many threads). No exceptions cross it: every operation that can fail
// returns a result object.
//
// Lifetimes: an instance borrows whatever it imports. The provider of an import
// (another Instance, a HostMemory, a HostTable, a HostGlobal, the code of a
// host function, the loaded object a descriptor lives in) must outlive every
// instance that imports it. An instance whose instantiation trapped is still
// returned: its functions may already sit in an imported table.
//
// Threads: distinct instances may be used on distinct threads at once; one
// instance is used by one thread at a time.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_RUNTIME_H
#define WASMAOT_RUNTIME_H

#include "frontend/Module.h" // ValType, ExternKind (header-only enums)
#include "wasmaot/ModuleDescriptor.h"
#include "wasmaot/VMContext.h"

#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

namespace wasmaot {

//===----------------------------------------------------------------------===//
// Values and signatures
//===----------------------------------------------------------------------===//

/// A Wasm value as the runtime passes it around: the type plus 16 bytes.
/// Floats are kept as raw bits so NaN payloads survive.
struct Value {
  ValType Type = ValType::I32;
  alignas(16) uint8_t Bytes[16] = {};

  static Value i32(uint32_t V) { return make(ValType::I32, &V, 4); }
  static Value i64(uint64_t V) { return make(ValType::I64, &V, 8); }
  static Value f32Bits(uint32_t V) { return make(ValType::F32, &V, 4); }
  static Value f64Bits(uint64_t V) { return make(ValType::F64, &V, 8); }
  static Value f32(float V) { return make(ValType::F32, &V, 4); }
  static Value f64(double V) { return make(ValType::F64, &V, 8); }
  static Value v128(const uint8_t (&V)[16]) {
    return make(ValType::V128, V, 16);
  }
  /// A funcref (a FuncRef*, null for ref.null func) or an externref.
  static Value ref(ValType RefType, const void *P) {
    return make(RefType, &P, sizeof(P));
  }

  uint32_t asI32() const { return get<uint32_t>(); }
  uint64_t asI64() const { return get<uint64_t>(); }
  uint32_t asF32Bits() const { return get<uint32_t>(); }
  uint64_t asF64Bits() const { return get<uint64_t>(); }
  float asF32() const { return get<float>(); }
  double asF64() const { return get<double>(); }
  void *asRef() const { return get<void *>(); }

private:
  static Value make(ValType T, const void *P, size_t N) {
    Value V;
    V.Type = T;
    std::memcpy(V.Bytes, P, N);
    return V;
  }
  template <typename T> T get() const {
    T R;
    std::memcpy(&R, Bytes, sizeof(T));
    return R;
  }
};

/// A function signature.
struct FuncSig {
  std::vector<ValType> Params;
  std::vector<ValType> Results;
  bool operator==(const FuncSig &) const = default;
};

/// Interns a signature to its canonical, process-wide id (what FuncRef::TypeId
/// and vmctx->TypeIds hold, so call_indirect across modules compares ids).
/// Ids start at 1; 0 is never a valid id. Thread-safe.
uint32_t internFuncType(const FuncSig &Sig);
uint32_t internFuncType(const DescFuncType &Type);
/// The signature of a canonical id (the reference stays valid forever).
const FuncSig &getFuncSig(uint32_t TypeId);

//===----------------------------------------------------------------------===//
// Traps and guarded execution
//===----------------------------------------------------------------------===//

/// A trap, ready for assert_trap (Message) and for the one-line report
/// (toString()).
struct Trap {
  TrapKind Kind = TrapKind::Unreachable;
  /// The spec's wording (getTrapMessage), or a host function's own message.
  std::string Message;
  /// The name-section name of the trapping function, or "func[N]"; empty when
  /// unknown (a trap raised by host code outside any Wasm function).
  std::string Function;
  /// Byte offset in the Wasm file: of the trapping instruction, or (for
  /// signal-based traps) of the body of the function containing the PC.
  uint64_t Offset = 0;

  /// "KIND in FUNCTION+0xOFFSET" (without the "wasmaot: trap: " prefix).
  std::string toString() const;
};

/// How a guarded call ended.
struct Outcome {
  enum class Status { Returned, Trapped, Exited };
  Status S = Status::Returned;
  Trap T;                // Trapped
  uint32_t ExitCode = 0; // Exited (proc_exit)

  bool returned() const { return S == Status::Returned; }
  bool trapped() const { return S == Status::Trapped; }
  bool exited() const { return S == Status::Exited; }
};

/// Runs Fn(Data) with a trap scope on this thread: a trap (wasmaot_trap, an
/// out-of-bounds or stack-overflow fault in Wasm code, a host trap) or a guest
/// exit unwinds back here with siglongjmp. Ctx, when not null, gets its
/// StackLimit set for this thread. Nested calls are fine (a host function may
/// call back into Wasm). Because the unwinding is a longjmp, host code between
/// the scope and the trap must not own resources (no live std::string, no
/// held lock) across a call that may trap.
using GuardedFn = void (*)(void *Data);
Outcome runGuarded(VMContext *Ctx, GuardedFn Fn, void *Data);
template <typename F> Outcome runGuarded(VMContext *Ctx, F &&Fn) {
  using FT = std::remove_reference_t<F>;
  return runGuarded(
      Ctx, [](void *D) { (*static_cast<FT *>(D))(); },
      const_cast<void *>(static_cast<const void *>(&Fn)));
}

/// Raise a trap from host code running under runGuarded (e.g. a WASI function
/// called from Wasm). Message is copied (truncated at 255 bytes); null means
/// the spec wording of Kind. Outside any scope, prints and aborts.
[[noreturn]] void raiseTrap(TrapKind Kind, const char *Message);
/// End the guest with an exit code (proc_exit): unwinds to runGuarded, which
/// returns Outcome::Status::Exited. Outside any scope, calls exit(Code).
[[noreturn]] void exitGuest(uint32_t Code);

/// Installs the SIGSEGV/SIGBUS handler (once per process) and this thread's
/// alternate signal stack. runGuarded and Instance::create call it; calling it
/// early is harmless.
void installTrapHandlers();

/// The lowest stack address Wasm code may use on this thread (thread stack
/// bottom + StackHeadroom).
void *getThreadStackLimit();

//===----------------------------------------------------------------------===//
// Memories, tables, globals
//===----------------------------------------------------------------------===//

/// A linear memory: a MemoryInstance plus its reservation. Created by an
/// instance for each memory it defines, or by a host (spectest) to be imported.
class MemoryObject {
public:
  /// Reserves the address space (GuardReservationSize when Guard, else the
  /// maximum) and makes MinPages read-write. Flags (DescMemoryFlags): a
  /// 64-bit memory (always explicitly checked) reserves its maximum, at most
  /// Max64ReservedPages; a shared one may grow while other threads run.
  /// Null when the system refuses or MinPages > the maximum.
  static std::unique_ptr<MemoryObject>
  create(uint64_t MinPages, uint64_t MaxPages, bool HasMax,
         BoundsChecks Mode = BoundsChecks::Guard, uint64_t Flags = 0);
  /// 64 GiB: what a 64-bit memory can grow to here.
  static constexpr uint64_t Max64ReservedPages = uint64_t(1) << 20;
  ~MemoryObject();
  MemoryObject(const MemoryObject &) = delete;
  MemoryObject &operator=(const MemoryObject &) = delete;

  /// Returns the old size in pages, or -1 (beyond the maximum, or no memory).
  /// Safe to call from several threads at once on a shared memory.
  int64_t grow(uint64_t DeltaPages);
  /// Lowers the maximum to MaxPages (a host's limit): grow beyond it fails,
  /// as when the module declares it.
  void limit(uint64_t MaxPages);
  /// All zeros again and Pages long, in the same reservation (for an
  /// instance used again): the first ResetZeroBytes are cleared with memset
  /// (those pages stay mapped and warm), the rest given back with
  /// madvise(MADV_DONTNEED) (zero pages when next touched); pages above
  /// Pages become inaccessible. False if the system refuses.
  bool reset(uint64_t Pages);
  static constexpr uint64_t ResetZeroBytes = 256 * 1024;

  MemoryInstance *instance() { return &MI; }
  uint8_t *base() const { return MI.Base; }
  uint64_t sizeBytes() const { return MI.SizeBytes; }
  uint64_t pages() const { return MI.Pages; }
  bool hasMax() const { return HasMax; }
  uint64_t flags() const { return Flags; }
  bool isShared() const { return Flags & MemoryShared; }
  /// Whether compiled code relying on guard pages may use this memory.
  bool isGuardReserved() const {
    return MI.ReservedBytes >= GuardReservationSize;
  }

  /// The MemoryObject that owns MI (every MemoryInstance is created by one).
  static MemoryObject *fromInstance(MemoryInstance *MI);

private:
  MemoryObject() = default;
  MemoryInstance MI = {}; // first: fromInstance relies on it
  bool HasMax = false;
  uint64_t Flags = 0; // DescMemoryFlags
  int RegistrySlot = -1;
  std::mutex GrowLock; // shared memories: one grow at a time
};

/// A table: a TableInstance whose Elements grow by reallocation.
class TableObject {
public:
  /// Null when Min is beyond the implementation limit or allocation fails.
  /// Flags: MemoryIs64 for a table64 (i64 indices; the same storage).
  static std::unique_ptr<TableObject> create(ValType ElemType, uint64_t Min,
                                             uint64_t Max, bool HasMax,
                                             void *Init = nullptr,
                                             uint64_t Flags = 0);
  ~TableObject();
  TableObject(const TableObject &) = delete;
  TableObject &operator=(const TableObject &) = delete;

  /// Returns the old size, or -1.
  int64_t grow(uint64_t Delta, void *Init);
  /// Size elements again (not more than now), each Init.
  void reset(uint32_t Size, void *Init);

  TableInstance *instance() { return &TI; }
  ValType elemType() const { return ValType(TI.ElemType); }
  uint32_t size() const { return TI.Size; }
  bool hasMax() const { return HasMax; }
  uint64_t flags() const { return Flags; }
  void *get(uint32_t I) const { return TI.Elements[I]; }
  void set(uint32_t I, void *V) { TI.Elements[I] = V; }

  static TableObject *fromInstance(TableInstance *TI);

private:
  TableObject() = default;
  TableInstance TI = {}; // first: fromInstance relies on it
  bool HasMax = false;
  uint64_t Flags = 0;
};

/// The largest table the runtime will allocate (table.grow beyond it fails).
inline constexpr uint32_t MaxTableElements = 10'000'000;

/// A global owned by the host (spectest's globals).
class HostGlobal {
public:
  HostGlobal(ValType Type, bool Mutable, const Value &Init);
  GlobalCell *cell() { return &Cell; }
  ValType type() const { return Type; }
  bool isMutable() const { return Mutable; }

private:
  GlobalCell Cell = {};
  ValType Type;
  bool Mutable;
};

/// Reads/writes a global cell as a Value of the given type.
Value readGlobal(const GlobalCell *Cell, ValType Type);
void writeGlobal(GlobalCell *Cell, const Value &V);

//===----------------------------------------------------------------------===//
// Extern values and imports
//===----------------------------------------------------------------------===//

/// What an export is, and what an import is satisfied with.
struct ExternVal {
  ExternKind Kind = ExternKind::Func;

  // Func: either an instance's FuncRef (Func), or a host function (HostCode),
  // for which each importing instance makes a FuncRef whose Ctx is its own
  // vmctx. Either way TypeId is the canonical signature id.
  const FuncRef *Func = nullptr;
  void *HostCode = nullptr;
  /// When set, HostCode is called with this as its first argument instead of
  /// the importer's vmctx (an embedding host's record of its functions).
  void *HostCtx = nullptr;
  uint32_t TypeId = 0;

  TableObject *Table = nullptr;
  MemoryObject *Memory = nullptr;
  TagInstance *Tag = nullptr; // Tag: TypeId is its type's

  GlobalCell *Global = nullptr;
  ValType GlobalType = ValType::I32;
  bool GlobalMutable = false;

  static ExternVal func(const FuncRef *F) {
    ExternVal E;
    E.Kind = ExternKind::Func;
    E.Func = F;
    E.TypeId = F->TypeId;
    return E;
  }
  /// A host function: Code is called as Code(VMContext *importer, args...)
  /// with the C calling convention and the Wasm types as in design.md
  /// (i32 -> int32_t, i64 -> int64_t, f32 -> float, f64 -> double, refs ->
  /// pointers, multiple results -> a struct).
  static ExternVal hostFunc(void *Code, const FuncSig &Sig) {
    ExternVal E;
    E.Kind = ExternKind::Func;
    E.HostCode = Code;
    E.TypeId = internFuncType(Sig);
    return E;
  }
  static ExternVal tag(TagInstance *T) {
    ExternVal E;
    E.Kind = ExternKind::Tag;
    E.Tag = T;
    E.TypeId = T->TypeId;
    return E;
  }
  static ExternVal table(TableObject *T) {
    ExternVal E;
    E.Kind = ExternKind::Table;
    E.Table = T;
    return E;
  }
  static ExternVal memory(MemoryObject *M) {
    ExternVal E;
    E.Kind = ExternKind::Memory;
    E.Memory = M;
    return E;
  }
  static ExternVal global(GlobalCell *Cell, ValType Type, bool Mutable) {
    ExternVal E;
    E.Kind = ExternKind::Global;
    E.Global = Cell;
    E.GlobalType = Type;
    E.GlobalMutable = Mutable;
    return E;
  }
  static ExternVal global(HostGlobal &G) {
    return global(G.cell(), G.type(), G.isMutable());
  }
};

/// Supplies imports by name. The instance checks the kind and type of what is
/// returned ("incompatible import type"); returning false means "unknown
/// import".
class ImportResolver {
public:
  virtual ~ImportResolver();
  /// Importer is the instance being created (a host may attach its state to it
  /// with Instance::setHostContext).
  virtual bool resolve(Instance &Importer, std::string_view Module,
                       std::string_view Field, ExternKind Kind,
                       ExternVal &Out) = 0;
};

/// A name table of extern values (spectest, `register`ed instances), falling
/// back to other resolvers in order.
class ImportMap : public ImportResolver {
public:
  void define(std::string_view Module, std::string_view Field,
              const ExternVal &V);
  /// Defines every export of Inst under module name Module (spec `register`).
  void defineInstance(std::string_view Module, Instance &Inst);
  void addFallback(ImportResolver *R) { Fallbacks.push_back(R); }

  bool resolve(Instance &Importer, std::string_view Module,
               std::string_view Field, ExternKind Kind,
               ExternVal &Out) override;

private:
  std::unordered_map<std::string, ExternVal> Map; // "module\0field"
  std::vector<ImportResolver *> Fallbacks;
};

//===----------------------------------------------------------------------===//
// Instances
//===----------------------------------------------------------------------===//

class Instance;

struct InstantiateResult {
  enum class Status {
    Ok,
    /// An import is missing or of the wrong type (assert_unlinkable). No
    /// instance exists and nothing was modified. Message starts with
    /// "unknown import" or "incompatible import type".
    LinkError,
    /// An element/data segment or the start function trapped
    /// (assert_uninstantiable). Inst is still set: what it wrote into
    /// imported tables and memories stays, and may refer to it.
    Trapped,
    /// The start function called proc_exit. Inst is set.
    Exited,
    /// Resource exhaustion or a malformed descriptor. No instance.
    Error,
  };
  Status S = Status::Error;
  std::unique_ptr<Instance> Inst;
  std::string Message; // LinkError, Error
  Trap T;              // Trapped
  uint32_t ExitCode = 0;

  bool ok() const { return S == Status::Ok; }
};

struct InvokeResult {
  enum class Status {
    Ok,
    Trapped,
    Exited,
    /// No such export, not a function, wrong arguments, no trampoline.
    Error,
  };
  Status S = Status::Error;
  std::vector<Value> Results;
  Trap T;
  uint32_t ExitCode = 0;
  std::string Message; // Error

  bool ok() const { return S == Status::Ok; }
  bool trapped() const { return S == Status::Trapped; }
};

class Instance;

/// Lets another thread stop an instance that may not exist yet, or not any
/// more: a watchdog started before instantiation holds one. A request made
/// before the instance attaches takes effect when it does (before its start
/// function runs); one made after it is gone does nothing. Safe from any
/// thread.
class InterruptHandle {
public:
  void interrupt();
  bool isRequested() const;

private:
  friend class Instance;
  void attach(Instance &I);
  void detach(Instance &I);

  mutable std::mutex M;
  Instance *Target = nullptr;
  bool Requested = false;
};

/// What a host allows one instance (the server's --max-memory), and how it
/// may stop it (run --timeout).
struct InstanceLimits {
  /// Every memory the instance defines gets at most this many pages: one
  /// whose minimum is larger fails to instantiate (Error), memory.grow
  /// beyond it returns -1.
  uint64_t MaxMemoryPages = UINT64_MAX;
  /// The handle through which a host thread interrupts this instance, from
  /// the moment its poll page exists (so a start function that never
  /// returns can be stopped) to its destruction. Null: none.
  InterruptHandle *Interrupts = nullptr;
};

class Instance {
public:
  /// Resolves the imports, allocates everything, applies the active element
  /// then data segments, and runs the start function (under runGuarded).
  static InstantiateResult create(const ModuleDescriptor &D,
                                  ImportResolver &Imports,
                                  const InstanceLimits &Limits = {});

  /// Whether reset() can bring this instance back: it imports nothing but
  /// functions (imported memories, tables and globals are someone else's
  /// state).
  bool canReset() const;
  /// Makes the instance as create() left it, without allocating or mapping
  /// anything: memories zeroed and shrunk to their minimum
  /// (MemoryObject::reset), tables to their minimum of nulls, globals, data
  /// and element segments from the descriptor again, the interrupt flag
  /// cleared, then the segments applied and the start function run, as at
  /// creation. The result is create()'s without Inst (Ok, Trapped, Exited,
  /// or Error). Host contexts are left to their hosts (WASI:
  /// WasiContext::reset).
  InstantiateResult reset();
  ~Instance();
  Instance(const Instance &) = delete;
  Instance &operator=(const Instance &) = delete;

  const ModuleDescriptor &descriptor() const { return Desc; }
  VMContext *vmctx() const { return Ctx; }

  /// An export by name; false when there is none.
  bool getExport(std::string_view Name, ExternVal &Out) const;
  /// The export's value; Kind is checked. Null/false when absent.
  const FuncRef *getExportedFunc(std::string_view Name) const;

  /// Calls an exported function (or any FuncRef whose signature this module
  /// has a trampoline for) under runGuarded. Arguments are checked against
  /// the signature.
  InvokeResult invoke(std::string_view ExportName,
                      std::span<const Value> Args = {});
  InvokeResult invoke(const FuncRef *F, std::span<const Value> Args = {});

  /// Module-level indices (imports first).
  const FuncRef *func(uint32_t Index) const { return Ctx->FuncRefs[Index]; }
  MemoryObject *memory(uint32_t Index) const { return Memories[Index]; }
  TableObject *table(uint32_t Index) const { return Tables[Index]; }
  uint32_t numMemories() const { return uint32_t(Memories.size()); }
  uint32_t numTables() const { return uint32_t(Tables.size()); }
  GlobalCell *globalCell(uint32_t Index) const;
  ValType globalType(uint32_t Index) const;
  bool globalMutable(uint32_t Index) const;
  uint32_t funcTypeIndex(uint32_t FuncIndex) const;

  /// "name" from the name section, or "func[N]".
  std::string funcName(uint32_t FuncIndex) const;

  /// Asks the instance's running code to stop: code compiled with
  /// --interruptible traps with TrapKind::Interrupted at its next function
  /// entry or loop trip (its poll page becomes inaccessible; other code
  /// never looks), and WASI calls that wait return with that trap. Safe from
  /// any thread. Stays so until clearInterrupt().
  void interrupt();
  void clearInterrupt();
  bool isInterrupted() const {
    return __atomic_load_n(&Ctx->Interrupt, __ATOMIC_RELAXED) != 0;
  }
  /// Whether the module was compiled with --interruptible.
  bool isInterruptible() const { return Desc.Interruptible != 0; }

  /// Per-instance state of host modules (WASI keeps its fd table here).
  void setHostContext(const void *Key, void *Value);
  void *getHostContext(const void *Key) const;

  // Used by the helpers in Instance.cpp (wasmaot_memory_init etc.).
  uint64_t dataSegmentSize(uint32_t Seg) const { return DataSizes[Seg]; }
  void dropData(uint32_t Seg) { DataSizes[Seg] = 0; }
  std::vector<void *> &elemSegment(uint32_t Seg) { return ElemValues[Seg]; }

private:
  explicit Instance(const ModuleDescriptor &D) : Desc(D) {}
  bool link(ImportResolver &Imports, std::string &Error);
  bool allocate(const InstanceLimits &Limits, std::string &Error);
  /// The page --interruptible code polls (VMContext::InterruptPoll).
  bool mapPollPage();
  /// Applies the segments and runs the start function, into R.S (create and
  /// reset share it).
  void initialize(InstantiateResult &R);
  void initGlobals();
  void evaluateElems();
  bool evalConst(const DescConstExpr &E, GlobalCell &Out) const;
  bool evalExtendedConst(const DescConstExpr &E, GlobalCell &Out) const;
  bool applySegments(Trap &T);
  ArrayTrampoline findTrampoline(uint32_t TypeId) const;

  const ModuleDescriptor &Desc;
  VMContext *Ctx = nullptr;
  void *CtxAllocation = nullptr;
  bool Registered = false;
  std::vector<FuncRef *> FuncRefPtrs;            // vmctx->FuncRefs
  std::unique_ptr<FuncRef[]> FuncRefStorage;     // defined and host functions
  std::vector<uint32_t> FuncTypeIndices;         // module type index per func
  std::vector<uint32_t> TypeIdArray;             // vmctx->TypeIds
  std::vector<TableObject *> Tables;             // imports first
  std::vector<TableInstance *> TableInstances;   // vmctx->Tables
  std::vector<MemoryInstance *> MemoryInstances; // vmctx->Memories
  std::vector<TagInstance *> Tags;               // vmctx->Tags, imports first
  std::vector<std::unique_ptr<TagInstance>> OwnedTags;
  std::vector<std::unique_ptr<TableObject>> OwnedTables;
  std::vector<MemoryObject *> Memories; // imports first
  std::vector<std::unique_ptr<MemoryObject>> OwnedMemories;
  std::vector<GlobalCell *> ImportedGlobalPtrs; // vmctx->ImportedGlobals
  std::vector<ValType> ImportedGlobalTypes;
  std::vector<bool> ImportedGlobalMutable;
  std::vector<uint64_t> DataSizes;             // 0 once dropped
  std::vector<std::vector<void *>> ElemValues; // empty once dropped
  std::unordered_map<std::string_view, uint32_t> ExportIndex;
  std::vector<std::pair<const void *, void *>> HostContexts;
  void *PollPage = nullptr; // mapped for an interruptible module
  int PollSlot = -1;        // its slot in the fault handler's registry
  InterruptHandle *Interrupts = nullptr; // attached from create to ~Instance
};

//===----------------------------------------------------------------------===//
// Library mode
//===----------------------------------------------------------------------===//

/// Loads a module compiled into a shared library (RTLD_NOW | RTLD_LOCAL; the
/// process must export the runtime's symbols) and returns its descriptor.
/// Handle is what to dlclose once no instance of the module is left. Null,
/// with Error set and nothing loaded, on failure.
const ModuleDescriptor *openModuleLibrary(const std::string &Path,
                                          void *&Handle, std::string &Error);

} // namespace wasmaot

#endif
