//===- Validator.cpp ---------------------------------------------------------===//
#include "frontend/Frontend.h"
