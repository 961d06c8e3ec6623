import ContentLoading
import Foundation
import Gazetteer
import Markdown

/// What the site model keeps between builds (in memory for `taawun serve`, in the build
/// record for `taawun build`): each article's rendered body, by its file and the file's
/// fingerprint, and the gazetteer for the current countries.yaml. Output is the same with or
/// without it; it only saves cmark and ICU work on a rebuild after a one-file edit.
public final class ModelCache: @unchecked Sendable {
    /// What the site model needs of a rendered body.
    public struct Body: Sendable {
        public var fingerprint: UInt64
        public var allowUnsafeHTML: Bool
        public var firstParagraph: String
        public var html: ArticleBody
        /// The links and images the Markdown has, for `SiteCheck`; nil when not known (a body
        /// read back from a cache that does not keep them).
        public var references: References?

        /// Where an article's links and images point, with where they are written.
        public struct References: Sendable, Hashable {
            public var links: [MarkdownReference]
            public var images: [MarkdownReference]
            public init(links: [MarkdownReference], images: [MarkdownReference]) {
                self.links = links
                self.images = images
            }
        }

        public init(fingerprint: UInt64, allowUnsafeHTML: Bool, firstParagraph: String, html: ArticleBody,
                    references: References? = nil) {
            self.fingerprint = fingerprint
            self.allowUnsafeHTML = allowUnsafeHTML
            self.firstParagraph = firstParagraph
            self.html = html
            self.references = references
        }
    }

    /// The Arabic order of organisations' and countries' names.
    public let collation = CollationMemo()
    private let lock = NSLock()
    private var bodies: [String: Body] = [:]
    private var gazetteer: (overrides: [CountryRecord], value: CountryGazetteer)?

    public init() {}

    /// The body of the article at `path` when the file is as it was (same fingerprint).
    public func body(for article: ArticleSource, allowUnsafeHTML: Bool) -> Body? {
        lock.lock()
        defer { lock.unlock() }
        guard let body = bodies[article.path], body.fingerprint == article.fingerprint,
              body.allowUnsafeHTML == allowUnsafeHTML else { return nil }
        return body
    }

    /// Every stored body, by article path.
    public var allBodies: [String: Body] {
        lock.lock()
        defer { lock.unlock() }
        return bodies
    }

    /// Adds bodies read from the build cache.
    public func restore(_ restored: [String: Body]) {
        lock.lock()
        bodies.merge(restored) { _, new in new }
        lock.unlock()
    }

    /// Replaces the stored bodies with this build's, so deleted and edited ones are forgotten.
    func keep(_ kept: [String: Body], addingTo: Bool = false) {
        lock.lock()
        if addingTo { bodies.merge(kept) { _, new in new } } else { bodies = kept }
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
}
