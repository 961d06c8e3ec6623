/// A template as swift-mustache parsed it, flattened into instructions rendered straight from
/// `TemplateValue`.
///
/// swift-mustache's renderer is correct but slow for a whole site: it finds every name through
/// several dynamic casts and escapes text one Character at a time through a dictionary, about
/// 5 µs a tag — a minute and more for a 10,000-article site. Its parser stays in charge (syntax,
/// standalone lines, indentation, inheritance): `TemplateCompiler` reads the parsed tokens back
/// once, at load time, and does there everything that does not depend on the values — partials
/// and blocks are expanded in place, overrides chosen, content types applied. What is left is
/// rendered here with swift-mustache's rules (its renderer's `render(context:)`, `renderToken`,
/// `renderSection` and `renderInvertedSection`), on plain values and UTF-8. Tests render every
/// page both ways and require the same bytes. Templates using what this does not cover
/// (transforms, dynamic partials, custom content types) are rendered by swift-mustache itself.
///
/// Pages are rendered on every core at once from the same templates, so the compiled form holds
/// no references but its arrays: stepping through it touches no reference count, which
/// other cores would be contending for.
struct CompiledTemplate: Sendable {
    /// One step of a template. Payloads are indices into the template's arrays, and a section's
    /// body is the instructions that follow it, up to its `end`.
    enum Instruction: Sendable, Equatable {
        /// Literal text: bytes of `text`.
        case text(Range<Int>)
        /// `{{name}}` or `{{{name}}}`; whether it escapes already accounts for content types.
        case variable(Path, escaped: Bool)
        case section(Path, end: Int)
        case invertedSection(Path, end: Int)
        /// An indented partial's or block's tokens: swift-mustache renders them as a token list
        /// of their own, indenting each token's output that starts a new line (`indentation`,
        /// bytes of `text`). Partials and blocks that are not indented are expanded inline.
        case indented(end: Int, indentation: Range<Int>)
    }

    /// How a name is looked up: `.` is the current value; `a.b` finds `a` in the innermost
    /// value that has it, then `b` inside; `.a` looks only in the current value. The names are
    /// elements of `pathNames`.
    enum Path: Sendable, Equatable {
        case current
        case climbing(Range<Int>)
        case fromCurrent(Range<Int>)
    }

    let instructions: [Instruction]
    /// Every literal text and indentation, as UTF-8.
    let text: [UInt8]
    /// Every name the template looks up, once.
    let names: [String]
    /// The parts of every path, as indices into `names`.
    let pathNames: [Int]

    /// The template rendered with `value` as its context, as UTF-8.
    func render(_ value: TemplateValue) -> [UInt8] {
        var rendering = Rendering(stack: [Scope(value: value, generation: 0)],
                                  found: Array(repeating: Found(), count: names.count))
        // Most pages are tens of kilobytes: a few doublings of the buffer at most.
        rendering.bytes.reserveCapacity(32 * 1024)
        render(instructions.indices, indentation: 0..<0, &rendering)
        return rendering.bytes
    }

    /// What changes while rendering: the output so far and the values whose sections are open.
    struct Rendering {
        var bytes: [UInt8] = []
        /// Innermost last.
        var stack: [Scope]
        /// What the last lookup of each name that climbs the stack found, by name.
        var found: [Found]
        /// How many values have been pushed so far, which numbers them.
        var pushes = 0
    }

    /// A value on the stack, numbered in the order values are pushed: one numbered at most `n`
    /// has been on the stack, where it is, since the `n`th push, and so have those below it.
    struct Scope {
        let value: TemplateValue
        let generation: Int
    }

    /// What a lookup found after the `asOf`th push: the name in the object at stack `level`
    /// (-1: none), at `index`, and in none of the values above it, up to `lookedThrough`.
    /// Most names are found in the page's values, below a card and a chip or two: a later
    /// lookup hashes the name only for the values pushed since.
    struct Found {
        var level = -1
        var index: [String: TemplateValue].Index?
        var lookedThrough = -1
        var asOf = 0
    }

    /// `render(context:)` for one token list: with an indentation, each token's output that
    /// starts a new line is indented. Tokens are rendered straight into the output; the
    /// indentation is put before a token's output afterwards, once it is known not to be empty.
    private func render(_ list: Range<Int>, indentation: Range<Int>, _ rendering: inout Rendering) {
        let start = rendering.bytes.count
        var index = list.lowerBound
        while index < list.upperBound {
            let pieceStart = rendering.bytes.count
            var next = index + 1
            switch instructions[index] {
            case .text(let range):
                append(range, to: &rendering.bytes)
            case .variable(let path, let escaped):
                lookup(path, in: &rendering)?.appendRenderedText(to: &rendering.bytes, escaped: escaped)
            case .section(let path, let end):
                next = end
                renderSection(lookup(path, in: &rendering), body: index + 1..<end, indentation: indentation, &rendering)
            case .invertedSection(let path, let end):
                next = end
                renderInvertedSection(lookup(path, in: &rendering), body: index + 1..<end, indentation: indentation, &rendering)
            case .indented(let end, let inner):
                next = end
                render(index + 1..<end, indentation: inner, &rendering)
            }
            if !indentation.isEmpty, rendering.bytes.count > pieceStart, pieceStart > start,
               rendering.bytes[pieceStart - 1] == UInt8(ascii: "\n") {
                text.withUnsafeBufferPointer {
                    rendering.bytes.insert(contentsOf: UnsafeBufferPointer(rebasing: $0[indentation]), at: pieceStart)
                }
            }
            index = next
        }
    }

    private func renderSection(_ value: TemplateValue?, body: Range<Int>, indentation: Range<Int>, _ rendering: inout Rendering) {
        switch value {
        case .list(let items)?:
            for item in items { render(body, indentation: indentation, pushing: item, &rendering) }
        case .flag(let shown)?:
            if shown { render(body, indentation: indentation, &rendering) }
        case let value?:
            render(body, indentation: indentation, pushing: value, &rendering)
        case nil:
            break
        }
    }

    private func renderInvertedSection(_ value: TemplateValue?, body: Range<Int>, indentation: Range<Int>,
                                       _ rendering: inout Rendering) {
        switch value {
        case .list(let items)? where items.isEmpty:
            render(body, indentation: indentation, pushing: .list(items), &rendering)
        case .flag(false)?, nil:
            render(body, indentation: indentation, &rendering)
        default:
            break
        }
    }

    private func render(_ list: Range<Int>, indentation: Range<Int>, pushing value: TemplateValue, _ rendering: inout Rendering) {
        rendering.pushes += 1
        rendering.stack.append(Scope(value: value, generation: rendering.pushes))
        render(list, indentation: indentation, &rendering)
        rendering.stack.removeLast()
    }

    private func append(_ range: Range<Int>, to bytes: inout [UInt8]) {
        // Through a buffer pointer: a slice of `text` would be a reference to count.
        text.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// swift-mustache's `getChild`: only objects have named children.
    private func lookup(_ path: Path, in rendering: inout Rendering) -> TemplateValue? {
        switch path {
        case .current:
            return rendering.stack.last?.value
        case .fromCurrent(let parts):
            return rendering.stack.last.flatMap { descend($0.value, parts) }
        case .climbing(let parts):
            return climb(to: pathNames[parts.lowerBound], &rendering).flatMap { descend($0, parts.dropFirst()) }
        }
    }

    /// The innermost object's value for `name`.
    private func climb(to name: Int, _ rendering: inout Rendering) -> TemplateValue? {
        let found = Self.find(names[name], in: rendering.stack, after: rendering.found[name], pushes: rendering.pushes)
        rendering.found[name] = found
        guard let index = found.index, case .object(let fields) = rendering.stack[found.level].value else { return nil }
        return fields.values[index]
    }

    /// Where `name` is now, hashed only for the values the last lookup of it did not see.
    private static func find(_ name: String, in stack: [Scope], after known: Found, pushes: Int) -> Found {
        let top = stack.count - 1
        var level = top
        while level >= 0 {
            if level <= known.lookedThrough, known.level <= level, stack[level].generation <= known.asOf {
                // This value and those below are the ones the last lookup saw.
                return Found(level: known.level, index: known.index, lookedThrough: top, asOf: pushes)
            }
            if case .object(let fields) = stack[level].value, let index = fields.index(forKey: name) {
                return Found(level: level, index: index, lookedThrough: top, asOf: pushes)
            }
            level -= 1
        }
        return Found(level: -1, index: nil, lookedThrough: top, asOf: pushes)
    }

    private func descend(_ value: TemplateValue, _ parts: Range<Int>) -> TemplateValue? {
        var value = value
        for part in parts {
            guard case .object(let fields) = value, let child = fields[names[pathNames[part]]] else { return nil }
            value = child
        }
        return value
    }
}
