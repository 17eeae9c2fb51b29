/// Many rows in statements of a few hundred, so multi-row inserts and IN lists stay under both
/// databases' bind limits.
extension Array {
    func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
