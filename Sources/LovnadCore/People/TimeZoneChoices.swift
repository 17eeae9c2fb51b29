/// The time zones a person can choose, as a picker shows them: the zones most of a Norwegian
/// consultancy's people and customers live in first, then every zone grouped by its region.
public enum TimeZoneChoices {
    public static let common = ["Europe/Oslo", "Europe/Stockholm", "Europe/Copenhagen", "Europe/Helsinki", "Europe/London",
                                "Europe/Berlin", "Europe/Warsaw", "America/New_York", "America/Los_Angeles", "Asia/Kolkata",
                                "Asia/Singapore", "UTC"]

    public struct Group: Sendable, Equatable {
        public let label: L
        public let zones: [String]
    }

    /// The common zones that exist here, then each region's zones in order of their names.
    public static func groups(_ identifiers: [String]) -> [Group] {
        let known = Set(identifiers)
        var byRegion: [String: [String]] = [:]
        for id in identifiers {
            guard let slash = id.firstIndex(of: "/") else { continue }
            byRegion[String(id[..<slash]), default: []].append(id)
        }
        let order: [(String, L)] = [("Europe", .regionEurope), ("America", .regionAmerica), ("Asia", .regionAsia), ("Africa", .regionAfrica),
                                    ("Australia", .regionAustralia), ("Pacific", .regionPacific), ("Atlantic", .regionAtlantic),
                                    ("Indian", .regionIndian), ("Antarctica", .regionAntarctica), ("Arctic", .regionArctic)]
        var groups = [Group(label: .regionCommon, zones: common.filter(known.contains))]
        for (region, label) in order {
            if let zones = byRegion.removeValue(forKey: region) { groups.append(Group(label: label, zones: zones.sorted())) }
        }
        let rest = byRegion.values.flatMap { $0 } + identifiers.filter { !$0.contains("/") && !common.contains($0) }
        if !rest.isEmpty { groups.append(Group(label: .regionOther, zones: rest.sorted())) }
        return groups.filter { !$0.zones.isEmpty }
    }

    /// "America/Argentina/Buenos_Aires" as "Argentina – Buenos Aires"; the region is the group's name.
    public static func place(_ id: String) -> String {
        let parts = id.split(separator: "/").map { $0.replacingOccurrences(of: "_", with: " ") }
        return parts.count > 1 ? parts.dropFirst().joined(separator: " – ") : parts.first ?? id
    }
}
