import SQLKit

extension SQLInsertBuilder {
    /// Rows of plain values, each bound.
    func rows(binding rows: [[any Encodable & Sendable]]) -> Self {
        self.rows(rows.map { $0.map { SQLBind($0) as any SQLExpression } })
    }
}
