// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Secret bytes in memory this type allocates itself, so that ``wipe()`` can overwrite them with zeros (with
/// `explicit_bzero` or `memset_s`, which the compiler may not remove as dead stores) before the memory is freed.
///
/// The limits of wiping in Swift: only this buffer is wiped. Every `String` or `[UInt8]` made from it (by
/// ``withBytes(_:)``, ``string``, by JSON decoding, by URLSession, by the HTTP stack) is an ordinary value that ARC frees
/// without wiping, and copy-on-write or array growth may have left further copies in freed memory. Swift gives no
/// control over those; the kit keeps them short-lived and never stores them. Swap and core dumps are outside the
/// process's reach altogether.
final class SecretBytes: @unchecked Sendable {
    // Immutable after init except through `wipe()`, which the owning actor calls; the class has no other mutation.
    private let storage: UnsafeMutableRawBufferPointer
    private var wiped = false

    /// Copies `bytes` into a buffer of its own.
    init(_ bytes: some Collection<UInt8>) {
        self.storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
        self.storage.initializeMemory(as: UInt8.self, repeating: 0)
        _ = self.storage.initializeMemory(as: UInt8.self, from: bytes)
        self.count = bytes.count
    }

    /// The number of secret bytes.
    let count: Int

    /// Whether ``wipe()`` ran.
    var isWiped: Bool { self.wiped }

    /// The bytes as UTF-8 text; a copy the caller should not keep.
    var string: String { String(decoding: UnsafeRawBufferPointer(rebasing: self.storage[0..<self.count]), as: UTF8.self) }

    /// Calls `body` with the bytes, without copying them.
    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(rebasing: self.storage[0..<self.count]))
    }

    /// Overwrites the bytes with zeros.
    func wipe() {
        guard let base = self.storage.baseAddress else { return }
        #if canImport(Darwin)
        _ = memset_s(base, self.storage.count, 0, self.storage.count)
        #else
        explicit_bzero(base, self.storage.count)
        #endif
        self.wiped = true
    }

    deinit {
        self.wipe()
        self.storage.deallocate()
    }
}
