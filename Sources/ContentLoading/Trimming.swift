import Foundation

extension String {
    /// The same as `trimmingCharacters(in: set)`, without the trip through NSString (most of the
    /// cost of reading a front matter field on Linux). Both drop Unicode scalars of `set` from
    /// the ends; every CharacterSet this is used with (whitespace, newlines) lies in the BMP,
    /// where NSString's UTF-16 units and scalars are the same thing.
    func trimming(_ set: CharacterSet) -> String {
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, set.contains(scalars[start]) { start = scalars.index(after: start) }
        while end > start, set.contains(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        if start == scalars.startIndex, end == scalars.endIndex { return self }
        return String(scalars[start..<end])
    }
}
