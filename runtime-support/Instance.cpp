//===- Instance.cpp - Instantiation from a module descriptor --------------===//
//
// Follows the spec's instantiation order: resolve and check every import (a
// failure is a link error and changes nothing), allocate functions, tables,
// memories and globals, then apply the active element segments, then the
// active data segments (a trap in one stops the rest, and what was written
// stays), then run the start function.
//
//===----------------------------------------------------------------------===//
#include "RuntimeInternal.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

using namespace wasmaot;

namespace {

// ConstExpr::Kind and SegmentMode of frontend/Module.h, as the descriptor
// stores them.
enum ConstKind : uint64_t {
  CK_I32 = uint64_t(ConstExpr::Kind::I32Const),
  CK_I64 = uint64_t(ConstExpr::Kind::I64Const),
  CK_F32 = uint64_t(ConstExpr::Kind::F32Const),
  CK_F64 = uint64_t(ConstExpr::Kind::F64Const),
  CK_V128 = uint64_t(ConstExpr::Kind::V128Const),
  CK_GlobalGet = uint64_t(ConstExpr::Kind::GlobalGet),
  CK_RefNull = uint64_t(ConstExpr::Kind::RefNull),
  CK_RefFunc = uint64_t(ConstExpr::Kind::RefFunc),
  CK_Extended = uint64_t(ConstExpr::Kind::Extended),
  CK_I32Add = uint64_t(ConstExpr::Kind::I32Add),
  CK_I32Sub = uint64_t(ConstExpr::Kind::I32Sub),
  CK_I32Mul = uint64_t(ConstExpr::Kind::I32Mul),
  CK_I64Add = uint64_t(ConstExpr::Kind::I64Add),
  CK_I64Sub = uint64_t(ConstExpr::Kind::I64Sub),
  CK_I64Mul = uint64_t(ConstExpr::Kind::I64Mul),
};
constexpr uint64_t ModeActive = uint64_t(SegmentMode::Active);
constexpr uint64_t ModeDeclarative = uint64_t(SegmentMode::Declarative);

/// Import matching of limits (spec "match limits"): the provided minimum is
/// at least the required one, and when a maximum is required the provided one
/// exists and is no larger.
bool limitsMatch(uint64_t Min, bool HasMax, uint64_t Max, uint64_t ReqMin,
                 bool ReqHasMax, uint64_t ReqMax) {
  if (Min < ReqMin)
    return false;
  if (!ReqHasMax)
    return true;
  return HasMax && Max <= ReqMax;
}

std::string importName(const DescImport &Imp) {
  return std::string(Imp.Module, Imp.ModuleSize) + "." +
         std::string(Imp.Field, Imp.FieldSize);
}

} // namespace

ImportResolver::~ImportResolver() = default;

//===----------------------------------------------------------------------===//
// ImportMap
//===----------------------------------------------------------------------===//

static std::string mapKey(std::string_view Module, std::string_view Field) {
  std::string K(Module);
  K.push_back('\0');
  K.append(Field);
  return K;
}

void ImportMap::define(std::string_view Module, std::string_view Field,
                       const ExternVal &V) {
  Map[mapKey(Module, Field)] = V;
}

void ImportMap::defineInstance(std::string_view Module, Instance &Inst) {
  const ModuleDescriptor &D = Inst.descriptor();
  for (uint64_t I = 0; I < D.NumExports; ++I) {
    ExternVal V;
    std::string_view Name(D.Exports[I].Name, D.Exports[I].NameSize);
    if (Inst.getExport(Name, V))
      define(Module, Name, V);
  }
}

bool ImportMap::resolve(Instance &Importer, std::string_view Module,
                        std::string_view Field, ExternKind Kind,
                        ExternVal &Out) {
  auto It = Map.find(mapKey(Module, Field));
  if (It != Map.end()) {
    Out = It->second;
    return true;
  }
  for (ImportResolver *R : Fallbacks)
    if (R->resolve(Importer, Module, Field, Kind, Out))
      return true;
  return false;
}

//===----------------------------------------------------------------------===//
// Instance
//===----------------------------------------------------------------------===//

InstantiateResult Instance::create(const ModuleDescriptor &D,
                                   ImportResolver &Imports,
                                   const InstanceLimits &Limits) {
  InstantiateResult R;
  if (D.Version != DescriptorVersion) {
    R.S = InstantiateResult::Status::Error;
    R.Message = "module descriptor version " + std::to_string(D.Version) +
                ", the runtime expects " + std::to_string(DescriptorVersion) +
                " (recompile the module)";
    return R;
  }
  installTrapHandlers();
  std::unique_ptr<Instance> I(new Instance(D));

  // The vmctx comes first: host function imports need it as their Ctx.
  VMContextLayout L = VMContextLayout::compute(uint32_t(D.NumGlobals));
  size_t Size = (L.TotalSize + 15) / 16 * 16;
  I->CtxAllocation = aligned_alloc(16, Size);
  if (!I->CtxAllocation) {
    R.Message = "out of memory allocating the instance";
    return R;
  }
  memset(I->CtxAllocation, 0, Size);
  I->Ctx = static_cast<VMContext *>(I->CtxAllocation);
  I->Ctx->Owner = I.get();
  I->Ctx->StackLimit = getThreadStackLimit();
  if (!I->mapPollPage()) {
    R.Message = "cannot map the instance's interrupt poll page";
    return R;
  }
  if (Limits.Interrupts) {
    I->Interrupts = Limits.Interrupts;
    I->Interrupts->attach(*I);
  }

  for (uint64_t T = 0; T < D.NumTypes; ++T)
    I->TypeIdArray.push_back(internFuncType(D.Types[T]));
  I->Ctx->TypeIds = I->TypeIdArray.data();

  std::string Err;
  if (!I->link(Imports, Err)) {
    R.S = InstantiateResult::Status::LinkError;
    R.Message = std::move(Err);
    return R;
  }
  if (!I->allocate(Limits, Err)) {
    R.S = InstantiateResult::Status::Error;
    R.Message = std::move(Err);
    return R;
  }
  I->initGlobals();
  I->evaluateElems();
  detail::registerModule(D);
  I->Registered = true;
  I->initialize(R);
  if (R.S == InstantiateResult::Status::Trapped ||
      R.S == InstantiateResult::Status::Exited ||
      R.S == InstantiateResult::Status::Ok)
    R.Inst = std::move(I);
  return R;
}

void Instance::initialize(InstantiateResult &R) {
  Trap T;
  if (!applySegments(T)) {
    R.S = InstantiateResult::Status::Trapped;
    R.T = std::move(T);
    return;
  }

  if (Desc.StartFunction != UINT64_MAX) {
    InvokeResult Start = invoke(func(uint32_t(Desc.StartFunction)));
    if (Start.S == InvokeResult::Status::Error) {
      R.S = InstantiateResult::Status::Error;
      R.Message = "start function: " + Start.Message;
      return;
    }
    if (Start.S != InvokeResult::Status::Ok) {
      R.S = Start.S == InvokeResult::Status::Trapped
                ? InstantiateResult::Status::Trapped
                : InstantiateResult::Status::Exited;
      R.T = std::move(Start.T);
      R.ExitCode = Start.ExitCode;
      return;
    }
  }
  R.S = InstantiateResult::Status::Ok;
}

bool Instance::canReset() const {
  return Desc.NumImportedTables == 0 && Desc.NumImportedMemories == 0 &&
         Desc.NumImportedGlobals == 0;
}

InstantiateResult Instance::reset() {
  InstantiateResult R;
  R.S = InstantiateResult::Status::Error;
  if (!canReset()) {
    R.Message = "cannot reset an instance that imports memories, tables or "
                "globals";
    return R;
  }
  clearInterrupt();
  for (size_t I = 0; I < OwnedMemories.size(); ++I)
    if (!OwnedMemories[I]->reset(Desc.Memories[I].Min)) {
      R.Message = "cannot reset memory " + std::to_string(I);
      return R;
    }
  for (size_t I = 0; I < OwnedTables.size(); ++I)
    OwnedTables[I]->reset(uint32_t(Desc.Tables[I].Min), nullptr);
  initGlobals();
  evaluateElems();
  initialize(R);
  return R;
}

/// A byte that code of a module compiled without --interruptible could read
/// (it never does): such instances need no page of their own.
static const volatile uint8_t NeverInterrupted = 0;

static size_t getPollPageSize() { return size_t(sysconf(_SC_PAGESIZE)); }

bool Instance::mapPollPage() {
  Ctx->InterruptPoll = &NeverInterrupted;
  if (!Desc.Interruptible)
    return true;
  PollPage = mmap(nullptr, getPollPageSize(), PROT_READ,
                  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (PollPage == MAP_FAILED) {
    PollPage = nullptr;
    return false;
  }
  PollSlot = detail::registerReservation(PollPage, getPollPageSize(),
                                         TrapKind::Interrupted);
  Ctx->InterruptPoll = static_cast<const volatile uint8_t *>(PollPage);
  return PollSlot >= 0;
}

void Instance::interrupt() {
  __atomic_store_n(&Ctx->Interrupt, 1, __ATOMIC_RELAXED);
  if (PollPage)
    mprotect(PollPage, getPollPageSize(), PROT_NONE);
}

void Instance::clearInterrupt() {
  if (__atomic_exchange_n(&Ctx->Interrupt, 0, __ATOMIC_RELAXED) && PollPage)
    mprotect(PollPage, getPollPageSize(), PROT_READ);
}

void InterruptHandle::interrupt() {
  std::lock_guard<std::mutex> Lock(M);
  Requested = true;
  if (Target)
    Target->interrupt();
}

bool InterruptHandle::isRequested() const {
  std::lock_guard<std::mutex> Lock(M);
  return Requested;
}

void InterruptHandle::attach(Instance &I) {
  std::lock_guard<std::mutex> Lock(M);
  Target = &I;
  if (Requested)
    I.interrupt();
}

void InterruptHandle::detach(Instance &I) {
  std::lock_guard<std::mutex> Lock(M);
  if (Target == &I)
    Target = nullptr;
}

Instance::~Instance() {
  if (Interrupts)
    Interrupts->detach(*this);
  detail::unregisterReservation(PollSlot);
  if (PollPage)
    munmap(PollPage, getPollPageSize());
  if (Registered)
    detail::unregisterModule(Desc);
  free(CtxAllocation);
}

bool Instance::link(ImportResolver &Imports, std::string &Error) {
  const ModuleDescriptor &D = Desc;
  uint64_t NumFuncs = D.NumImportedFuncs + D.NumFunctions;
  FuncRefPtrs.assign(NumFuncs, nullptr);
  FuncTypeIndices.assign(NumFuncs, 0);
  // One FuncRef per function index: defined functions use theirs, host
  // imports get theirs (with this vmctx), instance imports leave it unused.
  FuncRefStorage.reset(new FuncRef[std::max<uint64_t>(NumFuncs, 1)]());

  uint32_t FuncIdx = 0;
  for (uint64_t I = 0; I < D.NumImports; ++I) {
    const DescImport &Imp = D.Imports[I];
    ExternKind Kind = ExternKind(Imp.Kind);
    ExternVal V;
    if (!Imports.resolve(*this, std::string_view(Imp.Module, Imp.ModuleSize),
                         std::string_view(Imp.Field, Imp.FieldSize), Kind, V)) {
      Error = "unknown import: " + importName(Imp) + " (" +
              getExternKindName(Kind) + ")";
      return false;
    }
    auto Incompatible = [&](const std::string &Why) {
      Error = "incompatible import type: " + importName(Imp) + ": " + Why;
      return false;
    };
    if (V.Kind != Kind)
      return Incompatible(std::string("expected ") + getExternKindName(Kind) +
                          ", got " + getExternKindName(V.Kind));
    switch (Kind) {
    case ExternKind::Func: {
      if (Imp.TypeIndex >= D.NumTypes)
        return Incompatible("bad type index");
      if (V.TypeId != TypeIdArray[Imp.TypeIndex])
        return Incompatible("function signature differs");
      FuncTypeIndices[FuncIdx] = uint32_t(Imp.TypeIndex);
      if (V.Func) {
        FuncRefPtrs[FuncIdx] = const_cast<FuncRef *>(V.Func);
      } else {
        FuncRef &F = FuncRefStorage[FuncIdx];
        F.Code = V.HostCode;
        F.Ctx = V.HostCtx ? static_cast<VMContext *>(V.HostCtx) : Ctx;
        F.TypeId = V.TypeId;
        FuncRefPtrs[FuncIdx] = &F;
      }
      ++FuncIdx;
      break;
    }
    case ExternKind::Table: {
      TableObject *T = V.Table;
      if (!T)
        return Incompatible("no table");
      if (uint64_t(T->elemType()) != Imp.ValType)
        return Incompatible("element type differs");
      if (!limitsMatch(T->size(), T->hasMax(), T->instance()->Max, Imp.Min,
                       Imp.HasMax, Imp.Max))
        return Incompatible("table limits do not match");
      if (T->flags() != Imp.TypeFlags)
        return Incompatible("table index type differs");
      Tables.push_back(T);
      break;
    }
    case ExternKind::Memory: {
      MemoryObject *M = V.Memory;
      if (!M)
        return Incompatible("no memory");
      if (!limitsMatch(M->pages(), M->hasMax(), M->instance()->MaxPages,
                       Imp.Min, Imp.HasMax, Imp.Max))
        return Incompatible("memory limits do not match");
      if (M->flags() != Imp.TypeFlags)
        return Incompatible(M->isShared() != bool(Imp.TypeFlags & MemoryShared)
                                ? "memory sharing differs"
                                : "memory address type differs");
      // Code compiled for guard pages has no bounds checks of its own (but
      // for 64-bit memories, which are always checked).
      if (D.BoundsMode == uint64_t(BoundsChecks::Guard) &&
          !(Imp.TypeFlags & MemoryIs64) && !M->isGuardReserved())
        return Incompatible("memory has no guard reservation, but the module "
                            "was compiled with --bounds-checks=guard");
      Memories.push_back(M);
      break;
    }
    case ExternKind::Tag:
      if (!V.Tag)
        return Incompatible("no tag");
      if (Imp.TypeIndex >= D.NumTypes || V.TypeId != TypeIdArray[Imp.TypeIndex])
        return Incompatible("tag type differs");
      Tags.push_back(V.Tag);
      break;
    case ExternKind::Global: {
      if (!V.Global)
        return Incompatible("no global");
      if (uint64_t(V.GlobalType) != Imp.ValType ||
          V.GlobalMutable != bool(Imp.Mutable))
        return Incompatible("global type or mutability differs");
      ImportedGlobalPtrs.push_back(V.Global);
      ImportedGlobalTypes.push_back(V.GlobalType);
      ImportedGlobalMutable.push_back(V.GlobalMutable);
      break;
    }
    }
  }
  return true;
}

bool Instance::allocate(const InstanceLimits &Limits, std::string &Error) {
  const ModuleDescriptor &D = Desc;
  for (uint64_t I = 0; I < D.NumFunctions; ++I) {
    const DescFunction &DF = D.Functions[I];
    uint64_t Idx = D.NumImportedFuncs + I;
    FuncRef &F = FuncRefStorage[Idx];
    F.Code = DF.Code;
    F.TailCode = DF.TailCode;
    F.Ctx = Ctx;
    F.TypeId = DF.TypeIndex < D.NumTypes ? TypeIdArray[DF.TypeIndex] : 0;
    FuncRefPtrs[Idx] = &F;
    FuncTypeIndices[Idx] = uint32_t(DF.TypeIndex);
  }
  for (uint64_t I = 0; I < D.NumTables; ++I) {
    const DescTable &DT = D.Tables[I];
    auto T = TableObject::create(ValType(DT.ElemType), DT.Min, DT.Max,
                                 DT.HasMax, nullptr, DT.Flags);
    if (!T) {
      Error = "cannot allocate table " + std::to_string(Tables.size()) +
              " of " + std::to_string(DT.Min) + " elements";
      return false;
    }
    Tables.push_back(T.get());
    OwnedTables.push_back(std::move(T));
  }
  for (TableObject *T : Tables)
    TableInstances.push_back(T->instance());
  for (uint64_t I = 0; I < D.NumMemories; ++I) {
    const DescMemory &DM = D.Memories[I];
    if (DM.Min > Limits.MaxMemoryPages) {
      Error = "memory " + std::to_string(Memories.size()) + " needs " +
              std::to_string(DM.Min) + " pages, above the limit of " +
              std::to_string(Limits.MaxMemoryPages);
      return false;
    }
    auto M = MemoryObject::create(DM.Min, DM.Max, DM.HasMax,
                                  BoundsChecks(D.BoundsMode), DM.Flags);
    if (!M) {
      Error = "cannot reserve memory " + std::to_string(Memories.size()) +
              " (" + std::to_string(DM.Min) + " pages)";
      return false;
    }
    M->limit(Limits.MaxMemoryPages);
    Memories.push_back(M.get());
    OwnedMemories.push_back(std::move(M));
  }

  for (uint64_t I = 0; I < D.NumTags; ++I) {
    const DescTag &DT = D.Tags[I];
    auto T = std::make_unique<TagInstance>();
    T->TypeId = DT.TypeIndex < D.NumTypes ? TypeIdArray[DT.TypeIndex] : 0;
    T->NumValues = DT.TypeIndex < D.NumTypes
                       ? uint32_t(D.Types[DT.TypeIndex].NumParams)
                       : 0;
    T->Name = DT.Name;
    T->Index = uint32_t(D.NumImportedTags + I);
    Tags.push_back(T.get());
    OwnedTags.push_back(std::move(T));
  }
  Ctx->Tags = Tags.data();
  Ctx->FuncRefs = FuncRefPtrs.data();
  Ctx->Tables = TableInstances.data();
  Ctx->ImportedGlobals = ImportedGlobalPtrs.data();
  for (MemoryObject *M : Memories)
    MemoryInstances.push_back(M->instance());
  Ctx->Memories = MemoryInstances.data();
  if (!Memories.empty()) {
    Ctx->Memory = Memories[0]->instance();
    Ctx->MemoryBase = Memories[0]->base();
  }
  for (uint64_t I = 0; I < D.NumExports; ++I)
    ExportIndex.emplace(
        std::string_view(D.Exports[I].Name, D.Exports[I].NameSize),
        uint32_t(I));
  return true;
}

bool Instance::evalConst(const DescConstExpr &E, GlobalCell &Out) const {
  memset(&Out, 0, sizeof(Out));
  switch (E.Kind) {
  case CK_I32:
  case CK_F32: {
    uint32_t V = uint32_t(E.Bits);
    memcpy(Out.Bytes, &V, 4);
    return true;
  }
  case CK_I64:
  case CK_F64:
    memcpy(Out.Bytes, &E.Bits, 8);
    return true;
  case CK_V128:
    memcpy(Out.Bytes, &E.V128Lo, 8);
    memcpy(Out.Bytes + 8, &E.V128Hi, 8);
    return true;
  case CK_GlobalGet:
    // Validation allows imported globals and (extended const) earlier
    // defined ones; both are initialised by now.
    if (E.Index >= Desc.NumImportedGlobals + Desc.NumGlobals)
      return false;
    Out = *globalCell(uint32_t(E.Index));
    return true;
  case CK_RefNull:
    return true;
  case CK_RefFunc: {
    if (E.Index >= FuncRefPtrs.size())
      return false;
    void *P = FuncRefPtrs[E.Index];
    memcpy(Out.Bytes, &P, sizeof(P));
    return true;
  }
  case CK_Extended:
    return evalExtendedConst(E, Out);
  }
  return false;
}

/// Extended-const: the ops on a stack. Validation leaves only i32 and i64
/// values under the arithmetic, so each is its low 64 bits; i32 results are
/// cut to 32.
bool Instance::evalExtendedConst(const DescConstExpr &E,
                                 GlobalCell &Out) const {
  const auto *Ops = reinterpret_cast<const DescConstExpr *>(E.Bits);
  std::vector<GlobalCell> Stack;
  for (uint64_t I = 0; I < E.Index; ++I) {
    const DescConstExpr &Op = Ops[I];
    if (Op.Kind < CK_I32Add) {
      Stack.emplace_back();
      if (!evalConst(Op, Stack.back()))
        return false;
      continue;
    }
    if (Stack.size() < 2)
      return false;
    uint64_t A, B;
    memcpy(&A, Stack[Stack.size() - 2].Bytes, 8);
    memcpy(&B, Stack.back().Bytes, 8);
    Stack.pop_back();
    uint64_t R = Op.Kind == CK_I32Add || Op.Kind == CK_I64Add   ? A + B
                 : Op.Kind == CK_I32Sub || Op.Kind == CK_I64Sub ? A - B
                                                                : A * B;
    if (Op.Kind <= CK_I32Mul)
      R &= 0xffffffffu;
    memset(&Stack.back(), 0, sizeof(GlobalCell));
    memcpy(Stack.back().Bytes, &R, 8);
  }
  if (Stack.size() != 1)
    return false;
  Out = Stack[0];
  return true;
}

void Instance::initGlobals() {
  for (uint64_t I = 0; I < Desc.NumGlobals; ++I)
    evalConst(Desc.Globals[I].Init,
              *globalCell(uint32_t(Desc.NumImportedGlobals + I)));
}

void Instance::evaluateElems() {
  ElemValues.resize(Desc.NumElems);
  for (uint64_t S = 0; S < Desc.NumElems; ++S) {
    const DescElem &E = Desc.Elems[S];
    // A declarative segment is dropped at instantiation (it only declared
    // ref.func targets).
    if (E.Mode == ModeDeclarative)
      continue;
    std::vector<void *> &Vals = ElemValues[S];
    Vals.resize(E.NumItems);
    for (uint64_t I = 0; I < E.NumItems; ++I) {
      GlobalCell C;
      evalConst(E.Items[I], C);
      memcpy(&Vals[I], C.Bytes, sizeof(void *));
    }
  }
  DataSizes.resize(Desc.NumDatas);
  for (uint64_t S = 0; S < Desc.NumDatas; ++S)
    DataSizes[S] = Desc.Datas[S].Size;
}

bool Instance::applySegments(Trap &T) {
  // Segment offsets are i32 (table32, memory32) or i64 (memory64); the
  // helpers check the whole
  // range before writing anything, as table.init/memory.init do.
  for (uint64_t S = 0; S < Desc.NumElems; ++S) {
    const DescElem &E = Desc.Elems[S];
    if (E.Mode != ModeActive)
      continue;
    GlobalCell Off;
    evalConst(E.Offset, Off);
    uint64_t Offset = 0; // i64 for a table64
    memcpy(&Offset, Off.Bytes, Tables[E.Table]->flags() & MemoryIs64 ? 8 : 4);
    uint32_t Err = wasmaot_table_init(Ctx, uint32_t(E.Table), uint32_t(S),
                                      Offset, 0, uint32_t(E.NumItems));
    if (Err) {
      T.Kind = TrapKind(Err - 1);
      T.Message = getTrapMessage(T.Kind);
      return false;
    }
    wasmaot_elem_drop(Ctx, uint32_t(S));
  }
  for (uint64_t S = 0; S < Desc.NumDatas; ++S) {
    const DescData &Seg = Desc.Datas[S];
    if (Seg.Mode != ModeActive)
      continue;
    GlobalCell Off;
    evalConst(Seg.Offset, Off);
    uint64_t Offset = 0; // i64 for a 64-bit memory
    memcpy(&Offset, Off.Bytes,
           Memories[Seg.Memory]->flags() & MemoryIs64 ? 8 : 4);
    uint32_t Err = wasmaot_memory_init(Ctx, uint32_t(Seg.Memory), uint32_t(S),
                                       Offset, 0, uint32_t(Seg.Size));
    if (Err) {
      T.Kind = TrapKind(Err - 1);
      T.Message = getTrapMessage(T.Kind);
      return false;
    }
    wasmaot_data_drop(Ctx, uint32_t(S));
  }
  return true;
}

GlobalCell *Instance::globalCell(uint32_t Index) const {
  if (Index < Desc.NumImportedGlobals)
    return ImportedGlobalPtrs[Index];
  VMContextLayout L = VMContextLayout::compute(uint32_t(Desc.NumGlobals));
  return reinterpret_cast<GlobalCell *>(
      reinterpret_cast<uint8_t *>(Ctx) +
      L.definedGlobalOffset(uint32_t(Index - Desc.NumImportedGlobals)));
}

ValType Instance::globalType(uint32_t Index) const {
  if (Index < Desc.NumImportedGlobals)
    return ImportedGlobalTypes[Index];
  return ValType(Desc.Globals[Index - Desc.NumImportedGlobals].ValType);
}

bool Instance::globalMutable(uint32_t Index) const {
  if (Index < Desc.NumImportedGlobals)
    return ImportedGlobalMutable[Index];
  return Desc.Globals[Index - Desc.NumImportedGlobals].Mutable;
}

uint32_t Instance::funcTypeIndex(uint32_t FuncIndex) const {
  return FuncTypeIndices[FuncIndex];
}

std::string Instance::funcName(uint32_t FuncIndex) const {
  return detail::describeFunction(Desc, FuncIndex);
}

void Instance::setHostContext(const void *Key, void *Value) {
  for (auto &KV : HostContexts)
    if (KV.first == Key) {
      KV.second = Value;
      return;
    }
  HostContexts.emplace_back(Key, Value);
}

void *Instance::getHostContext(const void *Key) const {
  for (const auto &KV : HostContexts)
    if (KV.first == Key)
      return KV.second;
  return nullptr;
}

bool Instance::getExport(std::string_view Name, ExternVal &Out) const {
  auto It = ExportIndex.find(Name);
  if (It == ExportIndex.end())
    return false;
  const DescExport &E = Desc.Exports[It->second];
  uint32_t Idx = uint32_t(E.Index);
  switch (ExternKind(E.Kind)) {
  case ExternKind::Func:
    Out = ExternVal::func(FuncRefPtrs[Idx]);
    return true;
  case ExternKind::Table:
    Out = ExternVal::table(Tables[Idx]);
    return true;
  case ExternKind::Memory:
    Out = ExternVal::memory(Memories[Idx]);
    return true;
  case ExternKind::Global:
    Out =
        ExternVal::global(globalCell(Idx), globalType(Idx), globalMutable(Idx));
    return true;
  case ExternKind::Tag:
    Out = ExternVal::tag(Tags[Idx]);
    return true;
  }
  return false;
}

const FuncRef *Instance::getExportedFunc(std::string_view Name) const {
  ExternVal V;
  if (!getExport(Name, V) || V.Kind != ExternKind::Func)
    return nullptr;
  return V.Func;
}

ArrayTrampoline Instance::findTrampoline(uint32_t TypeId) const {
  if (!Desc.Trampolines)
    return nullptr;
  // Any trampoline of the same signature will do: it only fixes how
  // arguments and results move between slots and registers.
  for (uint64_t T = 0; T < Desc.NumTypes; ++T)
    if (TypeIdArray[T] == TypeId && Desc.Trampolines[T])
      return Desc.Trampolines[T];
  return nullptr;
}

InvokeResult Instance::invoke(std::string_view ExportName,
                              std::span<const Value> Args) {
  ExternVal V;
  if (!getExport(ExportName, V) || V.Kind != ExternKind::Func) {
    InvokeResult R;
    R.Message = "no exported function \"" + std::string(ExportName) + "\"";
    return R;
  }
  return invoke(V.Func, Args);
}

InvokeResult Instance::invoke(const FuncRef *F, std::span<const Value> Args) {
  InvokeResult R;
  if (!F) {
    R.Message = "null function reference";
    return R;
  }
  const FuncSig &Sig = getFuncSig(F->TypeId);
  if (Args.size() != Sig.Params.size()) {
    R.Message = "expected " + std::to_string(Sig.Params.size()) +
                " arguments, got " + std::to_string(Args.size());
    return R;
  }
  for (size_t I = 0; I < Args.size(); ++I)
    if (Args[I].Type != Sig.Params[I]) {
      R.Message = "argument " + std::to_string(I) + " has the wrong type";
      return R;
    }
  ArrayTrampoline Tramp = findTrampoline(F->TypeId);
  if (!Tramp) {
    R.Message = "the module has no trampoline for this function's signature";
    return R;
  }
  std::vector<GlobalCell> Slots(
      std::max<size_t>({Sig.Params.size(), Sig.Results.size(), 1}));
  for (size_t I = 0; I < Args.size(); ++I)
    memcpy(Slots[I].Bytes, Args[I].Bytes, 16);
  void *Code = F->Code;
  VMContext *Callee = F->Ctx;
  GlobalCell *SlotData = Slots.data();
  Outcome O = runGuarded(Callee, [Tramp, Code, Callee, SlotData] {
    Tramp(Code, Callee, SlotData);
  });
  switch (O.S) {
  case Outcome::Status::Returned:
    R.S = InvokeResult::Status::Ok;
    for (size_t I = 0; I < Sig.Results.size(); ++I) {
      Value V;
      V.Type = Sig.Results[I];
      memcpy(V.Bytes, Slots[I].Bytes, detail::valueSize(V.Type));
      R.Results.push_back(V);
    }
    break;
  case Outcome::Status::Trapped:
    R.S = InvokeResult::Status::Trapped;
    R.T = std::move(O.T);
    break;
  case Outcome::Status::Exited:
    R.S = InvokeResult::Status::Exited;
    R.ExitCode = O.ExitCode;
    break;
  }
  return R;
}
