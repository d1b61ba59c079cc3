// SPDX-License-Identifier: Apache-2.0

import TICrypto
import Testing

@Suite("DistinguishedName")
struct DistinguishedNameTests {
    typealias Attribute = DistinguishedName.Attribute
    typealias AttributeType = DistinguishedName.AttributeType

    private func name(_ pairs: [(OID, String)]) -> DistinguishedName {
        DistinguishedName(rdns: pairs.map { .init(attributes: [Attribute(oid: $0.0, value: $0.1)]) })
    }

    @Test(
        "RFC 4514 §2.4 escaping",
        arguments: [
            ("a,b", "a\\,b"), ("a+b", "a\\+b"), ("\"q\"", "\\\"q\\\""), ("a;b<c>d", "a\\;b\\<c\\>d"), ("back\\slash", "back\\\\slash"),
            (" lead", "\\ lead"), ("trail ", "trail\\ "), ("#hash", "\\#hash"), ("mid#dle", "mid#dle"), ("Ärzte", "Ärzte"),
        ]
    )
    func escaping(value: String, expected: String) {
        #expect(name([(AttributeType.commonName, value)]).description == "CN=\(expected)")
    }

    @Test("Order is reversed and unknown types are dotted")
    func order() {
        let dn = name([(AttributeType.countryName, "DE"), (AttributeType.organizationName, "gematik"), ("1.2.3.4", "x")])
        #expect(dn.description == "1.2.3.4=x,O=gematik,C=DE")
        #expect(dn.country == "DE")
        #expect(dn.organizationName == "gematik")
        #expect(dn.values(of: "1.2.3.4") == ["x"])
        #expect(dn.commonName == nil)
    }
}
