import Foundation

/// When no secret is configured, one is generated on first start and kept in the data folder,
/// so sessions and CSRF tokens survive restarts.
enum SessionSecretFile {
    static func loadOrCreate(in directory: String) throws -> String {
        let path = (directory as NSString).appendingPathComponent("session-secret")
        if let existing = try? String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines),
           existing.utf8.count >= 32 {
            return existing
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let secret = RandomToken.make(bytes: 32)
        guard FileManager.default.createFile(atPath: path, contents: Data(secret.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw SettingsError(description: "could not write the session secret to \(path)")
        }
        return secret
    }
}
