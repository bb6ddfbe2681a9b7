// wasmaot/embed.hpp - C++ ownership for instances of libraries made by
// `wasmaot compile --emit=lib`. Header-only, over the generated C header:
//
//   #include "mylib.h"
//   #include "wasmaot/embed.hpp"
//   wasmaot::instance_ptr<mylib_instance, mylib_delete> I{mylib_new(0, 0)};
//   if (!I) throw std::runtime_error(wasmaot::last_error());
//   int32_t R = mylib_add(I.get(), 1, 2);
//   if (const char *Trap = mylib_trap(I.get())) ...
#ifndef WASMAOT_EMBED_HPP
#define WASMAOT_EMBED_HPP

#include "wasmaot/embed.h"

#include <memory>
#include <string>

namespace wasmaot {

/// Deletes an instance with its library's NAME_delete.
template <typename Instance, void (*Delete)(Instance *)>
struct instance_deleter {
  void operator()(Instance *I) const noexcept { Delete(I); }
};

/// An instance owned like any unique_ptr: deleted when it goes.
template <typename Instance, void (*Delete)(Instance *)>
using instance_ptr =
    std::unique_ptr<Instance, instance_deleter<Instance, Delete>>;

/// Why this thread's last NAME_new returned null.
inline std::string last_error() { return wasmaot_last_error(); }

} // namespace wasmaot

#endif // WASMAOT_EMBED_HPP
