//===- FunctionDecoder.cpp ---------------------------------------------------------===//
#include "frontend/Frontend.h"
