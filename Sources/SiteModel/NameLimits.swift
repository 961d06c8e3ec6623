/// How much of a long list of names one page shows. An article naming a thousand organisations
/// puts its card on a thousand organisation pages, and each of them has the other 999 as partners:
/// shown whole, these lists grow with the square of the names (one such article built 393 MB).
/// Cut to these lengths, with a count of the rest, the site grows in proportion to its content.
public enum NameLimits {
    /// Partner organisations on an organisation's page, partner countries on a country's page:
    /// the most shared, ties in Arabic order.
    public static let partners = 24
    /// An article's organisations, and its countries, on its card (every list that shows the
    /// article, its related-articles box on other articles) and in feed entries: the first ones
    /// the front matter names. The article's own page shows them all.
    public static let onCard = 12
    /// An article naming more organisations than this gets a warning: it most likely copies every
    /// name its text mentions rather than the parties to the news.
    public static let organizationsPerArticle = 50
}

/// The first entries of a list cut to a length, and how many it leaves out.
public struct Shortlist<Element> {
    public var shown: [Element]
    public var more: Int

    public init(shown: [Element], more: Int) {
        self.shown = shown
        self.more = more
    }

    /// `items` cut to `limit`.
    public init(_ items: [Element], limit: Int) {
        shown = Array(items.prefix(max(0, limit)))
        more = items.count - shown.count
    }
}

extension Shortlist: Sendable where Element: Sendable {}

/// The `limit` best of `items` by `better` (a strict total order), best first: a heap of `limit`
/// entries, so a long list costs a pass over it, not a sort of it all.
func best<T>(_ items: [T], limit: Int, by better: (T, T) -> Bool) -> [T] {
    guard items.count > limit else { return items.sorted(by: better) }
    guard limit > 0 else { return [] }
    // The kept entries as a heap whose root is the worst of them.
    var heap: [T] = []
    heap.reserveCapacity(limit)
    func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1, right = left + 1
            var worst = parent
            if left < heap.count, better(heap[worst], heap[left]) { worst = left }
            if right < heap.count, better(heap[worst], heap[right]) { worst = right }
            if worst == parent { return }
            heap.swapAt(parent, worst)
            parent = worst
        }
    }
    for item in items {
        if heap.count < limit {
            heap.append(item)
            var child = heap.count - 1
            while child > 0, better(heap[(child - 1) / 2], heap[child]) {
                heap.swapAt(child, (child - 1) / 2)
                child = (child - 1) / 2
            }
        } else if better(item, heap[0]) {
            heap[0] = item
            siftDown(0)
        }
    }
    return heap.sorted(by: better)
}
