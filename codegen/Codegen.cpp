#include "codegen/Codegen.h"
