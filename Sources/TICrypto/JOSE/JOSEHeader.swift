// SPDX-License-Identifier: Apache-2.0

internal import Foundation

/// The protected header of a JWS (RFC 7515 §4) or JWE (RFC 7516 §4): a JSON object with typed accessors for the
/// members the gematik IDP uses.
///
/// The IDP signs with `alg: BP256R1` and sets `typ` (`JWT`, `at+JWT`), `kid` (`puk_idp_sig`), `cty` (`NJWT` for a
/// nested token), `x5c` and `exp`; its JWEs carry `alg`, `enc`, `epk` and `exp` (spec/ref-impl.md C.1, C.2). Setting an
/// accessor to nil removes the member; ``fields`` holds every member, including ones without an accessor.
public struct JOSEHeader: Hashable, Sendable {
    /// All members.
    public var fields: [String: JOSEValue]

    /// A header with exactly `fields`.
    public init(fields: [String: JOSEValue]) {
        self.fields = fields
    }

    /// A header with the common members; nil members are left out. `alg` and `enc` are set by signing or encryption.
    public init(
        typ: String? = nil,
        cty: String? = nil,
        kid: String? = nil,
        x5c: [[UInt8]]? = nil,
        exp: Int64? = nil,
        additionalFields: [String: JOSEValue] = [:]
    ) {
        self.fields = additionalFields
        self.typ = typ
        self.cty = cty
        self.kid = kid
        self.x5c = x5c
        self.exp = exp
    }

    /// The member `name`.
    public subscript(name: String) -> JOSEValue? {
        get { self.fields[name] }
        set { self.fields[name] = newValue }
    }

    /// `alg`: the signature (RFC 7515 §4.1.1) or key-management algorithm (RFC 7516 §4.1.1).
    public var alg: String? {
        get { self.fields["alg"]?.stringValue }
        set { self.fields["alg"] = newValue.map(JOSEValue.string) }
    }

    /// `enc`: the content-encryption algorithm of a JWE (RFC 7516 §4.1.2).
    public var enc: String? {
        get { self.fields["enc"]?.stringValue }
        set { self.fields["enc"] = newValue.map(JOSEValue.string) }
    }

    /// `typ` (RFC 7515 §4.1.9), for example `JWT` or `at+JWT`.
    public var typ: String? {
        get { self.fields["typ"]?.stringValue }
        set { self.fields["typ"] = newValue.map(JOSEValue.string) }
    }

    /// `cty` (RFC 7515 §4.1.10), `NJWT` when the payload is itself a JWT (gematik IDP signed challenge).
    public var cty: String? {
        get { self.fields["cty"]?.stringValue }
        set { self.fields["cty"] = newValue.map(JOSEValue.string) }
    }

    /// `kid` (RFC 7515 §4.1.4), for example `puk_idp_sig`.
    public var kid: String? {
        get { self.fields["kid"]?.stringValue }
        set { self.fields["kid"] = newValue.map(JOSEValue.string) }
    }

    /// `exp`, a NumericDate in seconds; the gematik IDP puts the expiry of challenges and tokens into the header.
    public var exp: Int64? {
        get { self.fields["exp"]?.integerValue }
        set { self.fields["exp"] = newValue.map(JOSEValue.integer) }
    }

    /// `x5c` (RFC 7515 §4.1.6): DER certificates, signer first; standard base64 in JSON. Nil when absent or malformed.
    public var x5c: [[UInt8]]? {
        get {
            guard let elements = self.fields["x5c"]?.arrayValue else { return nil }
            var chain: [[UInt8]] = []
            for element in elements {
                guard let text = element.stringValue, let der = Data(base64Encoded: text) else { return nil }
                chain.append(Array(der))
            }
            return chain
        }
        set {
            self.fields["x5c"] = newValue.map { chain in .array(chain.map { .string(Data($0).base64EncodedString()) }) }
        }
    }

    /// `epk` (RFC 7518 §4.6.1.1): the sender's ephemeral public key of an `ECDH-ES` JWE. Nil when absent or malformed.
    public var epk: JWK? {
        get { self.fields["epk"]?.objectValue.flatMap { try? JWK(jsonObject: $0) } }
        set { self.fields["epk"] = newValue.map { .object($0.jsonObject) } }
    }

    /// `apu` (RFC 7518 §4.6.1.2), Agreement PartyUInfo, base64url-decoded. Nil when absent or not base64url.
    public var apu: [UInt8]? {
        get { self.fields["apu"]?.stringValue.flatMap { try? Base64URL.decode($0) } }
        set { self.fields["apu"] = newValue.map { .string(Base64URL.encode($0)) } }
    }

    /// `apv` (RFC 7518 §4.6.1.3), Agreement PartyVInfo, base64url-decoded. Nil when absent or not base64url.
    public var apv: [UInt8]? {
        get { self.fields["apv"]?.stringValue.flatMap { try? Base64URL.decode($0) } }
        set { self.fields["apv"] = newValue.map { .string(Base64URL.encode($0)) } }
    }

    /// Compact UTF-8 JSON with sorted keys, as it goes into a protected header.
    public var jsonRepresentation: [UInt8] { JOSEValue.encodeObject(self.fields) }
}
