//===- InstanceTest.cpp - Linking, instantiation order, invoke -----------===//
#include "TestModule.h"

#include <gtest/gtest.h>

using namespace wasmaot;
using namespace wasmaot::test;

namespace {

int32_t add(VMContext *, int32_t A, int32_t B) { return A + B; }
int32_t answer(VMContext *) { return 42; }

/// A host function: sees the importing instance's vmctx.
VMContext *LastHostCtx = nullptr;
int32_t hostGetCtx(VMContext *Ctx, int32_t X) {
  LastHostCtx = Ctx;
  return X * 2;
}

/// A start function that writes memory[0] = 1.
void startFn(VMContext *Ctx) { Ctx->MemoryBase[0] = 1; }

/// "call_indirect (type $t) (i32.const I)" for table 0, the way lowering
/// does it: null check, canonical type id compare, call through the FuncRef.
int32_t callIndirect(VMContext *Ctx, int32_t Index) {
  TableInstance *T = Ctx->Tables[0];
  if (uint32_t(Index) >= T->Size)
    wasmaot_trap(Ctx, uint32_t(TrapKind::UndefinedElement), 0, 0);
  auto *F = static_cast<FuncRef *>(T->Elements[Index]);
  if (!F)
    wasmaot_trap(Ctx, uint32_t(TrapKind::UninitializedElement), 0, 0);
  if (F->TypeId != Ctx->TypeIds[1]) // type 1 is () -> i32 below
    wasmaot_trap(Ctx, uint32_t(TrapKind::IndirectCallTypeMismatch), 0, 0);
  return reinterpret_cast<int32_t (*)(VMContext *)>(F->Code)(F->Ctx);
}

const ValType I32 = ValType::I32;

} // namespace

TEST(InstanceTest, InvokeExportWithArgs) {
  TestModule TM;
  uint32_t T =
      TM.addType({I32, I32}, {I32}, trampoline<int32_t, int32_t, int32_t>);
  TM.addFunc(reinterpret_cast<void *>(&add), T, "add");
  TM.addExport("add", ExternKind::Func, 0);
  NoImports None;
  InstantiateResult R = Instance::create(TM.get(), None);
  ASSERT_TRUE(R.ok()) << R.Message;
  Value Args[] = {Value::i32(40), Value::i32(2)};
  InvokeResult Res = R.Inst->invoke("add", Args);
  ASSERT_TRUE(Res.ok()) << Res.Message;
  ASSERT_EQ(Res.Results.size(), 1u);
  EXPECT_EQ(Res.Results[0].Type, I32);
  EXPECT_EQ(Res.Results[0].asI32(), 42u);

  EXPECT_EQ(R.Inst->invoke("nope").S, InvokeResult::Status::Error);
  Value Bad[] = {Value::i32(1), Value::i64(2)};
  EXPECT_EQ(R.Inst->invoke("add", Bad).S, InvokeResult::Status::Error);
  EXPECT_EQ(R.Inst->invoke("add", {Bad, 1}).S, InvokeResult::Status::Error);
}

TEST(InstanceTest, ExportNamesWithNulBytes) {
  using namespace std::literals;
  TestModule TM;
  uint32_t T = TM.addType({}, {I32}, trampoline<int32_t>);
  TM.addFunc(reinterpret_cast<void *>(&answer), T, "answer");
  TM.addExport("f\0a"sv, ExternKind::Func, 0);
  NoImports None;
  InstantiateResult R = Instance::create(TM.get(), None);
  ASSERT_TRUE(R.ok()) << R.Message;
  EXPECT_TRUE(R.Inst->invoke("f\0a"sv).ok());
  EXPECT_EQ(R.Inst->invoke("f").S, InvokeResult::Status::Error);
  EXPECT_EQ(R.Inst->invoke("f\0b"sv).S, InvokeResult::Status::Error);

  // register: the name keeps its NUL, and so does an import of it.
  ImportMap Map;
  Map.defineInstance("m", *R.Inst);
  ExternVal V;
  EXPECT_TRUE(Map.resolve(*R.Inst, "m", "f\0a"sv, ExternKind::Func, V));
  EXPECT_FALSE(Map.resolve(*R.Inst, "m", "f", ExternKind::Func, V));
}

TEST(InstanceTest, LinkErrors) {
  TestModule TM;
  uint32_t T = TM.addType({I32}, {I32});
  TM.importFunc("env", "f", T);
  NoImports None;
  InstantiateResult R = Instance::create(TM.get(), None);
  EXPECT_EQ(R.S, InstantiateResult::Status::LinkError);
  EXPECT_EQ(R.Message.rfind("unknown import", 0), 0u) << R.Message;
  EXPECT_NE(R.Message.find("env.f"), std::string::npos);
  EXPECT_FALSE(R.Inst);

  ImportMap Wrong;
  Wrong.define("env", "f",
               ExternVal::hostFunc(reinterpret_cast<void *>(&answer),
                                   FuncSig{{}, {I32}}));
  R = Instance::create(TM.get(), Wrong);
  EXPECT_EQ(R.S, InstantiateResult::Status::LinkError);
  EXPECT_EQ(R.Message.rfind("incompatible import type", 0), 0u) << R.Message;

  HostGlobal G(I32, false, Value::i32(1));
  ImportMap Kind;
  Kind.define("env", "f", ExternVal::global(G));
  R = Instance::create(TM.get(), Kind);
  EXPECT_EQ(R.S, InstantiateResult::Status::LinkError);
  EXPECT_EQ(R.Message.rfind("incompatible import type", 0), 0u) << R.Message;
}

TEST(InstanceTest, MemoryImportLimits) {
  auto Mem = MemoryObject::create(1, 2, true);
  TestModule A, B, C;
  A.importMemory("m", "mem", 1, 2, true); // fits
  B.importMemory("m", "mem", 2);          // min too large
  C.importMemory("m", "mem", 0, 1, true); // max too small
  ImportMap Imports;
  Imports.define("m", "mem", ExternVal::memory(Mem.get()));
  EXPECT_TRUE(Instance::create(A.get(), Imports).ok());
  EXPECT_EQ(Instance::create(B.get(), Imports).S,
            InstantiateResult::Status::LinkError);
  EXPECT_EQ(Instance::create(C.get(), Imports).S,
            InstantiateResult::Status::LinkError);
  // Guard-mode code must not get a memory without the guard reservation.
  auto Small = MemoryObject::create(1, 2, true, BoundsChecks::Explicit);
  ImportMap SmallImports;
  SmallImports.define("m", "mem", ExternVal::memory(Small.get()));
  EXPECT_EQ(Instance::create(A.get(), SmallImports).S,
            InstantiateResult::Status::LinkError);
  A.setBoundsMode(BoundsChecks::Explicit);
  EXPECT_TRUE(Instance::create(A.get(), SmallImports).ok());
}

TEST(InstanceTest, GlobalsFromImportsAndRefFunc) {
  HostGlobal G(ValType::I64, false, Value::i64(7));
  TestModule TM;
  uint32_t T = TM.addType({}, {I32});
  TM.importGlobal("env", "g", ValType::I64, false);
  TM.addFunc(reinterpret_cast<void *>(&answer), T);
  TM.addGlobal(ValType::I64, true, TestModule::globalGet(0));
  TM.addGlobal(ValType::FuncRef, false, TestModule::refFunc(0));
  TM.addGlobal(ValType::FuncRef, false, TestModule::refNull());
  TM.addExport("g1", ExternKind::Global, 1);
  ImportMap Imports;
  Imports.define("env", "g", ExternVal::global(G));
  InstantiateResult R = Instance::create(TM.get(), Imports);
  ASSERT_TRUE(R.ok()) << R.Message;
  Instance &I = *R.Inst;
  EXPECT_EQ(readGlobal(I.globalCell(1), ValType::I64).asI64(), 7u);
  EXPECT_EQ(readGlobal(I.globalCell(2), ValType::FuncRef).asRef(), I.func(0));
  EXPECT_EQ(readGlobal(I.globalCell(3), ValType::FuncRef).asRef(), nullptr);
  // The imported global is the host's cell itself, not a copy.
  EXPECT_EQ(I.vmctx()->ImportedGlobals[0], G.cell());
  // Defined globals sit in the vmctx at the layout's offsets.
  VMContextLayout L = VMContextLayout::compute(3);
  EXPECT_EQ(reinterpret_cast<uint8_t *>(I.globalCell(1)),
            reinterpret_cast<uint8_t *>(I.vmctx()) + L.definedGlobalOffset(0));
  ExternVal E;
  ASSERT_TRUE(I.getExport("g1", E));
  EXPECT_EQ(E.Kind, ExternKind::Global);
  EXPECT_TRUE(E.GlobalMutable);
  EXPECT_EQ(E.Global, I.globalCell(1));
}

TEST(InstanceTest, SegmentsAndStartInOrder) {
  TestModule TM;
  uint32_t V = TM.addType({}, {}, trampoline<void>);
  TM.addFunc(reinterpret_cast<void *>(&startFn), V);
  TM.addMemory(1);
  TM.addTable(2);
  TM.addElem(SegmentMode::Active, 1, {TestModule::refFunc(0)});
  TM.addActiveData(10, "hi");
  TM.addActiveData(11, "ey"); // later segments overwrite earlier ones
  TM.setStart(0);
  NoImports None;
  InstantiateResult R = Instance::create(TM.get(), None);
  ASSERT_TRUE(R.ok()) << R.Message << R.T.toString();
  VMContext *Ctx = R.Inst->vmctx();
  EXPECT_EQ(Ctx->MemoryBase[0], 1) << "start ran";
  EXPECT_EQ(std::string(reinterpret_cast<char *>(Ctx->MemoryBase + 10), 3),
            "hey");
  EXPECT_EQ(Ctx->Tables[0]->Elements[1], R.Inst->func(0));
  // Active segments are dropped once applied.
  EXPECT_EQ(wasmaot_memory_init(Ctx, 0, 0, 0, 0, 1),
            uint32_t(TrapKind::OutOfBoundsMemoryAccess) + 1);
  EXPECT_EQ(wasmaot_table_init(Ctx, 0, 0, 0, 0, 1),
            uint32_t(TrapKind::OutOfBoundsTableAccess) + 1);
}

TEST(InstanceTest, ResetMakesItNewAgain) {
  TestModule TM;
  uint32_t V = TM.addType({}, {}, trampoline<void>);
  TM.addFunc(reinterpret_cast<void *>(&startFn), V);
  TM.addMemory(1, 10, true);
  TM.addTable(2);
  TM.addGlobal(I32, true, TestModule::i32Const(7));
  TM.addElem(SegmentMode::Active, 1, {TestModule::refFunc(0)});
  TM.addActiveData(10, "hi");
  TM.setStart(0);
  NoImports None;
  InstantiateResult R = Instance::create(TM.get(), None);
  ASSERT_TRUE(R.ok()) << R.Message;
  Instance &I = *R.Inst;
  VMContext *Ctx = I.vmctx();
  uint8_t *Base = Ctx->MemoryBase;
  // What a guest does: writes memory everywhere, grows it, changes the
  // global and the table, drops a segment, is interrupted.
  ASSERT_EQ(I.memory(0)->grow(5), 1);
  memset(Base, 0xab, 6 * WasmPageSize);
  I.globalCell(0)->Bytes[0] = 99;
  Ctx->Tables[0]->Elements[1] = nullptr;
  Ctx->Tables[0]->Elements[0] = const_cast<FuncRef *>(I.func(0));
  I.interrupt();

  InstantiateResult Again = I.reset();
  ASSERT_TRUE(Again.ok()) << Again.Message;
  EXPECT_FALSE(Again.Inst) << "reset returns no new instance";
  EXPECT_EQ(Ctx->MemoryBase, Base) << "the same reservation";
  EXPECT_EQ(I.memory(0)->pages(), 1u) << "shrunk to the minimum";
  EXPECT_EQ(Base[0], 1) << "start ran again";
  EXPECT_EQ(std::string(reinterpret_cast<char *>(Base + 10), 2), "hi");
  bool Zero = true;
  for (uint64_t B = 12; B < WasmPageSize; ++B)
    Zero &= Base[B] == 0;
  EXPECT_TRUE(Zero) << "the rest of the page is zero again";
  EXPECT_EQ(I.globalCell(0)->Bytes[0], 7);
  EXPECT_EQ(Ctx->Tables[0]->Elements[0], nullptr);
  EXPECT_EQ(Ctx->Tables[0]->Elements[1], I.func(0));
  EXPECT_FALSE(I.isInterrupted());
  // Grown again, the pages above the minimum read as zero (given back).
  ASSERT_EQ(I.memory(0)->grow(5), 1);
  EXPECT_EQ(Base[5 * WasmPageSize + 123], 0);
}

TEST(InstanceTest, MemoryLimit) {
  TestModule TM;
  TM.addMemory(2);
  NoImports None;
  InstanceLimits Limits;
  Limits.MaxMemoryPages = 3;
  InstantiateResult R = Instance::create(TM.get(), None, Limits);
  ASSERT_TRUE(R.ok()) << R.Message;
  EXPECT_EQ(R.Inst->memory(0)->grow(1), 2);
  EXPECT_EQ(R.Inst->memory(0)->grow(1), -1) << "the limit, not the module's";
  Limits.MaxMemoryPages = 1;
  InstantiateResult Small = Instance::create(TM.get(), None, Limits);
  EXPECT_EQ(Small.S, InstantiateResult::Status::Error);
  EXPECT_EQ(Small.Message, "memory 0 needs 2 pages, above the limit of 1");
}

TEST(InstanceTest, UninstantiableKeepsSideEffects) {
  // Like linking.wast: an element segment writes into an imported table, then
  // a data segment is out of bounds. The table keeps the function, and the
  // failed instance stays alive for it.
  auto Table = TableObject::create(ValType::FuncRef, 10, 0, false);
  auto Mem = MemoryObject::create(1, 0, false);
  TestModule TM;
  uint32_t T = TM.addType({}, {I32}, trampoline<int32_t>);
  TM.importTable("Mt", "tab", 10);
  TM.importMemory("Mm", "mem", 1);
  TM.addFunc(reinterpret_cast<void *>(&answer), T);
  TM.addElem(SegmentMode::Active, 7, {TestModule::refFunc(0)});
  TM.addActiveData(0, "a");
  TM.addActiveData(0x10000, "d"); // out of bounds
  ImportMap Imports;
  Imports.define("Mt", "tab", ExternVal::table(Table.get()));
  Imports.define("Mm", "mem", ExternVal::memory(Mem.get()));
  InstantiateResult R = Instance::create(TM.get(), Imports);
  ASSERT_EQ(R.S, InstantiateResult::Status::Trapped);
  EXPECT_EQ(R.T.Message, "out of bounds memory access");
  ASSERT_TRUE(R.Inst);
  EXPECT_EQ(Mem->base()[0], 'a');
  auto *F = static_cast<FuncRef *>(Table->get(7));
  ASSERT_EQ(F, R.Inst->func(0));
  InvokeResult Call = R.Inst->invoke(F);
  ASSERT_TRUE(Call.ok()) << Call.Message;
  EXPECT_EQ(Call.Results[0].asI32(), 42u);

  // An element segment out of bounds traps with the table wording, before
  // any data segment is applied.
  TestModule TM2;
  TM2.importTable("Mt", "tab", 10);
  TM2.importMemory("Mm", "mem", 1);
  TM2.addElem(SegmentMode::Active, 10, {TestModule::refNull()});
  TM2.addActiveData(1, "b");
  R = Instance::create(TM2.get(), Imports);
  ASSERT_EQ(R.S, InstantiateResult::Status::Trapped);
  EXPECT_EQ(R.T.Message, "out of bounds table access");
  EXPECT_EQ(Mem->base()[1], 0);
}

TEST(InstanceTest, CrossInstanceCallIndirectAndHostCtx) {
  // Module A exports () -> i32 (type index 0 in A).
  TestModule A;
  uint32_t AT = A.addType({}, {I32}, trampoline<int32_t>);
  A.addFunc(reinterpret_cast<void *>(&answer), AT);
  A.addTable(3);
  A.addExport("answer", ExternKind::Func, 0);
  A.addExport("tab", ExternKind::Table, 0);
  NoImports None;
  InstantiateResult RA = Instance::create(A.get(), None);
  ASSERT_TRUE(RA.ok());

  // Module B declares the same signature at type index 1 and imports A's
  // function and table, plus a host function.
  TestModule B;
  uint32_t BT0 = B.addType({I32}, {I32}, trampoline<int32_t, int32_t>);
  uint32_t BT1 = B.addType({}, {I32}, trampoline<int32_t>);
  B.importFunc("A", "answer", BT1);
  B.importTable("A", "tab", 3);
  B.importFunc("host", "twice", BT0);
  B.addFunc(reinterpret_cast<void *>(&callIndirect), BT0);
  B.addElem(SegmentMode::Active, 0, {TestModule::refFunc(0)});
  B.addElem(SegmentMode::Active, 1, {TestModule::refFunc(1)});
  B.addExport("call", ExternKind::Func, 2);
  B.addExport("twice", ExternKind::Func, 1);
  ImportMap Imports;
  Imports.defineInstance("A", *RA.Inst);
  Imports.define("host", "twice",
                 ExternVal::hostFunc(reinterpret_cast<void *>(&hostGetCtx),
                                     FuncSig{{I32}, {I32}}));
  InstantiateResult RB = Instance::create(B.get(), Imports);
  ASSERT_TRUE(RB.ok()) << RB.Message;
  Instance &IB = *RB.Inst;
  EXPECT_EQ(IB.func(0), RA.Inst->func(0)) << "imports share the FuncRef";
  EXPECT_EQ(IB.vmctx()->TypeIds[1], RA.Inst->vmctx()->TypeIds[0]);

  Value Zero = Value::i32(0), One = Value::i32(1), Two = Value::i32(2),
        Nine = Value::i32(9);
  InvokeResult R = IB.invoke("call", {&Zero, 1});
  ASSERT_TRUE(R.ok()) << R.Message << R.T.toString();
  EXPECT_EQ(R.Results[0].asI32(), 42u);
  R = IB.invoke("call", {&One, 1});
  ASSERT_TRUE(R.trapped());
  EXPECT_EQ(R.T.Message, "indirect call type mismatch");
  R = IB.invoke("call", {&Two, 1});
  EXPECT_EQ(R.T.Message, "uninitialized element");
  R = IB.invoke("call", {&Nine, 1});
  EXPECT_EQ(R.T.Message, "undefined element");

  Value Five = Value::i32(5);
  R = IB.invoke("twice", {&Five, 1});
  ASSERT_TRUE(R.ok()) << R.Message;
  EXPECT_EQ(R.Results[0].asI32(), 10u);
  EXPECT_EQ(LastHostCtx, IB.vmctx()) << "host functions get the importer";
  // The table imported by B is A's: B's segment wrote into it.
  EXPECT_EQ(RA.Inst->table(0)->get(1), IB.func(1));
}

TEST(InstanceTest, DescriptorVersionMismatch) {
  TestModule TM;
  ModuleDescriptor D = TM.get();
  D.Version = 999;
  NoImports None;
  InstantiateResult R = Instance::create(D, None);
  EXPECT_EQ(R.S, InstantiateResult::Status::Error);
}
