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
}
