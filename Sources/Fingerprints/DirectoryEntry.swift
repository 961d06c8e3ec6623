import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The name of an entry `readdir(3)` returned. Read where it is, up to its NUL: a dirent is
/// only as long as its name, so copying the whole `d_name` field (256 bytes) reads past the
/// end of the last entry of the directory's buffer.
public func directoryEntryName(_ entry: UnsafeMutablePointer<dirent>) -> String {
    let offset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
    return String(cString: UnsafeRawPointer(entry).advanced(by: offset).assumingMemoryBound(to: CChar.self))
}
