//===- InstrReader.h - Reading one instruction's encoding -----------------===//
//
// Private to the frontend: shared by the function-body decoder and by the
// section parser, which reads constant expressions with the same code.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_FRONTEND_INSTRREADER_H
#define WASMAOT_FRONTEND_INSTRREADER_H

#include "frontend/BinaryReader.h"
#include "frontend/Instr.h"

#include <vector>

namespace wasmaot {

/// Reads a value type; a byte that is none is malformed.
ValType readValType(BinaryReader &R);
/// Reads a reference type (funcref or externref).
ValType readRefType(BinaryReader &R);
bool isValTypeByte(uint8_t B);

/// Reads the opcode at the reader's position and its immediates into I.
/// br_table's targets go into TargetBuf, which I.Targets then points into.
void readInstr(BinaryReader &R, const Features &F, Instr &I,
               std::vector<uint32_t> &TargetBuf);

} // namespace wasmaot

#endif
