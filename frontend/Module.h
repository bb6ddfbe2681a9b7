//===- Module.h - A decoded WebAssembly module ----------------------------===//
//
// What the section parser produces and everything after it reads. Function
// bodies are kept as byte ranges of the file and decoded on demand by
// FunctionDecoder.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_FRONTEND_MODULE_H
#define WASMAOT_FRONTEND_MODULE_H

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace wasmaot {

/// Value types, numbered by their binary encoding.
enum class ValType : uint8_t {
  I32 = 0x7f,
  I64 = 0x7e,
  F32 = 0x7d,
  F64 = 0x7c,
  V128 = 0x7b,
  FuncRef = 0x70,
  ExternRef = 0x6f,
};

inline bool isRefType(ValType T) {
  return T == ValType::FuncRef || T == ValType::ExternRef;
}
const char *getValTypeName(ValType T);

struct FuncType {
  std::vector<ValType> Params;
  std::vector<ValType> Results;
  bool operator==(const FuncType &) const = default;
};

struct Limits {
  uint64_t Min = 0;
  std::optional<uint64_t> Max;
};

struct TableType {
  ValType Elem = ValType::FuncRef;
  Limits Lim;
  bool Is64 = false; // memory64's table64: i64 indices, sizes and lengths
  ValType getIndexType() const { return Is64 ? ValType::I64 : ValType::I32; }
};

struct MemoryType {
  Limits Lim;          // in 64 KiB pages
  bool Is64 = false;   // memory64: i64 addresses, limits and sizes
  bool Shared = false; // threads: shareable between threads, has a maximum
  /// The type of an address into the memory (and of its size and grow).
  ValType getAddressType() const { return Is64 ? ValType::I64 : ValType::I32; }
};

struct GlobalType {
  ValType Type = ValType::I32;
  bool Mutable = false;
};

enum class ExternKind : uint8_t {
  Func = 0,
  Table = 1,
  Memory = 2,
  Global = 3,
  Tag = 4, // exception handling
};
inline const char *getExternKindName(ExternKind K) {
  switch (K) {
  case ExternKind::Func:
    return "function";
  case ExternKind::Table:
    return "table";
  case ExternKind::Memory:
    return "memory";
  case ExternKind::Global:
    return "global";
  case ExternKind::Tag:
    return "tag";
  }
  return "<invalid kind>";
}

struct Import {
  std::string Module;
  std::string Field;
  ExternKind Kind = ExternKind::Func;
  uint32_t FuncTypeIndex = 0; // Kind == Func
  TableType Table;            // Kind == Table
  MemoryType Memory;          // Kind == Memory
  GlobalType Global;          // Kind == Global
  uint32_t TagTypeIndex = 0;  // Kind == Tag: its function type (no results)
  uint32_t Offset = 0;        // of the import entry in the file
};

/// A constant expression: one instruction then `end` (2.0), or, with
/// extended-const, several (Kind::Extended, the instructions in Ops in
/// order: constants, global.get, and i32/i64 add, sub and mul).
struct ConstExpr {
  enum class Kind : uint8_t {
    I32Const,
    I64Const,
    F32Const,
    F64Const,
    V128Const,
    GlobalGet,
    RefNull,
    RefFunc,
    Extended,
    I32Add,
    I32Sub,
    I32Mul,
    I64Add,
    I64Sub,
    I64Mul,
  };
  Kind K = Kind::I32Const;
  uint64_t Bits = 0;                  // the value of i32/i64/f32/f64 constants
  std::array<uint8_t, 16> V128 = {};  // the value of a v128 constant
  uint32_t Index = 0;                 // GlobalGet and RefFunc
  ValType RefType = ValType::FuncRef; // RefNull
  uint32_t Offset = 0;                // of the expression's first byte
  std::vector<ConstExpr> Ops;         // Extended: each instruction
};

/// The features beyond Wasm 2.0 a module may use, by wabt's names
/// (`--disable-FEATURE`). All on by default; a feature not implemented yet
/// is refused whatever is set.
struct Features {
  bool TailCall = true;
  bool ExtendedConst = true;
  bool MultiMemory = true;
  bool Memory64 = true;
  bool Exceptions = true;
  bool Threads = true;

  /// Every feature off: Wasm 2.0 exactly.
  static Features none();
  /// Turns the feature Name (wabt's: tail-call, extended-const, ...) on or
  /// off; false when there is no such feature.
  bool set(std::string_view Name, bool On);
  bool isEnabled(std::string_view Name) const;
  /// The names, in wabt's spelling.
  static const std::vector<std::string_view> &names();

private:
  /// The flag of the feature Name, or null.
  bool *find(std::string_view Name);
};

struct Global {
  GlobalType Type;
  ConstExpr Init;
};

struct Export {
  std::string Name;
  ExternKind Kind = ExternKind::Func;
  uint32_t Index = 0;
  uint32_t Offset = 0; // of the export entry in the file
};

enum class SegmentMode : uint8_t { Active, Passive, Declarative };

struct ElemSegment {
  SegmentMode Mode = SegmentMode::Active;
  uint32_t Table = 0;
  ConstExpr Offset; // Active only
  ValType Type = ValType::FuncRef;
  std::vector<ConstExpr> Items; // ref.func, ref.null or global.get
  uint32_t FileOffset = 0;
};

struct DataSegment {
  SegmentMode Mode = SegmentMode::Active;
  uint32_t Memory = 0;
  ConstExpr Offset;         // Active only
  uint32_t BytesOffset = 0; // where the bytes start in the file
  uint32_t Size = 0;
  uint32_t FileOffset = 0;
};

/// A defined function: its type and where its body lies in the file.
struct FunctionBody {
  uint32_t TypeIndex = 0;
  uint32_t Offset = 0; // first byte of the body (the locals vector)
  uint32_t End = 0;    // one past the last byte (the final `end`)
};

struct NameSection {
  std::string ModuleName;
  std::map<uint32_t, std::string> Functions;
  std::map<uint32_t, std::map<uint32_t, std::string>> Locals;
  std::map<uint32_t, std::string> Tags; // by tag index, imports first
};

/// A validation error the section parser met while decoding, e.g. a
/// non-constant instruction in an initializer: the expression still decodes,
/// so the module is not malformed, but validateModule must reject it.
struct DeferredError {
  uint32_t Offset = 0;
  std::string Message;
};

struct Module {
  /// The whole file; byte offsets everywhere below point into it.
  std::vector<uint8_t> Bytes;
  /// What the module was decoded and validated with.
  Features Enabled;

  std::vector<FuncType> Types;
  std::vector<Import> Imports;

  /// The type index of every function, imported ones first.
  std::vector<uint32_t> FuncTypeIndices;
  uint32_t NumImportedFuncs = 0;
  std::vector<FunctionBody> Bodies; // one per defined function

  std::vector<TableType> Tables; // imported ones first
  uint32_t NumImportedTables = 0;
  std::vector<MemoryType> Memories; // imported ones first
  uint32_t NumImportedMemories = 0;
  std::vector<GlobalType> GlobalTypes; // imported ones first
  uint32_t NumImportedGlobals = 0;
  std::vector<Global> Globals; // defined ones only
  /// The function type index of every tag (exception handling), imported
  /// ones first; a tag's exception carries the type's parameters.
  std::vector<uint32_t> TagTypeIndices;
  uint32_t NumImportedTags = 0;

  std::vector<Export> Exports;
  std::optional<uint32_t> Start;
  uint32_t StartOffset = 0; // of the start function's index in the file
  std::vector<ElemSegment> Elems;
  std::vector<DataSegment> Datas;
  std::optional<uint32_t> DataCount;
  NameSection Names;
  std::vector<DeferredError> DeferredErrors;
  /// For each function index, whether it is named outside function bodies
  /// (an export, an element segment, a global initializer), which ref.func in
  /// a body requires.
  std::vector<bool> DeclaredFuncRefs;

  uint32_t getNumFuncs() const {
    return static_cast<uint32_t>(FuncTypeIndices.size());
  }
  const FuncType &getFuncType(uint32_t FuncIndex) const {
    return Types[FuncTypeIndices[FuncIndex]];
  }
  bool isImportedFunc(uint32_t FuncIndex) const {
    return FuncIndex < NumImportedFuncs;
  }
  /// The name-section name of a function, or "func[N]".
  std::string getFuncName(uint32_t FuncIndex) const;
};

} // namespace wasmaot

#endif
