import Foundation

/// The site's articles, in the site's order: held in memory, or read one by one from where a
/// build record stored them (`ArticleRecords`) when a page first needs them. A rebuild after one
/// edit shows a few dozen articles of 10,000; reading all of them back took longer than the
/// rest of the rebuild.
public struct ArticleList: RandomAccessCollection, MutableCollection, Sendable, Equatable, ExpressibleByArrayLiteral {
    @usableFromInline var held: [Article]
    @usableFromInline var records: ArticleRecords?
    /// Articles replaced in a list read from records, by index.
    @usableFromInline var replaced: [Int: Article] = [:]

    public init(_ articles: [Article]) {
        held = articles
        records = nil
    }

    public init(arrayLiteral articles: Article...) {
        self.init(articles)
    }

    /// The articles `records` reads.
    public init(_ records: ArticleRecords) {
        held = []
        self.records = records
    }

    public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { records?.count ?? held.count }

    @inlinable public subscript(index: Int) -> Article {
        _read {
            if let records {
                yield replaced[index] ?? records[index]
            } else {
                yield held[index]
            }
        }
        set {
            if records != nil {
                precondition(indices.contains(index), "index out of range")
                replaced[index] = newValue
            } else {
                held[index] = newValue
            }
        }
    }

    /// Whether the articles are read from records as pages need them.
    public var isRead: Bool { records != nil }

    public static func == (a: ArticleList, b: ArticleList) -> Bool {
        a.count == b.count && a.indices.allSatisfy { a[$0] == b[$0] }
    }
}

/// Articles stored elsewhere (a build record's file), each made when first asked for and then
/// kept. Shared by the threads of one build.
public final class ArticleRecords: @unchecked Sendable {
    public let count: Int
    private let read: @Sendable (Int) -> Article
    private let made = Memo<Int, Article>()

    /// `read(i)` makes the article at `i` (0 ≤ i < count); it is asked once per index (twice at
    /// most when two threads ask at the same time) and must not fail: its caller checked the
    /// records before.
    public init(count: Int, read: @escaping @Sendable (Int) -> Article) {
        self.count = count
        self.read = read
    }

    @usableFromInline subscript(index: Int) -> Article { made.value(for: index, read) }
}
