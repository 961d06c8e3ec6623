import ContentLoading
import Foundation
import Output
import Support

/// What a build is asked to do.
public struct BuildOptions: Sendable {
    public var root: URL
    public var output: URL
    public var includeDrafts: Bool
    /// The build state folder: the manifest, the caches and the second tree (`SiteWriter`).
    /// `.taawun/` at the site root for `public/`; one folder under `.taawun/outputs/` for each
    /// other output folder, so builds into two folders never mistake each other's state.
    public var state: URL

    public init(root: URL, output: URL? = nil, includeDrafts: Bool = false, state: URL? = nil) {
        let layout = SiteLayout(root: root)
        self.root = layout.root
        let output = (output ?? layout.defaultOutput).standardizedFileURL
        self.output = output
        self.includeDrafts = includeDrafts
        self.state = state ?? Self.defaultState(for: output, layout: layout)
    }

    static func defaultState(for output: URL, layout: SiteLayout) -> URL {
        if output.path == layout.defaultOutput.path { return layout.state }
        var hasher = WordHasher()
        hasher.add(string: output.path)
        let name = String(hasher.value, radix: 16)
        return layout.state.appendingPathComponent("outputs", isDirectory: true).appendingPathComponent(name, isDirectory: true)
    }

    /// Whether the output is the site's own `public/`, taawun's to replace.
    var ownsOutput: Bool { output.path == SiteLayout(root: root).defaultOutput.path }

    /// The writer of this build's output, with its state.
    public var writer: SiteWriter { SiteWriter(output: output, state: state, ownsOutput: ownsOutput) }
}
