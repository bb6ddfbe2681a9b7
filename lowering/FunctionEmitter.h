//===- FunctionEmitter.h - One Wasm function body to LLVM IR --------------===//
//
// The FunctionEmitter is the OperatorVisitor that the validator forwards valid
// instructions to. It keeps the Wasm operand stack as llvm::Value*s and the
// control stack as frames with phi nodes for their results, and it emits IR as
// it goes. Each family of instructions is lowered in its own file
// (ControlLowering.cpp, NumericLowering.cpp, ...); this header is what they
// share.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_LOWERING_FUNCTIONEMITTER_H
#define WASMAOT_LOWERING_FUNCTIONEMITTER_H

#include "lowering/Lowering.h"

#include "wasmaot/VMContext.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"

#include <map>
#include <optional>
#include <span>
#include <vector>

namespace wasmaot {

/// The name of a signature in the names of its trampoline
/// (`wasmaot_tramp_SIG`): a letter per parameter, `_`, a letter per result.
std::string getSignatureName(const FuncType &T);

/// What every function of one module shares: the LLVM module, the declared
/// functions, the runtime helpers and the metadata.
class ModuleContext {
public:
  ModuleContext(const Module &Wasm, llvm::Module &LM,
                const LoweringOptions &Opts);

  const Module &Wasm;
  llvm::Module &LM;
  llvm::LLVMContext &Ctx;
  const LoweringOptions &Opts;
  VMContextLayout Layout;

  llvm::Type *I8, *I32, *I64, *F32, *F64, *V128, *Ptr, *Void;

  /// The LLVM signature of each type index.
  std::vector<llvm::FunctionType *> FuncTypes;
  /// Every defined function, by function index; null for imports.
  std::vector<llvm::Function *> Funcs;
  /// When the module makes tail calls: the C-convention entry of each
  /// defined function (FuncRef::Code), which calls its `tailcc` body in
  /// Funcs (FuncRef::TailCode). Else empty: Funcs are C-convention.
  std::vector<llvm::Function *> CEntries;

  // The runtime helpers (VMContext.h).
  llvm::Function *TrapFn, *MemoryGrowFn, *MemoryFillFn, *MemoryCopyFn,
      *MemoryInitFn, *DataDropFn, *TableGrowFn, *TableFillFn, *TableCopyFn,
      *TableInitFn, *ElemDropFn, *AtomicWait32Fn, *AtomicWait64Fn,
      *AtomicNotifyFn, *ExceptionNewFn, *ExceptionThrowFn, *ExceptionCatchFn,
      *ExceptionCopyFn, *ExceptionFreeFn, *ExceptionUncaughtFn;
  /// Whether a Wasm exception may pass through this module's code: it has
  /// tags, or imports functions another instance may provide. Then its
  /// functions may unwind and its trampolines catch what reaches them.
  bool MayUnwind = false;
  /// Set by the first return_call*: then every function of the module uses
  /// `tailcc` (docs/design.md, Tail calls; lowerModule adopts it at the end).
  bool MakesTailCalls = false;
  /// The C++ type info landing pads catch (ExceptionTypeInfoSymbol) and
  /// libstdc++'s personality routine, declared when first needed.
  llvm::Constant *getExceptionTypeInfo();
  llvm::Function *getPersonality();

  /// TBAA access tags. Linear memory, the vmctx (header fields and globals)
  /// and table element arrays are siblings under one root, so LLVM knows a
  /// store to linear memory never changes the vmctx or a table.
  llvm::MDNode *TBAAMemory, *TBAAVMContext, *TBAATable;
  /// The empty node that !invariant.load wants.
  llvm::MDNode *EmptyNode;
  /// Weights that mark the trapping edge of a check as never taken.
  llvm::MDNode *UnlikelyWeights;

  llvm::Type *getType(ValType T) const;
  /// void, the one result type, or a literal struct of the results.
  llvm::Type *getResultType(std::span<const ValType> Results) const;
  llvm::FunctionType *getFunctionType(const FuncType &T) const;

private:
  llvm::Function *declareHelper(const char *Name, llvm::Type *Ret,
                                std::initializer_list<llvm::Type *> Params);
};

class FunctionEmitter final : public OperatorVisitor {
public:
  explicit FunctionEmitter(ModuleContext &MC);

  void beginFunction(uint32_t FuncIndex,
                     std::span<const ValType> Locals) override;
  void endFunction() override;

  void visitControl(const Instr &I) override;
  void visitCall(const Instr &I) override;
  void visitParametric(const Instr &I) override;
  void visitVariable(const Instr &I) override;
  void visitTable(const Instr &I) override;
  void visitMemory(const Instr &I) override;
  void visitNumeric(const Instr &I) override;
  void visitReference(const Instr &I) override;
  void visitSimd(const Instr &I) override;
  void visitAtomic(const Instr &I) override;

  /// Set when an instruction cannot be lowered (yet); the module is then
  /// rejected with this diagnostic.
  bool failed() const { return Failed; }
  const Diagnostic &getError() const { return Error; }

private:
  struct ControlFrame {
    /// Try: a try's body; Catch: one of its handlers (catch, catch_all).
    enum class Kind : uint8_t { Function, Block, Loop, If, Try, Catch };
    Kind K = Kind::Block;
    /// Loop: the header, which `br` targets.
    llvm::BasicBlock *Header = nullptr;
    /// Where execution continues after `end` (the return block for the
    /// function); created detached and inserted when control reaches it.
    llvm::BasicBlock *End = nullptr;
    /// If: the else block, until `else` (or `end`) claims it.
    llvm::BasicBlock *Else = nullptr;
    std::vector<llvm::PHINode *> ParamPhis;  // Loop, at Header
    std::vector<llvm::PHINode *> ResultPhis; // at End
    /// If: the parameters, which the else arm (or its absence) starts with.
    std::vector<llvm::Value *> IfParams;
    std::vector<ValType> Params, Results;
    /// Operand stack height below the parameters.
    size_t Height = 0;

    // Try and Catch (ExceptionLowering.cpp).
    /// Where an exception from the body goes, with it in DispatchExn: the
    /// chain of tag tests of the catch clauses starts there.
    llvm::BasicBlock *Dispatch = nullptr;
    llvm::PHINode *DispatchExn = nullptr;
    /// Where the body's calls unwind to (made when the first one needs it).
    llvm::BasicBlock *LandingPad = nullptr;
    /// Where the next catch clause's tag test goes; null after catch_all.
    llvm::BasicBlock *NextTest = nullptr;
    /// Catch: the exception being handled; freed at the handler's entry
    /// (EarlyFree) unless a rethrow names the handler (Rethrown), which
    /// moves the free to where the handler falls through to the end.
    llvm::Value *Caught = nullptr;
    llvm::CallInst *EarlyFree = nullptr;
    bool Rethrown = false;
  };

  // FunctionEmitter.cpp: stack, blocks, traps, vmctx access.
  bool isLive() const { return !Failed && !Unreachable; }
  void fail(const Instr &I, std::string Message);
  void push(llvm::Value *V) { Stack.push_back(V); }
  llvm::Value *pop();
  std::vector<llvm::Value *> popN(size_t N);
  void getBlockSignature(const BlockType &BT, std::vector<ValType> &Params,
                         std::vector<ValType> &Results) const;
  llvm::BasicBlock *createBlock(const llvm::Twine &Name);
  /// Inserts a detached block at the end of the function and continues there.
  void enterBlock(llvm::BasicBlock *BB);
  /// Marks the rest of the current block dead until the enclosing `end`/`else`.
  void markUnreachable() { Unreachable = true; }

  /// Loads a vmctx header field (or any pointer-sized field at Offset) in the
  /// entry block, once per function: the runtime fills them before any code
  /// runs and never changes them while it runs.
  llvm::Value *loadInvariantField(llvm::Value *Base, uint64_t Offset,
                                  llvm::Type *Ty, const llvm::Twine &Name,
                                  llvm::IRBuilder<> &Builder);
  llvm::Value *getVMContextField(uint64_t Offset, const llvm::Twine &Name);
  llvm::Value *getMemoryBase(uint32_t Memory);
  llvm::Value *getMemoryInstance(uint32_t Memory);
  /// Entry Index of a vmctx array (tables, funcrefs, type ids), loaded once
  /// in the entry block and cached: these arrays never change after
  /// instantiation.
  llvm::Value *getArrayEntry(std::map<uint32_t, llvm::Value *> &Cache,
                             uint64_t ArrayField, const char *ArrayName,
                             uint32_t Index, llvm::Type *EntryTy,
                             const char *EntryName);
  llvm::Value *getTableInstance(uint32_t Table);
  llvm::Value *getFuncRef(uint32_t FuncIndex);
  llvm::Value *getTypeId(uint32_t TypeIndex);
  llvm::Value *getGlobalCell(uint32_t GlobalIndex);
  llvm::LoadInst *createLoad(llvm::Type *Ty, llvm::Value *P, llvm::MDNode *TBAA,
                             const llvm::Twine &Name = "");
  llvm::StoreInst *createStore(llvm::Value *V, llvm::Value *P,
                               llvm::MDNode *TBAA);
  llvm::Value *gepByte(llvm::Value *P, uint64_t Offset,
                       const llvm::Twine &Name = "");

  /// Traps with Kind when Cond holds. The trap call is in a cold block shared
  /// by all sites of that kind, with the site's offset arriving through a phi.
  void trapIf(llvm::Value *Cond, TrapKind Kind, uint32_t Offset);
  /// Traps with kind Status - 1 when Status (a bulk helper's result) is not 0.
  void trapIfHelperFailed(llvm::Value *Status, uint32_t Offset);
  /// Traps unconditionally and marks the rest of the block dead.
  void trap(TrapKind Kind, uint32_t Offset);
  void emitTrapCall(llvm::IRBuilder<> &Builder, llvm::Value *Kind,
                    llvm::Value *Offset);
  /// The stack-limit check ("call stack exhausted"), once the body is
  /// complete: before the calls, not in the prologue.
  void emitStackCheck();

  // ControlLowering.cpp
  void pushFrame(ControlFrame::Kind K, const BlockType &BT,
                 std::vector<llvm::Value *> Params);
  /// Where a branch to the label at Depth goes, and the values it carries.
  llvm::BasicBlock *getBranchTarget(ControlFrame &F);
  std::vector<llvm::PHINode *> &getBranchPhis(ControlFrame &F);
  size_t getBranchArity(const ControlFrame &F) const;
  /// Adds the top values of the stack (not popped) as incoming values from
  /// the current block to the target's phis.
  void addBranchIncoming(ControlFrame &F, llvm::BasicBlock *From);
  void addIncoming(std::vector<llvm::PHINode *> &Phis, llvm::BasicBlock *From);
  void emitBranch(uint32_t Depth);
  void emitBrIf(uint32_t Depth);
  void emitBrTable(const Instr &I);
  void emitElse();
  void emitEnd();
  void emitReturn(std::vector<llvm::Value *> Values);
  ControlFrame &getFrame(uint32_t Depth) {
    return Control[Control.size() - 1 - Depth];
  }

  // CallLowering.cpp
  void emitCallResults(llvm::Value *Result, const FuncType &T);
  /// A call of Wasm code (which may throw): inside a try body an invoke
  /// that unwinds to the try's landing pad, else a call.
  llvm::CallBase *createWasmCall(llvm::FunctionType *Ty, llvm::Value *Callee,
                                 llvm::ArrayRef<llvm::Value *> Args);
  llvm::CallBase *emitDirectCall(uint32_t FuncIndex,
                                 std::vector<llvm::Value *> Args);
  /// Code(Ctx, args...) of a FuncRef: an import or a table element.
  llvm::CallBase *emitFuncRefCall(llvm::Value *Ref, llvm::FunctionType *Ty,
                                  std::vector<llvm::Value *> Args);
  /// call_indirect's checks, in the spec's order (bounds, null, signature),
  /// and the FuncRef they let through.
  llvm::Value *getCheckedTableFuncRef(const Instr &I, llvm::Value *Elem);
  void emitDirectTailCall(uint32_t FuncIndex, std::vector<llvm::Value *> Args);
  void emitFuncRefTailCall(llvm::Value *Ref, llvm::FunctionType *Ty,
                           std::vector<llvm::Value *> Args);
  /// Marks Call musttail and returns its results.
  void emitMustTailReturn(llvm::CallInst *Call);
  void emitReturnOf(llvm::CallInst *Call);

  // ExceptionLowering.cpp
  void emitTry(const Instr &I);
  void emitCatch(const Instr &I);
  /// The end of a try (with or without handlers), or its delegate.
  void emitTryEnd(const Instr &I);
  void emitThrow(const Instr &I);
  void emitRethrow(const Instr &I);
  /// The innermost try body around the code at or outside frame Index (the
  /// handler of an exception raised there), or null: the caller's.
  ControlFrame *getHandlerFrame(size_t Index);
  ControlFrame *getCurrentHandler() {
    return Control.empty() ? nullptr : getHandlerFrame(Control.size() - 1);
  }
  /// Sends exception E to Handler's dispatch, or throws it to the caller.
  void throwTo(llvm::Value *E, ControlFrame *Handler);
  llvm::BasicBlock *getLandingPad(ControlFrame &Handler);
  /// The handler falls through to its end: free what it caught if it kept it.
  void endHandler(ControlFrame &Frame);
  llvm::Value *getTag(uint32_t TagIndex);
  /// After musttail calls: let the code generator make them, and keep every
  /// other call of the function an ordinary one.
  void allowMustTailCalls();

  // MemoryLowering.cpp
  const MemoryType &getMemoryType(uint32_t Memory) const {
    return MC.Wasm.Memories[Memory];
  }
  /// The address of the access of Size bytes that I (a memarg instruction)
  /// makes at Addr + offset, with the bounds check its memory needs: none
  /// for a 32-bit memory in guard mode, an explicit compare otherwise.
  llvm::Value *getEffectiveAddress(const Instr &I, llvm::Value *Addr,
                                   uint64_t Size);
  /// The current size in bytes of Memory (not invariant: memory.grow).
  llvm::Value *loadMemorySize(uint32_t Memory);
  /// An address, length or page count of a memory's address type (or a
  /// table's index or length) as the i64 the helpers take.
  llvm::Value *widenAddress(llvm::Value *V) { return B.CreateZExt(V, MC.I64); }

  /// In guard mode the fault is the bounds check, and LLVM deletes a load
  /// whose value is unused: a dropped load is made volatile so that it still
  /// traps. (Explicit mode keeps its compare anyway.)
  void keepTrappingLoad(llvm::Value *V);

  // AtomicLowering.cpp
  /// getEffectiveAddress after the alignment check atomics make.
  llvm::Value *getAtomicAddress(const Instr &I, llvm::Value *Addr,
                                uint64_t Size);

  // SimdMemoryLowering.cpp
  /// A load or store of Ty (or V) at the address I's memarg names, through
  /// getEffectiveAddress, align 1, tagged "wasm-memory".
  llvm::LoadInst *loadMemory(llvm::Type *Ty, llvm::Value *Addr, const Instr &I);
  void storeMemory(llvm::Value *V, llvm::Value *Addr, const Instr &I);
  /// The v128 loads and stores (memarg immediates); SimdLowering.cpp the rest.
  void visitSimdMemory(const Instr &I);

  // TableLowering.cpp
  bool isTable64(uint32_t Table) const { return MC.Wasm.Tables[Table].Is64; }
  /// The address of element Index of Table, after the bounds check.
  llvm::Value *getTableElementAddress(uint32_t Table, llvm::Value *Index,
                                      TrapKind Kind, uint32_t InstrOffset);

  ModuleContext &MC;
  llvm::IRBuilder<> B;
  /// Inserts before the entry block's terminator: where the once-per-function
  /// loads go.
  llvm::IRBuilder<> EntryB;

  llvm::Function *F = nullptr;
  uint32_t FuncIndex = 0;
  const FuncType *Type = nullptr;
  llvm::Value *VMCtx = nullptr;

  std::vector<llvm::Value *> Stack;
  std::vector<ControlFrame> Control;
  /// The current code cannot be reached (after br, return, unreachable...).
  bool Unreachable = false;
  /// How many blocks were opened inside unreachable code: their `end`s must
  /// be skipped too.
  unsigned DeadDepth = 0;

  std::vector<llvm::AllocaInst *> Locals;
  std::vector<ValType> LocalTypes;

  // Once-per-function values, in the entry block.
  std::map<uint32_t, llvm::Value *> MemoryBases;     // memories other than 0
  std::map<uint32_t, llvm::Value *> MemoryInstances; // memories other than 0
  std::map<uint64_t, llvm::Value *> VMContextFields;
  std::map<uint32_t, llvm::Value *> TableInstances;
  std::map<uint32_t, llvm::Value *> FuncRefPtrs;
  std::map<uint32_t, llvm::Value *> TypeIdValues;
  std::map<uint32_t, llvm::Value *> GlobalCells;
  std::map<uint32_t, llvm::Value *> TagPtrs;

  struct TrapBlock {
    llvm::BasicBlock *BB = nullptr;
    llvm::PHINode *Kind = nullptr; // only for helper failures
    llvm::PHINode *Offset = nullptr;
  };
  std::map<TrapKind, TrapBlock> TrapBlocks;
  TrapBlock HelperTrap;

  /// A return_call became a musttail call.
  bool HasMustTailCalls = false;
  bool Failed = false;
  Diagnostic Error;
};

} // namespace wasmaot

#endif
