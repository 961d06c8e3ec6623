/// How wide and tall a label is drawn, estimated from its characters: the layout keeps labels
/// apart and inside the picture by this measure, without a font at build time. The estimates
/// are a little generous for the Arabic faces the theme names (Noto Sans Arabic, Noto Naskh
/// Arabic, Tahoma, DejaVu Sans), so a label the browser draws fits in the box measured here;
/// `make check-site` compares them with Chromium's boxes.
public struct LabelFont: Sendable, Equatable {
    /// The font size, in the picture's units.
    public var size: Double

    public init(size: Double) { self.size = size }

    /// The font stack written on every label: the theme's Arabic faces, then the system's.
    public static let family = "'Noto Sans Arabic', 'Noto Naskh Arabic', Tahoma, 'DejaVu Sans', sans-serif"

    /// The label's advance, in ems per character class; for a label of several lines (separated
    /// by "\n"), its widest line's.
    public func width(of text: String) -> Double {
        var ems = 0.0, widest = 0.0
        for scalar in text.unicodeScalars {
            if scalar == "\n" { widest = max(widest, ems); ems = 0 } else { ems += Self.advance(scalar) }
        }
        return max(widest, ems) * size
    }

    /// From one line's baseline to the next's, for a label of several lines: the line boxes
    /// Chromium reports overlap a little, the letters do not.
    public var lineStep: Double { size * 1.3 }

    /// The label's lines: its text split at "\n".
    public static func lines(of text: String) -> [Substring] { text.split(separator: "\n", omittingEmptySubsequences: false) }

    /// Above and below the baseline: the line box the browser reports for a label (ascent and
    /// descent of the tallest Arabic face named, with room to spare: Chromium 156 draws Noto Sans
    /// Arabic's box 1.39 em above the baseline and 0.72 em below).
    public var ascent: Double { size * 1.45 }
    public var descent: Double { size * 0.8 }
    public var height: Double { ascent + descent }

    /// The box of `text` drawn with `text-anchor="middle"` at `x`, its first line on the
    /// baseline `y` and each further line `lineStep` lower.
    public func box(of text: String, centeredAt x: Double, baseline y: Double) -> Box {
        box(width: width(of: text), lines: Self.lineCount(of: text), centeredAt: x, baseline: y)
    }

    /// The box of a label `width` wide of `lines` lines, as `box(of:centeredAt:baseline:)`
    /// measures it: for a layout trying one text in many places.
    public func box(width: Double, lines: Int, centeredAt x: Double, baseline y: Double) -> Box {
        let half = width / 2
        let more = Double(lines - 1) * lineStep
        return Box(minX: x - half, minY: y - ascent, maxX: x + half, maxY: y + more + descent)
    }

    /// How many lines `text` takes.
    public static func lineCount(of text: String) -> Int { 1 + text.utf8.lazy.filter { $0 == 0x0A }.count }

    /// How tall a label of `text` is, all its lines.
    public func height(of text: String) -> Double {
        height + Double(Self.lineCount(of: text) - 1) * lineStep
    }

    static func advance(_ scalar: Unicode.Scalar) -> Double {
        let v = scalar.value
        switch v {
        case 0x064B...0x065F, 0x0670, 0x06D6...0x06ED, 0x200C...0x200F: return 0  // marks and joiners
        case 0x0640: return 0.5                                                     // tatweel
        case 0x0627, 0x0622, 0x0623, 0x0625, 0x0671, 0x062F, 0x0630, 0x0631, 0x0632, 0x0648, 0x0624, 0x0621:
            return 0.42                                                             // alef, dal, ra, waw: narrow
        case 0x0633, 0x0634, 0x0635, 0x0636: return 0.95                            // seen, sad: wide
        case 0x0600...0x06FF, 0x0750...0x077F, 0x08A0...0x08FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF: return 0.66
        case 0x20: return 0.32
        case 0x30...0x39, 0x0660...0x0669, 0x06F0...0x06F9: return 0.62
        case 0x41...0x5A: return 0.76
        case 0x61...0x7A: return 0.62
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E, 0x060C, 0x061B, 0x061F, 0x066B, 0x066C: return 0.45
        case 0x2026: return 1.0
        default: return 1.05
        }
    }
}
