// SPDX-License-Identifier: Apache-2.0

extension TICryptoError.Code {
    /// A test PKI already exists in the target directory and overwriting was not asked for.
    public static let testPKIExists = Self("testPKIExists")
    /// A test PKI directory is missing files or holds inconsistent data (unreadable `identities.json`, a key that does
    /// not belong to its certificate, an unknown kind or issuer).
    public static let invalidTestPKI = Self("invalidTestPKI")
    /// Reading or writing a test PKI file failed (permissions, missing directory, full disk).
    public static let testPKIFileAccess = Self("testPKIFileAccess")
    /// No identity of the test PKI has the given name.
    public static let unknownIdentity = Self("unknownIdentity")
    /// An identity with the given name exists already.
    public static let duplicateIdentity = Self("duplicateIdentity")
    /// A certificate was used as a CA (issuer or trust anchor) but is not one (basicConstraints `cA` is not TRUE).
    public static let notACertificateAuthority = Self("notACertificateAuthority")
    /// The certificate of an identity is revoked already, or cannot be revoked (the root has no issuer).
    public static let revocationRefused = Self("revocationRefused")
}
