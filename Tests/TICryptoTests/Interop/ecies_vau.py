#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Independent ERP-VAU implementation with Python `cryptography`, used as an interop oracle by VAUInteropTests.

ECIES as in gemSpec_Krypt A_20161-01 (see spec/ref-impl.md B.1): brainpoolP256r1 ECDH, HKDF-SHA256 with empty salt
and info "ecies-vau-transport" to 16 bytes, AES-128-GCM without AAD; message 0x01 || X || Y || IV || ct || tag.
The response direction (A_20174) is AES-128-GCM with the client's key: IV || ct || tag.

Usage (all values hex, result hex on stdout):
  ecies_vau.py encrypt <recipient X9.62 point> <plaintext>
  ecies_vau.py decrypt <private scalar> <message>
  ecies_vau.py response-seal <key> <plaintext>
  ecies_vau.py response-open <key> <message>
"""
import os
import sys

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

CURVE = ec.BrainpoolP256R1()


def content_key(shared_secret: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=16, salt=None, info=b"ecies-vau-transport").derive(shared_secret)


def encrypt(recipient_point: bytes, plaintext: bytes) -> bytes:
    recipient = ec.EllipticCurvePublicKey.from_encoded_point(CURVE, recipient_point)
    ephemeral = ec.generate_private_key(CURVE)
    key = content_key(ephemeral.exchange(ec.ECDH(), recipient))
    iv = os.urandom(12)
    point = ephemeral.public_key().public_numbers()
    return b"\x01" + point.x.to_bytes(32, "big") + point.y.to_bytes(32, "big") + iv + AESGCM(key).encrypt(iv, plaintext, None)


def decrypt(scalar: bytes, message: bytes) -> bytes:
    if len(message) < 1 + 64 + 12 + 16 or message[0] != 0x01:
        raise ValueError("not a VAU message")
    private = ec.derive_private_key(int.from_bytes(scalar, "big"), CURVE)
    ephemeral = ec.EllipticCurvePublicKey.from_encoded_point(CURVE, b"\x04" + message[1:65])
    key = content_key(private.exchange(ec.ECDH(), ephemeral))
    return AESGCM(key).decrypt(message[65:77], message[77:], None)


def main() -> None:
    command, first, second = sys.argv[1], bytes.fromhex(sys.argv[2]), bytes.fromhex(sys.argv[3])
    if command == "encrypt":
        result = encrypt(first, second)
    elif command == "decrypt":
        result = decrypt(first, second)
    elif command == "response-seal":
        iv = os.urandom(12)
        result = iv + AESGCM(first).encrypt(iv, second, None)
    elif command == "response-open":
        result = AESGCM(first).decrypt(second[:12], second[12:], None)
    else:
        raise SystemExit(f"unknown command {command}")
    print(result.hex())


if __name__ == "__main__":
    main()
