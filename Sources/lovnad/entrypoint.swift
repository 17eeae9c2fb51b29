import Foundation
import LovnadApp
import Logging
import Vapor

@main
enum Entrypoint {
    static func main() async {
        do {
            var env = try Environment.detect()
            try LoggingSystem.bootstrap(from: &env)
            let app = try await Application.make(env)
            do {
                try await configure(app, settings: try Settings.load())
                try await app.execute()
            } catch {
                try? await app.asyncShutdown()
                fail(error)
            }
            try await app.asyncShutdown()
        } catch {
            fail(error)
        }
    }

    /// A failed command says why on stderr and exits non-zero, without a crash report.
    static func fail(_ error: any Error) -> Never {
        FileHandle.standardError.write(Data("lovnad: \(error)\n".utf8))
        exit(1)
    }
}
