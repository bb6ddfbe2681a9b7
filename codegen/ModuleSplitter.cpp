//===- ModuleSplitter.cpp - Splitting a module for parallel compilation ---===//
#include "codegen/ModuleSplitter.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallBitVector.h"
#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Instructions.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/ValueMapper.h"

#include <algorithm>
#include <optional>

using namespace llvm;

namespace wasmaot {

unsigned choosePartCount(const Module &M, unsigned MaxParts) {
  uint64_t Instructions = 0;
  for (const Function &F : M)
    Instructions += F.getInstructionCount();
  return static_cast<unsigned>(std::clamp<uint64_t>(
      Instructions / InstructionsPerPart, 1, std::max(MaxParts, 1u)));
}

namespace {

/// Which part defines each function and variable of a module, and which
/// parts use each of them.
class PartAssignment {
public:
  PartAssignment(Module &M, unsigned NumParts) {
    assignFunctions(M, NumParts);
    for (GlobalValue &GV : M.global_values())
      collectUsers(GV, GV);
  }

  unsigned getNumParts() const { return NumParts; }

  /// The part that defines GV: every global variable is in part 0.
  unsigned getHome(const GlobalValue &GV) const {
    auto It = Home.find(&GV);
    return It == Home.end() ? 0 : It->second;
  }

  /// Whether a function of part P (or, for part 0, a variable) uses GV.
  bool isUsedIn(const GlobalValue &GV, unsigned P) const {
    auto It = UsedIn.find(&GV);
    return It != UsedIn.end() && It->second.test(P);
  }

  /// Whether GV is used from a part other than its own.
  bool isUsedElsewhere(const GlobalValue &GV) const {
    auto It = UsedIn.find(&GV);
    if (It == UsedIn.end())
      return false;
    SmallBitVector Others = It->second;
    Others.reset(getHome(GV));
    return Others.any();
  }

private:
  /// Runs of functions in module order, each about the total size divided by
  /// NumParts: a function goes to the part its midpoint falls in. Parts left
  /// empty (around a function larger than a part) are dropped: as parts only
  /// grow along the module, the non-empty ones are renumbered 0, 1, 2...
  void assignFunctions(Module &M, unsigned RequestedParts) {
    std::vector<std::pair<Function *, uint64_t>> Sizes;
    uint64_t Total = 0;
    for (Function &F : M)
      if (!F.isDeclaration()) {
        Sizes.emplace_back(&F, F.getInstructionCount() + 1);
        Total += Sizes.back().second;
      }
    uint64_t Before = 0;
    std::optional<uint64_t> LastRequested;
    unsigned Part = 0;
    for (auto [F, Size] : Sizes) {
      uint64_t Requested = std::min<uint64_t>(
          RequestedParts - 1, (Before + Size / 2) * RequestedParts / Total);
      if (LastRequested && Requested != *LastRequested)
        ++Part;
      LastRequested = Requested;
      Home[F] = Part;
      Before += Size;
    }
    NumParts = Part + 1;
  }

  /// Marks every part that uses V, looking through constant expressions and
  /// aggregates; a use in a variable's initializer belongs to that variable's
  /// part.
  void collectUsers(const GlobalValue &GV, const Value &V) {
    for (const User *U : V.users()) {
      if (const auto *I = dyn_cast<Instruction>(U))
        markUse(GV, getHome(*I->getFunction()));
      else if (const auto *G = dyn_cast<GlobalValue>(U))
        markUse(GV, getHome(*G));
      else if (isa<Constant>(U))
        collectUsers(GV, *U);
    }
  }

  void markUse(const GlobalValue &GV, unsigned P) {
    SmallBitVector &Bits = UsedIn[&GV];
    if (Bits.size() < NumParts)
      Bits.resize(NumParts);
    Bits.set(P);
  }

  unsigned NumParts = 1;
  DenseMap<const GlobalValue *, unsigned> Home;
  DenseMap<const GlobalValue *, SmallBitVector> UsedIn;
};

/// Local constant data is copied into every part that reads it rather than
/// shared: a load from a constant the part can see is folded.
bool isCopiedIntoUsers(const GlobalValue &GV) {
  const auto *Var = dyn_cast<GlobalVariable>(&GV);
  return Var && Var->isConstant() && Var->hasLocalLinkage() &&
         Var->hasInitializer();
}

/// Makes GV, defined in one part and used in another, a symbol that the
/// parts can link against and nothing else can see.
void shareAcrossParts(GlobalValue &GV) {
  GV.setName("wasm." + GV.getName());
  GV.setLinkage(GlobalValue::ExternalLinkage);
  GV.setVisibility(GlobalValue::HiddenVisibility);
  GV.setDSOLocal(true);
}

SmallString<0> writeBitcode(const Module &M) {
  SmallString<0> Buffer;
  raw_svector_ostream OS(Buffer);
  WriteBitcodeToFile(M, OS);
  return Buffer;
}

} // namespace

std::vector<SmallString<0>> splitModule(Module &M, unsigned NumParts) {
  PartAssignment Parts(M, std::max(NumParts, 1u));
  for (GlobalValue &GV : M.global_values())
    if (GV.hasLocalLinkage() && !isCopiedIntoUsers(GV) &&
        Parts.isUsedElsewhere(GV))
      shareAcrossParts(GV);

  std::vector<SmallString<0>> Result;
  for (unsigned P = 0; P < Parts.getNumParts(); ++P) {
    ValueToValueMapTy VMap;
    std::unique_ptr<Module> Part =
        CloneModule(M, VMap, [&](const GlobalValue *GV) {
          if (isCopiedIntoUsers(*GV))
            return Parts.getHome(*GV) == P || Parts.isUsedIn(*GV, P);
          return Parts.getHome(*GV) == P;
        });
    Result.push_back(writeBitcode(*Part));
  }
  return Result;
}

} // namespace wasmaot
