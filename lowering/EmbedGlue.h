//===- EmbedGlue.h - The NAME_* functions of a library --------------------===//
#ifndef WASMAOT_LOWERING_EMBEDGLUE_H
#define WASMAOT_LOWERING_EMBEDGLUE_H

#include "lowering/EmbedInterface.h"
#include "lowering/FunctionEmitter.h"

namespace wasmaot {

/// Emits the library's C entry points and host-import thunks into MC's
/// module, after the descriptor and the trampolines.
void emitEmbedGlue(ModuleContext &MC, const EmbedInterface &EI);

} // namespace wasmaot

#endif
