(module (func (export "new")))
