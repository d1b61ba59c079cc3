// SPDX-License-Identifier: Apache-2.0

import Crypto
import Testing

@testable import Storage

struct LookupHashTests {
    private let cipher = try! PersonalDataCipher(masterKey: SymmetricKey(data: [UInt8](0..<32)))

    @Test func isStable() throws {
        let hash = try self.cipher.lookupHash("X110580065", kind: .kvnr)
        #expect(hash.hex == "3bf45e579110bf95e2bd7cf0bc42be6d59c40e790fe5bd3739f94c65d77e5bbb")
        #expect(hash.bytes.count == 32)
        #expect(hash.description == hash.hex)
        #expect(try self.cipher.lookupHash("X110580065", kind: .kvnr) == hash)
    }

    @Test func separatesTheKindsOfValue() throws {
        for value in ["X110580065", "3-SMC-B-Testkarte-883110000116873", "A"] {
            #expect(try self.cipher.lookupHash(value, kind: .kvnr) != self.cipher.lookupHash(value, kind: .telematikID))
        }
    }

    @Test func normalisesKVNRs() throws {
        let canonical = try self.cipher.lookupHash("X110580065", kind: .kvnr)
        for spelling in ["x110580065", " X110580065", "X110580065\r\n", "\tx110580065 "] {
            #expect(try self.cipher.lookupHash(spelling, kind: .kvnr) == canonical)
        }
        #expect(try self.cipher.lookupHash("X110580066", kind: .kvnr) != canonical)
    }

    @Test func keepsTheCaseOfTelematikIDs() throws {
        let canonical = try self.cipher.lookupHash("3-SMC-B-Testkarte-883110000116873", kind: .telematikID)
        #expect(try self.cipher.lookupHash(" 3-SMC-B-Testkarte-883110000116873\n", kind: .telematikID) == canonical)
        #expect(try self.cipher.lookupHash("3-smc-b-testkarte-883110000116873", kind: .telematikID) != canonical)
    }

    @Test func dependsOnTheMasterKey() throws {
        let other = try PersonalDataCipher(masterKey: SymmetricKey(size: .bits256))
        #expect(try other.lookupHash("X110580065", kind: .kvnr) != self.cipher.lookupHash("X110580065", kind: .kvnr))
    }

    @Test(arguments: ["", " ", "\n\t"])
    func refusesAnEmptyValue(value: String) {
        #expect(throws: StorageError(.invalidLookupValue)) { try self.cipher.lookupHash(value, kind: .kvnr) }
        #expect(throws: StorageError(.invalidLookupValue)) { try self.cipher.lookupHash(value, kind: .telematikID) }
    }

    @Test func namesItsKinds() {
        #expect(LookupHash.Kind.kvnr.description == "kvnr")
        #expect(LookupHash.Kind.telematikID.description == "telematik-id")
    }
}
