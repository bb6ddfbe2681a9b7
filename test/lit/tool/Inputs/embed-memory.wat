(module (import "env" "mem" (memory 1)))
