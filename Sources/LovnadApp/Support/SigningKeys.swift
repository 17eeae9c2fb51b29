import Crypto
import Foundation
import Vapor

/// One key per purpose, derived from the session secret with HKDF-SHA256 and the purpose as its label:
/// a value signed for one purpose (a CSRF token) is never a valid signature for another (a calendar
/// feed), whatever text an attacker gets signed.
struct SigningKeys: Sendable {
    enum Purpose: String, CaseIterable, Sendable {
        case csrf = "lovnad csrf v2"
        case calendarFeed = "lovnad calendar feed v2"
    }

    private let keys: [Purpose: SymmetricKey]

    init(secret: String) {
        let material = SymmetricKey(data: Data(secret.utf8))
        var keys: [Purpose: SymmetricKey] = [:]
        for purpose in Purpose.allCases {
            keys[purpose] = HKDF<SHA256>.deriveKey(inputKeyMaterial: material, salt: Data("lovnad".utf8),
                                                   info: Data(purpose.rawValue.utf8), outputByteCount: 32)
        }
        self.keys = keys
    }

    /// The MAC of `message` under the purpose's key, base64url without padding.
    func sign(_ message: String, for purpose: Purpose) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: keys[purpose]!)
        return Data(mac).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Whether `signature` is `message`'s MAC for this purpose, compared in constant time.
    func verify(_ signature: String, of message: String, for purpose: Purpose) -> Bool {
        let expected = Array(sign(message, for: purpose).utf8)
        let given = Array(signature.utf8)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

extension Application {
    private struct SigningKeysKey: StorageKey { typealias Value = SigningKeys }

    /// Derived once in `configure` from the session secret.
    var signingKeys: SigningKeys {
        get { storage[SigningKeysKey.self]! }
        set { storage[SigningKeysKey.self] = newValue }
    }
}
