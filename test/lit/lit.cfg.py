# lit configuration for wasmaot's regression tests: one .wat (or .test) file per
# behaviour, with RUN: and CHECK: lines beside the input.
import os

import lit.formats

config.name = "wasmaot"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".wat", ".test"]
config.excludes = ["Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.wasmaot_obj_root, "test", "lit")

# LLVM 19's FileCheck, not and count first: the unversioned ones on PATH are 14.
path = os.pathsep.join(
    [config.wasmaot_bin_dir, config.llvm_tools_dir, config.environment.get("PATH", os.environ["PATH"])]
)
config.environment["PATH"] = path
config.substitutions.append(("%wasmaot", os.path.join(config.wasmaot_bin_dir, "wasmaot")))
config.substitutions.append(("%clang-wasm", "clang-19 --target=wasm32-wasi -O2"))
