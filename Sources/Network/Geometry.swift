import Foundation

/// A point of a picture, in the units of its viewBox.
public struct Point: Sendable, Equatable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// An axis-aligned box: a label's or a node's extent in the picture.
public struct Box: Sendable, Equatable {
    public var minX: Double
    public var minY: Double
    public var maxX: Double
    public var maxY: Double

    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    public init(center: Point, radius: Double) {
        self.init(minX: center.x - radius, minY: center.y - radius, maxX: center.x + radius, maxY: center.y + radius)
    }

    public var width: Double { maxX - minX }
    public var height: Double { maxY - minY }

    /// Whether the two boxes share any area (touching edges do not count).
    public func overlaps(_ other: Box) -> Bool {
        minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
    }

    /// Whether `other` lies wholly inside this box.
    public func contains(_ other: Box) -> Bool {
        other.minX >= minX && other.maxX <= maxX && other.minY >= minY && other.maxY <= maxY
    }

    /// The box grown by `margin` on every side.
    public func inset(by margin: Double) -> Box {
        Box(minX: minX - margin, minY: minY - margin, maxX: maxX + margin, maxY: maxY + margin)
    }
}

/// Numbers as the SVG writes them: one decimal, no exponent, no "-0": the same layout gives the
/// same bytes on every run.
enum Coordinate {
    static func text(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        if tenths == 0 { return "0" }
        let negative = tenths < 0
        let magnitude = Int(abs(tenths))
        let whole = magnitude / 10, fraction = magnitude % 10
        return (negative ? "-" : "") + String(whole) + (fraction == 0 ? "" : "." + String(fraction))
    }
}

/// SplitMix64: the seeded sequence the force layout starts from (the same seed, the same picture).
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A number in [0, 1).
    mutating func next() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(UInt64(1) << 53)
    }
}
