// SPDX-License-Identifier: Apache-2.0

internal import Crypto

/// `ResponderID ::= CHOICE { byName [1] Name, byKey [2] KeyHash }` (RFC 6960 §4.2.1, explicit tags).
public enum OCSPResponderID: Hashable, Sendable {
    /// The DER of the responder certificate's subject name.
    case byName([UInt8])
    /// SHA-1 of the responder's public key (the BIT STRING content of its subjectPublicKey).
    case byKey([UInt8])

    /// The `byKey` form for `certificate`.
    public static func byKey(of certificate: TelematikCertificate) -> OCSPResponderID {
        .byKey(Array(Insecure.SHA1.hash(data: certificate.subjectPublicKeyInfo.publicKey)))
    }

    /// Whether `certificate` is the responder this identifier names.
    public func identifies(_ certificate: TelematikCertificate) -> Bool {
        switch self {
        case .byName(let name): name == certificate.subjectDER
        case .byKey: self == .byKey(of: certificate)
        }
    }

    var derEncoded: [UInt8] {
        switch self {
        case .byName(let name): OCSPDERWriter.explicit(1, name)
        case .byKey(let hash): OCSPDERWriter.explicit(2, OCSPDERWriter.octetString(hash))
        }
    }
}
