//===- ModuleParser.cpp ---------------------------------------------------------===//
#include "frontend/Frontend.h"
