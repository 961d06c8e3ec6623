import ContentLoading
import Foundation
import Markdown

/// What the site model keeps between builds of one process (`taawun serve`): rendered bodies by
/// their Markdown, and the gazetteer for the current countries.yaml. Output is the same with or
/// without it; it only saves cmark and ICU work on a rebuild after a one-file edit.
public final class ModelCache: @unchecked Sendable {
    private let lock = NSLock()
    private var bodies: [String: RenderedMarkdown] = [:]
    private var gazetteer: (overrides: [CountryRecord], value: CountryGazetteer)?

    public init() {}

    func body(_ markdown: String, allowUnsafeHTML: Bool) -> RenderedMarkdown? {
        lock.lock()
        defer { lock.unlock() }
        return bodies[Self.key(markdown, allowUnsafeHTML)]
    }

    /// Replaces the stored bodies with this build's, so deleted and edited ones are forgotten.
    func keep(_ rendered: [(markdown: String, body: RenderedMarkdown)], allowUnsafeHTML: Bool) {
        var next: [String: RenderedMarkdown] = [:]
        for (markdown, body) in rendered { next[Self.key(markdown, allowUnsafeHTML)] = body }
        lock.lock()
        bodies = next
        lock.unlock()
    }

    func gazetteer(for overrides: [CountryRecord]) -> CountryGazetteer {
        lock.lock()
        defer { lock.unlock() }
        if let cached = gazetteer, cached.overrides == overrides { return cached.value }
        let value = CountryGazetteer(overrides: overrides)
        gazetteer = (overrides, value)
        return value
    }

    private static func key(_ markdown: String, _ allowUnsafeHTML: Bool) -> String {
        (allowUnsafeHTML ? "1" : "0") + markdown
    }
}
