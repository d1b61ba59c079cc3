// SPDX-License-Identifier: Apache-2.0

import Foundation

/// The process's CPU time, all threads, user and system (`CLOCK_PROCESS_CPUTIME_ID`): nanosecond resolution, where
/// the harness's `cpuTotal` counts the kernel's 10 ms ticks.
public enum CPUClock {
    public static func processNanoseconds() -> Int {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return time.tv_sec * 1_000_000_000 + time.tv_nsec
    }
}
