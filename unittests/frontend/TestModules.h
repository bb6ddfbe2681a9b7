//===- TestModules.h - Building tiny modules byte by byte for tests -------===//
#ifndef WASMAOT_UNITTESTS_FRONTEND_TESTMODULES_H
#define WASMAOT_UNITTESTS_FRONTEND_TESTMODULES_H

#include "frontend/Frontend.h"

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

namespace wasmaot::test {

using Bytes = std::vector<uint8_t>;

inline Bytes cat(std::initializer_list<Bytes> Parts) {
  Bytes Out;
  for (const Bytes &P : Parts)
    Out.insert(Out.end(), P.begin(), P.end());
  return Out;
}

inline Bytes uleb(uint64_t V) {
  Bytes Out;
  do {
    uint8_t B = V & 0x7f;
    V >>= 7;
    Out.push_back(V ? B | 0x80 : B);
  } while (V);
  return Out;
}

/// A section with its id and size.
inline Bytes section(uint8_t Id, const Bytes &Content) {
  return cat({{Id}, uleb(Content.size()), Content});
}

/// The header followed by the given sections.
inline Bytes module(std::initializer_list<Bytes> Sections) {
  Bytes Out = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
  for (const Bytes &S : Sections)
    Out.insert(Out.end(), S.begin(), S.end());
  return Out;
}

/// The usual prefix: one type `[] -> []` (or the given one), one function.
inline Bytes typeSection(const Bytes &FuncTypes) {
  return section(1, FuncTypes);
}
inline Bytes oneFuncType(Bytes Params = {}, Bytes Results = {}) {
  return cat({{0x01, 0x60},
              uleb(Params.size()),
              Params,
              uleb(Results.size()),
              Results});
}

/// A code section holding one body made of Locals (the encoded vector) and
/// Code (the instructions, final `end` included).
inline Bytes codeSection(const Bytes &Locals, const Bytes &Code) {
  Bytes Body = cat({Locals, Code});
  return section(10, cat({{0x01}, uleb(Body.size()), Body}));
}

/// A module of one function of type Params -> Results with the given body.
inline Bytes funcModule(const Bytes &Code, Bytes Params = {},
                        Bytes Results = {}, const Bytes &Locals = {0x00},
                        std::initializer_list<Bytes> Between = {}) {
  Bytes Out = module(
      {typeSection(oneFuncType(Params, Results)), section(3, {0x01, 0x00})});
  for (const Bytes &S : Between)
    Out.insert(Out.end(), S.begin(), S.end());
  Bytes Code10 = codeSection(Locals, Code);
  Out.insert(Out.end(), Code10.begin(), Code10.end());
  return Out;
}

struct LoadOutcome {
  bool Ok;
  Diagnostic Diag;
  Module M;
};

inline LoadOutcome load(const Bytes &B, const Features &Enabled = {}) {
  LoadOutcome R;
  R.Ok = loadModule(B, R.M, R.Diag, Enabled);
  return R;
}

inline LoadOutcome parse(const Bytes &B, const Features &Enabled = {}) {
  LoadOutcome R;
  R.Ok = parseModule(B, R.M, R.Diag, Enabled);
  return R;
}

} // namespace wasmaot::test

#endif
