import Foundation

/// `transform` over 0..<count on all cores, results in index order.
public func parallelMap<T: Sendable>(_ count: Int, _ transform: @escaping @Sendable (Int) -> T) -> [T] {
    var values = [T?](repeating: nil, count: count)
    values.withUnsafeMutableBufferPointer { buffer in
        // Each slot is written by exactly one iteration and read only after all have finished.
        nonisolated(unsafe) let slots = buffer
        DispatchQueue.concurrentPerform(iterations: count) { slots[$0] = transform($0) }
    }
    return values.map { $0! }
}

/// Fixed-size result slots written from `concurrentPerform`, one slot per iteration.
public final class UnsafeResults<Value>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()
    public init(count: Int) { storage = Array(repeating: nil, count: count) }
    public subscript(index: Int) -> Value? {
        get { lock.lock(); defer { lock.unlock() }; return storage[index] }
        set { lock.lock(); storage[index] = newValue; lock.unlock() }
    }
    public var values: [Value] { lock.lock(); defer { lock.unlock() }; return storage.map { $0! } }
}

/// Work done on another core while this one goes on, and waited for when its result is needed;
/// or, not `startingNow`, done on this core when first needed (never, when it is not).
public final class Pending<Value: Sendable, Failure: Error>: @unchecked Sendable {
    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)
    private var work: (@Sendable () throws(Failure) -> Value)?
    private var result: Result<Value, Failure>?

    public init(startingNow: Bool = true, _ work: @escaping @Sendable () throws(Failure) -> Value) {
        guard startingNow else {
            self.work = work
            return
        }
        // A thread of its own, not the dispatch pool's: the pool's threads are the other core's
        // share of the work spread over all cores (`concurrentPerform`) meanwhile.
        Thread {
            let result: Result<Value, Failure>
            do throws(Failure) { result = .success(try work()) } catch { result = .failure(error) }
            self.lock.lock()
            self.result = result
            self.lock.unlock()
            self.done.signal()
        }.start()
    }

    /// The result, waiting for it.
    public func value() throws(Failure) -> Value {
        lock.lock()
        if let work {
            self.work = nil
            do throws(Failure) { result = .success(try work()) } catch { result = .failure(error) }
            done.signal()
        }
        lock.unlock()
        done.wait()
        done.signal() // for the next caller
        lock.lock()
        defer { lock.unlock() }
        return try result!.get()
    }

    /// Waits for work already started; does not start any.
    public func finish() {
        lock.lock()
        let started = work == nil
        lock.unlock()
        if started { done.wait(); done.signal() }
    }
}

/// A count that concurrent work adds to.
public final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    public init() {}
    public func increment() -> Int { lock.lock(); defer { lock.unlock() }; count += 1; return count }
    public func add() { lock.lock(); count += 1; lock.unlock() }
    public var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}

/// A flag that concurrent work sets, once, for the rest to see.
public final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    public init() {}
    public func set() { lock.lock(); value = true; lock.unlock() }
    public var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}

/// Failures recorded by concurrent work, of which the first is reported.
public final class FailureBox<Failure>: @unchecked Sendable {
    private let lock = NSLock()
    private var failures: [Failure] = []
    public init() {}
    public func record(_ failure: Failure) { lock.lock(); failures.append(failure); lock.unlock() }
    public var first: Failure? { lock.lock(); defer { lock.unlock() }; return failures.first }
}

/// State kept alive until the process ends, when freeing it one object at a time would take
/// longer than the process has left (`SiteBuild.endsTheProcess`).
public final class StateLeftForExit: @unchecked Sendable {
    public static let shared = StateLeftForExit()
    private let lock = NSLock()
    private var state: [Any] = []
    public func keep(_ value: Any) { lock.lock(); state.append(value); lock.unlock() }
}
