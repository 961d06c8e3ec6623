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

/// The bytes of an entry's name, up to its NUL (which follows them): valid until the next
/// `readdir(3)` on its directory.
public func directoryEntryBytes(_ entry: UnsafeMutablePointer<dirent>) -> UnsafeBufferPointer<UInt8> {
    let offset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
    let name = UnsafeRawPointer(entry).advanced(by: offset).assumingMemoryBound(to: UInt8.self)
    return UnsafeBufferPointer(start: name, count: strlen(name))
}
