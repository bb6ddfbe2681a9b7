//===- Watchdog.h - Stops handlers that run past their timeout ------------===//
//
// One thread for the whole server: a handler arms it with its instance's
// interrupt handle and deadline before it makes the instance ready (whose
// start function may run) and disarms it after the guest returns; a handle
// past its deadline is interrupted (InterruptHandle::interrupt; code compiled
// with --interruptible traps within a loop trip or a call). Disarming and
// interrupting take the same lock, so an instance is never interrupted once
// its handler has disarmed, when it may already serve another request.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_SERVER_WATCHDOG_H
#define WASMAOT_SERVER_WATCHDOG_H

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <thread>

namespace wasmaot {
class InterruptHandle;
} // namespace wasmaot

namespace wasmaot::server {

class Watchdog {
public:
  Watchdog();
  ~Watchdog();
  Watchdog(const Watchdog &) = delete;
  Watchdog &operator=(const Watchdog &) = delete;

  using Clock = std::chrono::steady_clock;
  /// Returns the ticket to disarm with.
  uint64_t arm(InterruptHandle &H, Clock::time_point Deadline);
  /// True when the handle was interrupted (its deadline passed).
  bool disarm(uint64_t Ticket);

private:
  void loop();

  struct Entry {
    InterruptHandle *H;
    Clock::time_point Deadline;
    bool Fired = false;
  };
  std::mutex Lock;
  std::condition_variable Wake;
  std::map<uint64_t, Entry> Armed;
  uint64_t NextTicket = 1;
  bool Stopping = false;
  std::thread Thread;
};

} // namespace wasmaot::server

#endif
