#include "lowering/Lowering.h"
