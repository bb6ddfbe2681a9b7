//===- EmbedHeader.cpp - NAME.h, the header of a library ------------------===//
//
// The header `--emit=lib` writes beside the library: the shared declarations
// of wasmaot/embed.h (its very text, under its own include guard), then the
// library's own, from the same EmbedInterface the glue was emitted from.
//
//===----------------------------------------------------------------------===//
#include "tools/driver/Driver.h"

#include <cctype>

namespace wasmaot {

namespace {

/// embed/include/wasmaot/embed.h, as CMake read it.
constexpr const char *SharedDeclarations =
#include "EmbedH.inc"
    ;

const char *getCType(ValType T) {
  switch (T) {
  case ValType::I32:
    return "int32_t";
  case ValType::I64:
    return "int64_t";
  case ValType::F32:
    return "float";
  case ValType::F64:
    return "double";
  case ValType::V128:
    return "wasmaot_v128";
  case ValType::FuncRef:
    return "wasmaot_funcref";
  case ValType::ExternRef:
    return "wasmaot_externref";
  }
  return "?";
}

/// "(i32, i64) -> (f32)", for the comments.
std::string describeType(const FuncType &T) {
  auto List = [](const std::vector<ValType> &Ts) {
    std::string S = "(";
    for (size_t I = 0; I < Ts.size(); ++I)
      S += std::string(I ? ", " : "") + getValTypeName(Ts[I]);
    return S + ")";
  };
  return List(T.Params) + " -> " + List(T.Results);
}

/// A Wasm name inside a C comment: printable ASCII, and no "*/".
std::string commentSafe(const std::string &Name) {
  std::string S;
  for (char C : Name)
    S += std::isprint(static_cast<unsigned char>(C)) ? C : '?';
  for (size_t P; (P = S.find("*/")) != std::string::npos;)
    S[P] = '?';
  return S;
}

/// The return type of a function with these results.
std::string getReturnType(const std::vector<ValType> &Results,
                          const std::string &Struct) {
  if (Results.empty())
    return "void";
  if (Results.size() == 1)
    return getCType(Results[0]);
  return Struct;
}

std::string getParams(const std::string &First,
                      const std::vector<ValType> &Params) {
  std::string S = First;
  for (size_t I = 0; I < Params.size(); ++I)
    S += std::string(", ") + getCType(Params[I]) + " p" + std::to_string(I);
  return S;
}

/// `typedef struct S { T r0; ... } S;`, or nothing when S is empty.
std::string getResultsStruct(const std::string &S,
                             const std::vector<ValType> &Results) {
  if (S.empty())
    return "";
  std::string H = "typedef struct " + S + " {\n";
  for (size_t R = 0; R < Results.size(); ++R)
    H += std::string("  ") + getCType(Results[R]) + " r" + std::to_string(R) +
         ";\n";
  return H + "} " + S + ";\n";
}

} // namespace

std::string writeEmbedHeader(const EmbedInterface &EI,
                             const std::string &ModuleName) {
  const std::string &N = EI.Name;
  std::string Guard = "WASMAOT_LIBRARY_" + N + "_H";
  std::string H = "/* " + N + ".h - the C interface of the library '" + N +
                  "', compiled by wasmaot from " + commentSafe(ModuleName) +
                  ".\n * Generated: do not edit. docs/embedding.md "
                  "describes it. */\n";
  H += SharedDeclarations;
  H += "\n#ifndef " + Guard + "\n#define " + Guard + "\n\n";
  H += "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n";
  H +=
      "typedef struct " + EI.instanceType() + " " + EI.instanceType() + ";\n\n";
  for (const EmbedHostImport &I : EI.HostImports)
    H += getResultsStruct(I.ResultsStruct, I.Type.Results);
  H += "/* The functions the module imports from the host (not WASI), each\n"
       " * called with `user` first. */\n";
  H += "typedef struct " + EI.importsType() + " {\n  void *user;\n";
  for (const EmbedHostImport &I : EI.HostImports) {
    H += "  /* " + commentSafe(I.Module) + "." + commentSafe(I.Field) + ": " +
         describeType(I.Type) + " */\n";
    std::string Ret = getReturnType(I.Type.Results, I.ResultsStruct);
    H += "  " + Ret + " (*" + I.Member + ")(" +
         getParams("void *user", I.Type.Params) + ");\n";
  }
  H += "} " + EI.importsType() + ";\n\n";

  H += "/* A new instance (its start function run, and _initialize for a "
       "WASI\n * reactor), or NULL: wasmaot_last_error() says why. imports "
       "may be\n * NULL when the module imports nothing but WASI, wasi for "
       "no\n * arguments, environment or directories and the host's standard "
       "streams. */\n";
  H += EI.instanceType() + " *" + N + "_new(const " + EI.importsType() +
       " *imports, const wasmaot_wasi_config *wasi);\n";
  H += "void " + N + "_delete(" + EI.instanceType() + " *instance);\n";
  H +=
      "/* NULL when the instance's last call returned, else why it ended:\n"
      " * \"KIND in FUNC+0xOFF\", \"exit N\" or a wasmaot_raise message. After "
      "a\n * trap the call returned zeros; the instance stays usable. */\n";
  H += "const char *" + N + "_trap(" + EI.instanceType() + " *instance);\n";

  for (const EmbedExport &X : EI.Exports) {
    H += "\n/* export \"" + commentSafe(X.WasmName) +
         "\": " + describeType(X.Type) + " */\n";
    H += getResultsStruct(X.ResultsStruct, X.Type.Results);
    H += getReturnType(X.Type.Results, X.ResultsStruct) + " " + X.Symbol + "(" +
         getParams(EI.instanceType() + " *instance", X.Type.Params) + ");\n";
  }
  if (!EI.Memories.empty())
    H += "\n/* Exported memories: the base and size in bytes, valid until "
         "the next\n * call into the instance (the guest may grow it). */\n";
  for (const EmbedMemory &M : EI.Memories)
    H += "uint8_t *" + M.Symbol + "(" + EI.instanceType() +
         " *instance, uint64_t *size_bytes);\n";
  if (!EI.Globals.empty())
    H += "\n/* Exported globals. */\n";
  for (const EmbedGlobal &G : EI.Globals) {
    H += std::string(getCType(G.Type)) + " " + G.Getter + "(" +
         EI.instanceType() + " *instance);\n";
    if (!G.Setter.empty())
      H += "void " + G.Setter + "(" + EI.instanceType() + " *instance, " +
           getCType(G.Type) + " value);\n";
  }
  H += "\n#ifdef __cplusplus\n}\n#endif\n\n#endif /* " + Guard + " */\n";
  return H;
}

} // namespace wasmaot
