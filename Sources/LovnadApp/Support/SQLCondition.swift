import Fluent
import SQLKit

extension QueryBuilder {
    /// A condition written in SQL, in brackets of its own: Fluent joins filters with AND as written, so
    /// an OR at the top of an embedded condition bound looser than the filters around it (the channel
    /// list's open channels ignored its cursor and came back on every page).
    @discardableResult
    func filter(sql condition: SQLQueryString) -> Self {
        filter(.sql(embed: "(\(condition))"))
    }
}
