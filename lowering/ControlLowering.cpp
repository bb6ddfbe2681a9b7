//===- ControlLowering.cpp - block, loop, if, br*, return, unreachable ----===//
//
// Each Wasm block becomes a continuation block whose phi nodes receive the
// block's results from every branch to it (a loop's header has phis for its
// parameters instead). After an unconditional transfer the rest of the block
// is dead: its instructions are skipped, but blocks opened inside it are
// counted so that their `end`s do not close a live frame.
//
//===----------------------------------------------------------------------===//
#include "lowering/FunctionEmitter.h"

#include "llvm/IR/CFG.h"

using namespace llvm;

namespace wasmaot {

void FunctionEmitter::visitControl(const Instr &I) {
  if (Failed)
    return;
  switch (I.Op) {
  case Opcode::Block:
  case Opcode::Loop:
  case Opcode::If:
  case Opcode::Try:
    if (Unreachable) {
      ++DeadDepth;
      return;
    }
    break;
  case Opcode::Else:
    if (!Unreachable || DeadDepth == 0)
      emitElse();
    return;
  case Opcode::Catch:
  case Opcode::CatchAll:
    if (!Unreachable || DeadDepth == 0)
      emitCatch(I);
    return;
  case Opcode::End:
  case Opcode::Delegate:
    if (Unreachable && DeadDepth > 0)
      --DeadDepth;
    else if (I.Op == Opcode::Delegate ||
             Control.back().K == ControlFrame::Kind::Try ||
             Control.back().K == ControlFrame::Kind::Catch)
      emitTryEnd(I);
    else
      emitEnd();
    return;
  default:
    if (Unreachable)
      return;
    break;
  }

  switch (I.Op) {
  case Opcode::Unreachable:
    trap(TrapKind::Unreachable, I.Offset);
    return;
  case Opcode::Nop:
    return;
  case Opcode::Block:
  case Opcode::Loop: {
    std::vector<ValType> Params, Results;
    getBlockSignature(I.Block, Params, Results);
    pushFrame(I.Op == Opcode::Block ? ControlFrame::Kind::Block
                                    : ControlFrame::Kind::Loop,
              I.Block, popN(Params.size()));
    return;
  }
  case Opcode::If: {
    Value *Cond = B.CreateICmpNE(pop(), B.getInt32(0), "if.cond");
    std::vector<ValType> Params, Results;
    getBlockSignature(I.Block, Params, Results);
    std::vector<Value *> Args = popN(Params.size());
    BasicBlock *Then = createBlock("if.then");
    BasicBlock *Else = createBlock("if.else");
    B.CreateCondBr(Cond, Then, Else);
    enterBlock(Then);
    pushFrame(ControlFrame::Kind::If, I.Block, std::move(Args));
    Control.back().Else = Else;
    return;
  }
  case Opcode::Br:
    emitBranch(I.Index);
    return;
  case Opcode::BrIf:
    emitBrIf(I.Index);
    return;
  case Opcode::BrTable:
    emitBrTable(I);
    return;
  case Opcode::Return:
    emitReturn(popN(Type->Results.size()));
    markUnreachable();
    return;
  case Opcode::Try:
    emitTry(I);
    return;
  case Opcode::Throw:
    emitThrow(I);
    return;
  case Opcode::Rethrow:
    emitRethrow(I);
    return;
  default:
    fail(I, "cannot lower " + std::string(getOpcodeName(I.Op)));
    return;
  }
}

void FunctionEmitter::pushFrame(ControlFrame::Kind K, const BlockType &BT,
                                std::vector<Value *> Params) {
  ControlFrame Frame;
  Frame.K = K;
  getBlockSignature(BT, Frame.Params, Frame.Results);
  Frame.Height = Stack.size();
  const char *EndName = K == ControlFrame::Kind::Loop  ? "loop.end"
                        : K == ControlFrame::Kind::If  ? "if.end"
                        : K == ControlFrame::Kind::Try ? "try.end"
                                                       : "block.end";
  Frame.End = createBlock(EndName);
  for (ValType T : Frame.Results)
    Frame.ResultPhis.push_back(
        PHINode::Create(MC.getType(T), 2, "", Frame.End));

  if (K == ControlFrame::Kind::Loop) {
    Frame.Header = createBlock("loop");
    BasicBlock *Pred = B.GetInsertBlock();
    B.CreateBr(Frame.Header);
    enterBlock(Frame.Header);
    for (size_t I = 0; I < Params.size(); ++I) {
      PHINode *Phi = B.CreatePHI(MC.getType(Frame.Params[I]), 2);
      Phi->addIncoming(Params[I], Pred);
      Frame.ParamPhis.push_back(Phi);
      push(Phi);
    }
  } else {
    for (Value *V : Params)
      push(V);
    if (K == ControlFrame::Kind::If)
      Frame.IfParams = std::move(Params);
  }
  Control.push_back(std::move(Frame));
}

BasicBlock *FunctionEmitter::getBranchTarget(ControlFrame &Frame) {
  return Frame.K == ControlFrame::Kind::Loop ? Frame.Header : Frame.End;
}

std::vector<PHINode *> &FunctionEmitter::getBranchPhis(ControlFrame &Frame) {
  return Frame.K == ControlFrame::Kind::Loop ? Frame.ParamPhis
                                             : Frame.ResultPhis;
}

void FunctionEmitter::addBranchIncoming(ControlFrame &Frame, BasicBlock *From) {
  addIncoming(getBranchPhis(Frame), From);
}

void FunctionEmitter::addIncoming(std::vector<PHINode *> &Phis,
                                  BasicBlock *From) {
  assert(Stack.size() >= Phis.size() && "the validator checked the arity");
  size_t First = Stack.size() - Phis.size();
  for (size_t I = 0; I < Phis.size(); ++I)
    Phis[I]->addIncoming(Stack[First + I], From);
}

void FunctionEmitter::emitBranch(uint32_t Depth) {
  ControlFrame &Frame = getFrame(Depth);
  addBranchIncoming(Frame, B.GetInsertBlock());
  B.CreateBr(getBranchTarget(Frame));
  markUnreachable();
}

void FunctionEmitter::emitBrIf(uint32_t Depth) {
  Value *Cond = B.CreateICmpNE(pop(), B.getInt32(0), "br_if.cond");
  ControlFrame &Frame = getFrame(Depth);
  BasicBlock *Cont = createBlock("br_if.cont");
  addBranchIncoming(Frame, B.GetInsertBlock());
  B.CreateCondBr(Cond, getBranchTarget(Frame), Cont);
  enterBlock(Cont);
}

void FunctionEmitter::emitBrTable(const Instr &I) {
  Value *Index = pop();
  BasicBlock *From = B.GetInsertBlock();
  // Every edge needs its own phi entry, even several edges to one block.
  auto Target = [&](uint32_t Depth) {
    ControlFrame &Frame = getFrame(Depth);
    addBranchIncoming(Frame, From);
    return getBranchTarget(Frame);
  };
  SwitchInst *Switch = B.CreateSwitch(Index, Target(I.DefaultTarget),
                                      static_cast<unsigned>(I.Targets.size()));
  for (size_t Case = 0; Case < I.Targets.size(); ++Case)
    Switch->addCase(B.getInt32(static_cast<uint32_t>(Case)),
                    Target(I.Targets[Case]));
  markUnreachable();
}

void FunctionEmitter::emitElse() {
  ControlFrame &Frame = Control.back();
  assert(Frame.K == ControlFrame::Kind::If && Frame.Else);
  if (!Unreachable) {
    addBranchIncoming(Frame, B.GetInsertBlock());
    B.CreateBr(Frame.End);
  }
  Stack.resize(Frame.Height);
  DeadDepth = 0;
  // The `if` itself was reached (frames are only opened in live code), so
  // its else arm is live.
  enterBlock(Frame.Else);
  Frame.Else = nullptr;
  for (Value *V : Frame.IfParams)
    push(V);
}

/// Replaces a phi whose incoming values are all the same by that value,
/// which then dominates the phi's block.
static Value *simplifyPhi(PHINode *Phi) {
  if (Value *V = Phi->hasConstantValue(); V && V != Phi) {
    Phi->replaceAllUsesWith(V);
    Phi->eraseFromParent();
    return V;
  }
  return Phi;
}

void FunctionEmitter::emitEnd() {
  ControlFrame Frame = std::move(Control.back());
  Control.pop_back();
  DeadDepth = 0;

  if (Frame.K == ControlFrame::Kind::Function) {
    if (!Unreachable)
      emitReturn(popN(Frame.Results.size()));
    Stack.clear();
    if (pred_empty(Frame.End)) {
      Frame.End->dropAllReferences();
      delete Frame.End;
    } else {
      enterBlock(Frame.End);
      std::vector<Value *> Results;
      for (PHINode *Phi : Frame.ResultPhis)
        Results.push_back(simplifyPhi(Phi));
      emitReturn(std::move(Results));
    }
    markUnreachable();
    return;
  }

  // Falling off the end reaches End even for a loop, whose branches go to
  // its header instead.
  if (!Unreachable) {
    addIncoming(Frame.ResultPhis, B.GetInsertBlock());
    B.CreateBr(Frame.End);
  }
  if (Frame.K == ControlFrame::Kind::If && Frame.Else) {
    // No else arm: the parameters pass through as the results.
    B.SetInsertPoint(Frame.Else);
    Frame.Else->insertInto(F);
    for (size_t I = 0; I < Frame.ResultPhis.size(); ++I)
      Frame.ResultPhis[I]->addIncoming(Frame.IfParams[I], Frame.Else);
    B.CreateBr(Frame.End);
  }
  Stack.resize(Frame.Height);

  for (PHINode *&Phi : Frame.ParamPhis)
    simplifyPhi(Phi);

  if (pred_empty(Frame.End)) {
    // Nothing reaches the end: what follows is dead too.
    Frame.End->dropAllReferences();
    delete Frame.End;
    markUnreachable();
    return;
  }
  enterBlock(Frame.End);
  for (PHINode *Phi : Frame.ResultPhis)
    push(simplifyPhi(Phi));
}

void FunctionEmitter::emitReturn(std::vector<Value *> Values) {
  if (Values.empty()) {
    B.CreateRetVoid();
  } else if (Values.size() == 1) {
    B.CreateRet(Values[0]);
  } else {
    Value *Agg = PoisonValue::get(F->getReturnType());
    for (size_t I = 0; I < Values.size(); ++I)
      Agg = B.CreateInsertValue(Agg, Values[I], static_cast<unsigned>(I));
    B.CreateRet(Agg);
  }
}

} // namespace wasmaot
