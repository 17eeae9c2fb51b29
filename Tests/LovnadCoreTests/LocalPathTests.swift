import Testing
@testable import LovnadCore

@Suite struct LocalPathTests {
    @Test func keepsPathsOnThisSite() {
        for path in ["/", "/people?q=Kari%20N", "/engagements/1b4e?done=staffed#team", "/people?q=Bjørn"] {
            #expect(LocalPath.safe(path) == path)
        }
    }

    @Test func sendsEverythingElseHome() {
        let hostile = [
            nil, "", "people", "https://evil.example", "//evil.example", "/\\evil.example", "\\\\evil.example",
            "/\t/evil.example/path", "/\n/evil.example", "/\r\nSet-Cookie: x=1", "/%0d%0aSet-Cookie:%20x=1",
            "/%09/evil.example", "/%2F/evil.example", "/%5Cevil.example", "/a\\b", "/a b", "/a\u{0}b", "/a%00b",
            "/\u{2028}x", "/\u{200B}/evil.example", "/\u{85}x", "/%zz", "/" + String(repeating: "a", count: 3000),
        ]
        for path in hostile {
            #expect(LocalPath.safe(path) == "/", "\(String(describing: path))")
        }
    }
}
