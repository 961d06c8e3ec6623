/// URL slugs that keep Arabic letters: a reader sees the headline's words in the address bar.
public enum Slug {
    /// The most bytes a name the build writes (a folder or file name) may have: what Linux's and
    /// macOS's file systems allow for one path component.
    public static let maxComponentBytes = 255
    /// The most bytes of a slug made from a title or a name: room is left under
    /// `maxComponentBytes` for what a writer may add to a name (a temporary suffix).
    public static let maxMadeBytes = 200

    /// Builds a slug from a title: harakat and tatweel removed, Persian letters folded to Arabic,
    /// punctuation dropped, words joined by hyphens, at most `maxWords` words and at most
    /// `maxMadeBytes` bytes of UTF-8 (cut after the last whole word that fits, or inside a
    /// single word longer than that, at a letter).
    /// Returns nil when nothing usable is left (the caller chooses a fallback).
    public static func make(from title: String, maxWords: Int = 8) -> String? {
        guard let slug = words(of: title, maxWords: maxWords) else { return nil }
        return fitted(slug, maxBytes: maxMadeBytes)
    }

    /// `slug` when it has at most `maxBytes` bytes; otherwise its first words that fit, or the
    /// first letters of its first word.
    static func fitted(_ slug: String, maxBytes: Int) -> String {
        guard slug.utf8.count > maxBytes else { return slug }
        var cut = String.UnicodeScalarView()
        var bytes = 0, lastHyphen: Int?
        for scalar in slug.unicodeScalars {
            let size = String(scalar).utf8.count
            if bytes + size > maxBytes { break }
            if scalar == "-" { lastHyphen = cut.count }
            cut.append(scalar)
            bytes += size
        }
        if let lastHyphen, lastHyphen > 0 {
            return String(String.UnicodeScalarView(cut.prefix(lastHyphen)))
        }
        return String(cut)
    }

    private static func words(of title: String, maxWords: Int) -> String? {
        // Written straight into the result: a letter after a separator starts the next word.
        var slug = String.UnicodeScalarView()
        var words = 0, inWord = false, moreWords = false
        func letter(_ scalar: Unicode.Scalar) -> Bool {
            if !inWord {
                if words >= maxWords { moreWords = true; return false }
                if words > 0 { slug.append("-") }
                words += 1
                inWord = true
            }
            slug.append(scalar)
            return true
        }
        for scalar in title.unicodeScalars {
            let v = scalar.value
            let kept: Bool
            switch v {
            case 0x0640, 0x064B...0x065F, 0x0670, 0x06D6...0x06ED, 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF:
                continue
            case 0x06CC: kept = letter("\u{064A}")
            case 0x06A9: kept = letter("\u{0643}")
            case 0x0660...0x0669: kept = letter(Unicode.Scalar(v - 0x0660 + 0x30)!)
            case 0x06F0...0x06F9: kept = letter(Unicode.Scalar(v - 0x06F0 + 0x30)!)
            case 0x41...0x5A: kept = letter(Unicode.Scalar(v + 0x20)!)
            default:
                if ScalarClass.isAlphabetic(scalar) || (v < 0x80 && ScalarClass.isNumeric(scalar)) {
                    kept = letter(scalar)
                } else {
                    inWord = false
                    kept = true
                }
            }
            if !kept { break }
        }
        guard words > 0 || moreWords else { return nil }
        return String(slug)
    }

    /// Whether an editor-supplied slug is safe to use as one path component:
    /// letters, digits, "-" and "_" only, so "..", "/", "%" and NUL can never reach the file system.
    /// Its length is `fitsFileName`'s question.
    public static func isSafe(_ slug: String) -> Bool {
        guard !slug.isEmpty else { return false }
        return slug.unicodeScalars.allSatisfy { s in
            s == "-" || s == "_" || (s.value < 0x80 ? (ScalarClass.isAlphabetic(s) || ("0"..."9").contains(s)) : ScalarClass.isAlphabetic(s))
        } && slug.unicodeScalars.contains { $0 != "-" && $0 != "_" }
    }

    /// Whether `name` fits in one path component as the build writes it (UTF-8 bytes).
    public static func fitsFileName(_ name: String) -> Bool {
        name.utf8.count <= maxComponentBytes
    }

    /// Percent-encodes a path component for use in an href (UTF-8, RFC 3986 unreserved kept).
    public static func percentEncoded(_ component: String) -> String {
        // Built as bytes: a String per escaped byte made this a visible part of a build, where
        // every card's link and every canonical address is an Arabic slug.
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(component.utf8.count * 3)
        for byte in component.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
                 UInt8(ascii: "."), UInt8(ascii: "~"):
                out.append(byte)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

