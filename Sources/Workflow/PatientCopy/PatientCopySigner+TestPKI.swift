// SPDX-License-Identifier: Apache-2.0

public import TICrypto

extension PatientCopySigner {
    /// The patient copy signer of a test PKI: the identity `name` (C.FD.SIG is `fd-sig`, as for receipts).
    /// - Parameter deviceReference: `Signature.who.reference`, the Fachdienst's Device.
    /// - Throws: `unknownIdentity` when the PKI has no such identity.
    public init(testPKI pki: TestPKI, identity name: String = "fd-sig", deviceReference: String = "Device/1") throws(TICryptoError) {
        let identity = try pki.identity(named: name)
        try self.init(key: identity.privateKey, certificateDER: identity.certificate.derEncoded, deviceReference: deviceReference)
    }
}
