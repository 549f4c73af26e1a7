import CPosix
import Glibc
import Synchronization
import Testing
@testable import SwiftWrapCore

@Suite struct ConcurrentlyTests {
    @Test func bothResultsComeBackAndTheSideRunsOnAnotherThread() throws {
        let mainThread = pthread_self()
        let (first, second) = concurrently({ () -> Int in (1...1000).reduce(0, +) },
                                           alongside: { () -> (Int, Bool) in
                                               ((1...100).reduce(0, +), pthread_equal(pthread_self(), mainThread) != 0)
                                           })
        #expect(first == 500500)
        #expect(second.0 == 5050)
        #expect(second.1 == (ProcessorCount.online == 1))
    }

    struct Refused: Error, Equatable {}

    @Test func theSideIsJoinedWhenMainThrows() {
        let finished = Atomic<Bool>(false)
        #expect(throws: Refused()) {
            _ = try concurrently({ () throws(Refused) -> Int in throw Refused() },
                                 alongside: { () -> Int in
                                     usleep(50_000)
                                     finished.store(true, ordering: .sequentiallyConsistent)
                                     return 1
                                 })
        }
        let sideFinished = finished.load(ordering: .sequentiallyConsistent)
        #expect(sideFinished)
    }

    @Test func aBackgroundTaskRunsWhileTheCallerWorksAndIsJoined() {
        let mainThread = pthread_self()
        let task = BackgroundTask { () -> Bool in
            usleep(20_000)
            return pthread_equal(pthread_self(), mainThread) != 0
        }
        let callerWork = (1...1000).reduce(0, +)
        #expect(callerWork == 500500)
        #expect(task.wait() == (ProcessorCount.online == 1))
        #expect(task.wait() == (ProcessorCount.online == 1))   // a second wait gives the same result
        // Dropped without a wait: the thread is joined before the task goes away.
        let finished = Atomic<Bool>(false)
        do {
            _ = BackgroundTask { () -> Int in
                usleep(20_000)
                finished.store(true, ordering: .sequentiallyConsistent)
                return 0
            }
        }
        let joined = finished.load(ordering: .sequentiallyConsistent)
        #expect(joined)
    }

    /// The side thread leaves its creator's processor and gets every processor back (CPosix); with a
    /// single allowed processor nothing changes.
    @Test func movingOffTheCreatorsProcessorKeepsTheAllowedSet() {
        func allowed() -> [UInt] {
            var words = [UInt](repeating: 0, count: 16)
            #expect(swiftwrap_get_affinity(&words) == 0)
            return words
        }
        let before = allowed()
        swiftwrap_move_off_cpu(swiftwrap_current_cpu())
        #expect(allowed() == before)
        // One allowed processor: it has nowhere else to go, and keeps its set.
        let cpu = Int(swiftwrap_current_cpu())
        #expect(cpu >= 0)
        var one = [UInt](repeating: 0, count: 16)
        one[cpu / UInt.bitWidth] = 1 << UInt(cpu % UInt.bitWidth)
        #expect(swiftwrap_set_affinity(one) == 0)
        swiftwrap_move_off_cpu(Int32(cpu))
        #expect(allowed() == one)
        #expect(Int(swiftwrap_current_cpu()) == cpu)
        #expect(swiftwrap_set_affinity(before) == 0)
        #expect(allowed() == before)
    }
}
