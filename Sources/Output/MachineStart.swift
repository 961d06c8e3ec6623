import Foundation

/// Which start of the machine this process runs in: Linux's boot id, recorded in the manifest.
///
/// Builds write files without fsync, as Hugo, Zola and Jekyll do (one syncfs of a full build's
/// 13,500 new files took a fifth of the build). Until the kernel writes them back, a crash can
/// leave files empty that the manifest lists as written; only a crash undoes writes, and a
/// crash means the machine starts again. So a manifest from an earlier start vouches for
/// nothing (`BuildManifest.decodeListing`): the first build after a restart writes the whole
/// folder afresh. Where no boot id can be read, the writer syncs before it swaps a folder in.
public enum MachineStart {
    public static let current: [UInt8]? = {
        #if os(Linux)
        guard let text = try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8) else { return nil }
        let id = Array(text.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        return id.isEmpty || id.count > 255 ? nil : id
        #else
        return nil
        #endif
    }()
}
