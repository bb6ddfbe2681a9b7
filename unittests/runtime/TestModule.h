//===- TestModule.h - Hand-built module descriptors for runtime tests -----===//
#ifndef WASMAOT_UNITTESTS_RUNTIME_TESTMODULE_H
#define WASMAOT_UNITTESTS_RUNTIME_TESTMODULE_H

#include "wasmaot/Runtime.h"

#include <cstring>
#include <deque>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace wasmaot::test {

/// Builds a ModuleDescriptor the way lowering would emit one, with stable
/// storage for everything it points to.
class TestModule {
public:
  TestModule() { D.StartFunction = UINT64_MAX; }

  uint32_t addType(std::vector<ValType> Params, std::vector<ValType> Results,
                   ArrayTrampoline Tramp = nullptr) {
    std::vector<uint8_t> &B = TypeBytes.emplace_back();
    for (ValType T : Params)
      B.push_back(uint8_t(T));
    for (ValType T : Results)
      B.push_back(uint8_t(T));
    Types.push_back({Params.size(), Results.size(), nullptr});
    Trampolines.push_back(Tramp);
    return uint32_t(Types.size() - 1);
  }
  void importFunc(const char *M, const char *F, uint32_t Type) {
    DescImport I = {};
    I.Module = M;
    I.Field = F;
    I.ModuleSize = strlen(M);
    I.FieldSize = strlen(F);
    I.Kind = uint64_t(ExternKind::Func);
    I.TypeIndex = Type;
    Imports.push_back(I);
    ++D.NumImportedFuncs;
  }
  void importMemory(const char *M, const char *F, uint64_t Min,
                    uint64_t Max = 0, bool HasMax = false) {
    DescImport I = {};
    I.Module = M;
    I.Field = F;
    I.ModuleSize = strlen(M);
    I.FieldSize = strlen(F);
    I.Kind = uint64_t(ExternKind::Memory);
    I.Min = Min;
    I.Max = Max;
    I.HasMax = HasMax;
    Imports.push_back(I);
    ++D.NumImportedMemories;
  }
  void importTable(const char *M, const char *F, uint64_t Min) {
    DescImport I = {};
    I.Module = M;
    I.Field = F;
    I.ModuleSize = strlen(M);
    I.FieldSize = strlen(F);
    I.Kind = uint64_t(ExternKind::Table);
    I.ValType = uint64_t(ValType::FuncRef);
    I.Min = Min;
    Imports.push_back(I);
    ++D.NumImportedTables;
  }
  void importGlobal(const char *M, const char *F, ValType T, bool Mut) {
    DescImport I = {};
    I.Module = M;
    I.Field = F;
    I.ModuleSize = strlen(M);
    I.FieldSize = strlen(F);
    I.Kind = uint64_t(ExternKind::Global);
    I.ValType = uint64_t(T);
    I.Mutable = Mut;
    Imports.push_back(I);
    ++D.NumImportedGlobals;
  }
  /// Returns the function index.
  uint32_t addFunc(void *Code, uint32_t Type, const char *Name = nullptr,
                   uint64_t Offset = 0) {
    Functions.push_back({Code, Type, Offset, Name, nullptr});
    return uint32_t(D.NumImportedFuncs + Functions.size() - 1);
  }
  void addMemory(uint64_t Min, uint64_t Max = 0, bool HasMax = false) {
    Memories.push_back({Min, Max, HasMax, 0});
  }
  void addTable(uint64_t Min, uint64_t Max = 0, bool HasMax = false) {
    Tables.push_back({uint64_t(ValType::FuncRef), Min, Max, HasMax, 0});
  }
  void addGlobal(ValType T, bool Mut, DescConstExpr Init) {
    Globals.push_back({uint64_t(T), Mut, Init});
  }
  void addExport(const char *Name, ExternKind K, uint64_t Index) {
    Exports.push_back({Name, uint64_t(K), Index, strlen(Name)});
  }
  /// A name that may contain NUL bytes.
  void addExport(std::string_view Name, ExternKind K, uint64_t Index) {
    Exports.push_back({Name.data(), uint64_t(K), Index, Name.size()});
  }
  void addActiveData(uint32_t Offset, std::string Bytes, uint64_t Memory = 0) {
    DescData S = {};
    S.Mode = uint64_t(SegmentMode::Active);
    S.Memory = Memory;
    S.Offset = i32Const(Offset);
    S.Size = Bytes.size();
    DataBytes.push_back(std::move(Bytes));
    Datas.push_back(S);
  }
  void addPassiveData(std::string Bytes) {
    DescData S = {};
    S.Mode = uint64_t(SegmentMode::Passive);
    S.Size = Bytes.size();
    DataBytes.push_back(std::move(Bytes));
    Datas.push_back(S);
  }
  void addElem(SegmentMode Mode, uint32_t Offset,
               std::vector<DescConstExpr> Items, uint64_t Table = 0) {
    DescElem E = {};
    E.Mode = uint64_t(Mode);
    E.ElemType = uint64_t(ValType::FuncRef);
    E.Table = Table;
    E.Offset = i32Const(Offset);
    E.NumItems = Items.size();
    ElemItems.push_back(std::move(Items));
    Elems.push_back(E);
  }
  void setStart(uint32_t Func) { D.StartFunction = Func; }
  void setBoundsMode(BoundsChecks M) { D.BoundsMode = uint64_t(M); }
  void setInterruptible() { D.Interruptible = 1; }

  static DescConstExpr i32Const(uint32_t V) {
    DescConstExpr E = {};
    E.Kind = uint64_t(ConstExpr::Kind::I32Const);
    E.Bits = V;
    return E;
  }
  static DescConstExpr refFunc(uint32_t F) {
    DescConstExpr E = {};
    E.Kind = uint64_t(ConstExpr::Kind::RefFunc);
    E.Index = F;
    return E;
  }
  static DescConstExpr refNull() {
    DescConstExpr E = {};
    E.Kind = uint64_t(ConstExpr::Kind::RefNull);
    E.RefType = uint64_t(ValType::FuncRef);
    return E;
  }
  static DescConstExpr globalGet(uint32_t G) {
    DescConstExpr E = {};
    E.Kind = uint64_t(ConstExpr::Kind::GlobalGet);
    E.Index = G;
    return E;
  }

  const ModuleDescriptor &get() {
    D.Version = DescriptorVersion;
    for (size_t I = 0; I < Types.size(); ++I)
      Types[I].Types = TypeBytes[I].data();
    for (size_t I = 0; I < Datas.size(); ++I)
      Datas[I].Bytes = reinterpret_cast<const uint8_t *>(DataBytes[I].data());
    for (size_t I = 0; I < Elems.size(); ++I)
      Elems[I].Items = ElemItems[I].data();
    D.NumTypes = Types.size();
    D.Types = Types.data();
    D.Trampolines = Trampolines.data();
    D.NumImports = Imports.size();
    D.Imports = Imports.data();
    D.NumFunctions = Functions.size();
    D.Functions = Functions.data();
    D.NumTables = Tables.size();
    D.Tables = Tables.data();
    D.NumMemories = Memories.size();
    D.Memories = Memories.data();
    D.NumGlobals = Globals.size();
    D.Globals = Globals.data();
    D.NumExports = Exports.size();
    D.Exports = Exports.data();
    D.NumElems = Elems.size();
    D.Elems = Elems.data();
    D.NumDatas = Datas.size();
    D.Datas = Datas.data();
    return D;
  }

private:
  ModuleDescriptor D = {};
  std::deque<std::vector<uint8_t>> TypeBytes;
  std::vector<DescFuncType> Types;
  std::vector<ArrayTrampoline> Trampolines;
  std::vector<DescImport> Imports;
  std::vector<DescFunction> Functions;
  std::vector<DescTable> Tables;
  std::vector<DescMemory> Memories;
  std::vector<DescGlobal> Globals;
  std::vector<DescExport> Exports;
  std::vector<DescElem> Elems;
  std::deque<std::vector<DescConstExpr>> ElemItems;
  std::vector<DescData> Datas;
  std::deque<std::string> DataBytes;
};

/// An ImportResolver that provides nothing.
class NoImports : public ImportResolver {
public:
  bool resolve(Instance &, std::string_view, std::string_view, ExternKind,
               ExternVal &) override {
    return false;
  }
};

// Trampolines, as lowering emits them: arguments and results in 16-byte slots.
template <typename R, typename... A>
void trampoline(void *Code, void *Ctx, void *Slots) {
  auto *S = static_cast<uint8_t *>(Slots);
  auto Load = [&](auto &V, size_t I) { memcpy(&V, S + 16 * I, sizeof(V)); };
  size_t I = 0;
  std::tuple<A...> Args;
  std::apply([&](auto &...Xs) { (Load(Xs, I++), ...); }, Args);
  auto *Fn = reinterpret_cast<R (*)(VMContext *, A...)>(Code);
  if constexpr (std::is_void_v<R>) {
    std::apply([&](auto... Xs) { Fn(static_cast<VMContext *>(Ctx), Xs...); },
               Args);
  } else {
    R Res = std::apply(
        [&](auto... Xs) { return Fn(static_cast<VMContext *>(Ctx), Xs...); },
        Args);
    memcpy(S, &Res, sizeof(Res));
  }
}

} // namespace wasmaot::test

#endif
