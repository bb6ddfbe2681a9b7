//===- EmbedInterface.cpp - A module's C interface for --emit=lib ---------===//
#include "lowering/EmbedInterface.h"

#include <algorithm>
#include <map>

namespace wasmaot {

namespace {

bool isCIdentifier(const std::string &S) {
  if (S.empty() || (S[0] >= '0' && S[0] <= '9'))
    return false;
  return std::all_of(S.begin(), S.end(), [](char C) {
    return (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z') ||
           (C >= '0' && C <= '9') || C == '_';
  });
}

/// Keywords of C (to C23) and C++ (to C++23) that a member name made of
/// MODULE_FIELD could spell: only those with an underscore.
bool isKeyword(const std::string &S) {
  static const char *const Keywords[] = {
      "_Alignas",       "_Alignof",         "_Atomic",       "_BitInt",
      "_Bool",          "_Complex",         "_Decimal128",   "_Decimal32",
      "_Decimal64",     "_Generic",         "_Imaginary",    "_Noreturn",
      "_Static_assert", "_Thread_local",    "and_eq",        "char16_t",
      "char32_t",       "char8_t",          "co_await",      "co_return",
      "co_yield",       "const_cast",       "dynamic_cast",  "not_eq",
      "or_eq",          "reinterpret_cast", "static_assert", "static_cast",
      "thread_local",   "typeof_unqual",    "wchar_t",       "xor_eq",
  };
  return std::find_if(std::begin(Keywords), std::end(Keywords),
                      [&](const char *K) { return S == K; }) !=
         std::end(Keywords);
}

/// One C namespace (file scope, or NAME_imports's members): the first
/// claim on a name wins, a second is an error naming both.
class NameSpace {
public:
  bool claim(const std::string &Identifier, const std::string &What,
             uint32_t Offset, Diagnostic &Diag) {
    auto [It, New] = Owners.emplace(Identifier, What);
    if (New)
      return true;
    Diag.Offset = Offset;
    Diag.Malformed = false;
    Diag.Message = What + " and " + It->second + " would both be the C name '" +
                   Identifier + "' (rename one in the module)";
    return false;
  }

private:
  std::map<std::string, std::string> Owners;
};

std::string quoted(const char *Kind, const std::string &Name) {
  return std::string(Kind) + " '" + Name + "'";
}

bool fail(Diagnostic &Diag, uint32_t Offset, std::string Message) {
  Diag.Offset = Offset;
  Diag.Malformed = false;
  Diag.Message = std::move(Message);
  return false;
}

} // namespace

std::string getCIdentifier(const std::string &Name) {
  std::string S = Name;
  for (char &C : S)
    if (!((C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z') ||
          (C >= '0' && C <= '9') || C == '_'))
      C = '_';
  if (S.empty() || (S[0] >= '0' && S[0] <= '9'))
    S.insert(S.begin(), '_');
  return S;
}

bool describeEmbedInterface(const Module &M, const std::string &Name,
                            EmbedInterface &Out, Diagnostic &Diag) {
  if (!isCIdentifier(Name))
    return fail(Diag, 0,
                "--name '" + Name +
                    "' is not a C identifier ([A-Za-z_][A-Za-z0-9_]*)");
  if (Name == "wasmaot" || Name.rfind("wasmaot_", 0) == 0)
    return fail(Diag, 0,
                "--name '" + Name +
                    "': names starting with 'wasmaot' belong to the shared "
                    "API (wasmaot_last_error, ...)");
  Out = EmbedInterface();
  Out.Name = Name;
  NameSpace File;
  const std::string P = Name + "_";
  for (const char *Fixed : {"instance", "imports", "new", "delete", "trap"})
    File.claim(P + Fixed, "the fixed name '" + P + Fixed + "'", 0, Diag);

  NameSpace Members;
  Members.claim("user", "the member 'user'", 0, Diag);
  uint32_t FuncIndex = 0;
  for (const Import &I : M.Imports) {
    std::string What = quoted("import", I.Module + "." + I.Field);
    if (I.Kind != ExternKind::Func)
      return fail(Diag, I.Offset,
                  What + ": a library may import only functions (imported "
                         "memories, tables and globals are not supported "
                         "yet)");
    bool Wasi = I.Module == WasiModuleName;
    Out.ImportIsWasi.push_back(Wasi);
    if (!Wasi) {
      EmbedHostImport H;
      H.Member = getCIdentifier(I.Module) + "_" + getCIdentifier(I.Field);
      H.Module = I.Module;
      H.Field = I.Field;
      H.FuncIndex = FuncIndex;
      H.Type = M.Types[I.FuncTypeIndex];
      if (isKeyword(H.Member))
        return fail(Diag, I.Offset,
                    What + " would be the member '" + H.Member +
                        "', a keyword of C or C++ (rename it in the "
                        "module)");
      if (!Members.claim(H.Member, What, I.Offset, Diag))
        return false;
      if (H.Type.Results.size() > 1) {
        H.ResultsStruct = P + H.Member + "_results";
        if (!File.claim(H.ResultsStruct, "the results of " + What, I.Offset,
                        Diag))
          return false;
      }
      Out.HostImports.push_back(std::move(H));
    }
    ++FuncIndex;
  }

  for (const Export &E : M.Exports) {
    std::string What = quoted("export", E.Name);
    std::string C = getCIdentifier(E.Name);
    switch (E.Kind) {
    case ExternKind::Func: {
      EmbedExport X;
      X.Symbol = P + C;
      X.WasmName = E.Name;
      X.FuncIndex = E.Index;
      X.Type = M.getFuncType(E.Index);
      if (!File.claim(X.Symbol, What, E.Offset, Diag))
        return false;
      if (X.Type.Results.size() > 1) {
        X.ResultsStruct = X.Symbol + "_results";
        if (!File.claim(X.ResultsStruct, "the results of " + What, E.Offset,
                        Diag))
          return false;
      }
      Out.Exports.push_back(std::move(X));
      break;
    }
    case ExternKind::Memory: {
      EmbedMemory X{P + "memory_" + C, E.Index};
      if (!File.claim(X.Symbol, What, E.Offset, Diag))
        return false;
      Out.Memories.push_back(std::move(X));
      break;
    }
    case ExternKind::Global: {
      const GlobalType &T = M.Globals[E.Index - M.NumImportedGlobals].Type;
      EmbedGlobal X;
      X.Getter = P + "global_" + C + "_get";
      if (T.Mutable)
        X.Setter = P + "global_" + C + "_set";
      X.Index = E.Index;
      X.Type = T.Type;
      if (!File.claim(X.Getter, What, E.Offset, Diag) ||
          (T.Mutable && !File.claim(X.Setter, What, E.Offset, Diag)))
        return false;
      Out.Globals.push_back(std::move(X));
      break;
    }
    case ExternKind::Table:
      break; // tables stay inside: nothing in the interface reaches them
    case ExternKind::Tag:
      break; // so do tags: an exception that leaves an export is a trap
    }
  }
  return true;
}

} // namespace wasmaot
