#include "wasmaot/VMContext.h"
