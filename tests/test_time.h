// Time limits of the tests. A limit in a test is there to catch a hang or a blow-up, not
// slowness, so sanitizer builds (several times slower) stretch it: CMake sets
// KAVOSH_TIME_SCALE to 10 with KAVOSH_SANITIZE, 1 otherwise.
#pragma once

#ifndef KAVOSH_TIME_SCALE
#define KAVOSH_TIME_SCALE 1
#endif

namespace kavosh::testing {

inline constexpr int kTimeScale = KAVOSH_TIME_SCALE;

// `limit` stretched for this build: Scaled(std::chrono::seconds(2)), Scaled(2.0).
template <typename T>
constexpr T Scaled(T limit) {
  return limit * kTimeScale;
}

}  // namespace kavosh::testing
