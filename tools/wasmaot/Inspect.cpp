//===- Inspect.cpp - `wasmaot inspect`: what a module holds ---------------===//
#include "tools/wasmaot/Inspect.h"

#include "frontend/Frontend.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <set>

using namespace llvm;

namespace wasmaot {
namespace {

constexpr const char *WasiModule = "wasi_snapshot_preview1";

/// The names of the known sections, by id.
const char *getSectionName(uint8_t Id) {
  static const char *Names[] = {
      "Custom", "Type",  "Import", "Function", "Table", "Memory",   "Global",
      "Export", "Start", "Elem",   "Code",     "Data",  "DataCount"};
  return Id < std::size(Names) ? Names[Id] : "Unknown";
}

/// Reads an unsigned LEB128 at Pos (advancing it); the module was validated,
/// so the bytes are well-formed, but a read never passes End.
uint32_t readU32(const std::vector<uint8_t> &Bytes, size_t &Pos, size_t End) {
  uint32_t Value = 0;
  for (unsigned Shift = 0; Pos < End && Shift < 35; Shift += 7) {
    uint8_t B = Bytes[Pos++];
    Value |= uint32_t(B & 0x7f) << Shift;
    if (!(B & 0x80))
      break;
  }
  return Value;
}

std::vector<SectionInfo> findSections(const std::vector<uint8_t> &Bytes) {
  std::vector<SectionInfo> Sections;
  size_t Pos = 8; // magic and version
  while (Pos < Bytes.size()) {
    SectionInfo S;
    S.Id = Bytes[Pos++];
    uint32_t Size = readU32(Bytes, Pos, Bytes.size());
    S.Start = uint32_t(Pos);
    S.Size = Size;
    S.Custom = S.Id == 0;
    S.Name = getSectionName(S.Id);
    if (S.Custom) {
      size_t NamePos = Pos;
      uint32_t Len = readU32(Bytes, NamePos, Pos + Size);
      S.Name.assign(Bytes.begin() + NamePos,
                    Bytes.begin() + std::min(NamePos + Len, Pos + Size));
    }
    Sections.push_back(std::move(S));
    Pos += Size;
  }
  return Sections;
}

/// The number of entries a section declares (the vector length its contents
/// start with); none for the start and custom sections.
std::optional<uint32_t> getEntryCount(const std::vector<uint8_t> &Bytes,
                                      const SectionInfo &S) {
  if (S.Custom || S.Id == 8 || S.Size == 0)
    return std::nullopt;
  size_t Pos = S.Start;
  return readU32(Bytes, Pos, S.Start + S.Size);
}

/// Collects the features that instructions use, by wabt's feature names.
class FeatureScanner : public OperatorVisitor {
public:
  FeatureScanner(const Module &M, std::set<std::string> &Found)
      : M(M), Found(Found) {}

  void beginFunction(uint32_t, std::span<const ValType> Locals) override {
    for (ValType T : Locals)
      noteType(T);
  }
  void endFunction() override {}
  void visitControl(const Instr &I) override {
    if (I.Block.K != BlockType::Kind::TypeIndex)
      return;
    const FuncType &T = M.Types[I.Block.Index];
    if (!T.Params.empty() || T.Results.size() > 1)
      Found.insert("multi-value");
  }
  void visitCall(const Instr &I) override {
    if (I.Op == Opcode::CallIndirect && I.Index2 != 0)
      Found.insert("reference-types");
  }
  void visitParametric(const Instr &I) override {
    if (I.Op == Opcode::SelectT)
      Found.insert("reference-types");
  }
  void visitVariable(const Instr &) override {}
  void visitTable(const Instr &I) override {
    bool Bulk = I.Op == Opcode::TableInit || I.Op == Opcode::ElemDrop ||
                I.Op == Opcode::TableCopy;
    Found.insert(Bulk ? "bulk-memory" : "reference-types");
  }
  void visitMemory(const Instr &I) override {
    if (getOpcodeInfo(I.Op).Prefix == 0xFC)
      Found.insert("bulk-memory");
  }
  void visitNumeric(const Instr &I) override {
    const OpcodeInfo &Info = getOpcodeInfo(I.Op);
    if (Info.Prefix == 0xFC && Info.Code <= 7)
      Found.insert("saturating-float-to-int");
    else if (Info.Prefix == 0 && Info.Code >= 0xc0 && Info.Code <= 0xc4)
      Found.insert("sign-extension");
  }
  void visitReference(const Instr &) override {
    Found.insert("reference-types");
  }
  void visitSimd(const Instr &) override { Found.insert("simd"); }
  void visitAtomic(const Instr &) override { Found.insert("threads"); }

  /// What a value type alone implies.
  void noteType(ValType T) {
    if (T == ValType::V128)
      Found.insert("simd");
    else if (T == ValType::ExternRef)
      Found.insert("reference-types");
  }

private:
  const Module &M;
  std::set<std::string> &Found;
};

/// What the module's declarations (not its code) imply.
void scanDeclarations(const Module &M, FeatureScanner &Scanner,
                      std::set<std::string> &Found) {
  for (const FuncType &T : M.Types) {
    if (T.Results.size() > 1)
      Found.insert("multi-value");
    for (ValType V : T.Params)
      Scanner.noteType(V);
    for (ValType V : T.Results)
      Scanner.noteType(V);
  }
  for (const GlobalType &G : M.GlobalTypes)
    Scanner.noteType(G.Type);
  for (const TableType &T : M.Tables)
    Scanner.noteType(T.Elem);
  if (M.Tables.size() > 1)
    Found.insert("reference-types");
  for (const Import &I : M.Imports)
    if (I.Kind == ExternKind::Global && I.Global.Mutable)
      Found.insert("mutable-globals");
  for (const Export &E : M.Exports)
    if (E.Kind == ExternKind::Global && M.GlobalTypes[E.Index].Mutable)
      Found.insert("mutable-globals");
  for (const DataSegment &D : M.Datas)
    if (D.Mode != SegmentMode::Active)
      Found.insert("bulk-memory");
  for (const ElemSegment &E : M.Elems)
    if (E.Mode != SegmentMode::Active)
      Found.insert("bulk-memory");
  if (M.DataCount)
    Found.insert("bulk-memory");
  if (M.Memories.size() > 1)
    Found.insert("multi-memory");
  for (const MemoryType &Mem : M.Memories) {
    if (Mem.Is64)
      Found.insert("memory64");
    if (Mem.Shared)
      Found.insert("threads");
  }
  if (!M.TagTypeIndices.empty())
    Found.insert("exceptions");
}

const Export *findExport(const Module &M, std::string_view Name,
                         ExternKind Kind) {
  for (const Export &E : M.Exports)
    if (E.Name == Name && E.Kind == Kind)
      return &E;
  return nullptr;
}

/// A WASI command exports `_start`; a reactor exports `_initialize`, or uses
/// WASI without `_start`; anything else is a library.
std::string getModuleKind(const Module &M) {
  if (findExport(M, "_start", ExternKind::Func))
    return "command";
  if (findExport(M, "_initialize", ExternKind::Func))
    return "reactor";
  for (const Import &I : M.Imports)
    if (I.Module == WasiModule)
      return "reactor";
  return "library";
}

uint32_t getBodySize(const Module &M, uint32_t FuncIndex) {
  const FunctionBody &B = M.Bodies[FuncIndex - M.NumImportedFuncs];
  return B.End - B.Offset;
}

std::string formatTypes(const std::vector<ValType> &Types) {
  std::string S = "(";
  for (size_t I = 0; I < Types.size(); ++I)
    S += (I ? ", " : "") + std::string(getValTypeName(Types[I]));
  return S + ")";
}

std::string formatFuncType(const FuncType &T) {
  return formatTypes(T.Params) + " -> " + formatTypes(T.Results);
}

std::string formatLimits(const Limits &L, const char *Unit) {
  std::string S = std::string(Unit) + ": initial=" + std::to_string(L.Min);
  if (L.Max)
    S += " max=" + std::to_string(*L.Max);
  return S;
}

/// The entity an import or export names, as `wasm-objdump -x` shows it:
/// `func[3] <name> (i32) -> ()`, `memory[0] pages: initial=1`, ...
std::string describeEntity(const Module &M, ExternKind Kind, uint32_t Index) {
  std::string S =
      std::string(Kind == ExternKind::Func ? "func" : getExternKindName(Kind)) +
      "[" + std::to_string(Index) + "]";
  switch (Kind) {
  case ExternKind::Func: {
    auto Name = M.Names.Functions.find(Index);
    if (Name != M.Names.Functions.end())
      S += " <" + Name->second + ">";
    return S + " " + formatFuncType(M.getFuncType(Index));
  }
  case ExternKind::Table:
    return S + " type=" + getValTypeName(M.Tables[Index].Elem) + " " +
           formatLimits(M.Tables[Index].Lim, "size");
  case ExternKind::Memory:
    return S + " " + formatLimits(M.Memories[Index].Lim, "pages") +
           (M.Memories[Index].Is64 ? " i64" : "") +
           (M.Memories[Index].Shared ? " shared" : "");
  case ExternKind::Global:
    return S + " " + getValTypeName(M.GlobalTypes[Index].Type) +
           " mutable=" + (M.GlobalTypes[Index].Mutable ? "1" : "0");
  case ExternKind::Tag:
    return S + " " + formatFuncType(M.Types[M.TagTypeIndices[Index]]);
  }
  return S;
}

std::string formatConstExpr(const ConstExpr &E) {
  switch (E.K) {
  case ConstExpr::Kind::I32Const:
    return "i32=" + std::to_string(int32_t(E.Bits));
  case ConstExpr::Kind::I64Const:
    return "i64=" + std::to_string(int64_t(E.Bits));
  case ConstExpr::Kind::F32Const:
    return formatv("f32=0x{0:x-8}", uint32_t(E.Bits)).str();
  case ConstExpr::Kind::F64Const:
    return formatv("f64=0x{0:x-16}", E.Bits).str();
  case ConstExpr::Kind::V128Const:
    return "v128";
  case ConstExpr::Kind::GlobalGet:
    return "global.get " + std::to_string(E.Index);
  case ConstExpr::Kind::RefNull:
    return std::string("ref.null ") + getValTypeName(E.RefType);
  case ConstExpr::Kind::RefFunc:
    return "ref.func " + std::to_string(E.Index);
  case ConstExpr::Kind::Extended: {
    std::string S;
    for (const ConstExpr &Op : E.Ops)
      S += (S.empty() ? "" : " ") + formatConstExpr(Op);
    return "(" + S + ")";
  }
  case ConstExpr::Kind::I32Add:
    return "i32.add";
  case ConstExpr::Kind::I32Sub:
    return "i32.sub";
  case ConstExpr::Kind::I32Mul:
    return "i32.mul";
  case ConstExpr::Kind::I64Add:
    return "i64.add";
  case ConstExpr::Kind::I64Sub:
    return "i64.sub";
  case ConstExpr::Kind::I64Mul:
    return "i64.mul";
  }
  return "";
}

/// Index of each import within its own kind (func[N], memory[N], ...).
std::vector<uint32_t> getImportIndices(const Module &M) {
  uint32_t Next[4] = {};
  std::vector<uint32_t> Indices;
  for (const Import &I : M.Imports)
    Indices.push_back(Next[static_cast<unsigned>(I.Kind)]++);
  return Indices;
}

json::Array toJson(const std::vector<ValType> &Types) {
  json::Array A;
  for (ValType T : Types)
    A.push_back(getValTypeName(T));
  return A;
}

json::Object limitsToJson(const Limits &L) {
  json::Object O{{"initial", int64_t(L.Min)}};
  O["max"] = L.Max ? json::Value(int64_t(*L.Max)) : json::Value(nullptr);
  return O;
}

/// The type of an import's or export's entity, as a JSON object.
json::Object entityTypeToJson(const Module &M, ExternKind Kind,
                              uint32_t Index) {
  switch (Kind) {
  case ExternKind::Func: {
    const FuncType &T = M.getFuncType(Index);
    return json::Object{{"params", toJson(T.Params)},
                        {"results", toJson(T.Results)}};
  }
  case ExternKind::Table: {
    json::Object O = limitsToJson(M.Tables[Index].Lim);
    O["element"] = getValTypeName(M.Tables[Index].Elem);
    return O;
  }
  case ExternKind::Memory: {
    json::Object O = limitsToJson(M.Memories[Index].Lim);
    O["index"] = M.Memories[Index].Is64 ? "i64" : "i32";
    O["shared"] = M.Memories[Index].Shared;
    return O;
  }
  case ExternKind::Global:
    return json::Object{{"type", getValTypeName(M.GlobalTypes[Index].Type)},
                        {"mutable", M.GlobalTypes[Index].Mutable}};
  case ExternKind::Tag:
    return json::Object{
        {"params", toJson(M.Types[M.TagTypeIndices[Index]].Params)}};
  }
  return json::Object();
}

} // namespace

bool buildModuleReport(const Module &M, ModuleReport &R, std::string &Error) {
  R.Kind = getModuleKind(M);
  R.Sections = findSections(M.Bytes);
  std::set<std::string> Found;
  FeatureScanner Scanner(M, Found);
  scanDeclarations(M, Scanner, Found);
  for (uint32_t F = M.NumImportedFuncs; F < M.getNumFuncs(); ++F) {
    Diagnostic Diag;
    if (!decodeFunction(M, F, &Scanner, Diag)) {
      Error = Diag.Message;
      return false;
    }
    R.FunctionsBySize.push_back(F);
  }
  R.Features.assign(Found.begin(), Found.end());
  std::sort(R.FunctionsBySize.begin(), R.FunctionsBySize.end(),
            [&](uint32_t A, uint32_t B) {
              uint32_t SizeA = getBodySize(M, A), SizeB = getBodySize(M, B);
              return SizeA != SizeB ? SizeA > SizeB : A < B;
            });
  return true;
}

std::string formatReportText(const std::string &Path, const Module &M,
                             const ModuleReport &R, unsigned TopFunctions) {
  std::string Out;
  raw_string_ostream OS(Out);
  static const std::map<std::string, std::string> KindText = {
      {"command", "WASI command"},
      {"reactor", "WASI reactor"},
      {"library", "library (neither a WASI command nor a reactor)"}};
  OS << Path << ": wasm module, version 1, " << KindText.at(R.Kind) << "\n\n";

  OS << "Sections:\n";
  for (const SectionInfo &S : R.Sections) {
    OS << format("%10s start=0x%08x end=0x%08x (size=0x%08x)",
                 S.Custom ? "Custom" : S.Name.c_str(), S.Start,
                 S.Start + S.Size, S.Size);
    if (S.Custom)
      OS << " \"" << S.Name << "\"";
    else if (auto Count = getEntryCount(M.Bytes, S))
      OS << " count: " << *Count;
    OS << "\n";
  }
  OS << "\nFeatures:";
  if (R.Features.empty())
    OS << " (MVP only)";
  for (const std::string &F : R.Features)
    OS << " " << F;
  OS << "\n";

  std::vector<uint32_t> ImportIndices = getImportIndices(M);
  OS << "\nImports[" << M.Imports.size() << "]:\n";
  for (size_t I = 0; I < M.Imports.size(); ++I) {
    const Import &Imp = M.Imports[I];
    OS << " - " << describeEntity(M, Imp.Kind, ImportIndices[I]) << " <- "
       << Imp.Module << "." << Imp.Field << "\n";
  }
  OS << "Exports[" << M.Exports.size() << "]:\n";
  for (const Export &E : M.Exports)
    OS << " - " << describeEntity(M, E.Kind, E.Index) << " -> \"" << E.Name
       << "\"\n";
  OS << "Memories[" << M.Memories.size() << "]:\n";
  for (uint32_t I = 0; I < M.Memories.size(); ++I)
    OS << " - " << describeEntity(M, ExternKind::Memory, I)
       << (I < M.NumImportedMemories ? " (imported)" : "") << "\n";
  OS << "Tables[" << M.Tables.size() << "]:\n";
  for (uint32_t I = 0; I < M.Tables.size(); ++I)
    OS << " - " << describeEntity(M, ExternKind::Table, I)
       << (I < M.NumImportedTables ? " (imported)" : "") << "\n";
  OS << "Globals[" << M.GlobalTypes.size() << "]:\n";
  for (uint32_t I = 0; I < M.GlobalTypes.size(); ++I) {
    OS << " - " << describeEntity(M, ExternKind::Global, I);
    if (I < M.NumImportedGlobals)
      OS << " (imported)";
    else
      OS << " - init "
         << formatConstExpr(M.Globals[I - M.NumImportedGlobals].Init);
    OS << "\n";
  }
  OS << "Start: ";
  if (M.Start)
    OS << describeEntity(M, ExternKind::Func, *M.Start) << "\n";
  else
    OS << "none\n";

  uint64_t CodeBytes = 0;
  for (const FunctionBody &B : M.Bodies)
    CodeBytes += B.End - B.Offset;
  size_t Shown = std::min<size_t>(TopFunctions, R.FunctionsBySize.size());
  OS << "\nLargest functions (" << Shown << " of " << M.Bodies.size() << ", "
     << CodeBytes << " bytes of code):\n";
  for (size_t I = 0; I < Shown; ++I) {
    uint32_t F = R.FunctionsBySize[I];
    OS << format(" - %8u bytes  ", getBodySize(M, F)) << M.getFuncName(F)
       << "\n";
  }
  return Out;
}

std::string formatReportJson(const Module &M, const ModuleReport &R,
                             unsigned TopFunctions) {
  json::Array Sections;
  for (const SectionInfo &S : R.Sections) {
    json::Object O{{"name", S.Name},
                   {"id", int64_t(S.Id)},
                   {"custom", S.Custom},
                   {"start", int64_t(S.Start)},
                   {"size", int64_t(S.Size)}};
    if (auto Count = getEntryCount(M.Bytes, S))
      O["count"] = int64_t(*Count);
    Sections.push_back(std::move(O));
  }
  std::vector<uint32_t> ImportIndices = getImportIndices(M);
  json::Array Imports;
  for (size_t I = 0; I < M.Imports.size(); ++I) {
    const Import &Imp = M.Imports[I];
    Imports.push_back(json::Object{
        {"module", Imp.Module},
        {"name", Imp.Field},
        {"kind", getExternKindName(Imp.Kind)},
        {"index", int64_t(ImportIndices[I])},
        {"type", entityTypeToJson(M, Imp.Kind, ImportIndices[I])}});
  }
  json::Array Exports;
  for (const Export &E : M.Exports)
    Exports.push_back(
        json::Object{{"name", E.Name},
                     {"kind", getExternKindName(E.Kind)},
                     {"index", int64_t(E.Index)},
                     {"type", entityTypeToJson(M, E.Kind, E.Index)}});
  auto ListOf = [&](ExternKind Kind, size_t N, uint32_t NumImported) {
    json::Array A;
    for (uint32_t I = 0; I < N; ++I) {
      json::Object O = entityTypeToJson(M, Kind, I);
      O["index"] = int64_t(I);
      O["imported"] = I < NumImported;
      A.push_back(std::move(O));
    }
    return A;
  };
  json::Array Functions;
  for (size_t I = 0;
       I < std::min<size_t>(TopFunctions, R.FunctionsBySize.size()); ++I) {
    uint32_t F = R.FunctionsBySize[I];
    Functions.push_back(json::Object{{"index", int64_t(F)},
                                     {"name", M.getFuncName(F)},
                                     {"size", int64_t(getBodySize(M, F))}});
  }
  json::Array Features;
  for (const std::string &F : R.Features)
    Features.push_back(F);
  json::Object Root{
      {"kind", R.Kind},
      {"sections", std::move(Sections)},
      {"imports", std::move(Imports)},
      {"exports", std::move(Exports)},
      {"memories",
       ListOf(ExternKind::Memory, M.Memories.size(), M.NumImportedMemories)},
      {"tables",
       ListOf(ExternKind::Table, M.Tables.size(), M.NumImportedTables)},
      {"globals",
       ListOf(ExternKind::Global, M.GlobalTypes.size(), M.NumImportedGlobals)},
      {"start",
       M.Start ? json::Value(int64_t(*M.Start)) : json::Value(nullptr)},
      {"features", std::move(Features)},
      {"functions", std::move(Functions)},
  };
  std::string Out;
  raw_string_ostream OS(Out);
  OS << formatv("{0:2}", json::Value(std::move(Root))) << "\n";
  return Out;
}

} // namespace wasmaot
