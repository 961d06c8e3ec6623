import Foundation

/// Values computed on first use and kept, shared by the threads of one build: a plan's cards and
/// dates, a kept site's articles.
public final class Memo<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    @usableFromInline let lock = NSLock()
    @usableFromInline var values: [Key: Value] = [:]

    public init() {}

    @inlinable public func value(for key: Key, _ make: (Key) -> Value) -> Value {
        lock.lock()
        if let value = values[key] { lock.unlock(); return value }
        lock.unlock()
        // Made outside the lock: two threads may both make it, and both get the same value.
        let value = make(key)
        lock.lock()
        values[key] = value
        lock.unlock()
        return value
    }
}
