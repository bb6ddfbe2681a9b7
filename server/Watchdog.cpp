//===- Watchdog.cpp - Stops handlers that run past their timeout ----------===//
#include "server/Watchdog.h"

#include "wasmaot/Runtime.h"

namespace wasmaot::server {

Watchdog::Watchdog() : Thread([this] { loop(); }) {}

Watchdog::~Watchdog() {
  {
    std::lock_guard<std::mutex> G(Lock);
    Stopping = true;
  }
  Wake.notify_all();
  Thread.join();
}

uint64_t Watchdog::arm(InterruptHandle &H, Clock::time_point Deadline) {
  std::lock_guard<std::mutex> G(Lock);
  uint64_t Ticket = NextTicket++;
  Armed.emplace(Ticket, Entry{&H, Deadline});
  Wake.notify_all(); // it may be the earliest deadline
  return Ticket;
}

bool Watchdog::disarm(uint64_t Ticket) {
  std::lock_guard<std::mutex> G(Lock);
  auto It = Armed.find(Ticket);
  bool Fired = It != Armed.end() && It->second.Fired;
  if (It != Armed.end())
    Armed.erase(It);
  return Fired;
}

void Watchdog::loop() {
  std::unique_lock<std::mutex> G(Lock);
  while (!Stopping) {
    Clock::time_point Now = Clock::now();
    Clock::time_point Next = Clock::time_point::max();
    for (auto &[Ticket, E] : Armed) {
      if (E.Fired)
        continue;
      if (E.Deadline <= Now) {
        E.H->interrupt();
        E.Fired = true;
      } else if (E.Deadline < Next) {
        Next = E.Deadline;
      }
    }
    if (Next == Clock::time_point::max())
      Wake.wait(G);
    else
      Wake.wait_until(G, Next);
  }
}

} // namespace wasmaot::server
