#include "codegen/Linker.h"
