/// A Norwegian organisation number: nine digits whose last is a MOD11 check digit.
public struct OrganisationNumber: Hashable, Sendable, CustomStringConvertible {
    public let digits: String

    static let weights = [3, 2, 7, 6, 5, 4, 3, 2]

    /// Accepts spaces ("923 609 016"); refuses anything that is not nine digits with a valid check digit.
    public init?(_ text: String) {
        let compact = text.filter { !$0.isWhitespace }
        guard compact.count == 9, compact.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let values = compact.compactMap { $0.wholeNumberValue }
        guard let check = Self.checkDigit(Array(values.prefix(8))), check == values[8] else { return nil }
        digits = compact
    }

    /// Nil when the remainder gives 10: no number with those first eight digits is valid.
    static func checkDigit(_ first8: [Int]) -> Int? {
        let sum = zip(first8, weights).reduce(0) { $0 + $1.0 * $1.1 }
        let remainder = 11 - sum % 11
        switch remainder {
        case 11: return 0
        case 10: return nil
        default: return remainder
        }
    }

    /// Shown grouped, as Brønnøysundregistrene does: "923 609 016".
    public var description: String {
        let a = digits.prefix(3), b = digits.dropFirst(3).prefix(3), c = digits.suffix(3)
        return "\(a) \(b) \(c)"
    }
}
