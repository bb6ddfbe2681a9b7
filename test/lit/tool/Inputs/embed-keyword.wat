(module (import "static" "assert" (func)))
