import SiteModel

/// Where each year's articles lie in the site's order (newest first, undated last): found by
/// binary search, a few dozen articles read, so a kept site's 10,000 articles stay unread.
/// Counting a page's articles per year is then a walk along its sorted indices.
public struct YearIndex: Sendable, Equatable {
    /// Newest year first; `end` is exclusive.
    public struct Run: Sendable, Equatable {
        public var year: Int
        public var start: Int
        public var end: Int
    }

    public let runs: [Run]

    public init(site: Site) {
        var runs: [Run] = []
        let count = site.articles.count
        var i = 0
        while i < count, let year = site.articles[i].date?.year {
            var low = i + 1, high = count
            while low < high {
                let middle = (low + high) / 2
                if site.articles[middle].date?.year == year { low = middle + 1 } else { high = middle }
            }
            runs.append(Run(year: year, start: i, end: low))
            i = low
        }
        self.runs = runs
    }

    /// How many of `indices` (ascending, as the site's indices are) fall in each year, from the
    /// oldest year with one to the newest, empty years included; at most the `limit` newest years.
    public func counts(_ indices: [Int], limit: Int) -> [(year: Int, count: Int)] {
        var counts: [(year: Int, count: Int)] = []
        var run = 0
        for index in indices {
            while run < runs.count, index >= runs[run].end { run += 1 }
            guard run < runs.count, index >= runs[run].start else { continue }
            if counts.last?.year == runs[run].year {
                counts[counts.count - 1].count += 1
            } else {
                counts.append((runs[run].year, 1))
            }
        }
        guard let newest = counts.first?.year, let oldest = counts.last?.year else { return [] }
        let first = max(oldest, newest - limit + 1)
        var byYear: [Int: Int] = [:]
        for entry in counts { byYear[entry.year] = entry.count }
        return (first...newest).map { ($0, byYear[$0] ?? 0) }
    }
}
