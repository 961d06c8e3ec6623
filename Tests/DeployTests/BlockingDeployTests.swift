import Dispatch
import Testing

/// The deploy tests that start servers, run processes and wait for them, one at a time.
@Suite(.serialized) enum BlockingDeployTests {}

/// Runs a test's blocking work (servers, processes, waits) on a thread of its own, outside the
/// test runner's shared pool: that pool has as many threads as the machine has cores (two here),
/// and a test holding one for minutes starves the async tests running beside it (the preview
/// server's) into timeouts. An expectation that fails there still fails the run, with its file
/// and line; a thrown error fails the test itself.
enum OffThePool {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }
}
