// SPDX-License-Identifier: Apache-2.0

public import Foundation

extension TestPKI {
    /// One entry of `revocations.json`.
    public struct Revocation: Codable, Hashable, Sendable {
        /// The identity name.
        public var name: String
        /// The certificate serial number: its DER content octets as lower-case hex.
        public var serial: String
        /// The `name` of the issuing CA.
        public var issuer: String
        /// When it was revoked, whole seconds (ISO 8601 UTC in JSON, e.g. `2025-06-01T12:00:00Z`).
        public var revokedAt: Date
        /// Why.
        public var reason: CRLReason

        /// Creates an entry.
        public init(name: String, serial: String, issuer: String, revokedAt: Date, reason: CRLReason) {
            self.name = name
            self.serial = serial
            self.issuer = issuer
            self.revokedAt = Date(timeIntervalSince1970: revokedAt.timeIntervalSince1970.rounded(.down))
            self.reason = reason
        }

        private enum CodingKeys: String, CodingKey {
            case name, serial, issuer, revokedAt, reason
        }

        /// Decodes an entry; `revokedAt` must be ISO 8601 with a time zone.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let text = try container.decode(String.self, forKey: .revokedAt)
            guard let date = try? Date(text, strategy: .iso8601) else {
                throw DecodingError.dataCorruptedError(forKey: .revokedAt, in: container, debugDescription: "not ISO 8601: \(text)")
            }
            let reasonName = try container.decode(String.self, forKey: .reason)
            guard let reason = CRLReason(name: reasonName) else {
                throw DecodingError.dataCorruptedError(forKey: .reason, in: container, debugDescription: "not a CRLReason: \(reasonName)")
            }
            self.init(
                name: try container.decode(String.self, forKey: .name),
                serial: try container.decode(String.self, forKey: .serial),
                issuer: try container.decode(String.self, forKey: .issuer),
                revokedAt: date,
                reason: reason
            )
        }

        /// Encodes the entry with `revokedAt` as ISO 8601 UTC.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(self.name, forKey: .name)
            try container.encode(self.serial, forKey: .serial)
            try container.encode(self.issuer, forKey: .issuer)
            try container.encode(self.revokedAt.formatted(.iso8601), forKey: .revokedAt)
            try container.encode(self.reason.name, forKey: .reason)
        }
    }

    /// Records the revocation of identity `name`'s certificate.
    /// - Returns: the new entry.
    /// - Throws: `unknownIdentity`; `revocationRefused` for the root or an identity revoked already.
    @discardableResult
    public mutating func revoke(_ name: String, reason: CRLReason = .unspecified, at date: Date = Date()) throws(TICryptoError) -> Revocation {
        let identity = try self.identity(named: name)
        guard let issuer = identity.issuer else {
            throw TICryptoError(.revocationRefused, reason: "\(name) is the root CA; it has no issuer to revoke it")
        }
        guard !self.isRevoked(identity) else {
            throw TICryptoError(.revocationRefused, reason: "\(name) is revoked already")
        }
        let entry = Revocation(
            name: name,
            serial: identity.certificate.serialNumberHex.lowercased(),
            issuer: issuer,
            revokedAt: date,
            reason: reason
        )
        self.revocations.append(entry)
        return entry
    }

    /// Whether the certificate of `identity` is listed in ``revocations``.
    public func isRevoked(_ identity: Identity) -> Bool {
        let serial = identity.certificate.serialNumberHex.lowercased()
        return self.revocations.contains { $0.serial == serial && $0.issuer == identity.issuer }
    }
}
