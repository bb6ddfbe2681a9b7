//===- ModuleDescriptor.h - What a compiled object tells the runtime ------===//
//
// Lowering emits one constant `wasmaot_module` of type ModuleDescriptor into
// every object; the runtime instantiates from it alone. Every scalar field is
// 64 bits and every other field a pointer, so the LLVM struct types that
// lowering builds have the same layout as these with no padding rules to keep
// in step.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_MODULEDESCRIPTOR_H
#define WASMAOT_MODULEDESCRIPTOR_H

#include <cstdint>

namespace wasmaot {

inline constexpr uint64_t DescriptorVersion = 6;
inline constexpr const char *DescriptorSymbol = "wasmaot_module";

/// ValType encodings (0x7f i32 ... 0x6f externref) and ExternKind values are
/// those of the binary format; SegmentMode and ConstExpr::Kind those of
/// frontend/Module.h, in declaration order.

struct DescFuncType {
  uint64_t NumParams;
  uint64_t NumResults;
  const uint8_t *Types; // NumParams parameter types, then NumResults results
};

struct DescConstExpr {
  uint64_t Kind; // ConstExpr::Kind
  uint64_t Bits; // i32 (zero-extended), i64, f32, f64 raw bits; Extended:
                 // the address of its ops, an array of DescConstExpr
  uint64_t V128Lo;
  uint64_t V128Hi;
  uint64_t Index;   // GlobalGet, RefFunc; Extended: the number of ops
  uint64_t RefType; // RefNull
};

/// Names (import module and field, export) are UTF-8 that may contain NUL
/// bytes: each comes with its size in bytes (the text is NUL-terminated too).
struct DescImport {
  const char *Module;
  const char *Field;
  uint64_t Kind;      // ExternKind
  uint64_t TypeIndex; // Func: the module type index
  uint64_t ValType;   // Global: its type; Table: the element type
  uint64_t Mutable;   // Global
  uint64_t Min;       // Table, Memory
  uint64_t Max;       // Table, Memory (valid when HasMax)
  uint64_t HasMax;
  uint64_t ModuleSize;
  uint64_t FieldSize;
  uint64_t TypeFlags; // Memory, Table: DescMemoryFlags
};

struct DescFunction {
  void *Code; // the compiled function
  uint64_t TypeIndex;
  uint64_t CodeOffset; // of the body in the Wasm file
  const char *Name;    // name-section name, or null
  void *TailCode;      // its `tailcc` body (FuncRef::TailCode), or null
};

/// What a memory or table type says beyond its limits.
enum DescMemoryFlags : uint64_t {
  MemoryIs64 = 1,  // memory64: i64 addresses (memories always explicitly
                   // checked), i64 indices (tables)
  MemoryShared = 2 // threads: shared between instances on several threads
};

struct DescTable {
  uint64_t ElemType;
  uint64_t Min;
  uint64_t Max;
  uint64_t HasMax;
  uint64_t Flags; // DescMemoryFlags: MemoryIs64 only
};

struct DescMemory {
  uint64_t Min;
  uint64_t Max;
  uint64_t HasMax;
  uint64_t Flags; // DescMemoryFlags
};

/// An exception tag: its exceptions carry the parameters of the type.
struct DescTag {
  uint64_t TypeIndex;
  const char *Name; // export or name-section name, or null
};

struct DescGlobal {
  uint64_t ValType;
  uint64_t Mutable;
  DescConstExpr Init;
};

struct DescExport {
  const char *Name;
  uint64_t Kind; // ExternKind
  uint64_t Index;
  uint64_t NameSize;
};

struct DescElem {
  uint64_t Mode; // SegmentMode
  uint64_t ElemType;
  uint64_t Table;
  DescConstExpr Offset;
  uint64_t NumItems;
  const DescConstExpr *Items;
};

struct DescData {
  uint64_t Mode; // SegmentMode
  uint64_t Memory;
  DescConstExpr Offset;
  uint64_t Size;
  const uint8_t *Bytes;
};

/// Calls Code(Ctx, args...) with the arguments read from Slots (16 bytes
/// each) and writes the results back into Slots from the first.
using ArrayTrampoline = void (*)(void *Code, void *Ctx, void *Slots);

enum class BoundsChecks : uint64_t { Guard = 0, Explicit = 1 };

struct ModuleDescriptor {
  uint64_t Version;       // DescriptorVersion
  uint64_t BoundsMode;    // BoundsChecks
  uint64_t Interruptible; // 1: compiled code polls VMContext::InterruptPoll
  const char *ModuleName; // name-section module name, or null

  uint64_t NumTypes;
  const DescFuncType *Types;
  const ArrayTrampoline *Trampolines; // per type index; null where unused

  uint64_t NumImports;
  const DescImport *Imports;
  uint64_t NumImportedFuncs;
  uint64_t NumImportedTables;
  uint64_t NumImportedMemories;
  uint64_t NumImportedGlobals;

  uint64_t NumFunctions; // defined functions
  const DescFunction *Functions;
  uint64_t NumTables; // defined tables
  const DescTable *Tables;
  uint64_t NumMemories; // defined memories
  const DescMemory *Memories;
  uint64_t NumGlobals; // defined globals
  const DescGlobal *Globals;
  uint64_t NumExports;
  const DescExport *Exports;
  uint64_t StartFunction; // function index, or UINT64_MAX for none
  uint64_t NumElems;
  const DescElem *Elems;
  uint64_t NumDatas;
  const DescData *Datas;
  uint64_t NumImportedTags;
  uint64_t NumTags; // defined tags
  const DescTag *Tags;
};

} // namespace wasmaot

#endif
